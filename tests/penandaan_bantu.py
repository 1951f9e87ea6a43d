"""Fixtures and helpers of the budget tagging tests."""
import io
from decimal import Decimal
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from aksi.models import BagianLaporan, Laporan, Tahapan
from aksi.services import (
    bagian_ajukan,
    bagian_verifikasi,
    laporan_ambil_atau_buat,
    laporan_setujui,
)
from indikator.models import IndikatorCapaian
from penandaan.sipd import KOLOM, LEMBAR
from wilayah.models import Wilayah
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .factories import UserFactory


pytestmark = pytest.mark.django_db


JUDUL = [judul for _, judul in KOLOM]


def _laporan(tahapan: str, kode: str) -> Laporan:
    return laporan_ambil_atau_buat(
        user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk=tahapan),
        wilayah=Wilayah.objects.get(kode=kode),
    )


@pytest.fixture
def lap_kab(siklus_terbuka):
    """APBD murni tagging of Kab. Bengkulu Selatan: one part per OPD."""
    return _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)


@pytest.fixture
def lap_kec(siklus_terbuka):
    return _laporan("penandaan-apbd", KEC_KEDURANG)


@pytest.fixture
def op_dinkes(beri_peran):
    return beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")


@pytest.fixture
def op_dppkb(beri_peran):
    return beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dppkb")


def isian(**ubah) -> dict:
    """A valid line: 2,5 paket × Rp1.000.000 = Rp2.500.000 for indicator A1 (kelompok A)."""
    data = {
        "kode_program": "1.02.02", "nama_program": "Program Pemenuhan Upaya Kesehatan",
        "kode_kegiatan": "1.02.02.2.02", "nama_kegiatan": "Penyediaan Layanan Kesehatan",
        "kode_subkegiatan": "1.02.02.2.02.0001", "nama_subkegiatan": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "kode_rekening": "5.1.02.01.01.0052", "uraian": "Makanan tambahan ibu hamil KEK",
        "volume": Decimal("2.5"), "satuan": "paket", "harga_satuan": Decimal(1000000), "total": Decimal(2500000),
        "indikator": IndikatorCapaian.objects.get(pk="A1"), "kelompok": "A", "arah": "sasaran_langsung",
        "sumber_dana": "apbd_kabkota",
    }
    return data | ubah


def _versi(laporan: Laporan, unit: str) -> int:
    return BagianLaporan.objects.get(laporan=laporan, unit_id=unit).versi


def _baris_xlsx(**ubah) -> list:
    """One row of the SIPD sheet, in KOLOM order; Indonesian-formatted text amounts."""
    data = {
        "kode_program": "1.02.02", "nama_program": "Program Pemenuhan Upaya Kesehatan",
        "kode_kegiatan": "1.02.02.2.02", "nama_kegiatan": "Penyediaan Layanan Kesehatan",
        "kode_subkegiatan": "1.02.02.2.02.0001", "nama_subkegiatan": "Pelayanan Kesehatan Ibu Hamil",
        "kode_rekening": "5.1.02.01.01.0052", "uraian": "Makanan tambahan", "volume": "2,5", "satuan": "paket",
        "harga_satuan": "1.250.000", "total": "3.125.000", "indikator": "A1", "kelompok": "A",
        "arah": "sasaran langsung", "sumber_dana": "APBD kabupaten/kota",
    } | ubah
    return [data[nama] for nama, _ in KOLOM]


def _xlsx(baris: list[list], judul: list[str] = JUDUL, nama: str = "sipd.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = LEMBAR
    ws.append(judul)
    for b in baris:
        ws.append(b)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return SimpleUploadedFile(nama, keluaran.getvalue())


def _setujui_semua(laporan: Laporan, beri_peran) -> None:
    admin = UserFactory(is_superuser=True)
    for b in laporan.bagian.all():
        bagian_ajukan(user=admin, bagian=b, catatan="Tidak ada belanja yang ditandai")  # most OPD parts are empty
        bagian_verifikasi(user=admin, bagian=b)
    laporan_setujui(user=beri_peran("approver", laporan.wilayah_id), laporan=laporan)
