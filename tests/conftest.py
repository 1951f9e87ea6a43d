"""Shared world for the suite: Bengkulu's regions (17) and the catalog are loaded once per
session into the test database; fixtures compose wilayah -> user with role -> client."""
import datetime
import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from aksi.models import Jadwal
from aksi.services import siklus_buat
from wilayah.models import UnitKerja, Wilayah

from .factories import LaporanFactory, PenugasanFactory, UserFactory

KEC_KEDURANG = "17.01.01"  # Kecamatan Kedurang, Kab. Bengkulu Selatan
KEC_TETANGGA = "17.01.02"  # its neighbour in the same kabupaten
KAB_BENGKULU_SELATAN = "17.01"
KAB_LAIN = "17.02"


def pytest_configure(config):
    """Give this process its own Redis databases: under pytest-xdist every worker has its own test
    database, and must not share a cache (cache.clear() is FLUSHDB) or a broker queue (a real
    Celery worker would take another process's task and run it against the wrong database)."""
    from django.conf import settings

    if not getattr(settings, "REDIS_URL", None):
        return
    n = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    basis = urlsplit(settings.REDIS_URL)
    broker, cache = (urlunsplit(basis._replace(path=f"/{db}")) for db in (2 * n, 2 * n + 1))
    settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = broker
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": cache}}


def analisa(*model) -> None:
    """ANALYZE the tables of these models (every table if none): statistics for rows just loaded.

    Rows a test inserts live in its uncommitted transaction, where autovacuum never sees them; the
    planner then guesses, and has picked nested-loop self-joins that ran for minutes on a few
    thousand rows. ANALYZE inside the transaction samples them (its own inserts count as live) and
    its statistics roll back with the test. PostgreSQL only; a no-op elsewhere.
    """
    if connection.vendor != "postgresql":
        return
    tabel = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in model)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tabel}")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Committed once; transactional tests (run last by pytest-django) flush it and load their own.
    with django_db_blocker.unblock():
        call_command("load_wilayah", "17", verbosity=0)
        call_command("loaddata", "katalog", verbosity=0)
        analisa()


@pytest.fixture(scope="module")
def dunia_modul(django_db_setup, django_db_blocker):
    """An outer transaction around a module's tests, rolled back after the last one: a module-scoped
    fixture that requests this builds its world once (Django's setUpTestData, for pytest). Each
    test's own transaction (`db`) nests in it as a savepoint, so what a test writes still rolls
    back. Hand tests fresh rows (re-read them in a function-scoped fixture), not the instances
    built here: an instance a test changes in memory would leak into the next test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


TAHUN = 2026


@pytest.fixture(autouse=True)
def _cache_bersih():
    # Rolled-back tests can leave cached catalog rows behind; start each test from the database.
    from django.core.cache import cache

    from publikasi.api.cakupan import _SIMPANAN

    cache.clear()
    _SIMPANAN.clear()  # the coverage endpoint's per-process memory


@pytest.fixture(autouse=True)
def _hash_sandi_cepat(settings):
    # PBKDF2 costs ~0.3 s per user; the suite creates hundreds. Production keeps the default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def siklus_terbuka(db):
    """Cycle 2026 with every window open (and the steps catalog loaded)."""
    call_command("loaddata", "tahapan", verbosity=0)
    siklus = siklus_buat(oleh=None, tahun=TAHUN)
    Jadwal.objects.filter(siklus=siklus).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    return siklus


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def op_setcam(beri_peran):
    """An operator of Kecamatan Kedurang's Setcam part."""
    return beri_peran("operator", KEC_KEDURANG, unit="setcam")


@pytest.fixture
def tim(beri_peran):
    """Kecamatan Kedurang's team: the operator and verifikator of each part (op_setcam, ver_plkb,
    ...) and the camat who approves."""
    t = {}
    for unit in ("setcam", "puskesmas", "plkb"):
        t[f"op_{unit}"] = beri_peran("operator", KEC_KEDURANG, unit=unit, user=UserFactory(username=f"op-{unit}"))
        t[f"ver_{unit}"] = beri_peran("verifikator", KEC_KEDURANG, unit=unit, user=UserFactory(username=f"ver-{unit}"))
    t["camat"] = beri_peran("approver", KEC_KEDURANG, user=UserFactory(username="camat-kedurang"))
    return t


@pytest.fixture
def laporan_kedurang(siklus_terbuka):
    """The 2026 analisis situasi Laporan of Kecamatan Kedurang (parts: Setcam, Puskesmas, PLKB)."""
    return LaporanFactory(tahun=TAHUN, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))


@pytest.fixture
def beri_peran(db):
    """beri_peran("operator", "17.01.01", unit="puskesmas") -> a user holding that role."""

    def _beri(peran: str, kode: str | None, unit: str | None = None, user=None):
        wilayah = Wilayah.objects.get(kode=kode) if kode else None
        unit_obj = UnitKerja.objects.get(pk=unit) if unit else None
        return PenugasanFactory(user=user or UserFactory(), wilayah=wilayah, peran=peran, unit=unit_obj).user

    return _beri


@pytest.fixture
def klien_dengan(client):
    """klien_dengan(user) -> the test client logged in as that user."""

    def _masuk(user):
        client.force_login(user)
        return client

    return _masuk
