"""Laporan pages: open a step, see its state and history, take the workflow actions."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wilayah.selectors import wilayah_ambil

from . import services
from .jadwal import jendela_terbuka, keterangan_jendela
from .models import BagianLaporan, Tahapan
from .selectors import aksi_pengguna, laporan_ambil, laporan_saya, pantau_tahapan


@login_required
def daftar(request):
    return render(request, "aksi/daftar.html", {"kelompok": laporan_saya(request.user)})


@login_required
def buka(request, tahun: int, tahapan: str, kode: str):
    """Open (creating on first use) the Laporan of a step for a wilayah in scope."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    tahapan = get_object_or_404(Tahapan, pk=tahapan)
    try:
        laporan = services.laporan_ambil_atau_buat(user=request.user, tahun=tahun, tahapan=tahapan, wilayah=wilayah)
    except services.AksiDitolak as exc:
        raise Http404(str(exc)) from exc
    return redirect("aksi:laporan", pk=laporan.pk)


@login_required
def laporan(request, pk: int):
    obj = laporan_ambil(user=request.user, pk=pk)
    return render(request, "aksi/laporan.html", {
        "laporan": obj,
        "bagian": obj.bagian.select_related("unit", "diubah_oleh"),
        "riwayat": obj.riwayat.select_related("bagian__unit", "oleh"),
        "aksi": aksi_pengguna(request.user, obj),
        "jendela_terbuka": jendela_terbuka(obj),
        "keterangan_jendela": keterangan_jendela(obj),
    })


def _jalankan(request, pk: int, fungsi, berhasil: str):
    obj = laporan_ambil(user=request.user, pk=pk)
    try:
        fungsi(obj)
    except services.AksiDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, berhasil)
    return redirect("aksi:laporan", pk=obj.pk)


def _bagian(obj, bagian_pk: int) -> BagianLaporan:
    return get_object_or_404(BagianLaporan, pk=bagian_pk, laporan=obj)


@login_required
@require_POST
def ajukan(request, pk: int, bagian_pk: int):
    return _jalankan(request, pk, lambda obj: services.bagian_ajukan(
        user=request.user, bagian=_bagian(obj, bagian_pk), catatan=request.POST.get("catatan", "")), "Bagian diajukan ke verifikator.")


@login_required
@require_POST
def verifikasi(request, pk: int, bagian_pk: int):
    return _jalankan(request, pk, lambda obj: services.bagian_verifikasi(
        user=request.user, bagian=_bagian(obj, bagian_pk), catatan=request.POST.get("catatan", "")), "Bagian diverifikasi.")


@login_required
@require_POST
def kembalikan(request, pk: int, bagian_pk: int):
    return _jalankan(request, pk, lambda obj: services.bagian_kembalikan(
        user=request.user, bagian=_bagian(obj, bagian_pk), alasan=request.POST.get("alasan", "")), "Bagian dikembalikan ke operator.")


@login_required
@require_POST
def setujui(request, pk: int):
    return _jalankan(request, pk, lambda obj: services.laporan_setujui(
        user=request.user, laporan=obj, catatan=request.POST.get("catatan", "")), "Laporan disetujui.")


@login_required
@require_POST
def buka_kembali(request, pk: int):
    return _jalankan(request, pk, lambda obj: services.laporan_buka_kembali(
        user=request.user, laporan=obj, alasan=request.POST.get("alasan", "")), "Laporan dibuka kembali untuk diperbaiki.")


@login_required
def pantau(request, tahun: int, tahapan: str, kode: str):
    """Progress of a step in the wilayah below a kab/kota or provinsi."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    tahapan = get_object_or_404(Tahapan, pk=tahapan)
    return render(request, "aksi/pantau.html", {
        "wilayah": wilayah, "tahapan": tahapan, "tahun": tahun,
        "baris": pantau_tahapan(wilayah=wilayah, tahapan=tahapan, tahun=tahun),
    })
