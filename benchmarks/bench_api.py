"""The public coverage endpoint under load: gunicorn on loopback, 50 concurrent clients.

National-scale Rekap rows (every kecamatan, kab/kota, provinsi and the nation × 60 items, one
period) are written with COPY and committed so the gunicorn workers can read them, then
removed at the end. The load comes from wrk (C, light on the shared 2 cores) when installed
(`make bench` installs it as root), else from a Python thread pool.
"""
import io
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from indikator.katalog import daftar_item
from monev.models import Rekap
from wilayah.models import Wilayah
from wilayah.services import wilayah_muat

TAHUN = 2099  # a year no other data uses, so cleaning up is exact
KLIEN = 50
DETIK = 10
PEMANASAN = 15  # seconds of the same load before measuring (every worker meets the 500 wilayah)
PEKERJA = os.environ.get("BENCH_GUNICORN_WORKERS", "3")  # as in the Dockerfile


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _isi_rekap() -> list[str]:
    wilayah_muat(kode_provinsi=["all"])
    if not daftar_item():
        call_command("loaddata", "katalog", verbosity=0)
    kode = {t: list(Wilayah.objects.filter(tingkat=t).values_list("kode", flat=True)) for t in (1, 2, 3)}
    item = [i.kode for i in daftar_item()]
    acak = random.Random(7)
    buffer = io.StringIO()
    for tingkat, daftar in ((0, [""]), *kode.items()):
        for k in daftar:
            for i in item:
                buffer.write(f"{k}\t{tingkat}\t{TAHUN}\tbaseline\t{i}\t{acak.randint(50, 5000)}\t{acak.randint(1, 30)}\t2099-01-01 00:00:00+00\n")
    buffer.seek(0)
    with transaction.atomic(), connection.cursor() as cursor:
        Rekap.objects.filter(tahun=TAHUN).delete()
        cursor.cursor.copy_from(buffer, Rekap._meta.db_table, columns=(
            "wilayah_kode", "tingkat", "tahun", "periode", "item", "jumlah", "jumlah_desa", "dihitung_pada"))
    return kode[3]


def _gunicorn(port: int) -> subprocess.Popen:
    env = os.environ | {
        "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-only-not-secret", "DATABASE_CONN_MAX_AGE": "60",
        "API_THROTTLE_ANON": "off", "DJANGO_LOG_LEVEL": "WARNING",
    }
    proses = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application", "-b", f"127.0.0.1:{port}",
         "-w", PEKERJA, "--threads", "1", "--log-level", "warning"],
        cwd=settings.BASE_DIR, env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/indikator/", timeout=1)
            return proses
        except OSError:
            time.sleep(0.2)
    proses.kill()
    raise RuntimeError("gunicorn did not start")


def _wrk(port: int, kecamatan: list[str], detik: int = DETIK) -> tuple[float, float, float]:
    contoh = random.Random(3).sample(kecamatan, 500)
    skrip = "paths = {" + ",".join(f'"/api/v1/cakupan/?wilayah={k}&tahun={TAHUN}&periode=baseline"' for k in contoh) + "}\n" + (
        "request = function() return wrk.format(nil, paths[math.random(#paths)]) end\n"
        "done = function(s, lat, req)\n"
        "  io.write(string.format('HASIL %f %f %f\\n', lat:percentile(50)/1000, lat:percentile(95)/1000, s.requests/(s.duration/1e6)))\n"
        "end\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as berkas:
        berkas.write(skrip)
    keluaran = subprocess.run(["wrk", "-t2", f"-c{KLIEN}", f"-d{detik}s", "-s", berkas.name, f"http://127.0.0.1:{port}"],
                              capture_output=True, text=True, check=True).stdout
    os.unlink(berkas.name)
    p50, p95, rps = next(line for line in keluaran.splitlines() if line.startswith("HASIL")).split()[1:]
    return float(p50), float(p95), float(rps)


def _python(port: int, kecamatan: list[str], detik: int = DETIK) -> tuple[float, float, float]:
    import http.client

    waktu: list[float] = []
    kunci = threading.Lock()
    batas = time.perf_counter() + detik

    def klien(seed: int):
        acak, conn = random.Random(seed), http.client.HTTPConnection("127.0.0.1", port)
        while time.perf_counter() < batas:
            mulai = time.perf_counter()
            conn.request("GET", f"/api/v1/cakupan/?wilayah={acak.choice(kecamatan)}&tahun={TAHUN}&periode=baseline")
            conn.getresponse().read()
            with kunci:
                waktu.append((time.perf_counter() - mulai) * 1000)

    benang = [threading.Thread(target=klien, args=(i,)) for i in range(KLIEN)]
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    kuantil = statistics.quantiles(waktu, n=100)
    return kuantil[49], kuantil[94], len(waktu) / detik


def _periksa(port: int, kode: str) -> None:
    """The measured answer is the real one: every capaian indicator with its percentage."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/cakupan/?wilayah={kode}&tahun={TAHUN}&periode=baseline") as r:
        baris = json.loads(r.read())
    capaian = sum(1 for i in daftar_item() if i.jenis == "capaian")
    if len(baris) != capaian or not any(b["persen"] is not None for b in baris):
        raise RuntimeError(f"coverage endpoint answered {len(baris)} rows, expected {capaian}")


def run():
    kecamatan = _isi_rekap()
    port = _port()
    proses = _gunicorn(port)
    try:
        _periksa(port, kecamatan[0])
        beban = _wrk if shutil.which("wrk") else _python
        # warm-up: each worker process meets the 500 wilayah once (the steady state of dashboards
        # polling during reporting weeks); then the measured run
        beban(port, kecamatan, PEMANASAN)
        p50, p95, rps = beban(port, kecamatan)
    finally:
        proses.terminate()
        proses.wait(timeout=30)
        Rekap.objects.filter(tahun=TAHUN).delete()
    yield "api_coverage_p50_ms", p50, "ms"
    yield "api_coverage_p95_ms", p95, "ms"
    yield "api_coverage_rps", rps, "req/s"
