"""Fixtures and helpers of the pra-musrenbang tests."""
import datetime
import struct
import zlib
from decimal import Decimal
import pytest
from django.urls import reverse
from aksi.models import Laporan, Tahapan
from aksi.choices import SumberDana
from aksi.services import laporan_ambil_atau_buat
from indikator.models import IndikatorCapaian
from musrenbang.models import (
    KategoriProgram,
)
from musrenbang.services import (
    agenda_buat,
    rencana_buat,
)
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG
from .factories import UserFactory


pytestmark = pytest.mark.django_db


TAHUN = 2026


def _laporan(kode: str) -> Laporan:
    return laporan_ambil_atau_buat(
        user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk="pra-musrenbang"),
        wilayah=Wilayah.objects.get(kode=kode),
    )


@pytest.fixture
def lap_kec(siklus_terbuka):
    return _laporan(KEC_KEDURANG)


@pytest.fixture
def lap_kab(siklus_terbuka):
    return _laporan(KAB_BENGKULU_SELATAN)


@pytest.fixture
def op_bappeda(beri_peran):
    return beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda")


def _desa(kode_kecamatan: str, n: int = 2) -> list[Wilayah]:
    return list(Wilayah.objects.filter(induk_id=kode_kecamatan, tingkat=Tingkat.DESA).order_by("kode")[:n])


def _indikator(*kode: str) -> list[IndikatorCapaian]:
    return list(IndikatorCapaian.objects.filter(pk__in=kode))


def _isian_rencana(**ubah) -> dict:
    isian = {
        "nama": "Rehabilitasi posyandu", "kategori": KategoriProgram.FISIK_PRASARANA, "perkiraan_anggaran": Decimal("1500000"),
        "sumber_dana": SumberDana.APBDES, "unit_pelaksana": UnitKerja.objects.get(pk="puskesmas"),
    }
    return isian | ubah


def _isian_ba(**ubah) -> dict:
    return {
        "tanggal": datetime.date(2026, 2, 10), "tempat": "Aula Kantor Camat Kedurang", "pimpinan_rapat": "Drs. Ahmad Yani",
        "jabatan_pimpinan": "Camat Kedurang", "jumlah_peserta": 42,
        "perwakilan_peserta": "Siti Aminah — Kepala Puskesmas\nBudi Santoso - PLKB",
    } | ubah


def _versi(laporan: Laporan, unit: str) -> int:
    return laporan.bagian.get(unit_id=unit).versi


def _url(nama: str, laporan: Laporan, *args) -> str:
    return reverse(f"musrenbang:{nama}", args=[laporan.pk, *args])


def _pdf() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<h1>Berita acara</h1><p>Ditandatangani peserta.</p>").write_pdf()


def _png() -> bytes:
    """A real 1×1 white PNG."""
    def potong(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))
    return (b"\x89PNG\r\n\x1a\n" + potong(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + potong(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + potong(b"IEND", b""))


def _isi_dokumen(laporan: Laporan, user) -> None:
    kecamatan = laporan.wilayah.tingkat == Tingkat.KECAMATAN
    agenda_buat(user=user, laporan=laporan, urutan=1, topik="capaian", uraian="Cakupan kelas ibu hamil baru 40%.")
    agenda_buat(user=user, laporan=laporan, urutan=2, topik="klasifikasi", uraian="Disepakati tiga kategori.")
    unit = "puskesmas" if kecamatan else "dinkes"
    rencana_buat(user=user, laporan=laporan, indikator=["E1", "E2"], lokasi=_desa(laporan.wilayah_id, 1) if kecamatan else [],
                 **_isian_rencana(nama="Jamban sehat keluarga", unit_pelaksana=UnitKerja.objects.get(pk=unit)))
    rencana_buat(user=user, laporan=laporan, indikator=["A1"],
                 **_isian_rencana(nama="Sumur bor", perkiraan_anggaran=Decimal("1250000"), unit_pelaksana=None))
    rencana_buat(user=user, laporan=laporan, indikator=["B1"],
                 **_isian_rencana(nama="Kelas ibu balita", kategori=KategoriProgram.SOSIAL_BUDAYA, perkiraan_anggaran=Decimal("300000"),
                                 unit_pelaksana=UnitKerja.objects.get(pk=unit)))
