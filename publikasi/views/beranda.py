"""The staff hub of this app: regulasi, publikasi and the complaints waiting in the user's scope."""
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pengaduan.models import StatusPengaduan
from pengaduan.selectors import pengaduan_dapat_dibaca

from wilayah.lingkup import lingkup_wajib
from ..models import StatusPublikasi
from ..selectors import laporan_regulasi_saya, publikasi_dapat_dibaca


@lingkup_wajib
@require_GET
def beranda(request):
    pengaduan = pengaduan_dapat_dibaca(request.user)
    return render(request, "publikasi/beranda.html", {
        "regulasi": laporan_regulasi_saya(request.user),
        "jumlah_draf": publikasi_dapat_dibaca(request.user).filter(status=StatusPublikasi.DRAF).count(),
        "jumlah_baru": pengaduan.filter(status=StatusPengaduan.BARU).count(),
        "jumlah_terbuka": pengaduan.exclude(status=StatusPengaduan.SELESAI).count(),
    })
