"""The public portal and the coverage API: approved data only, the same numbers in both."""
import pytest
from rest_framework.test import APIClient

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from indikator.models import NilaiDesa
from indikator.services import desa_laporan
from monev.models import PengaturanRekap
from monev.rekap import rekap_bangun_ulang

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_kedurang(laporan_kedurang):
    """Kedurang's analisis situasi: A2 15 of S04 30 over two desa; approved unless a test says not."""
    desa = list(desa_laporan(laporan_kedurang))
    NilaiDesa.objects.bulk_create([
        NilaiDesa(laporan=laporan_kedurang, desa_id=desa[0], item="S04", nilai=10),
        NilaiDesa(laporan=laporan_kedurang, desa_id=desa[0], item="A2", nilai=5),
        NilaiDesa(laporan=laporan_kedurang, desa_id=desa[1], item="S04", nilai=20),
        NilaiDesa(laporan=laporan_kedurang, desa_id=desa[1], item="A2", nilai=10),
        NilaiDesa(laporan=laporan_kedurang, desa_id=desa[1], item="C5", nilai=3),
    ])
    Laporan.objects.filter(pk=laporan_kedurang.pk).update(status=StatusLaporan.DISETUJUI)
    rekap_bangun_ulang()
    return desa


def _api(**parameter):
    return {r["indikator"]: r for r in APIClient().get("/api/v1/cakupan/", parameter).json()}


def test_public_pages_and_api_show_the_same_coverage_at_every_level(client, data_kedurang):
    for kode, persen in (("", "50,0%"), ("17", "50,0%"), (KAB_BENGKULU_SELATAN, "50,0%"), (KEC_KEDURANG, "50,0%"),
                         (data_kedurang[0], "50,0%"), (data_kedurang[1], "50,0%")):
        url = f"/publik/wilayah/{kode}/" if kode else "/publik/"
        halaman = client.get(url).content.decode()
        assert 'data-indikator="A2"' in halaman, url
        baris_a2 = halaman.split('data-indikator="A2"')[1].split("</tr>")[0]
        assert persen in baris_a2, (url, baris_a2)
        api = _api(wilayah=kode)["A2"]
        assert (api["pembilang"], api["penyebut"]) == ((5, 10) if kode == data_kedurang[0] else (10, 20) if kode == data_kedurang[1] else (15, 30))
        assert api["persen"] == 50.0 and api["tahun"] == 2026 and api["periode"] == "baseline"


def test_unapproved_data_never_reaches_the_public(client, laporan_kedurang, data_kedurang):
    Laporan.objects.filter(pk=laporan_kedurang.pk).update(status=StatusLaporan.DIKEMBALIKAN)
    PengaturanRekap.objects.update_or_create(pk=1, defaults={"sertakan_belum_disetujui": True})
    rekap_bangun_ulang()  # the rekap now includes the returned Laporan, the public must not
    assert _api(wilayah=KEC_KEDURANG) == {}
    assert _api(wilayah=data_kedurang[0]) == {}
    assert "Belum ada data cakupan yang disetujui" in client.get(f"/publik/wilayah/{KEC_KEDURANG}/").content.decode()


def test_a_count_indicator_shows_cases_not_a_percentage(client, data_kedurang):
    api = _api(wilayah=KEC_KEDURANG)["C5"]
    assert api["pembilang"] == 3 and api["persen"] is None
    halaman = client.get(f"/publik/wilayah/{KEC_KEDURANG}/").content.decode()
    assert "3 kasus" in halaman.split('data-indikator="C5"')[1].split("</tr>")[0]


def test_coverage_api_lists_a_level_and_filters(data_kedurang):
    baris = APIClient().get("/api/v1/cakupan/", {"tingkat": 3, "dalam": KAB_BENGKULU_SELATAN, "indikator": "A2"}).json()
    assert [(b["wilayah"], b["persen"]) for b in baris] == [(KEC_KEDURANG, 50.0)]
    assert APIClient().get("/api/v1/cakupan/", {"tahun": 2026}).status_code == 400
    assert APIClient().get("/api/v1/cakupan/", {"wilayah": "99.99"}).status_code == 400
    csv = APIClient().get("/api/v1/cakupan/", {"wilayah": KEC_KEDURANG, "format": "csv"})
    assert csv.content.decode("utf-8-sig").startswith("wilayah,tahun,periode,indikator")


def test_anonymous_home_goes_to_the_public_page_and_it_is_light(client, data_kedurang):
    assert client.get("/")["Location"] == "/publik/"
    halaman = client.get("/publik/")
    assert halaman.status_code == 200 and len(halaman.content) < 300 * 1024
    assert "cdn" not in halaman.content.decode().lower()
