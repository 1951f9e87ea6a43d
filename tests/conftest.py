"""Shared world for the suite: Bengkulu's regions (17) and the catalog are loaded once per
session into the test database; fixtures compose wilayah -> user with role -> client."""
import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from aksi.models import Jadwal, Tahapan
from aksi.services import laporan_ambil_atau_buat, siklus_buat
from wilayah.models import UnitKerja, Wilayah
from wilayah.services import penugasan_buat

from .factories import UserFactory

KEC_KEDURANG = "17.01.01"  # Kecamatan Kedurang, Kab. Bengkulu Selatan
KEC_TETANGGA = "17.01.02"  # its neighbour in the same kabupaten
KAB_BENGKULU_SELATAN = "17.01"
KAB_LAIN = "17.02"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Committed once; transactional tests (run last by pytest-django) flush it and load their own.
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            # Rows a test inserts live in its uncommitted transaction, so the planner never gets
            # statistics for them and may pick nested-loop self-joins that take minutes on a few
            # thousand rows. Production tables are analysed by autovacuum; the test database
            # forbids nested loops instead (new connections pick the setting up).
            # A disabled plan type costs 10^10, so with nested loops off nearly every join crosses
            # jit_above_cost and is JIT-compiled (~175 ms each, for queries that run in 1 ms): JIT off.
            with connection.cursor() as cursor:
                nama = connection.ops.quote_name(connection.settings_dict['NAME'])
                cursor.execute(f"ALTER DATABASE {nama} SET enable_nestloop = off")
                cursor.execute(f"ALTER DATABASE {nama} SET jit = off")
            connection.close()
        call_command("load_wilayah", "17", verbosity=0)
        call_command("loaddata", "katalog", verbosity=0)


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
def laporan_kedurang(siklus_terbuka):
    """The 2026 analisis situasi Laporan of Kecamatan Kedurang (parts: Setcam, Puskesmas, PLKB)."""
    return laporan_ambil_atau_buat(
        user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk="analisis-situasi"),
        wilayah=Wilayah.objects.get(kode=KEC_KEDURANG),
    )


@pytest.fixture
def beri_peran(db):
    """beri_peran("operator", "17.01.01", unit="puskesmas") -> a user holding that role."""

    def _beri(peran: str, kode: str | None, unit: str | None = None, user=None):
        user = user or UserFactory()
        wilayah = Wilayah.objects.get(kode=kode) if kode else None
        unit_obj = UnitKerja.objects.get(pk=unit) if unit else None
        penugasan_buat(oleh=None, user=user, wilayah=wilayah, peran=peran, unit=unit_obj)
        return user

    return _beri


@pytest.fixture
def klien_dengan(client):
    """klien_dengan(user) -> the test client logged in as that user."""

    def _masuk(user):
        client.force_login(user)
        return client

    return _masuk
