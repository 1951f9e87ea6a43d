"""The staff hub of this app: regulasi, publikasi and the complaints waiting in the user's scope."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pengaduan.models import StatusPengaduan
from pengaduan.selectors import pengaduan_dapat_dibaca

from ..models import StatusPublikasi
from ..selectors import laporan_regulasi_saya, publikasi_dapat_dibaca


@login_required
@require_GET
def beranda(request):
    pengaduan = pengaduan_dapat_dibaca(request.user)
    return render(request, "publikasi/beranda.html", {
        "regulasi": laporan_regulasi_saya(request.user),
        "jumlah_draf": publikasi_dapat_dibaca(request.user).filter(status=StatusPublikasi.DRAF).count(),
        "jumlah_baru": pengaduan.filter(status=StatusPengaduan.BARU).count(),
        "jumlah_terbuka": pengaduan.exclude(status=StatusPengaduan.SELESAI).count(),
    })
