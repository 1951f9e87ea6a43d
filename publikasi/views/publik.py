"""Public pages (no login): published regulasi and publikasi with their files, and the
region chooser (wilayah.pilihan: three cascading selects, served to htmx), which the complaint
form of `pengaduan` uses too.
Only what the selectors call public ever reaches these views."""
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from inti.unggah import unduh
from wilayah.pilihan import pilihan_dari

from ..models import JenisPublikasi, JenisRegulasi
from ..selectors import (
    publikasi_ambil_publik,
    publikasi_terbit,
    regulasi_ambil_publik,
    regulasi_publik,
)


def _tahun(teks: str) -> int | None:
    return int(teks) if teks.isdigit() and len(teks) == 4 else None


def _tanpa_halaman(params) -> str:
    """The query string without the page number, for the pager's links."""
    salinan = params.copy()
    salinan.pop("halaman", None)
    return salinan.urlencode()


@require_GET
def pilih_wilayah(request):
    """The three selects again, for the parent just chosen (htmx swaps them in place)."""
    return render(request, "publikasi/publik/_pilih_wilayah.html", {"pilihan": pilihan_dari(request.GET)})


@require_GET
def regulasi(request):
    pilihan = pilihan_dari(request.GET)
    jenis = request.GET.get("jenis", "")
    jenis = jenis if jenis in JenisRegulasi.values else ""
    tahun = _tahun(request.GET.get("tahun", ""))
    qs = regulasi_publik(wilayah_kode=pilihan.terpilih or None, tahun=tahun, jenis=jenis or None)
    return render(request, "publikasi/publik/regulasi.html", {
        "menu": "regulasi",
        "halaman": Paginator(qs, 30).get_page(request.GET.get("halaman")), "pilihan": pilihan,
        "jenis": jenis, "tahun": tahun, "pilihan_jenis": JenisRegulasi.choices,
        "kueri": _tanpa_halaman(request.GET),
    })


@require_GET
def regulasi_unduh(request, pk: int):
    objek = regulasi_ambil_publik(pk)
    return unduh(objek.berkas, f"regulasi-{objek.laporan.wilayah_id}-{objek.pk}", publik=True, lampiran=False)


@require_GET
def berita(request):
    pilihan = pilihan_dari(request.GET)
    jenis = request.GET.get("jenis", "")
    jenis = jenis if jenis in JenisPublikasi.values else ""
    qs = publikasi_terbit(wilayah_kode=pilihan.terpilih or None, jenis=jenis or None)
    return render(request, "publikasi/publik/berita.html", {
        "menu": "berita",
        "halaman": Paginator(qs, 12).get_page(request.GET.get("halaman")), "pilihan": pilihan, "jenis": jenis,
        "pilihan_jenis": JenisPublikasi.choices, "kueri": _tanpa_halaman(request.GET),
    })


@require_GET
def berita_detail(request, slug: str):
    return render(request, "publikasi/publik/berita_detail.html", {"objek": publikasi_ambil_publik(slug), "menu": "berita"})


@require_GET
def berita_gambar(request, slug: str):
    objek = publikasi_ambil_publik(slug)
    return unduh(objek.gambar, f"gambar-{objek.slug}", publik=True, lampiran=False)


@require_GET
def berita_lampiran(request, slug: str):
    objek = publikasi_ambil_publik(slug)
    return unduh(objek.lampiran, f"lampiran-{objek.slug}", publik=True, lampiran=False)
