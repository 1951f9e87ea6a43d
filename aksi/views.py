"""Laporan pages: open a step, see its state, parts and history, take the workflow actions.

Every transition goes through a confirmation page (GET on its URL) that shows the completeness of
the part, or of every part for the whole Laporan; the POST needs its box ticked (`konfirmasi`).
"""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from indikator.selectors import versi_terbit
from inti.galat import Ditolak
from wilayah.lingkup import lingkup_wajib
from wilayah.selectors import wilayah_ambil

from . import services
from .forms import LANGKAH, KonfirmasiForm
from .jadwal import jendela_terbuka, keterangan_jendela
from .kemajuan import kemajuan_harian
from .models import BagianLaporan, Tahapan
from .selectors import (
    aksi_pengguna,
    bagian_laporan,
    laporan_ambil,
    laporan_saya,
    menunggu_persetujuan,
    pantau_tahapan,
    ringkasan_tinjauan,
)


@lingkup_wajib
def daftar(request):
    return render(request, "aksi/daftar.html", {"kelompok": laporan_saya(request.user)})


@lingkup_wajib
def buka(request, tahun: int, tahapan: str, kode: str):
    """Open (creating on first use) the Laporan of a step for a wilayah in scope. Outside the scope
    or at a level the step does not run at: 404; a step that cannot be opened yet (no cycle, no RAD
    of that wilayah): back to the Laporan list, which says why."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    tahapan = get_object_or_404(Tahapan, pk=tahapan)
    if not tahapan.berlaku_di(wilayah.tingkat):
        raise Http404(f"Tahapan {tahapan} tidak dilaksanakan di tingkat {wilayah.get_tingkat_display()}.")
    try:
        laporan = services.laporan_ambil_atau_buat(user=request.user, tahun=tahun, tahapan=tahapan, wilayah=wilayah)
    except Ditolak as exc:
        messages.error(request, str(exc))
        return redirect("aksi:daftar")
    return redirect("aksi:laporan", pk=laporan.pk)


@lingkup_wajib
def laporan(request, pk: int):
    obj = laporan_ambil(user=request.user, pk=pk)
    aksi = aksi_pengguna(request.user, obj)
    return render(request, "aksi/laporan.html", {
        "laporan": obj,
        "bagian": bagian_laporan(obj),
        "riwayat": obj.riwayat.select_related("bagian__unit", "oleh"),
        "aksi": aksi,
        "menunggu": menunggu_persetujuan(obj) if aksi.penyetuju and not aksi.setujui else [],
        "jendela_terbuka": jendela_terbuka(obj),
        "keterangan_jendela": keterangan_jendela(obj),
        "versi": versi_terbit(laporan=obj),
    })


def _jalankan(jenis: str, user, laporan, bagian, teks: str) -> None:
    if jenis == "ajukan":
        services.bagian_ajukan(user=user, bagian=bagian, catatan=teks)
    elif jenis == "verifikasi":
        services.bagian_verifikasi(user=user, bagian=bagian, catatan=teks)
    elif jenis == "kembalikan":
        services.bagian_kembalikan(user=user, bagian=bagian, alasan=teks)
    elif jenis == "setujui":
        services.laporan_setujui(user=user, laporan=laporan, catatan=teks)
    elif jenis == "terima":
        services.laporan_terima(user=user, laporan=laporan, catatan=teks)
    elif jenis == "kembalikan-atas":
        services.laporan_kembalikan_atas(user=user, laporan=laporan, alasan=teks)
    else:
        services.laporan_buka_kembali(user=user, laporan=laporan, alasan=teks)


def _transisi(request, jenis: str, pk: int, bagian_pk: int | None = None):
    """GET: the confirmation page with the completeness of the part (or of every part); POST:
    the transition, once the box is ticked. A refusal comes back on the same page."""
    obj = laporan_ambil(user=request.user, pk=pk)
    bagian = get_object_or_404(BagianLaporan.objects.select_related("unit"), pk=bagian_pk, laporan=obj) if bagian_pk else None
    langkah = LANGKAH[jenis]
    nama_unit = bagian.nama_unit if bagian else ""
    form = KonfirmasiForm(request.POST if request.method == "POST" else None, langkah=langkah, nama_unit=nama_unit)
    if request.method == "GET":
        tersedia = getattr(aksi_pengguna(request.user, obj), langkah.daftar)
        if not (bagian in tersedia if bagian else tersedia):
            messages.error(request, "Tindakan itu tidak tersedia untuk Anda pada status laporan saat ini.")
            return redirect("aksi:laporan", pk=obj.pk)
    elif form.is_valid():
        try:
            _jalankan(jenis, request.user, obj, bagian, form.cleaned_data[langkah.teks])
        except Ditolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, langkah.berhasil)
            return redirect("aksi:laporan", pk=obj.pk)
    baris = bagian_laporan(obj)
    return render(request, "aksi/konfirmasi.html", {
        "laporan": obj, "bagian": bagian, "jenis": jenis, "form": form, "teks": form[langkah.teks], "konfirmasi": form["konfirmasi"],
        "judul": langkah.judul.format(unit=nama_unit), "penjelasan": langkah.penjelasan,
        "tombol": langkah.tombol.format(unit=nama_unit),
        "baris": [b for b in baris if bagian is None or b.bagian.pk == bagian.pk],
    }, status=200 if request.method == "GET" else 400)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def ajukan(request, pk: int, bagian_pk: int):
    return _transisi(request, "ajukan", pk, bagian_pk)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def verifikasi(request, pk: int, bagian_pk: int):
    return _transisi(request, "verifikasi", pk, bagian_pk)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def kembalikan(request, pk: int, bagian_pk: int):
    return _transisi(request, "kembalikan", pk, bagian_pk)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def setujui(request, pk: int):
    return _transisi(request, "setujui", pk)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def buka_kembali(request, pk: int):
    return _transisi(request, "buka-kembali", pk)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def terima(request, pk: int):
    return _transisi(request, "terima", pk)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def kembalikan_atas(request, pk: int):
    return _transisi(request, "kembalikan-atas", pk)


@lingkup_wajib
def pantau(request, tahun: int, tahapan: str, kode: str):
    """Progress of a step in the wilayah below a kab/kota or provinsi."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    tahapan = get_object_or_404(Tahapan, pk=tahapan)
    baris = pantau_tahapan(wilayah=wilayah, tahapan=tahapan, tahun=tahun)
    return render(request, "aksi/pantau.html", {
        "wilayah": wilayah, "tahapan": tahapan, "tahun": tahun, "baris": baris, "tinjauan": ringkasan_tinjauan(baris),
        "kemajuan": kemajuan_harian(wilayah=wilayah, tahapan=tahapan, tahun=tahun, anak=[b.wilayah for b in baris]),
    })
