from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aksi.jadwal import hari_ini
from aksi.models import Jadwal
from aksi.services import jadwal_perpanjang, jadwal_ubah, perpanjangan_minta, perpanjangan_putuskan
from inti.ekspor import JENIS_XLSX
from inti.forms import kesalahan_ke_form
from inti.galat import Ditolak, IsianTidakValid
from wilayah.lingkup import lingkup_wajib
from wilayah.models import Penugasan, Wilayah

from . import services
from .excel import TemplatPengguna, baca_pengguna
from .forms import ImporPenggunaForm, JadwalForm, MintaPerpanjanganForm, PenggunaBaruForm, PeranForm, PerpanjanganForm
from .selectors import (
    akar_kelola,
    dalam_kelola,
    jadwal_tahun,
    penugasan_pengguna,
    pengguna_ambil,
    pengguna_kelola,
    perpanjangan_kelola,
    permintaan_perpanjangan,
    wajib_administrator,
)


@lingkup_wajib
def daftar(request):
    cari = request.GET.get("cari", "").strip()
    halaman = Paginator(pengguna_kelola(request.user, cari), 50).get_page(request.GET.get("halaman"))
    akar = akar_kelola(request.user) or []
    return render(request, "administrasi/daftar.html", {"halaman": halaman, "cari": cari, "tahun": hari_ini().year,
                                                        "kop": Wilayah.objects.filter(kode__in=akar).order_by("kode")})


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
@require_POST
def tautan_sandi(request, pk: int):
    target = pengguna_ambil(request.user, pk)
    try:
        services.tautan_sandi_kirim_ulang(oleh=request.user, user=target, request=request)
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Tautan untuk membuat kata sandi dikirim ke {target.email}.")
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


@lingkup_wajib
def jadwal(request, tahun: int):
    """The year's windows per step and level (the central administrator moves them) and the
    extensions granted to a wilayah and its subtree (every wilayah administrator)."""
    wajib_administrator(request.user)
    semua = jadwal_tahun(tahun)
    perpanjang = PerpanjanganForm(request.POST if "perpanjang" in request.POST else None, oleh=request.user,
                                  jadwal=Jadwal.objects.filter(siklus_id=tahun).select_related("tahapan"))
    if request.method == "POST" and "ubah" in request.POST and request.user.is_superuser:
        j = get_object_or_404(Jadwal, pk=request.POST.get("ubah"), siklus_id=tahun)
        form = JadwalForm(request.POST, prefix=str(j.pk))
        if form.is_valid():
            try:
                jadwal_ubah(oleh=request.user, jadwal=j, **form.cleaned_data)
                messages.success(request, f"Jadwal {j.tahapan.nama} tingkat {j.get_tingkat_display()} disimpan.")
            except Ditolak as exc:
                messages.error(request, str(exc))
        else:
            messages.error(request, "Tanggal tidak valid: " + "; ".join(e for es in form.errors.values() for e in es))
        return redirect("administrasi:jadwal", tahun)
    if request.method == "POST" and perpanjang.is_valid():
        d = perpanjang.cleaned_data
        try:
            jadwal_perpanjang(oleh=request.user, jadwal=d["jadwal"], wilayah=d["wilayah"], selesai=d["selesai"], alasan=d["alasan"])
        except Ditolak as exc:
            perpanjang.add_error(None, str(exc))
        else:
            messages.success(request, f"Jadwal {d['wilayah'].nama_lengkap} diperpanjang sampai {d['selesai']:%d-%m-%Y}.")
            return redirect("administrasi:jadwal", tahun)
    minta = MintaPerpanjanganForm(request.POST if "minta" in request.POST else None, oleh=request.user, prefix="minta",
                                  jadwal=Jadwal.objects.filter(siklus_id=tahun).select_related("tahapan"))
    if request.method == "POST" and minta.is_valid():
        try:
            perpanjangan_minta(oleh=request.user, **minta.cleaned_data)
        except Ditolak as exc:
            minta.add_error(None, str(exc))
        else:
            messages.success(request, "Permintaan perpanjangan dikirim ke administrator wilayah di atas Anda.")
            return redirect("administrasi:jadwal", tahun)
    menunggu, permintaan = permintaan_perpanjangan(request.user, tahun)
    baris = [(j, JadwalForm(initial={"mulai": j.mulai, "selesai": j.selesai}, prefix=str(j.pk))) for j in semua]
    return render(request, "administrasi/jadwal.html", {
        "tahun": tahun, "baris": baris, "perpanjang": perpanjang, "perpanjangan": perpanjangan_kelola(request.user, tahun),
        "minta": minta, "menunggu": menunggu, "permintaan": permintaan,
    })


@lingkup_wajib
@require_POST
def putuskan(request, tahun: int, pk: int):
    """Grant or refuse a request of a wilayah below, with a reason (others' requests: 404)."""
    menunggu, _ = permintaan_perpanjangan(request.user, tahun)
    permintaan = next((p for p in menunggu if p.pk == pk), None)
    if permintaan is None:
        raise Http404("Permintaan tidak ditemukan.")
    setuju = request.POST.get("setuju") == "1"
    try:
        perpanjangan_putuskan(oleh=request.user, permintaan=permintaan, setuju=setuju, alasan=request.POST.get("keputusan", ""))
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Perpanjangan diberikan." if setuju else "Permintaan ditolak.")
    return redirect("administrasi:jadwal", tahun)


@lingkup_wajib
def kop_surat(request, kode: str):
    """The letterhead of a wilayah the user administers: its name (from the region) and a logo to set or remove."""
    from wilayah.selectors import kop_surat as kop

    akar = wajib_administrator(request.user)
    wilayah = get_object_or_404(Wilayah, kode=kode)
    if not dalam_kelola(akar, wilayah.kode):
        raise Http404("Halaman tidak ditemukan.")
    galat = ""
    if request.method == "POST":
        try:
            services.kop_surat_simpan(oleh=request.user, wilayah=wilayah,
                                      logo=None if "hapus" in request.POST else request.FILES.get("logo"))
        except ValidationError as exc:
            galat = "; ".join(exc.messages)
        else:
            messages.success(request, "Kop surat disimpan; dokumen PDF berikutnya memakainya.")
            return redirect("administrasi:kop-surat", wilayah.kode)
    return render(request, "administrasi/kop_surat.html", {"wilayah": wilayah, "kop": kop(wilayah), "galat": galat},
                  status=400 if galat else 200)

