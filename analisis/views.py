"""Pages of the Analisis situasi documents: one page per section (list + add form), an edit
page per row, delete, the meeting minutes download, the kab/kota (provinsi) overview of the
regions below and the PDF. Views parse, call analisis.services through the section pages of
aksi.seksi, and render; every Laporan comes through `laporan_ambil`, so anything outside the
user's scope answers 404.
"""
from dataclasses import dataclass

from django.db.models import Sum
from django.http import FileResponse, Http404
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from aksi.models import Laporan
from aksi.seksi import HalamanSeksi, Seksi
from aksi.cetak import pdf_laporan
from aksi.selectors import laporan_ambil
from inti.forms import versi_dikirim
from inti.galat import Ditolak, IsianTidakValid
from wilayah.lingkup import lingkup_wajib
from wilayah.choices import Tingkat

from . import forms as f
from . import services as s
from .models import (
    TAHAPAN_ANALISIS, HasilPengukuran, MasalahLayanan, ProgramKegiatan, Rapat, Rekomendasi,
    TargetAnggaran, TargetCakupan, TargetPrevalensi, UsulanProgram,
)
from .excel import TemplatTargetAnggaran, baca_target_anggaran
from .selectors import cakupan_wilayah_bawah, masalah_usulan_bawah


@dataclass(frozen=True)
class SeksiAnalisis(Seksi):
    """A section of the Analisis situasi documents."""

    URL = "analisis:{slug}"
    URL_UBAH = "analisis:{slug}-ubah"
    URL_HAPUS = "analisis:{slug}-hapus"
    TABEL = "analisis/_tabel_{slug}.html"


DAFTAR_SEKSI = [
    SeksiAnalisis("program", "Program/kegiatan berjalan",
                  "Inventarisasi dan pemetaan program/kegiatan yang berjalan per indikator (PJ Sekretariat Kecamatan).",
                  ProgramKegiatan, f.ProgramKegiatanForm, s.program_buat, s.program_ubah, s.program_hapus, "program",
                  terkait=("indikator",), banyak=("lokasi",)),
    SeksiAnalisis("masalah", "Masalah dan kendala layanan",
                  "Masalah dan kendala cakupan layanan dari sisi penerima layanan, ketersediaan layanan dan tata kelola.",
                  MasalahLayanan, f.MasalahLayananForm, s.masalah_buat, s.masalah_ubah, s.masalah_hapus, "masalah",
                  terkait=("indikator",)),
    SeksiAnalisis("rekomendasi", "Rekomendasi", "Rekomendasi per indikator atau umum.",
                  Rekomendasi, f.RekomendasiForm, s.rekomendasi_buat, s.rekomendasi_ubah, s.rekomendasi_hapus, "rekomendasi",
                  terkait=("indikator",)),
    SeksiAnalisis("usulan", "Usulan program/kegiatan", "Usulan program/kegiatan untuk perencanaan berikutnya.",
                  UsulanProgram, f.UsulanProgramForm, s.usulan_buat, s.usulan_ubah, s.usulan_hapus, "usulan",
                  terkait=("indikator",), banyak=("lokasi",)),
    SeksiAnalisis("pengukuran", "Hasil pengukuran balita",
                  "Hasil pengukuran balita bulan Agustus tahun sebelumnya per wilayah di bawahnya (Dinas Kesehatan).",
                  HasilPengukuran, f.HasilPengukuranForm, s.pengukuran_buat, s.pengukuran_ubah, s.pengukuran_hapus, "pengukuran",
                  terkait=("wilayah",)),
    SeksiAnalisis("target-prevalensi", "Target prevalensi stunting", "Target prevalensi dari RPJPD, RPJMD dan RKPD (Bappeda).",
                  TargetPrevalensi, f.TargetPrevalensiForm, s.target_prevalensi_buat, s.target_prevalensi_ubah,
                  s.target_prevalensi_hapus, "target"),
    SeksiAnalisis("target-cakupan", "Target cakupan layanan", "Target cakupan layanan per indikator (Bappeda).",
                  TargetCakupan, f.TargetCakupanForm, s.target_cakupan_buat, s.target_cakupan_ubah, s.target_cakupan_hapus,
                  "target", terkait=("indikator",)),
    SeksiAnalisis("rapat", "Rapat", "Rapat lintas OPD terintegrasi dan rapat internal OPD, dengan notulennya (Bappeda).",
                  Rapat, f.RapatForm, s.rapat_buat, s.rapat_ubah, s.rapat_hapus, "rapat"),
    SeksiAnalisis("target-anggaran", "Target dan capaian anggaran",
                  "Target anggaran dan capaiannya per indikator dan OPD (Bappeda); juga lewat Excel.",
                  TargetAnggaran, f.TargetAnggaranForm, s.target_anggaran_buat, s.target_anggaran_ubah, s.target_anggaran_hapus,
                  "target", terkait=("indikator", "unit")),
]


def _jumlah_pengukuran(laporan: Laporan) -> dict:
    jumlah = HasilPengukuran.objects.filter(laporan=laporan).aggregate(diukur=Sum("jumlah_diukur"), stunting=Sum("jumlah_stunting"))
    jumlah["prevalensi"] = HasilPengukuran(
        jumlah_diukur=jumlah["diukur"] or 0, jumlah_stunting=jumlah["stunting"] or 0,
    ).prevalensi
    return jumlah


def _tambahan(request, laporan: Laporan, seksi: Seksi, entri) -> dict:
    return {"jumlah": _jumlah_pengukuran(laporan)} if seksi.model is HasilPengukuran else {}


HALAMAN = HalamanSeksi(templat="analisis/seksi.html", templat_ubah="analisis/ubah.html", daftar=DAFTAR_SEKSI,
                       berlaku_untuk=s.berlaku_untuk, tambahan=_tambahan)


# --- sections ------------------------------------------------------------------------------------

@lingkup_wajib
def ringkasan(request, pk: int):
    """The document's sections at this level, with their part's state and number of rows."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_ANALISIS or laporan.wilayah.tingkat not in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Laporan ini bukan laporan analisis situasi.")
    return render(request, "analisis/ringkasan.html", {
        "laporan": laporan, "baris": HALAMAN.ringkasan(laporan), **HALAMAN.navigasi(laporan),
    })


# a section page (rows + add form), its edit page and its delete (aksi.seksi)
seksi, ubah, hapus = HALAMAN.tampilan()


@lingkup_wajib
def notulen(request, pk: int, obj: int):
    """The minutes of a meeting, only to readers of the Laporan (the file name on disk is never shown)."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    rapat = get_object_or_404(Rapat, pk=obj, laporan=laporan)
    if not rapat.notulen:
        raise Http404("Rapat ini belum memiliki notulen.")
    ekstensi = rapat.notulen.name.rsplit(".", 1)[-1]
    return FileResponse(rapat.notulen.open("rb"), filename=f"notulen-{rapat.tanggal:%Y-%m-%d}.{ekstensi}")


# --- the regions below (kab/kota and provinsi) --------------------------------------------------

@lingkup_wajib
def analisis_bawah(request, pk: int):
    """For a kab/kota (provinsi) Laporan: the kecamatan (kab/kota) below, their state and coverage."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_ANALISIS or laporan.wilayah.tingkat not in (Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Ringkasan wilayah di bawahnya hanya ada pada analisis situasi kabupaten/kota dan provinsi.")
    provinsi = laporan.wilayah.tingkat == Tingkat.PROVINSI
    return render(request, "analisis/bawah.html", {
        "laporan": laporan, **HALAMAN.navigasi(laporan), "provinsi": provinsi,
        "label_anak": "Kabupaten/kota" if provinsi else "Kecamatan",
        "cakupan": cakupan_wilayah_bawah(wilayah=laporan.wilayah, tahun=laporan.tahun, tahapan_id=laporan.tahapan_id),
    })


@lingkup_wajib
@require_GET
def unduh_pdf(request, pk: int):
    """The Analisis situasi document of a Laporan as PDF."""
    laporan = laporan_ambil(user=request.user, pk=pk)  # 404 outside the user's scope
    if laporan.tahapan_id != TAHAPAN_ANALISIS:
        raise Http404("Dokumen PDF hanya tersedia untuk tahapan analisis situasi.")
    # 2.5–19 s to render: made by Celery and kept until its data change (D101)
    return pdf_laporan(request, laporan, jenis="analisis-situasi", pembuat="analisis.pdf.dokumen_analisis_situasi",
                       nama_berkas=f"analisis-situasi-{laporan.tahun}-{laporan.wilayah_id}.pdf")


def _laporan_daerah(request, pk: int) -> Laporan:
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_ANALISIS or laporan.wilayah.tingkat not in (Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Halaman ini hanya ada pada analisis situasi kabupaten/kota dan provinsi.")
    return laporan


@lingkup_wajib
def masalah_bawah(request, pk: int):
    """The problems and proposals of the approved kecamatan analyses below, by indicator, with counts (D95)."""
    laporan = _laporan_daerah(request, pk)
    return render(request, "analisis/masalah_bawah.html", {
        "laporan": laporan, **HALAMAN.navigasi(laporan), "aktif": "masalah-bawah", "per_indikator": masalah_usulan_bawah(laporan),
    })


@lingkup_wajib
def target_anggaran_xlsx(request, pk: int):
    """The budget targets as xlsx (the upload's template)."""
    return TemplatTargetAnggaran(_laporan_daerah(request, pk)).respons("xlsx")


@lingkup_wajib
@require_POST
def target_anggaran_unggah(request, pk: int):
    """Replace the budget targets by the uploaded xlsx: all or nothing, each problem named."""
    laporan = _laporan_daerah(request, pk)
    berkas = request.FILES.get("berkas")
    try:
        if berkas is None:
            raise Ditolak("Pilih berkas Excel (.xlsx) yang diunggah.")
        jumlah = s.target_anggaran_impor(user=request.user, laporan=laporan, baris=baca_target_anggaran(berkas, laporan),
                                         versi=versi_dikirim(request))
    except IsianTidakValid as exc:
        return render(request, "analisis/impor_gagal.html", {"laporan": laporan, "kesalahan": exc.kesalahan,
                                                             "nama_berkas": berkas.name}, status=400)
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{jumlah} target anggaran disimpan dari {berkas.name}.")
    return redirect("analisis:target-anggaran", pk=laporan.pk)

