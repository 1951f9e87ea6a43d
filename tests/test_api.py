"""The REST API: schema, every endpoint answers, token scoping, anonymous reads, CSV/xlsx."""
import io

import openpyxl
import pytest
import yaml
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from config.api_urls import router
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG, KEC_TETANGGA
from .factories import UserFactory
from .aset import aset_luar

pytestmark = pytest.mark.django_db


def _token(user) -> APIClient:
    klien = APIClient()
    klien.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return klien


def test_openapi_schema_validates_and_lists_every_endpoint(client):
    jawaban = client.get("/api/schema/")
    assert jawaban.status_code == 200
    skema = yaml.safe_load(jawaban.content)
    for prefix, _viewset, _basename in router.registry:
        assert f"/api/v1/{prefix}/" in skema["paths"]
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())


def test_docs_page_is_served_from_our_own_static_files(client):
    halaman = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in halaman and aset_luar(halaman) == [] and "jsdelivr" not in halaman


# Query parameters an endpoint requires; the rest answer with none.
PARAMETER = {"anggaran": {"wilayah": KEC_KEDURANG, "tahun": 2026, "jenis": "murni"}}


@pytest.mark.parametrize("anonim", [True, False])
def test_every_listed_endpoint_answers(anonim, beri_peran, siklus_terbuka):
    klien = APIClient() if anonim else _token(beri_peran("pemantau", KEC_KEDURANG))
    for prefix, _viewset, _basename in router.registry:
        jawaban = klien.get(f"/api/v1/{prefix}/", PARAMETER.get(prefix, {}))
        assert jawaban.status_code in ((200, 401, 403) if anonim else (200,)), (prefix, jawaban.status_code)


def test_token_user_gets_exactly_its_scope(beri_peran, siklus_terbuka):
    klien = _token(beri_peran("operator", KEC_KEDURANG))
    admin = UserFactory(is_superuser=True)
    tahapan = Tahapan.objects.get(pk="analisis-situasi")
    milik = laporan_ambil_atau_buat(user=admin, tahun=2026, tahapan=tahapan, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    tetangga = laporan_ambil_atau_buat(user=admin, tahun=2026, tahapan=tahapan, wilayah=Wilayah.objects.get(kode=KEC_TETANGGA))
    data = klien.get("/api/v1/laporan/").json()
    assert [r["id"] for r in data["results"]] == [milik.pk]
    assert klien.get(f"/api/v1/laporan/{tetangga.pk}/").status_code == 404
    assert klien.get(f"/api/v1/wilayah/{KEC_TETANGGA}/").status_code == 404


def test_anonymous_sees_approved_laporan_only(siklus_terbuka):
    admin = UserFactory(is_superuser=True)
    tahapan = Tahapan.objects.get(pk="analisis-situasi")
    draf = laporan_ambil_atau_buat(user=admin, tahun=2026, tahapan=tahapan, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    disetujui = laporan_ambil_atau_buat(user=admin, tahun=2026, tahapan=tahapan, wilayah=Wilayah.objects.get(kode=KEC_TETANGGA))
    Laporan.objects.filter(pk=disetujui.pk).update(status=StatusLaporan.DISETUJUI)
    data = APIClient().get("/api/v1/laporan/").json()
    assert [r["id"] for r in data["results"]] == [disetujui.pk]
    assert APIClient().get(f"/api/v1/laporan/{draf.pk}/").status_code == 404


def test_lists_download_as_csv_and_xlsx():
    klien = APIClient()
    csv = klien.get("/api/v1/indikator/?format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    baris = csv.content.decode("utf-8-sig").splitlines()
    assert baris[0].startswith("kode,kelompok,pembilang") and len(baris) == 32
    assert 'filename="indikator.csv"' in csv["Content-Disposition"]
    xlsx = klien.get("/api/v1/indikator/?format=xlsx")
    lembar = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert lembar.max_row == 32 and lembar["A2"].value == "A1"


def test_anonymous_budget_summary_counts_approved_tags_only(siklus_terbuka):
    from decimal import Decimal

    from penandaan.models import RincianBelanja

    admin = UserFactory(is_superuser=True)
    laporan = laporan_ambil_atau_buat(user=admin, tahun=2026, tahapan=Tahapan.objects.get(pk="penandaan-apbd"),
                                      wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    RincianBelanja.objects.create(
        laporan=laporan, unit_id="setcam", kode_program="1", nama_program="P", kode_kegiatan="1.1", nama_kegiatan="K",
        kode_subkegiatan="1.1.1", nama_subkegiatan="S", kode_rekening="5.1", uraian="PMT", volume=Decimal(2),
        satuan="paket", harga_satuan=Decimal(1000), total=Decimal(2000), indikator_id="A1", kelompok_id="A",
        arah="sasaran_langsung", sumber_dana="apbdes",
    )
    parameter = {"wilayah": "17.01", "tahun": 2026, "jenis": "murni"}

    def total_a1():
        baris = APIClient().get("/api/v1/anggaran/", parameter).json()
        return next(b["total"] for b in baris if b["dimensi"] == "per_indikator" and b["kode"] == "A1")

    assert Decimal(total_a1()) == 0
    Laporan.objects.filter(pk=laporan.pk).update(status=StatusLaporan.DISETUJUI)
    assert Decimal(total_a1()) == 2000
    assert APIClient().get("/api/v1/anggaran/", parameter | {"format": "csv"}).content.decode("utf-8-sig").startswith("dimensi,kode")
