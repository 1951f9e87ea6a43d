"""Fixtures and helpers of the Analisis situasi document tests."""
import datetime
from decimal import Decimal
import pytest
from django.urls import reverse
from aksi.choices import SumberDana
from aksi.models import Laporan, Tahapan
from aksi.services import (
    laporan_ambil_atau_buat,
)
from indikator.models import IndikatorCapaian, NilaiDesa
from wilayah.choices import Tingkat
from wilayah.models import Wilayah
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG
from .factories import UserFactory


pytestmark = pytest.mark.django_db


TAHUN = 2026


KEC_KETIGA = "17.01.03"


@pytest.fixture
def siklus(siklus_terbuka):
    return siklus_terbuka


def _laporan(kode: str) -> Laporan:
    return laporan_ambil_atau_buat(
        user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk="analisis-situasi"),
        wilayah=Wilayah.objects.get(kode=kode),
    )


@pytest.fixture
def lap_kec(siklus):
    return _laporan(KEC_KEDURANG)


@pytest.fixture
def lap_kab(siklus):
    return _laporan(KAB_BENGKULU_SELATAN)


def _desa(kode_kecamatan: str, n: int = 2) -> list[Wilayah]:
    return list(Wilayah.objects.filter(induk_id=kode_kecamatan, tingkat=Tingkat.DESA).order_by("kode")[:n])


def _indikator(kode: str) -> IndikatorCapaian:
    return IndikatorCapaian.objects.get(pk=kode)


def _isian_program(**ubah) -> dict:
    isian = {
        "indikator": _indikator("A1"), "nama": "PMT ibu hamil KEK", "volume": Decimal("12"), "satuan": "paket",
        "anggaran": Decimal("1500000"), "sumber_dana": SumberDana.APBDES, "pelaksana": "Puskesmas Kedurang",
    }
    return isian | ubah


def _versi(laporan: Laporan, unit: str) -> int:
    return laporan.bagian.get(unit_id=unit).versi


def _url(nama: str, laporan: Laporan, *args) -> str:
    return reverse(f"analisis:{nama}", args=[laporan.pk, *args])


def _pdf() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<h1>Notulen rapat lintas OPD</h1><p>Hadir: Bappeda, Dinkes.</p>").write_pdf()


def _rapat(**ubah) -> dict:
    return {"jenis": "lintas_opd", "tanggal": datetime.date(2026, 2, 10), "peserta": "Bappeda, Dinkes, DPMD"} | ubah


def _nilai(laporan: Laporan, desa: Wilayah, **nilai: int) -> None:
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=laporan, desa=desa, item=k, nilai=v) for k, v in nilai.items()])
