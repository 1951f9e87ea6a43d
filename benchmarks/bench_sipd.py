"""SIPD .xlsx import of 5,000 spending lines into one OPD's part of a kab/kota Laporan.

Times `penandaan.sipd.impor_sipd` alone (reading, validating every cell, replacing the unit's
lines with a bulk insert), median of 3 runs; the workbook is generated in memory beforehand.
Re-runnable on the same database: each run replaces the unit's lines, and the Laporan is
deleted at the end when this benchmark created it.
"""
import datetime
import io
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from aksi.models import Jadwal, Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat, siklus_buat
from indikator.models import IndikatorCapaian
from penandaan.models import RincianBelanja
from penandaan.sipd import KOLOM, LEMBAR, impor_sipd
from wilayah.models import Wilayah
from wilayah.services import wilayah_muat

TAHUN = 2026
TAHAPAN = "penandaan-apbd"
KABKOTA = "17.01"
UNIT = "dinkes"
JUMLAH = 5000
PUTARAN = 3
ARAH = ("Sasaran langsung", "layanan", "BIMBINGAN DAN PENGAWASAN")
SUMBER = ("APBD kabupaten/kota", "apbd_provinsi", "Swasta/kemitraan")


def _siapkan():
    wilayah_muat(kode_provinsi=["17"])  # idempotent: a second call changes nothing
    call_command("loaddata", "katalog", verbosity=0)
    call_command("loaddata", "tahapan", verbosity=0)
    siklus_buat(oleh=None, tahun=TAHUN)
    Jadwal.objects.filter(siklus_id=TAHUN).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    user, _ = get_user_model().objects.get_or_create(
        username="bench-sipd", defaults={"is_superuser": True, "is_staff": True},
    )
    tahapan = Tahapan.objects.get(pk=TAHAPAN)
    wilayah = Wilayah.objects.get(kode=KABKOTA)
    baru = not Laporan.objects.filter(tahun=TAHUN, tahapan=tahapan, wilayah=wilayah).exists()
    laporan = laporan_ambil_atau_buat(user=user, tahun=TAHUN, tahapan=tahapan, wilayah=wilayah)
    return user, laporan, baru


def buku_sipd(jumlah: int) -> bytes:
    """A valid workbook of `jumlah` lines: 20 programs × 5 kegiatan × 5 subkegiatan, mixed number styles."""
    indikator = list(IndikatorCapaian.objects.order_by("urutan").values_list("kode", "kelompok_id"))
    wb = Workbook()  # not write_only: like Excel, it records the sheet's dimension
    ws = wb.active
    ws.title = LEMBAR
    ws.append([judul for _, judul in KOLOM])
    for n in range(jumlah):
        program, kegiatan, sub = n // 250, (n // 50) % 5, (n // 10) % 5
        kode_program = f"1.{program:02d}.01"
        kode_kegiatan = f"{kode_program}.2.{kegiatan:02d}"
        kode_sub = f"{kode_kegiatan}.{sub + 1:04d}"
        volume = (n % 40) + 1
        harga = 25000 + (n % 97) * 1500
        kode, kelompok = indikator[n % len(indikator)]
        if n % 2:  # Indonesian text as people type it
            jumlah_sel = (f"{volume},5", f"{harga:,}".replace(",", "."), f"{int((volume + 0.5) * harga):,}".replace(",", "."))
        else:
            jumlah_sel = (volume, float(harga), volume * harga)
        ws.append([
            kode_program, f"Program {program}", kode_kegiatan, f"Kegiatan {program}.{kegiatan}", kode_sub,
            f"Subkegiatan {program}.{kegiatan}.{sub}", f"5.1.02.01.01.{n:04d}", f"Belanja nomor {n}",
            jumlah_sel[0], "paket", jumlah_sel[1], jumlah_sel[2], kode, kelompok, ARAH[n % 3], SUMBER[n % 3],
        ])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def run():
    user, laporan, baru = _siapkan()
    isi = buku_sipd(JUMLAH)
    try:
        waktu = []
        for _ in range(PUTARAN):
            berkas = SimpleUploadedFile("sipd.xlsx", isi)
            mulai = time.perf_counter()
            hasil = impor_sipd(user=user, laporan=laporan, berkas=berkas, unit=UNIT)
            waktu.append(time.perf_counter() - mulai)
            if hasil.dibuat != JUMLAH or RincianBelanja.objects.filter(laporan=laporan, unit_id=UNIT).count() != JUMLAH:
                raise RuntimeError(f"impor_sipd saved {hasil.dibuat} lines, expected {JUMLAH}")
        yield "sipd_import_5000_s", statistics.median(waktu), "s"
    finally:
        if baru:
            laporan.delete()
