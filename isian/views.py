"""The per-desa entry of a kecamatan Laporan: the grid, and the Excel template round trip."""
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from aksi.selectors import laporan_ambil
from indikator.selectors import desa_laporan
from inti.galat import Ditolak, IsianTidakValid, Kesalahan
from wilayah.lingkup import lingkup_wajib
from wilayah.choices import Tingkat

from .excel import buat_templat, impor_excel
from .grid import bangun_grid, isian_dari_post, sel_diubah
from .services import KonflikIsian, nilai_simpan

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- the grid ------------------------------------------------------------------------------

@lingkup_wajib
def isian(request, pk: int):
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.wilayah.tingkat != Tingkat.KECAMATAN or not laporan.tahapan.periode:
        raise Http404("Isian per desa hanya untuk laporan kecamatan.")
    if request.method != "POST":
        return _tampil(request, laporan)
    kiriman, versi, asal = isian_dari_post(request.POST)
    diubah = sel_diubah(kiriman, asal)
    try:
        hasil = nilai_simpan(user=request.user, laporan=laporan, isian=kiriman, versi=versi, asal=asal)
    except IsianTidakValid as exc:
        return _tampil(request, laporan, kiriman=diubah, asal=asal, kesalahan=exc.kesalahan, status=400)
    except KonflikIsian as exc:
        messages.error(request, str(exc))
        return _tampil(request, laporan, kiriman=diubah, asal=asal, konflik=exc.konflik, status=409)
    except Ditolak as exc:
        messages.error(request, str(exc))
        return _tampil(request, laporan, kiriman=diubah, asal=asal, status=409)
    messages.success(request, f"{hasil.diubah} nilai disimpan." if hasil.diubah else "Tidak ada perubahan.")
    return redirect("isian:isian", pk=laporan.pk)


def _tampil(request, laporan, *, kiriman=None, asal=None, kesalahan=None, konflik=None, status=200):
    grid = bangun_grid(user=request.user, laporan=laporan, kiriman=kiriman, asal=asal, kesalahan=kesalahan, konflik=konflik)
    return render(request, "isian/isian.html", {
        "laporan": laporan, "grid": grid, "kesalahan": kesalahan or [],
    }, status=status)


# --- the Excel template: download, upload ----------------------------------------------------

def _laporan_kecamatan(request, pk: int):
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.wilayah.tingkat != Tingkat.KECAMATAN:
        raise Http404("Templat Excel nilai desa hanya untuk laporan kecamatan.")
    return laporan


@lingkup_wajib
@require_GET
def unduh_templat(request, pk: int):
    laporan = _laporan_kecamatan(request, pk)
    respons = HttpResponse(buat_templat(laporan), content_type=JENIS_XLSX)
    nama = f"{laporan.tahapan_id}-{laporan.tahun}-{laporan.wilayah_id}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@lingkup_wajib
@require_POST
def unggah_excel(request, pk: int):
    laporan = _laporan_kecamatan(request, pk)
    kembali = reverse("isian:isian", args=[pk])
    berkas = request.FILES.get("berkas")
    try:
        if berkas is None:
            raise IsianTidakValid([Kesalahan("Pilih berkas Excel (.xlsx) yang akan diunggah.")])
        hasil = impor_excel(user=request.user, laporan=laporan, berkas=berkas)
    except IsianTidakValid as exc:
        return _ditolak(request, laporan, berkas, exc.kesalahan, kembali)
    except KonflikIsian as exc:
        desa = desa_laporan(laporan)
        return _ditolak(request, laporan, berkas, [
            Kesalahan(f"{k.item} desa {desa.get(k.desa, k.desa)} sudah diubah pengguna lain setelah templat diunduh. {k}. "
                      "Unduh templat baru, atau ubah sel ini di formulir isian.", k.desa, k.item, k.lokasi)
            for k in exc.konflik
        ], kembali, status=409)
    except Ditolak as exc:
        messages.error(request, str(exc))
        return redirect(kembali)
    messages.success(request, f"{hasil.diubah} nilai disimpan dari Excel.")
    return redirect(kembali)


def _ditolak(request, laporan, berkas, kesalahan, kembali, status=400):
    return render(request, "isian/_kesalahan_unggah.html", {
        "laporan": laporan, "kesalahan": kesalahan, "kembali": kembali, "nama_berkas": getattr(berkas, "name", ""),
    }, status=status)
