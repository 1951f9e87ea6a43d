"""Public map pages (issue 17): the bytes a first visit transfers, measured in Chromium against
gunicorn on loopback with production static files (collectstatic, compressed, as the Dockerfile
builds them), and the server time of a map page, warm.

Every region of the country is loaded with its outline (`muat_batas`), and Rekap rows for every
provinsi, kab/kota and the nation (one year, one period) are written so each map is coloured.

- peta_nasional_kb: /publik/?lapis=kabkota — the national page with all 514 kab/kota on the map
- peta_provinsi_kb: /publik/wilayah/35/ — Jawa Timur (38 kab/kota), the largest provinsi map
- peta_server_ms: the median time of 20 requests for the Jawa Timur page after 3 warm-up requests
- peta_server_dingin_ms: the first request for Jawa Tengah (35 kab/kota), nothing of it cached yet
"""
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from indikator.katalog import daftar_item
from monev.models import Rekap
from wilayah.batas import batas_muat
from wilayah.models import Wilayah
from wilayah.services import wilayah_muat

from .bench_api import _port

TAHUN = 2098


def _isi() -> None:
    wilayah_muat(kode_provinsi=["all"])
    if not daftar_item():
        call_command("loaddata", "katalog", verbosity=0)
    batas_muat()
    acak = random.Random(11)
    buffer = io.StringIO()
    daftar = [("", 0)] + list(Wilayah.objects.filter(tingkat__lte=2).values_list("kode", "tingkat"))
    for kode, tingkat in daftar:
        for i in daftar_item():
            buffer.write(f"{kode}\t{tingkat}\t{TAHUN}\tbaseline\t{i.kode}\t{acak.randint(50, 5000)}\t{acak.randint(1, 30)}\t"
                         "2098-01-01 00:00:00+00\n")
    buffer.seek(0)
    with transaction.atomic(), connection.cursor() as cursor:
        Rekap.objects.filter(tahun=TAHUN).delete()
        cursor.cursor.copy_from(buffer, Rekap._meta.db_table, columns=(
            "wilayah_kode", "tingkat", "tahun", "periode", "item", "jumlah", "jumlah_desa", "dihitung_pada"))


def _server(port: int, statik: str) -> subprocess.Popen:
    env = os.environ | {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-only-not-secret", "DATABASE_CONN_MAX_AGE": "60",
                        "API_THROTTLE_ANON": "off", "DJANGO_LOG_LEVEL": "WARNING", "DJANGO_STATIC_ROOT": statik,
                        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=settings.BASE_DIR, env=env, check=True)
    proses = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application", "-b",
                               f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"], cwd=settings.BASE_DIR, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/publik/", timeout=2)
            return proses
        except OSError:
            time.sleep(0.2)
    proses.kill()
    raise RuntimeError("gunicorn did not start")


def _bobot_kb(browser, url: str) -> float:
    """All bytes a first visit transfers (headers and encoded bodies), a fresh browser context."""
    konteks = browser.new_context()
    page = konteks.new_page()
    selesai = []
    page.on("requestfinished", lambda r: selesai.append(r))
    page.goto(url, wait_until="load")
    if page.locator("[data-testid=peta-svg] path").count() == 0:
        raise RuntimeError(f"no map on {url}")
    total = 0
    for r in selesai:
        ukuran = r.sizes()
        total += ukuran["responseBodySize"] + ukuran["responseHeadersSize"]
    konteks.close()
    return total / 1024


def _waktu_ms(url: str) -> float:
    mulai = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        r.read()
    return (time.perf_counter() - mulai) * 1000


def run():
    from playwright.sync_api import sync_playwright

    _isi()
    port = _port()
    with tempfile.TemporaryDirectory() as statik:
        proses = _server(port, statik)
        try:
            dasar = f"http://127.0.0.1:{port}"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                nasional = _bobot_kb(browser, f"{dasar}/publik/?lapis=kabkota")
                provinsi = _bobot_kb(browser, f"{dasar}/publik/wilayah/35/")
                browser.close()
            # cold: a page Chromium has not asked for yet (outlines' paths and coverage not cached in
            # any worker); then warm: 3 requests to warm up, the median of 20
            dingin = _waktu_ms(f"{dasar}/publik/wilayah/33/")
            waktu = []
            for i in range(23):
                w = _waktu_ms(f"{dasar}/publik/wilayah/35/")
                if i >= 3:
                    waktu.append(w)
        finally:
            proses.terminate()
            proses.wait(timeout=30)
            Rekap.objects.filter(tahun=TAHUN).delete()
    yield "peta_nasional_kb", nasional, "KB"
    yield "peta_provinsi_kb", provinsi, "KB"
    yield "peta_server_ms", statistics.median(waktu), "ms"
    yield "peta_server_dingin_ms", dingin, "ms"
