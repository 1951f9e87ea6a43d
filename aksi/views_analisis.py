"""Pages of the Analisis situasi documents: one page per section (list + add form), an edit
page per row, delete, the meeting minutes download, and the kab/kota (provinsi) overview of
the regions below. Views parse, call services_analisis, and render; every Laporan comes
through `laporan_ambil`, so anything outside the user's scope answers 404.

htmx: the add and delete forms post with hx-post and get back the section's fragment
(`_isi_seksi.html`); without JavaScript they post normally and are redirected (PRG).
"""
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from wilayah.choices import Tingkat

from . import forms_analisis as f
from . import services_analisis as s
from .models import Laporan
from .models_analisis import (
    TAHAPAN_ANALISIS, DokumenAnalisis, HasilPengukuran, MasalahLayanan, ProgramKegiatan, Rapat, Rekomendasi,
    TargetCakupan, TargetPrevalensi, UsulanProgram,
)
from .selectors import laporan_ambil
from .selectors_cakupan import cakupan_wilayah_bawah
from .services import AksiDitolak


@dataclass(frozen=True)
class Seksi:
    """One section of the document: its model, form, services and page texts."""

    slug: str
    judul: str
    keterangan: str
    model: type[DokumenAnalisis]
    form: type[f.FormAnalisis]
    buat: Callable
    ubah: Callable
    hapus: Callable
    nama_objek: str  # the keyword ubah/hapus take the row by
    terkait: tuple[str, ...] = ()
    banyak: tuple[str, ...] = ()

    @property
    def nama_isian(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def url(self) -> str:
        return f"aksi:analisis-{self.slug}"

    @property
    def url_ubah(self) -> str:
        return f"aksi:analisis-{self.slug}-ubah"

    @property
    def url_hapus(self) -> str:
        return f"aksi:analisis-{self.slug}-hapus"

    @property
    def templat_tabel(self) -> str:
        return f"aksi/analisis/_tabel_{self.slug}.html"

    def entri(self, laporan: Laporan):
        return self.model.objects.filter(laporan=laporan).select_related(*self.terkait).prefetch_related(*self.banyak)


DAFTAR_SEKSI = [
    Seksi("program", "Program/kegiatan berjalan",
          "Inventarisasi dan pemetaan program/kegiatan yang berjalan per indikator (PJ Sekretariat Kecamatan).",
          ProgramKegiatan, f.ProgramKegiatanForm, s.program_buat, s.program_ubah, s.program_hapus, "program",
          terkait=("indikator",), banyak=("lokasi",)),
    Seksi("masalah", "Masalah dan kendala layanan",
          "Masalah dan kendala cakupan layanan dari sisi penerima layanan, ketersediaan layanan dan tata kelola.",
          MasalahLayanan, f.MasalahLayananForm, s.masalah_buat, s.masalah_ubah, s.masalah_hapus, "masalah",
          terkait=("indikator",)),
    Seksi("rekomendasi", "Rekomendasi", "Rekomendasi per indikator atau umum.",
          Rekomendasi, f.RekomendasiForm, s.rekomendasi_buat, s.rekomendasi_ubah, s.rekomendasi_hapus, "rekomendasi",
          terkait=("indikator",)),
    Seksi("usulan", "Usulan program/kegiatan", "Usulan program/kegiatan untuk perencanaan berikutnya.",
          UsulanProgram, f.UsulanProgramForm, s.usulan_buat, s.usulan_ubah, s.usulan_hapus, "usulan",
          terkait=("indikator",), banyak=("lokasi",)),
    Seksi("pengukuran", "Hasil pengukuran balita",
          "Hasil pengukuran balita bulan Agustus tahun sebelumnya per wilayah di bawahnya (Dinas Kesehatan).",
          HasilPengukuran, f.HasilPengukuranForm, s.pengukuran_buat, s.pengukuran_ubah, s.pengukuran_hapus, "pengukuran",
          terkait=("wilayah",)),
    Seksi("target-prevalensi", "Target prevalensi stunting", "Target prevalensi dari RPJPD, RPJMD dan RKPD (Bappeda).",
          TargetPrevalensi, f.TargetPrevalensiForm, s.target_prevalensi_buat, s.target_prevalensi_ubah,
          s.target_prevalensi_hapus, "target"),
    Seksi("target-cakupan", "Target cakupan layanan", "Target cakupan layanan per indikator (Bappeda).",
          TargetCakupan, f.TargetCakupanForm, s.target_cakupan_buat, s.target_cakupan_ubah, s.target_cakupan_hapus,
          "target", terkait=("indikator",)),
    Seksi("rapat", "Rapat", "Rapat lintas OPD terintegrasi dan rapat internal OPD, dengan notulennya (Bappeda).",
          Rapat, f.RapatForm, s.rapat_buat, s.rapat_ubah, s.rapat_hapus, "rapat"),
]
SEKSI = {seksi.slug: seksi for seksi in DAFTAR_SEKSI}


# --- helpers ---------------------------------------------------------------------------------

def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _ambil(request, pk: int, slug: str) -> tuple[Laporan, Seksi]:
    laporan = laporan_ambil(user=request.user, pk=pk)
    seksi = SEKSI[slug]
    if not s.berlaku_untuk(laporan, seksi.model):
        raise Http404("Bagian dokumen ini tidak ada pada laporan tersebut.")
    return laporan, seksi


def _seksi_laporan(laporan: Laporan) -> list[Seksi]:
    return [seksi for seksi in DAFTAR_SEKSI if s.berlaku_untuk(laporan, seksi.model)]


def _versi(request) -> int | None:
    try:
        return int(request.POST.get("versi", ""))
    except ValueError:
        return None


def _kesalahan_ke_form(form, exc: ValidationError) -> None:
    """Service errors onto the form: on the field where the form has it, else at the top."""
    for nama, pesan in exc.message_dict.items():
        if nama in form.fields:
            form.add_error(nama, pesan)
        elif nama == NON_FIELD_ERRORS:
            form.add_error(None, pesan)
        else:
            form.add_error(None, [f"{nama}: {p}" for p in pesan])


def _konteks(request, laporan: Laporan, seksi: Seksi, form=None) -> dict:
    bagian = seksi.model.bagian_laporan(laporan)
    alasan = s.alasan_tidak_dapat_diisi(request.user, bagian, seksi.model)
    if alasan is None and form is None:
        form = seksi.form(laporan=laporan)
    konteks = {
        "laporan": laporan, "seksi": seksi, "daftar_seksi": _seksi_laporan(laporan), "bagian": bagian,
        "dapat_isi": alasan is None, "alasan": alasan, "form": form, "entri": seksi.entri(laporan),
        "sebagian": _htmx(request),
    }
    if seksi.model is HasilPengukuran:
        konteks["jumlah"] = _jumlah_pengukuran(laporan)
    return konteks


def _jumlah_pengukuran(laporan: Laporan) -> dict:
    jumlah = HasilPengukuran.objects.filter(laporan=laporan).aggregate(diukur=Sum("jumlah_diukur"), stunting=Sum("jumlah_stunting"))
    jumlah["prevalensi"] = HasilPengukuran(
        jumlah_diukur=jumlah["diukur"] or 0, jumlah_stunting=jumlah["stunting"] or 0,
    ).prevalensi
    return jumlah


def _tampil(request, laporan: Laporan, seksi: Seksi, form=None, status: int = 200):
    templat = "aksi/analisis/_isi_seksi.html" if _htmx(request) else "aksi/analisis/seksi.html"
    return render(request, templat, _konteks(request, laporan, seksi, form), status=status)


def _kembali(request, laporan: Laporan, seksi: Seksi):
    """After a write: the fresh fragment for htmx, a redirect (PRG) otherwise."""
    if _htmx(request):
        return _tampil(request, laporan, seksi)
    return redirect(seksi.url, pk=laporan.pk)


# --- sections ------------------------------------------------------------------------------------

@login_required
def ringkasan(request, pk: int):
    """The document's sections at this level, with their part's state and number of rows."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_ANALISIS or laporan.wilayah.tingkat not in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Laporan ini bukan laporan analisis situasi.")
    baris = [(seksi, seksi.model.bagian_laporan(laporan), seksi.model.objects.filter(laporan=laporan).count())
             for seksi in _seksi_laporan(laporan)]
    return render(request, "aksi/analisis/ringkasan.html", {
        "laporan": laporan, "baris": baris, "daftar_seksi": _seksi_laporan(laporan),
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
    alasan = s.alasan_tidak_dapat_diisi(request.user, bagian, sk.model)
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
    return render(request, "aksi/analisis/ubah.html", {
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


@login_required
def notulen(request, pk: int, obj: int):
    """The minutes of a meeting, only to readers of the Laporan (the file name on disk is never shown)."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    rapat = get_object_or_404(Rapat, pk=obj, laporan=laporan)
    if not rapat.notulen:
        raise Http404("Rapat ini belum memiliki notulen.")
    ekstensi = rapat.notulen.name.rsplit(".", 1)[-1]
    return FileResponse(rapat.notulen.open("rb"), filename=f"notulen-{rapat.tanggal:%Y-%m-%d}.{ekstensi}")


# --- the regions below (kab/kota and provinsi) --------------------------------------------------

@login_required
def analisis_bawah(request, pk: int):
    """For a kab/kota (provinsi) Laporan: the kecamatan (kab/kota) below, their state and coverage."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_ANALISIS or laporan.wilayah.tingkat not in (Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Ringkasan wilayah di bawahnya hanya ada pada analisis situasi kabupaten/kota dan provinsi.")
    provinsi = laporan.wilayah.tingkat == Tingkat.PROVINSI
    return render(request, "aksi/analisis/bawah.html", {
        "laporan": laporan, "daftar_seksi": _seksi_laporan(laporan), "provinsi": provinsi,
        "label_anak": "Kabupaten/kota" if provinsi else "Kecamatan",
        "cakupan": cakupan_wilayah_bawah(wilayah=laporan.wilayah, tahun=laporan.tahun, tahapan_id=laporan.tahapan_id),
    })
