"""Staff pages of the publikasi (articles, news, infographics): the list in the user's scope,
write a draft, preview, edit, delete, publish and withdraw (approver), and the scoped files.
Views parse, call services, and render; rows outside the user's scope answer 404."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.forms import kesalahan_ke_form, versi_dikirim
from inti.galat import Ditolak
from inti.unggah import unduh

from wilayah.lingkup import lingkup_wajib
from .. import services as s
from ..forms import PublikasiForm
from ..models import StatusPublikasi
from ..selectors import (
    boleh_menerbitkan,
    publikasi_ambil,
    publikasi_dapat_dibaca,
    wilayah_penulis,
)


@lingkup_wajib
@require_GET
def daftar(request):
    qs = publikasi_dapat_dibaca(request.user)
    status = request.GET.get("status", "")
    if status in StatusPublikasi.values:
        qs = qs.filter(status=status)
    return render(request, "publikasi/berita/daftar.html", {
        "halaman": Paginator(qs, 30).get_page(request.GET.get("halaman")), "status": status,
        "pilihan_status": StatusPublikasi.choices, "dapat_menulis": wilayah_penulis(request.user).exists(),
    })


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def baru(request):
    wilayah = wilayah_penulis(request.user)
    if request.method == "GET":
        form = PublikasiForm(wilayah=wilayah, initial={"wilayah": wilayah.first()})
        return render(request, "publikasi/berita/form.html", {"form": form, "objek": None})
    form = PublikasiForm(request.POST, request.FILES, wilayah=wilayah)
    if form.is_valid():
        data = form.cleaned_data
        try:
            objek = s.publikasi_buat(user=request.user, wilayah=data["wilayah"], jenis=data["jenis"], judul=data["judul"],
                                     isi=data["isi"], keterangan_gambar=data["keterangan_gambar"],
                                     gambar=data["gambar"], lampiran=data["lampiran"])
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        except Ditolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Draf publikasi disimpan. Penyetuju wilayah menerbitkannya.")
            return redirect("publikasi:berita-detail", pk=objek.pk)
    return render(request, "publikasi/berita/form.html", {"form": form, "objek": None}, status=400)


@lingkup_wajib
@require_GET
def detail(request, pk: int):
    """Preview as the public will see it, with the actions the user may take."""
    objek = publikasi_ambil(user=request.user, pk=pk)
    return render(request, "publikasi/berita/detail.html", {
        "objek": objek, "boleh_menulis": s.boleh_menulis_publikasi(request.user, objek.wilayah) and not objek.terbit,
        "boleh_terbit": boleh_menerbitkan(request.user, objek),
    })


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def ubah(request, pk: int):
    objek = publikasi_ambil(user=request.user, pk=pk)
    if request.method == "GET":
        return render(request, "publikasi/berita/form.html", {"form": PublikasiForm(instance=objek), "objek": objek,
                                                               "versi": objek.versi})
    form = PublikasiForm(request.POST, request.FILES, instance=objek)
    if form.is_valid():
        data = form.cleaned_data
        try:
            s.publikasi_ubah(user=request.user, publikasi=objek, versi=versi_dikirim(request) or -1, jenis=data["jenis"],
                             judul=data["judul"], isi=data["isi"], keterangan_gambar=data["keterangan_gambar"],
                             gambar=data["gambar"], lampiran=data["lampiran"],
                             hapus_gambar=data.get("hapus_gambar", False), hapus_lampiran=data.get("hapus_lampiran", False))
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        except Ditolak as exc:
            messages.error(request, str(exc))
            return redirect("publikasi:berita-detail", pk=objek.pk)
        else:
            messages.success(request, "Publikasi diperbarui.")
            return redirect("publikasi:berita-detail", pk=objek.pk)
    return render(request, "publikasi/berita/form.html", {"form": form, "objek": objek, "versi": versi_dikirim(request)}, status=400)


def _jalankan(request, pk: int, fungsi, berhasil: str, ke_daftar: bool = False):
    objek = publikasi_ambil(user=request.user, pk=pk)
    try:
        fungsi(objek)
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, berhasil)
        if ke_daftar:
            return redirect("publikasi:berita")
    return redirect("publikasi:berita-detail", pk=objek.pk)


@lingkup_wajib
@require_POST
def hapus(request, pk: int):
    return _jalankan(request, pk, lambda o: s.publikasi_hapus(user=request.user, publikasi=o, versi=versi_dikirim(request)),
                     "Draf publikasi dihapus.", ke_daftar=True)


@lingkup_wajib
@require_POST
def terbitkan(request, pk: int):
    return _jalankan(request, pk, lambda o: s.publikasi_terbitkan(user=request.user, publikasi=o),
                     "Publikasi terbit di portal publik.")


@lingkup_wajib
@require_POST
def tarik(request, pk: int):
    return _jalankan(request, pk, lambda o: s.publikasi_tarik(user=request.user, publikasi=o, alasan=request.POST.get("alasan", "")),
                     "Publikasi ditarik ke draf; tidak lagi tampil di portal publik.")


@lingkup_wajib
@require_GET
def gambar(request, pk: int):
    objek = publikasi_ambil(user=request.user, pk=pk)
    return unduh(objek.gambar, f"gambar-{objek.slug}", lampiran=False)


@lingkup_wajib
@require_GET
def lampiran(request, pk: int):
    objek = publikasi_ambil(user=request.user, pk=pk)
    return unduh(objek.lampiran, f"lampiran-{objek.slug}", lampiran=False)
