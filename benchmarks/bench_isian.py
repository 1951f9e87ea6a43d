"""The per-desa grid of a ~20-desa kecamatan: server time to save it full, and page weight."""
import datetime
import statistics
import time
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from aksi.models import Jadwal, Tahapan
from aksi.services import laporan_ambil_atau_buat, siklus_buat
from indikator.katalog import daftar_item
from indikator.selectors import desa_laporan
from wilayah.models import Wilayah
from wilayah.services import wilayah_muat

TAHUN = 2026


def siapkan_laporan_20_desa():
    """Regions 17, catalog, cycle with open windows, and the Laporan of the kecamatan closest to 20 desa."""
    wilayah_muat(kode_provinsi=["17"])
    call_command("loaddata", "katalog", "tahapan", verbosity=0)
    siklus_buat(oleh=None, tahun=TAHUN)
    Jadwal.objects.filter(siklus_id=TAHUN).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    admin, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_superuser": True, "is_staff": True})
    kecamatan = (
        Wilayah.objects.dalam("17", termasuk_diri=False).filter(tingkat=3).annotate(n=Count("anak"))
        .order_by("-n").filter(n__lte=20).first()
    )
    laporan = laporan_ambil_atau_buat(user=admin, tahun=TAHUN, tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=kecamatan)
    return admin, laporan


def isian_penuh(laporan, putaran: int) -> dict[str, str]:
    """Valid values for every cell: sasaran large, numerators below denominators, F6 0/1."""
    data = {}
    for n, desa in enumerate(desa_laporan(laporan)):
        for item in daftar_item():
            if item.jenis == "sasaran":
                nilai = 500 + n + putaran
            elif item.ya_tidak:
                nilai = (n + putaran) % 2
            else:
                nilai = 100 + n + putaran
            data[f"v-{desa}-{item.kode}"] = str(nilai)
    return data


def run():
    admin, laporan = siapkan_laporan_20_desa()
    klien = Client(HTTP_HOST="127.0.0.1")
    klien.force_login(admin)
    url = f"/aksi/laporan/{laporan.pk}/isian/"
    waktu = []
    for putaran in range(5):
        versi = {f"versi-{b.unit_id or ''}": str(b.versi) for b in laporan.bagian.all()}
        # Encoded before timing, as a browser sends it: only the server's work is measured.
        badan = urlencode(isian_penuh(laporan, putaran) | versi)
        mulai = time.perf_counter()
        jawaban = klien.post(url, badan, content_type="application/x-www-form-urlencoded")
        waktu.append((time.perf_counter() - mulai) * 1000)
        assert jawaban.status_code == 302, jawaban.content[:500]
    sel = len(isian_penuh(laporan, 0))
    yield "grid_save_ms", statistics.median(waktu), "ms"
    yield "grid_save_cells", sel, "values"
    halaman = klien.get(url)
    yield "grid_page_kb", len(halaman.content) / 1024, "KB"
