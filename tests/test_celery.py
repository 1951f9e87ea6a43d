"""Celery: eager in the embedded default; through the real Redis broker and a real worker here."""
import os

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.db import connection

from config.celery import app
from wilayah.models import Wilayah
from wilayah.tasks import hitung_jumlah_wilayah


def test_suite_runs_on_real_postgresql_and_redis(db):
    assert connection.vendor == "postgresql", "run the suite with `make test` (real PostgreSQL)"
    assert redis.Redis.from_url(os.environ["REDIS_URL"]).ping()


@pytest.fixture
def pekerja_nyata():
    """A real Celery worker (solo pool, in a thread) consuming from the Redis broker."""
    assert app.conf.broker_url.startswith("redis://"), "REDIS_URL must point at the test Redis"
    # The app reads Django settings under the CELERY_ namespace: override that key, not the
    # lower-case alias, or tasks would still run eagerly.
    eager = app.conf["CELERY_TASK_ALWAYS_EAGER"]
    app.conf["CELERY_TASK_ALWAYS_EAGER"] = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
            yield worker
    finally:
        app.conf["CELERY_TASK_ALWAYS_EAGER"] = eager


@pytest.mark.django_db(transaction=True)
def test_region_count_task_runs_through_redis_and_a_real_worker(pekerja_nyata):
    Wilayah.objects.bulk_create([
        Wilayah(kode="99", nama="Uji", tingkat=1, jenis="provinsi"),
        Wilayah(kode="99.01", nama="Kabupaten Uji", tingkat=2, jenis="kabupaten", induk_id="99"),
        Wilayah(kode="99.01.01", nama="Satu", tingkat=3, jenis="kecamatan", induk_id="99.01"),
        Wilayah(kode="99.01.02", nama="Dua", tingkat=3, jenis="kecamatan", induk_id="99.01"),
        *[Wilayah(kode=f"99.01.01.200{i}", nama=f"Desa {i}", tingkat=4, jenis="desa", induk_id="99.01.01") for i in range(1, 4)],
        Wilayah(kode="99.01.02.1001", nama="Kelurahan", tingkat=4, jenis="kelurahan", induk_id="99.01.02"),
    ])
    diharapkan = {str(t): Wilayah.objects.filter(tingkat=t).count() for t in (1, 2, 3, 4)}
    hasil = hitung_jumlah_wilayah.delay()
    assert not isinstance(hasil, EagerResult), "the task must go through the broker"
    assert hasil.get(timeout=60) == diharapkan
    assert hasil.state == "SUCCESS"
    prov = Wilayah.objects.get(kode="99")
    assert (prov.jumlah_kabkota, prov.jumlah_kecamatan, prov.jumlah_desa) == (1, 2, 4)
    assert Wilayah.objects.get(kode="99.01.01").jumlah_desa == 3


def test_tasks_run_eagerly_when_no_broker_is_configured(db, settings):
    assert app.conf["CELERY_TASK_ALWAYS_EAGER"]  # the suite sets CELERY_TASK_ALWAYS_EAGER=1, like the demo without REDIS_URL
    hasil = hitung_jumlah_wilayah.delay()
    assert hasil.get()["1"] == Wilayah.objects.filter(tingkat=1).count()
