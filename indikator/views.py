"""The per-desa entry grid of a kecamatan Laporan."""
from inti.galat import Ditolak, IsianTidakValid
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from aksi.selectors import laporan_ambil
from wilayah.choices import Tingkat

from .grid import bangun_grid, isian_dari_post, sel_diubah
from .services import KonflikIsian, nilai_simpan


@login_required
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
    return redirect("aksi:isian", pk=laporan.pk)


def _tampil(request, laporan, *, kiriman=None, asal=None, kesalahan=None, konflik=None, status=200):
    grid = bangun_grid(user=request.user, laporan=laporan, kiriman=kiriman, asal=asal, kesalahan=kesalahan, konflik=konflik)
    return render(request, "indikator/isian.html", {
        "laporan": laporan, "grid": grid, "kesalahan": kesalahan or [],
    }, status=status)
