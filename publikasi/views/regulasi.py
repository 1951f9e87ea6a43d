"""Staff pages of the regulasi documents: the user's regulasi Laporan, one page per Laporan
(list + add form, edit and delete: the section pages of aksi.seksi, with the Analisis
situasi/Pra-musrenbang section templates), the approver's publish toggle and the scoped
download. Every Laporan comes through `laporan_ambil`, so anything outside the user's scope
answers 404; the workflow itself (ajukan, verifikasi, setujui) stays on the Laporan page of aksi.
"""
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aksi.models import Laporan, Tahapan
from aksi.selectors import laporan_ambil
from aksi.services import laporan_ambil_atau_buat
from aksi.seksi import HalamanSeksi, Seksi
from inti.galat import Ditolak
from inti.unggah import unduh
from wilayah.lingkup import lingkup_wajib
from wilayah.choices import Izin
from wilayah.selectors import boleh_bertindak, wilayah_ambil

from .. import forms as f
from .. import services as s
from ..models import TAHAPAN_REGULASI, Regulasi
from ..selectors import laporan_regulasi_saya


@dataclass(frozen=True)
class SeksiRegulasi(Seksi):
    """The one section of a regulasi Laporan, named for the shared section templates."""

    URL = "publikasi:regulasi-dokumen"
    URL_UBAH = "publikasi:regulasi-ubah"
    URL_HAPUS = "publikasi:regulasi-hapus"
    TABEL = "publikasi/regulasi/_tabel.html"


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


def _tambahan(request, laporan: Laporan, seksi: Seksi, entri) -> dict:
    return {"entri": entri.select_related("dipublikasikan_oleh"),
            "boleh_terbit": boleh_bertindak(request.user, Izin.SETUJUI, laporan.wilayah)}


HALAMAN = HalamanSeksi(templat="publikasi/regulasi/dokumen.html", templat_ubah="publikasi/regulasi/ubah.html",
                       tambahan=_tambahan)


@lingkup_wajib
@require_GET
def daftar(request):
    return render(request, "publikasi/regulasi/daftar.html", {"baris": laporan_regulasi_saya(request.user)})


@lingkup_wajib
@require_POST
def buka(request, tahun: int, kode: str):
    """Open (creating on first use) the regulasi Laporan of a wilayah in scope."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    try:
        laporan = laporan_ambil_atau_buat(user=request.user, tahun=tahun, tahapan=get_object_or_404(Tahapan, pk=TAHAPAN_REGULASI),
                                          wilayah=wilayah)
    except Ditolak as exc:
        raise Http404(str(exc)) from exc
    return redirect(SEKSI.url, pk=laporan.pk)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def dokumen(request, pk: int):
    """The documents of the Laporan and, for whoever may fill its part now, the add form."""
    return HALAMAN.tambah(request, _laporan(request, pk), SEKSI)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def ubah(request, pk: int, obj: int):
    return HALAMAN.ubah(request, _laporan(request, pk), SEKSI, obj)


@lingkup_wajib
@require_POST
def hapus(request, pk: int, obj: int):
    return HALAMAN.hapus(request, _laporan(request, pk), SEKSI, obj)


@lingkup_wajib
@require_POST
def terbit(request, pk: int, obj: int):
    """The approver's publish flag: terbit=1 publishes, terbit=0 withdraws."""
    laporan = _laporan(request, pk)
    objek = get_object_or_404(Regulasi, pk=obj, laporan=laporan)
    terbitkan = request.POST.get("terbit") == "1"
    try:
        s.regulasi_terbitkan(user=request.user, regulasi=objek, terbit=terbitkan)
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        if not terbitkan:
            messages.success(request, "Dokumen ditarik dari portal publik.")
        elif laporan.disetujui:
            messages.success(request, "Dokumen ditandai terbit dan tampil di portal publik.")
        else:
            messages.success(request, "Dokumen ditandai terbit; tampil di portal publik setelah laporan regulasi disetujui.")
    return HALAMAN.kembali(request, laporan, SEKSI)


@lingkup_wajib
@require_GET
def berkas(request, pk: int, obj: int):
    """The PDF, to readers of the Laporan (the name on disk is never shown)."""
    laporan = _laporan(request, pk)
    objek = get_object_or_404(Regulasi, pk=obj, laporan=laporan)
    return unduh(objek.berkas, f"regulasi-{laporan.wilayah_id}-{objek.pk}", lampiran=False)
