"""Download the per-desa Excel template of a kecamatan Laporan and upload it back."""
from inti.galat import Ditolak, IsianTidakValid, Kesalahan
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from aksi.selectors import laporan_ambil
from wilayah.choices import Tingkat

from .excel import buat_templat, impor_excel
from .services import KonflikIsian, desa_laporan

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _laporan_kecamatan(request, pk: int):
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.wilayah.tingkat != Tingkat.KECAMATAN:
        raise Http404("Templat Excel nilai desa hanya untuk laporan kecamatan.")
    return laporan


@login_required
@require_GET
def unduh_templat(request, pk: int):
    laporan = _laporan_kecamatan(request, pk)
    respons = HttpResponse(buat_templat(laporan), content_type=JENIS_XLSX)
    nama = f"{laporan.tahapan_id}-{laporan.tahun}-{laporan.wilayah_id}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@login_required
@require_POST
def unggah_excel(request, pk: int):
    laporan = _laporan_kecamatan(request, pk)
    kembali = reverse("aksi:isian", args=[pk])
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
    return render(request, "aksi/_kesalahan_unggah.html", {
        "laporan": laporan, "kesalahan": kesalahan, "kembali": kembali, "nama_berkas": getattr(berkas, "name", ""),
    }, status=status)
