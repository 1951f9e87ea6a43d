"""`make run WILAYAH=all` on the embedded default: a fresh SQLite file, then `migrate` and
`siapkan_demo --wilayah all` (91,599 regions, catalog, demo logins, the Bengkulu RAD, the cycle).

Both run as child processes with the environment the Makefile's EMBEDDED_ENV gives them (no
DATABASE_URL, REDIS_URL nor CELERY_TASK_ALWAYS_EAGER) and AKSI_VAR_DIR in a temporary directory,
so neither the benchmark's PostgreSQL nor the developer's var/ is touched. Issue 13 asks for at
most 180 s. After the clock stops, every login the command printed is checked against the
database it made (a demo whose printed passwords fail is a failed benchmark, not a fast one).

BENCH_DEMO_PUTARAN=n repeats the whole thing n times and reports the median; BENCH_RINCI=1
prints each run's parts to stderr.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

from django.conf import settings

_TANPA = ("DATABASE_URL", "REDIS_URL", "CELERY_TASK_ALWAYS_EAGER")

# A login line of siapkan_demo: two-space indent, username, password, role...
_BARIS_LOGIN = re.compile(r"^  (\S+) +(\S+) +\S")

_PERIKSA_LOGIN = """
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
User = get_user_model()
gagal = [u for u, s in json.loads(sys.stdin.read()).items()
         if not (User.objects.filter(username=u).first() or User()).check_password(s)]
print(json.dumps(gagal))
"""


def _jalankan(env: dict, *args: str, input: str | None = None) -> str:
    hasil = subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, input=input,
        capture_output=True, text=True, timeout=1800,
    )
    if hasil.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed ({hasil.returncode}):\n{hasil.stderr[-3000:]}")
    return hasil.stdout


def _sekali() -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as var:
        env = {k: v for k, v in os.environ.items() if k not in _TANPA}
        env["AKSI_VAR_DIR"] = var
        mulai = time.perf_counter()
        _jalankan(env, "manage.py", "migrate", "--noinput")
        migrasi = time.perf_counter() - mulai
        mulai = time.perf_counter()
        keluaran = _jalankan(env, "manage.py", "siapkan_demo", "--wilayah", "all")
        demo = time.perf_counter() - mulai

        if "Wilayah: 91599 dibuat" not in keluaran:
            raise RuntimeError(f"siapkan_demo --wilayah all did not load the 91,599 regions:\n{keluaran[:2000]}")
        login = dict(m.groups() for baris in keluaran.splitlines() if (m := _BARIS_LOGIN.match(baris)))
        if len(login) < 2:
            raise RuntimeError(f"siapkan_demo printed no logins:\n{keluaran[-2000:]}")
        gagal = json.loads(_jalankan(env, "-c", _PERIKSA_LOGIN, input=json.dumps(login)))
        if gagal:
            raise RuntimeError(f"printed demo logins that do not work: {', '.join(gagal)}")
    if os.environ.get("BENCH_RINCI"):
        print(f"  demo_all: migrate {migrasi:.1f} s, siapkan_demo {demo:.1f} s, {len(login)} logins checked",
              file=sys.stderr, flush=True)
    return migrasi, demo


def run():
    putaran = [_sekali() for _ in range(max(1, int(os.environ.get("BENCH_DEMO_PUTARAN", "1"))))]
    yield "demo_all_sqlite_s", statistics.median(m + d for m, d in putaran), "s"
    yield "demo_all_sqlite_migrate_s", statistics.median(m for m, _ in putaran), "s"
    yield "demo_all_sqlite_siapkan_demo_s", statistics.median(d for _, d in putaran), "s"
