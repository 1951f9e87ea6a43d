"""Staff pages of the regulasi documents: the user's regulasi Laporan, one page per Laporan
(list + add form, shared with the Analisis situasi/Pra-musrenbang section templates), edit,
delete, the approver's publish toggle and the scoped download. Every Laporan comes through
`laporan_ambil`, so anything outside the user's scope answers 404; the workflow itself
(ajukan, verifikasi, setujui) stays on the Laporan page of aksi.
"""
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aksi.models import Laporan, Tahapan
from aksi.selectors import laporan_ambil
from aksi.services import AksiDitolak, laporan_ambil_atau_buat
from aksi.services_analisis import alasan_tidak_dapat_diisi
from aksi.views_analisis import Seksi, _htmx, _kesalahan_ke_form, _versi
from wilayah.choices import Izin
from wilayah.selectors import boleh_bertindak, wilayah_ambil

from . import forms as f
from . import services as s
from .berkas import unduh
from .models import TAHAPAN_REGULASI, Regulasi
from .selectors import laporan_regulasi_saya


@dataclass(frozen=True)
class SeksiRegulasi(Seksi):
    """The one section of a regulasi Laporan, named for the shared section templates."""

    @property
    def url(self) -> str:
        return "publikasi:regulasi-dokumen"

    @property
    def url_ubah(self) -> str:
        return "publikasi:regulasi-ubah"

    @property
    def url_hapus(self) -> str:
        return "publikasi:regulasi-hapus"

    @property
    def templat_tabel(self) -> str:
        return "publikasi/regulasi/_tabel.html"


SEKSI = SeksiRegulasi(
    "regulasi", "Dokumen regulasi",
    "Perda, Perbup/Perwali/Pergub, Surat Edaran dan Berita Acara kesepakatan (kecamatan: Berita Acara kesepakatan "
    "dan Surat Edaran) yang mendukung aksi konvergensi, dengan berkas PDF-nya.",
    Regulasi, f.RegulasiForm, s.regulasi_buat, s.regulasi_ubah, s.regulasi_hapus, "regulasi",
    terkait=("tahapan_terkait", "laporan__wilayah"),
)


def _laporan(request, pk: int) -> Laporan:
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_REGULASI:
        raise Http404("Laporan ini bukan laporan regulasi.")
    return laporan


def _konteks(request, laporan: Laporan, form=None) -> dict:
    bagian = Regulasi.bagian_laporan(laporan)
    alasan = alasan_tidak_dapat_diisi(request.user, bagian, Regulasi)
    if alasan is None and form is None:
        form = f.RegulasiForm(laporan=laporan)
    return {
        "laporan": laporan, "seksi": SEKSI, "bagian": bagian, "dapat_isi": alasan is None, "alasan": alasan, "form": form,
        "entri": SEKSI.entri(laporan).select_related("dipublikasikan_oleh"), "sebagian": _htmx(request),
        "boleh_terbit": boleh_bertindak(request.user, Izin.SETUJUI, laporan.wilayah),
    }


def _tampil(request, laporan: Laporan, form=None, status: int = 200):
    templat = "aksi/analisis/_isi_seksi.html" if _htmx(request) else "publikasi/regulasi/dokumen.html"
    return render(request, templat, _konteks(request, laporan, form), status=status)


def _kembali(request, laporan: Laporan):
    return _tampil(request, laporan) if _htmx(request) else redirect(SEKSI.url, pk=laporan.pk)


@login_required
@require_GET
def daftar(request):
    return render(request, "publikasi/regulasi/daftar.html", {"baris": laporan_regulasi_saya(request.user)})


@login_required
@require_POST
def buka(request, tahun: int, kode: str):
    """Open (creating on first use) the regulasi Laporan of a wilayah in scope."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    try:
        laporan = laporan_ambil_atau_buat(user=request.user, tahun=tahun, tahapan=get_object_or_404(Tahapan, pk=TAHAPAN_REGULASI),
                                          wilayah=wilayah)
    except AksiDitolak as exc:
        raise Http404(str(exc)) from exc
    return redirect(SEKSI.url, pk=laporan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def dokumen(request, pk: int):
    """The documents of the Laporan and, for whoever may fill its part now, the add form."""
    laporan = _laporan(request, pk)
    if request.method == "GET":
        return _tampil(request, laporan)
    form = f.RegulasiForm(request.POST, request.FILES, laporan=laporan)
    if form.is_valid():
        try:
            s.regulasi_buat(user=request.user, laporan=laporan, **form.cleaned_data)
        except ValidationError as exc:
            _kesalahan_ke_form(form, exc)
        except AksiDitolak as exc:
            messages.error(request, str(exc))
            return _kembali(request, laporan)
        else:
            messages.success(request, "Dokumen regulasi ditambahkan.")
            return _kembali(request, laporan)
    # htmx swaps only 2xx answers: the fragment with the errors comes back as 200.
    return _tampil(request, laporan, form, status=200 if _htmx(request) else 400)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, pk: int, obj: int):
    laporan = _laporan(request, pk)
    objek = get_object_or_404(Regulasi, pk=obj, laporan=laporan)
    bagian = Regulasi.bagian_laporan(laporan)
    alasan = alasan_tidak_dapat_diisi(request.user, bagian, Regulasi)
    if alasan:
        messages.error(request, alasan)
        return redirect(SEKSI.url, pk=laporan.pk)
    if request.method == "GET":
        form, versi, status = f.RegulasiForm(instance=objek, laporan=laporan), bagian.versi, 200
    else:
        form, versi, status = f.RegulasiForm(request.POST, request.FILES, instance=objek, laporan=laporan), _versi(request), 400
        if form.is_valid():
            try:
                s.regulasi_ubah(user=request.user, regulasi=objek, versi=versi if versi is not None else -1, **form.cleaned_data)
            except ValidationError as exc:
                _kesalahan_ke_form(form, exc)
            except AksiDitolak as exc:
                messages.error(request, str(exc))
                return redirect(SEKSI.url, pk=laporan.pk)
            else:
                messages.success(request, "Dokumen regulasi diperbarui.")
                return redirect(SEKSI.url, pk=laporan.pk)
    return render(request, "publikasi/regulasi/ubah.html", {
        "laporan": laporan, "seksi": SEKSI, "objek": objek, "form": form, "versi": versi, "bagian": bagian,
    }, status=status)


@login_required
@require_POST
def hapus(request, pk: int, obj: int):
    laporan = _laporan(request, pk)
    objek = get_object_or_404(Regulasi, pk=obj, laporan=laporan)
    try:
        s.regulasi_hapus(user=request.user, regulasi=objek, versi=_versi(request))
    except AksiDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Dokumen regulasi dihapus.")
    return _kembali(request, laporan)


@login_required
@require_POST
def terbit(request, pk: int, obj: int):
    """The approver's publish flag: terbit=1 publishes, terbit=0 withdraws."""
    laporan = _laporan(request, pk)
    objek = get_object_or_404(Regulasi, pk=obj, laporan=laporan)
    terbitkan = request.POST.get("terbit") == "1"
    try:
        s.regulasi_terbitkan(user=request.user, regulasi=objek, terbit=terbitkan)
    except AksiDitolak as exc:
        messages.error(request, str(exc))
    else:
        if not terbitkan:
            messages.success(request, "Dokumen ditarik dari portal publik.")
        elif laporan.disetujui:
            messages.success(request, "Dokumen ditandai terbit dan tampil di portal publik.")
        else:
            messages.success(request, "Dokumen ditandai terbit; tampil di portal publik setelah laporan regulasi disetujui.")
    return _kembali(request, laporan)


@login_required
@require_GET
def berkas(request, pk: int, obj: int):
    """The PDF, to readers of the Laporan (the name on disk is never shown)."""
    laporan = _laporan(request, pk)
    objek = get_object_or_404(Regulasi, pk=obj, laporan=laporan)
    return unduh(objek.berkas, f"regulasi-{laporan.wilayah_id}-{objek.pk}", lampiran=False)
