"""API edges (issue 13, defect 10): the root lists what the caller may read, a login never reads
less than the public, and a year out of range is a 400 with an Indonesian message, not a 500."""
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from config.api_urls import router
from penandaan.models import RincianBelanja
from wilayah.models import Wilayah

from .conftest import KAB_LAIN, KEC_KEDURANG
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _masuk(user) -> APIClient:
    klien = APIClient()
    klien.force_authenticate(user)
    return klien


# --- the API root ------------------------------------------------------------------------------------

def test_api_root_lists_to_an_anonymous_caller_exactly_the_endpoints_it_may_read(siklus_terbuka):
    jawaban = APIClient().get("/api/v1/")
    assert jawaban.status_code == 200
    daftar = jawaban.json()
    assert {"cakupan", "indikator", "laporan", "anggaran", "penilaian", "regulasi", "publikasi"} <= set(daftar)
    for prefix, _viewset, _basename in router.registry:
        status = APIClient().get(f"/api/v1/{prefix}/").status_code
        if prefix in daftar:
            assert status not in (401, 403), (prefix, status)  # anggaran answers 400 without its parameters
        else:
            assert status in (401, 403), (prefix, status)
    assert "wilayah" not in daftar  # the region tree is for signed-in users


def test_api_root_lists_every_endpoint_to_a_signed_in_user(beri_peran):
    daftar = _masuk(beri_peran("operator", KEC_KEDURANG)).get("/api/v1/").json()
    assert set(daftar) == {prefix for prefix, _v, _b in router.registry}


# --- a login never reads less than the public ----------------------------------------------------------

@pytest.fixture
def anggaran_kedurang_disetujui(siklus_terbuka):
    laporan = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=2026,
                                      tahapan=Tahapan.objects.get(pk="penandaan-apbd"),
                                      wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    RincianBelanja.objects.create(
        laporan=laporan, unit_id="setcam", kode_program="1", nama_program="P", kode_kegiatan="1.1", nama_kegiatan="K",
        kode_subkegiatan="1.1.1", nama_subkegiatan="S", kode_rekening="5.1", uraian="PMT", volume=Decimal(2),
        satuan="paket", harga_satuan=Decimal(1000), total=Decimal(2000), indikator_id="A1", kelompok_id="A",
        arah="sasaran_langsung", sumber_dana="apbdes",
    )
    Laporan.objects.filter(pk=laporan.pk).update(status=StatusLaporan.DISETUJUI)
    return laporan


@pytest.mark.parametrize("kode", [KEC_KEDURANG, "17.01", "17"])
def test_a_user_of_another_wilayah_reads_the_approved_budget_the_public_reads(anggaran_kedurang_disetujui, beri_peran, kode):
    parameter = {"wilayah": kode, "tahun": 2026, "jenis": "murni"}
    publik = APIClient().get("/api/v1/anggaran/", parameter)
    assert publik.status_code == 200
    lain = _masuk(beri_peran("operator", KAB_LAIN)).get("/api/v1/anggaran/", parameter)
    assert lain.status_code == 200, lain.content
    assert lain.json() == publik.json()
    a1 = next(b for b in lain.json() if b["dimensi"] == "per_indikator" and b["kode"] == "A1")
    assert Decimal(a1["total"]) == 2000


def test_a_user_in_scope_still_reads_its_own_approved_budget(anggaran_kedurang_disetujui, beri_peran):
    jawaban = _masuk(beri_peran("operator", KEC_KEDURANG)).get("/api/v1/anggaran/", {"wilayah": KEC_KEDURANG, "tahun": 2026})
    a1 = next(b for b in jawaban.json() if b["dimensi"] == "per_indikator" and b["kode"] == "A1")
    assert Decimal(a1["total"]) == 2000


def test_an_unknown_wilayah_is_still_404_for_everyone(beri_peran):
    for klien in (APIClient(), _masuk(beri_peran("operator", KAB_LAIN))):
        assert klien.get("/api/v1/anggaran/", {"wilayah": "99.99", "tahun": 2026}).status_code == 404


# --- tahun out of range ----------------------------------------------------------------------------------

TAHUN_RAKSASA = "99999999999999999999"
ENDPOINT_TAHUN = [
    ("/api/v1/laporan/", {}),
    ("/api/v1/penilaian/", {}),
    ("/api/v1/regulasi/", {}),
    ("/api/v1/anggaran/", {"wilayah": "17", "jenis": "murni"}),
]


@pytest.mark.parametrize("anonim", [True, False])
@pytest.mark.parametrize("tahun", [TAHUN_RAKSASA, "-2026", "1999", "2101", "20x6"])
@pytest.mark.parametrize(("url", "lain"), ENDPOINT_TAHUN)
def test_a_year_out_of_range_is_a_400_naming_tahun(beri_peran, url, lain, tahun, anonim):
    klien = APIClient() if anonim else _masuk(beri_peran("operator", KEC_KEDURANG))
    jawaban = klien.get(url, lain | {"tahun": tahun})
    assert jawaban.status_code == 400, (url, tahun, jawaban.status_code)
    assert "ahun" in jawaban.content.decode(), jawaban.content  # "tahun" names the parameter


def test_the_coverage_endpoint_refuses_a_huge_year_too():
    # its own rule: four digits with a periode (publikasi/api/cakupan.py)
    assert APIClient().get("/api/v1/cakupan/", {"wilayah": "17", "periode": "baseline", "tahun": TAHUN_RAKSASA}).status_code == 400


@pytest.mark.parametrize(("url", "lain"), ENDPOINT_TAHUN)
def test_a_year_in_range_is_answered(url, lain, siklus_terbuka):
    assert APIClient().get(url, lain | {"tahun": "2026"}).status_code == 200


def test_the_year_message_is_indonesian_and_gives_the_range():
    pesan = APIClient().get("/api/v1/laporan/", {"tahun": TAHUN_RAKSASA}).json()
    assert pesan == {"tahun": ["Tahun harus bilangan bulat antara 2000 dan 2100, misalnya 2026."]}
