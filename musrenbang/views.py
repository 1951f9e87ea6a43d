"""Pages of the Pra-musrenbang documents: the overview of the sections, one page per section
(list + add form), an edit page per row, delete, the Berita Acara PDF to print and sign, and the
download of its signed scan. Views parse, call musrenbang.services through the section pages of
aksi.seksi (the same page shapes, htmx behaviour and section fragment as the Analisis
situasi), and render; every Laporan comes through `laporan_ambil`, so anything outside the
user's scope answers 404.
"""
from dataclasses import dataclass

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from aksi.models import Laporan
from aksi.selectors import laporan_ambil
from aksi.seksi import HalamanSeksi, Seksi
from wilayah.lingkup import lingkup_wajib
from wilayah.choices import Tingkat

from . import forms as f
from . import services as s
from .models import (
    TAHAPAN_MUSRENBANG, AgendaMusrenbang, BeritaAcara, DeklarasiKomitmen, EvaluasiKinerjaOPD, Penghargaan, RencanaProgram,
)
from .pdf import dokumen_berita_acara, rencana_per_kategori


@dataclass(frozen=True)
class SeksiMusrenbang(Seksi):
    """A section of the Pra-musrenbang documents."""

    URL = "musrenbang:{slug}"
    URL_UBAH = "musrenbang:{slug}-ubah"
    URL_HAPUS = "musrenbang:{slug}-hapus"
    TABEL = "musrenbang/_tabel_{slug}.html"


DAFTAR_SEKSI = [
    SeksiMusrenbang("agenda", "Agenda", "Agenda pra-musrenbang: kendala, masalah dan keberhasilan cakupan layanan; program dan "
                    "intervensi prioritas; rencana tahun depan; klasifikasi program (dan, di kabupaten/kota dan provinsi, "
                    "evaluasi kinerja OPD, deklarasi komitmen, penghargaan).",
                    AgendaMusrenbang, f.AgendaForm, s.agenda_buat, s.agenda_ubah, s.agenda_hapus, "agenda"),
    SeksiMusrenbang("rencana", "Rencana program/kegiatan", "Daftar program/kegiatan yang direncanakan tahun depan, "
                    "diklasifikasikan fisik prasarana, sosial budaya atau ekonomi.",
                    RencanaProgram, f.RencanaProgramForm, s.rencana_buat, s.rencana_ubah, s.rencana_hapus, "rencana",
                    terkait=("unit_pelaksana",), banyak=("indikator", "lokasi")),
    SeksiMusrenbang("evaluasi-opd", "Evaluasi kinerja OPD", "Evaluasi kinerja perangkat daerah dalam intervensi stunting.",
                    EvaluasiKinerjaOPD, f.EvaluasiOPDForm, s.evaluasi_opd_buat, s.evaluasi_opd_ubah, s.evaluasi_opd_hapus,
                    "evaluasi", terkait=("unit",)),
    SeksiMusrenbang("komitmen", "Deklarasi komitmen", "Deklarasi komitmen pimpinan daerah.",
                    DeklarasiKomitmen, f.KomitmenForm, s.komitmen_buat, s.komitmen_ubah, s.komitmen_hapus, "komitmen"),
    SeksiMusrenbang("penghargaan", "Penghargaan", "Penghargaan kepada OPD, lembaga atau desa/kelurahan berkinerja baik.",
                    Penghargaan, f.PenghargaanForm, s.penghargaan_buat, s.penghargaan_ubah, s.penghargaan_hapus, "penghargaan"),
    SeksiMusrenbang("berita-acara", "Berita acara", "Berita acara pra-musrenbang: cetak, tandatangani, lalu unggah pindaiannya.",
                    BeritaAcara, f.BeritaAcaraForm, s.berita_acara_buat, s.berita_acara_ubah, s.berita_acara_hapus,
                    "berita_acara", tunggal=True),
]


def _tambahan(request, laporan: Laporan, seksi: Seksi, entri) -> dict:
    if seksi.model is not RencanaProgram:
        return {}
    kelompok, total = rencana_per_kategori(entri)
    return {"kelompok": kelompok, "total": total, "label_lokasi": s.label_wilayah_bawah(laporan)}


HALAMAN = HalamanSeksi(templat="musrenbang/seksi.html", templat_ubah="musrenbang/ubah.html",
                       daftar=DAFTAR_SEKSI, berlaku_untuk=s.berlaku_untuk, tambahan=_tambahan)


def _laporan(request, pk: int) -> Laporan:
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_MUSRENBANG or laporan.wilayah.tingkat not in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Laporan ini bukan laporan pra-musrenbang.")
    return laporan


# --- overview and sections ---------------------------------------------------------------------

@lingkup_wajib
def ringkasan(request, pk: int):
    """The sections at this level, with their part's state and number of rows, and the Berita Acara."""
    laporan = _laporan(request, pk)
    return render(request, "musrenbang/ringkasan.html", {
        "laporan": laporan, "baris": HALAMAN.ringkasan(laporan), **HALAMAN.navigasi(laporan),
        "berita_acara": BeritaAcara.objects.filter(laporan=laporan).first(),
    })


# a section page (rows + add form), its edit page and its delete (aksi.seksi)
seksi, ubah, hapus = HALAMAN.tampilan()


# --- the Berita Acara --------------------------------------------------------------------------

@lingkup_wajib
@require_GET
def berita_acara_pdf(request, pk: int):
    """The Berita Acara to print and sign (blank lines where it is not filled in yet)."""
    laporan = _laporan(request, pk)
    respons = HttpResponse(dokumen_berita_acara(laporan), content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="berita-acara-pra-musrenbang-{laporan.tahun}-{laporan.wilayah_id}.pdf"'
    respons["Cache-Control"] = "private, no-store"
    return respons


@lingkup_wajib
@require_GET
def berita_acara_ttd(request, pk: int):
    """The signed scan, only to readers of the Laporan (the file name on disk is never shown)."""
    laporan = _laporan(request, pk)
    berita_acara = get_object_or_404(BeritaAcara, laporan=laporan)
    if not berita_acara.berkas_ttd:
        raise Http404("Pindaian berita acara bertanda tangan belum diunggah.")
    ekstensi = berita_acara.berkas_ttd.name.rsplit(".", 1)[-1]
    respons = FileResponse(berita_acara.berkas_ttd.open("rb"),
                           filename=f"berita-acara-pra-musrenbang-{laporan.tahun}-{laporan.wilayah_id}.{ekstensi}")
    respons["Cache-Control"] = "private, no-store"
    return respons

