from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wilayah.lingkup import lingkup_wajib

from . import services
from .selectors import notifikasi_saya, surel_aktif


@lingkup_wajib
def daftar(request):
    halaman = Paginator(notifikasi_saya(request.user), 50).get_page(request.GET.get("halaman"))
    return render(request, "notifikasi/daftar.html", {"halaman": halaman, "surel_aktif": surel_aktif(request.user)})


@lingkup_wajib
@require_POST
def baca(request, pk: int):
    """Mark one read and go where it points; another user's notification does not exist (404)."""
    n = get_object_or_404(notifikasi_saya(request.user), pk=pk)
    services.notifikasi_baca(user=request.user, pk=n.pk)
    return redirect(n.url or "notifikasi:daftar")


@lingkup_wajib
@require_POST
def baca_semua(request):
    n = services.notifikasi_baca(user=request.user)
    messages.success(request, f"{n} notifikasi ditandai sudah dibaca.")
    return redirect("notifikasi:daftar")


@lingkup_wajib
@require_POST
def pengaturan(request):
    aktif = request.POST.get("surel") == "1"
    services.pengaturan_ubah(user=request.user, surel=aktif)
    messages.success(request, "Notifikasi juga dikirim lewat surel." if aktif else "Notifikasi hanya ditampilkan di portal.")
    return redirect("notifikasi:daftar")
