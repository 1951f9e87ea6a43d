from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from inti.ekspor import JENIS_XLSX
from inti.forms import kesalahan_ke_form
from inti.galat import Ditolak, IsianTidakValid
from wilayah.lingkup import lingkup_wajib
from wilayah.models import Penugasan

from . import services
from .excel import TemplatPengguna, baca_pengguna
from .forms import ImporPenggunaForm, PenggunaBaruForm, PeranForm
from .selectors import penugasan_pengguna, pengguna_ambil, pengguna_kelola, wajib_administrator


@lingkup_wajib
def daftar(request):
    cari = request.GET.get("cari", "").strip()
    halaman = Paginator(pengguna_kelola(request.user, cari), 50).get_page(request.GET.get("halaman"))
    return render(request, "administrasi/daftar.html", {"halaman": halaman, "cari": cari})


@lingkup_wajib
def tambah(request):
    wajib_administrator(request.user)
    form = PenggunaBaruForm(request.POST or None, oleh=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.pengguna_buat(oleh=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        except Ditolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Akun {user.username} dibuat; tautan untuk membuat kata sandi dikirim ke {user.email}.")
            return redirect("administrasi:pengguna", user.pk)
    return render(request, "administrasi/tambah.html", {"form": form})


@lingkup_wajib
def pengguna(request, pk: int):
    target = pengguna_ambil(request.user, pk)
    form = PeranForm(request.POST or None, oleh=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.peran_tambah(oleh=request.user, user=target, **form.cleaned_data)
        except (ValidationError, Ditolak) as exc:
            form.add_error(None, "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, "Peran ditambahkan.")
            return redirect("administrasi:pengguna", target.pk)
    return render(request, "administrasi/pengguna.html", {
        "target": target, "penugasan": penugasan_pengguna(request.user, target), "form": form,
    })


@lingkup_wajib
@require_POST
def cabut(request, pk: int, penugasan: int):
    target = pengguna_ambil(request.user, pk)
    p = get_object_or_404(Penugasan, pk=penugasan, user=target)
    try:
        services.peran_cabut(oleh=request.user, penugasan=p)
    except Ditolak as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, "Peran dicabut.")
    if pengguna_kelola(request.user).filter(pk=target.pk).exists():
        return redirect("administrasi:pengguna", target.pk)
    return redirect("administrasi:daftar")  # no role left inside: the user is no longer ours


@lingkup_wajib
@require_POST
def aktif(request, pk: int):
    target = pengguna_ambil(request.user, pk)
    try:
        services.pengguna_aktifkan(oleh=request.user, user=target, aktif=request.POST.get("aktif") == "1")
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Akun diaktifkan." if request.POST.get("aktif") == "1" else "Akun dinonaktifkan.")
    return redirect("administrasi:pengguna", target.pk)


@lingkup_wajib
def templat(request):
    wajib_administrator(request.user)
    return TemplatPengguna().respons("xlsx")


@lingkup_wajib
def impor(request):
    wajib_administrator(request.user)
    form = ImporPenggunaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            hasil = services.pengguna_impor(oleh=request.user, baris=baca_pengguna(berkas))
        except IsianTidakValid as exc:
            return render(request, "administrasi/impor_gagal.html", {"kesalahan": exc.kesalahan, "nama_berkas": berkas.name},
                          status=400)
        messages.success(request, f"Impor selesai: {hasil.dibuat} akun baru, {hasil.peran_baru} peran baru, "
                                  f"{hasil.sudah_ada} baris sudah ada (tidak diubah).")
        return redirect("administrasi:daftar")
    return render(request, "administrasi/impor.html", {"form": form, "jenis_xlsx": JENIS_XLSX})
