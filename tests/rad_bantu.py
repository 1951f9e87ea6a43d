"""Fixtures and helpers of the RAD tests."""
import datetime
import io
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import include, path
import config.urls
from aksi.models import Jadwal
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_setujui, siklus_buat
from rad.models import Keluaran, RegulasiRAD, TargetTahunan
from rad.services import regulasi_simpan
from wilayah.models import Wilayah
from .conftest import KAB_BENGKULU_SELATAN
from .factories import UserFactory


# The lead mounts rad.urls at rad/; until then these tests mount it themselves.
urlpatterns = list(config.urls.urlpatterns)


if not any(getattr(p, "namespace", None) == "rad" for p in urlpatterns):
    urlpatterns.append(path("rad/", include("rad.urls")))


pytestmark = pytest.mark.urls(__name__)


PEMETAAN_DESA = "Terselenggaranya pemetaan sumber anggaran oleh TPPPS Desa/Kelurahan"


RKPD = "Terselenggaranya dokumen Rencana Kerja Pemerintah Daerah (RKPD)"


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def _rad_bengkulu_dimuat(dunia_modul):
    call_command("muat_rad_bengkulu", verbosity=0)  # once per module; every test rolls back to it


@pytest.fixture
def rad_bengkulu(_rad_bengkulu_dimuat, db):
    return RegulasiRAD.objects.get(wilayah_id="17", nomor="45", tahun=2025)


@pytest.fixture
def rad_2026(rad_bengkulu, siklus_terbuka):
    """The Bengkulu RAD with cycle 2026 open (RAD window included, whichever was loaded first)."""
    siklus_buat(oleh=None, tahun=2026)
    Jadwal.objects.filter(siklus=siklus_terbuka).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    return rad_bengkulu


def _keluaran(awal: str) -> Keluaran:
    return Keluaran.objects.select_related("instrumen__strategi__pilar").get(regulasi__wilayah_id="17", uraian__startswith=awal)


def _target(k: Keluaran) -> dict[int, TargetTahunan]:
    return {t.tahun: t for t in k.target.all()}


def _setujui_semua(laporan, penyetuju):
    """Every part submitted and verified (a superuser serves every unit), then approved by Bappeda."""
    admin = UserFactory(is_superuser=True)
    for b in laporan.bagian.all():
        if b.status in ("draft", "dikembalikan"):
            bagian_ajukan(user=admin, bagian=b, catatan="Dilaporkan di luar portal")  # a part may be empty
        bagian_verifikasi(user=admin, bagian=b)
    return laporan_setujui(user=penyetuju, laporan=laporan)


@pytest.fixture
def rad_kab(rad_bengkulu, beri_peran):
    admin = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    regulasi = regulasi_simpan(user=admin, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), nomor="12", tahun=2026,
                               judul="Peraturan Bupati Bengkulu Selatan tentang Percepatan Penurunan Stunting",
                               tahun_mulai=2026, tahun_selesai=2029)
    return admin, regulasi


def _xlsx(baris: list[list], tahun=(2026, 2027, 2028, 2029), prevalensi=None) -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Logframe"
    ws.append(["Logframe RAD uji"])
    ws.append([])
    ws.append(["Pilar", "Nama Pilar", "Strategi Pencapaian", "Instrumen", "Keluaran", "Satuan", *map(str, tahun), "Kumulatif",
               "Penanggung Jawab", "Pendukung"])
    for b in baris:
        ws.append(b)
    if prevalensi:
        p = wb.create_sheet("Prevalensi")
        p.append(["Tahun", "Target Prevalensi (%)"])
        for row in prevalensi:
            p.append(row)
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile("logframe.xlsx", isi.getvalue())
