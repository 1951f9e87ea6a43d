"""Pages of the Pra-musrenbang documents: the overview of the sections, one page per section
(list + add form), an edit page per row, delete, the Berita Acara PDF to print and sign, and the
download of its signed scan. Views parse, call services_musrenbang, and render; every Laporan
comes through `laporan_ambil`, so anything outside the user's scope answers 404.

The same page shapes and htmx behaviour as views_analisis (its section fragment, form fields and
row buttons are reused): the add and delete forms post with hx-post and get back the section's
fragment; without JavaScript they post normally and are redirected (PRG).
"""
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wilayah.choices import Tingkat

from . import forms_musrenbang as f
from . import services_musrenbang as s
from .models import Laporan
from .models_musrenbang import (
    TAHAPAN_MUSRENBANG, AgendaMusrenbang, BeritaAcara, DeklarasiKomitmen, EvaluasiKinerjaOPD, Penghargaan, RencanaProgram,
)
from .pdf_musrenbang import dokumen_berita_acara, rencana_per_kategori
from .selectors import laporan_ambil
from .services import AksiDitolak
from .services_analisis import alasan_tidak_dapat_diisi
from .views_analisis import Seksi, _htmx, _kesalahan_ke_form, _versi


@dataclass(frozen=True)
class SeksiMusrenbang(Seksi):
    """A section of the Pra-musrenbang documents; `tunggal`: at most one row (the add form hides after it)."""

    tunggal: bool = False

    @property
    def url(self) -> str:
        return f"aksi:musrenbang-{self.slug}"

    @property
    def url_ubah(self) -> str:
        return f"aksi:musrenbang-{self.slug}-ubah"

    @property
    def url_hapus(self) -> str:
        return f"aksi:musrenbang-{self.slug}-hapus"

    @property
    def templat_tabel(self) -> str:
        return f"aksi/musrenbang/_tabel_{self.slug}.html"


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
SEKSI = {seksi.slug: seksi for seksi in DAFTAR_SEKSI}


# --- helpers ---------------------------------------------------------------------------------

def _laporan(request, pk: int) -> Laporan:
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_MUSRENBANG or laporan.wilayah.tingkat not in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Laporan ini bukan laporan pra-musrenbang.")
    return laporan


def _ambil(request, pk: int, slug: str) -> tuple[Laporan, SeksiMusrenbang]:
    laporan = laporan_ambil(user=request.user, pk=pk)
    seksi = SEKSI[slug]
    if not s.berlaku_untuk(laporan, seksi.model):
        raise Http404("Bagian dokumen ini tidak ada pada laporan tersebut.")
    return laporan, seksi


def _seksi_laporan(laporan: Laporan) -> list[SeksiMusrenbang]:
    return [seksi for seksi in DAFTAR_SEKSI if s.berlaku_untuk(laporan, seksi.model)]


def _konteks(request, laporan: Laporan, seksi: SeksiMusrenbang, form=None) -> dict:
    bagian = seksi.model.bagian_laporan(laporan)
    alasan = alasan_tidak_dapat_diisi(request.user, bagian, seksi.model)
    entri = seksi.entri(laporan)
    penuh = seksi.tunggal and entri.exists()
    if alasan is None and form is None and not penuh:
        form = seksi.form(laporan=laporan)
    konteks = {
        "laporan": laporan, "seksi": seksi, "daftar_seksi": _seksi_laporan(laporan), "bagian": bagian,
        "dapat_isi": alasan is None, "alasan": alasan, "form": form, "entri": entri, "sebagian": _htmx(request),
    }
    if seksi.model is RencanaProgram:
        konteks["kelompok"], konteks["total"] = rencana_per_kategori(entri)
        konteks["label_lokasi"] = s.label_wilayah_bawah(laporan)
    return konteks


def _tampil(request, laporan: Laporan, seksi: SeksiMusrenbang, form=None, status: int = 200):
    templat = "aksi/analisis/_isi_seksi.html" if _htmx(request) else "aksi/musrenbang/seksi.html"
    return render(request, templat, _konteks(request, laporan, seksi, form), status=status)


def _kembali(request, laporan: Laporan, seksi: SeksiMusrenbang):
    """After a write: the fresh fragment for htmx, a redirect (PRG) otherwise."""
    if _htmx(request):
        return _tampil(request, laporan, seksi)
    return redirect(seksi.url, pk=laporan.pk)


# --- overview and sections ---------------------------------------------------------------------

@login_required
def ringkasan(request, pk: int):
    """The sections at this level, with their part's state and number of rows, and the Berita Acara."""
    laporan = _laporan(request, pk)
    baris = [(seksi, seksi.model.bagian_laporan(laporan), seksi.model.objects.filter(laporan=laporan).count())
             for seksi in _seksi_laporan(laporan)]
    return render(request, "aksi/musrenbang/ringkasan.html", {
        "laporan": laporan, "baris": baris, "daftar_seksi": _seksi_laporan(laporan),
        "berita_acara": BeritaAcara.objects.filter(laporan=laporan).first(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def seksi(request, pk: int, seksi: str):
    """A section: its rows and, for whoever may fill the part now, the add form."""
    laporan, sk = _ambil(request, pk, seksi)
    if request.method == "GET":
        return _tampil(request, laporan, sk)
    form = sk.form(request.POST, request.FILES, laporan=laporan)
    if form.is_valid():
        try:
            sk.buat(user=request.user, laporan=laporan, **form.cleaned_data)
        except ValidationError as exc:
            _kesalahan_ke_form(form, exc)
        except AksiDitolak as exc:
            messages.error(request, str(exc))
            return _kembali(request, laporan, sk)
        else:
            messages.success(request, f"{sk.model._meta.verbose_name.capitalize()} ditambahkan.")
            return _kembali(request, laporan, sk)
    # htmx swaps only 2xx answers: the fragment with the errors comes back as 200.
    return _tampil(request, laporan, sk, form, status=200 if _htmx(request) else 400)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, pk: int, seksi: str, obj: int):
    laporan, sk = _ambil(request, pk, seksi)
    objek = get_object_or_404(sk.model, pk=obj, laporan=laporan)
    bagian = sk.model.bagian_laporan(laporan)
    alasan = alasan_tidak_dapat_diisi(request.user, bagian, sk.model)
    if alasan:
        messages.error(request, alasan)
        return redirect(sk.url, pk=laporan.pk)
    if request.method == "GET":
        form, versi, status = sk.form(instance=objek, laporan=laporan), bagian.versi, 200
    else:
        form, versi, status = sk.form(request.POST, request.FILES, instance=objek, laporan=laporan), _versi(request), 400
        if form.is_valid():
            try:
                sk.ubah(user=request.user, versi=versi if versi is not None else -1, **{sk.nama_objek: objek}, **form.cleaned_data)
            except ValidationError as exc:
                _kesalahan_ke_form(form, exc)
            except AksiDitolak as exc:
                messages.error(request, str(exc))
                return redirect(sk.url, pk=laporan.pk)
            else:
                messages.success(request, f"{sk.model._meta.verbose_name.capitalize()} diperbarui.")
                return redirect(sk.url, pk=laporan.pk)
    return render(request, "aksi/musrenbang/ubah.html", {
        "laporan": laporan, "seksi": sk, "objek": objek, "form": form, "versi": versi, "bagian": bagian,
        "daftar_seksi": _seksi_laporan(laporan),
    }, status=status)


@login_required
@require_POST
def hapus(request, pk: int, seksi: str, obj: int):
    laporan, sk = _ambil(request, pk, seksi)
    objek = get_object_or_404(sk.model, pk=obj, laporan=laporan)
    try:
        sk.hapus(user=request.user, versi=_versi(request), **{sk.nama_objek: objek})
    except AksiDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{sk.model._meta.verbose_name.capitalize()} dihapus.")
    return _kembali(request, laporan, sk)


# --- the Berita Acara --------------------------------------------------------------------------

@login_required
@require_GET
def berita_acara_pdf(request, pk: int):
    """The Berita Acara to print and sign (blank lines where it is not filled in yet)."""
    laporan = _laporan(request, pk)
    respons = HttpResponse(dokumen_berita_acara(laporan), content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="berita-acara-pra-musrenbang-{laporan.tahun}-{laporan.wilayah_id}.pdf"'
    respons["Cache-Control"] = "private, no-store"
    return respons


@login_required
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

