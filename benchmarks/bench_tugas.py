"""Tugas saya of a provinsi supervisor over a whole province (issue 15): the home page of a
Bengkulu approver while every kecamatan of the province (129) has a Laporan of every step at its
level, with parts in mixed states and half of the windows closed.

`tugas_provinsi_ms`: server time of the home page (the request through Django's test client, in
process: routing, the selectors, the template), median of 10 warm requests;
`tugas_provinsi_dingin_ms`: the first request after login. The world is written with bulk
inserts (set-up is not measured); the page reads it as any request would.
"""
import datetime
import random
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from aksi.choices import StatusBagian, StatusLaporan
from aksi.models import BagianLaporan, Jadwal, Laporan, Siklus, Tahapan, TahapanUnit
from aksi.services import siklus_buat
from wilayah.choices import Peran, Tingkat
from wilayah.models import Wilayah
from wilayah.services import penugasan_buat, wilayah_muat

TAHUN = 2026
STATUS = (StatusBagian.DRAFT, StatusBagian.DIAJUKAN, StatusBagian.DIVERIFIKASI, StatusBagian.DIKEMBALIKAN)


def _status_laporan(status_bagian: list[str]) -> str:
    for bagian, laporan in ((StatusBagian.DIKEMBALIKAN, StatusLaporan.DIKEMBALIKAN), (StatusBagian.DRAFT, StatusLaporan.DRAFT),
                            (StatusBagian.DIAJUKAN, StatusLaporan.DIAJUKAN)):
        if bagian in status_bagian:
            return laporan
    return StatusLaporan.DIVERIFIKASI


def siapkan_provinsi():
    wilayah_muat(kode_provinsi=["17"])
    call_command("loaddata", "katalog", "tahapan", verbosity=0)
    if not Siklus.objects.filter(tahun=TAHUN).exists():
        siklus_buat(oleh=None, tahun=TAHUN)
    kecamatan = list(Wilayah.objects.dalam("17", termasuk_diri=False).filter(tingkat=Tingkat.KECAMATAN))
    tahapan = [t for t in Tahapan.objects.order_by("urutan") if t.berlaku_di(Tingkat.KECAMATAN) and t.kode != "rad"]
    # half of the steps closed a month ago, the others open until next month
    hari = datetime.date.today()
    for i, t in enumerate(tahapan):
        mulai, selesai = ((hari - datetime.timedelta(days=60), hari - datetime.timedelta(days=30)) if i % 2
                          else (hari - datetime.timedelta(days=10), hari + datetime.timedelta(days=30)))
        Jadwal.objects.filter(siklus_id=TAHUN, tahapan=t).update(mulai=mulai, selesai=selesai)
    Laporan.objects.filter(tahun=TAHUN, wilayah__in=kecamatan).delete()
    unit = {}
    for tu in TahapanUnit.objects.filter(tingkat=Tingkat.KECAMATAN):
        unit.setdefault(tu.tahapan_id, []).append(tu.unit_id)
    acak = random.Random(14)
    rencana = []
    for w in kecamatan:
        for t in tahapan:
            status = [acak.choice(STATUS) for _ in unit.get(t.kode, [None])]
            disetujui = acak.random() < 0.2
            rencana.append((Laporan(tahun=TAHUN, tahapan=t, wilayah=w, status=StatusLaporan.DISETUJUI if disetujui
                                    else _status_laporan(status)), status, unit.get(t.kode, [None])))
    Laporan.objects.bulk_create([r[0] for r in rencana], batch_size=2000)
    BagianLaporan.objects.bulk_create([
        BagianLaporan(laporan=lap, unit_id=u, status=StatusBagian.DIVERIFIKASI if lap.status == StatusLaporan.DISETUJUI else s)
        for lap, status, daftar_unit in rencana for u, s in zip(daftar_unit, status)
    ], batch_size=5000)
    with connection.cursor() as cursor:  # statistics for what was just loaded, as autovacuum would
        cursor.execute("ANALYZE aksi_laporan, aksi_bagianlaporan")
    user, dibuat = get_user_model().objects.get_or_create(username="bench-bappeda-provinsi")
    if dibuat:
        penugasan_buat(oleh=None, user=user, wilayah=Wilayah.objects.get(kode="17"), peran=Peran.APPROVER)
    return user, len(rencana)


def run():
    user, jumlah = siapkan_provinsi()
    klien = Client(HTTP_HOST="127.0.0.1")
    klien.force_login(user)
    waktu = []
    for _ in range(11):
        mulai = time.perf_counter()
        jawaban = klien.get("/")
        waktu.append((time.perf_counter() - mulai) * 1000)
        assert jawaban.status_code == 200 and b'data-testid="tugas-pengawasan"' in jawaban.content
    yield "tugas_provinsi_dingin_ms", waktu[0], "ms"
    yield "tugas_provinsi_ms", statistics.median(waktu[1:]), "ms"
    yield "tugas_provinsi_laporan", jumlah, "Laporan"
