"""Excel import of a full kecamatan grid (~20 desa × 60 items ≈ 1,200 cells), median of 5 runs.

Each run downloads a fresh template (so the part versions are current), fills every cell with
new valid values and times `impor_excel` alone: reading, validation and the saving writes.
Re-runnable on the same database; the Laporan it creates is deleted at the end so that
`bench_wilayah` (which empties the region table) still runs after it.
"""
import datetime
import io
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Count, Q
from openpyxl import load_workbook

from aksi.models import Jadwal, Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat, siklus_buat
from isian.excel import LEMBAR_DATA, buat_templat, impor_excel
from indikator.katalog import daftar_item
from wilayah.choices import Tingkat
from wilayah.models import Wilayah
from wilayah.services import wilayah_muat

TAHUN = 2026
TAHAPAN = "analisis-situasi"
JUMLAH_DESA = 20
PUTARAN = 5


def _siapkan():
    wilayah_muat(kode_provinsi=["17"])  # idempotent: a second call changes nothing
    call_command("loaddata", "katalog", verbosity=0)
    call_command("loaddata", "tahapan", verbosity=0)
    siklus_buat(oleh=None, tahun=TAHUN)
    Jadwal.objects.filter(siklus_id=TAHUN).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    user, _ = get_user_model().objects.get_or_create(
        username="bench-excel", defaults={"is_superuser": True, "is_staff": True},
    )
    kecamatan = min(
        Wilayah.objects.dalam("17", termasuk_diri=False).filter(tingkat=Tingkat.KECAMATAN)
        .annotate(n_desa=Count("anak", filter=Q(anak__tingkat=Tingkat.DESA))),
        key=lambda w: (abs(w.n_desa - JUMLAH_DESA), w.kode),
    )
    tahapan = Tahapan.objects.get(pk=TAHAPAN)
    baru = not Laporan.objects.filter(tahun=TAHUN, tahapan=tahapan, wilayah=kecamatan).exists()
    laporan = laporan_ambil_atau_buat(user=user, tahun=TAHUN, tahapan=tahapan, wilayah=kecamatan)
    return user, laporan, baru


def _nilai(item, desa: int, putaran: int) -> int:
    """Valid and different every run: sasaran ≥ 1000, numerators < 100, F6 0/1."""
    if item.ya_tidak:
        return (desa + putaran) % 2
    if item.jenis == "sasaran":
        return 1000 + 10 * putaran + desa
    return (desa * 7 + putaran) % 100


def _berkas_terisi(laporan, daftar, putaran: int) -> SimpleUploadedFile:
    wb = load_workbook(io.BytesIO(buat_templat(laporan)))
    ws = wb[LEMBAR_DATA]
    kepala = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Kode desa")
    kolom = {ws.cell(kepala, c).value: c for c in range(3, ws.max_column + 1)}
    for baris in range(kepala + 2, ws.max_row + 1):
        for item in daftar:
            ws.cell(baris, kolom[item.kode], _nilai(item, baris, putaran))
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return SimpleUploadedFile("isian.xlsx", keluaran.getvalue())


def run():
    user, laporan, baru = _siapkan()
    daftar = daftar_item()
    try:
        waktu = []
        for putaran in range(PUTARAN):
            berkas = _berkas_terisi(laporan, daftar, putaran)
            mulai = time.perf_counter()
            hasil = impor_excel(user=user, laporan=laporan, berkas=berkas)
            waktu.append((time.perf_counter() - mulai) * 1000)
            if hasil.diubah == 0:
                raise RuntimeError("impor_excel saved nothing; the benchmark would measure a no-op")
        yield "excel_import_ms", statistics.median(waktu), "ms"
    finally:
        if baru:
            laporan.delete()
