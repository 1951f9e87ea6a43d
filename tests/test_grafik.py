"""Charts of the public page (issue 17, item 2; D97): the trend of an indicator across periods (its
numbers equal the coverage API's for each period), the coverage targets beside the bars, and the
spread of the score classes below — each with its numbers as text."""
import pytest
from django.utils import timezone

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from analisis.models import TargetCakupan
from indikator.models import NilaiDesa
from inti.format import persen
from monev.services import rekap_bangun_ulang
from penilaian.models import Kelas, NilaiPenilaian
from penilaian.services import aturan_bawaan_buat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _laporan(tahapan: str, kode: str, status=StatusLaporan.DISETUJUI) -> Laporan:
    lap = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk=tahapan),
                                  wilayah=Wilayah.objects.get(kode=kode))
    Laporan.objects.filter(pk=lap.pk).update(status=status)
    return lap


@pytest.fixture
def dua_periode(siklus_terbuka):
    """Kedurang's A2 over S04: baseline 2 of 10, semester 1 7 of 10 in each of its first 4 desa."""
    desa = list(Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").values_list("kode", flat=True))[:4]
    for tahapan, a2 in (("analisis-situasi", 2), ("capaian-semester-1", 7)):
        lap = _laporan(tahapan, KEC_KEDURANG)
        NilaiDesa.objects.filter(laporan=lap).delete()  # a semester starts from the approved baseline: replace it
        NilaiDesa.objects.bulk_create([NilaiDesa(laporan=lap, desa_id=d, item=i, nilai=n) for d in desa for i, n in (("S04", 10), ("A2", a2))])
    rekap_bangun_ulang()


def test_the_trend_chart_shows_the_apis_value_for_every_period(dua_periode, client):
    halaman = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/?peta=A2").content.decode()
    tren = halaman.split('data-testid="tren"')[1].split("</section>")[0]
    assert "Tren cakupan A2" in tren and "<polyline" in tren and tren.count("<circle") == 2
    for periode in ("baseline", "s1"):
        api = client.get(f"/api/v1/cakupan/?wilayah={KAB_BENGKULU_SELATAN}&tahun={TAHUN}&periode={periode}").json()
        api = api.get("results", api) if isinstance(api, dict) else api
        nilai = next(b["persen"] for b in api if b["indikator"] == "A2")
        baris = tren.split(f'data-periode="{periode}"')[1].split("</tr>")[0]
        assert persen(nilai) in baris, (periode, nilai)
    assert persen(20) in tren and persen(70) in tren


def test_targets_beside_the_bars_and_the_spread_of_classes(dua_periode, client):
    kab = _laporan("analisis-situasi", KAB_BENGKULU_SELATAN)
    TargetCakupan.objects.create(laporan=kab, indikator_id="A2", target_persen=80)
    aturan, _ = aturan_bawaan_buat(tahun=TAHUN, tingkat=3)
    for kode, kelas in ((KEC_KEDURANG, Kelas.BERDAYA), (KEC_TETANGGA, Kelas.TUMBUH)):
        _laporan("penilaian", kode)  # approved: the score is public
        NilaiPenilaian.objects.create(wilayah_id=kode, tahun=TAHUN, tingkat=3, aturan=aturan, total=50, kelas=kelas,
                                      dihitung_pada=timezone.now())
    halaman = client.get(f"/publik/wilayah/{KEC_KEDURANG}/").content.decode()  # a kecamatan takes its kab/kota's targets
    baris = halaman.split('<tr data-indikator="A2">')[1].split("</tr>")[0]
    assert 'class="target"' in baris and f"target {persen(80)}" in baris
    kab_halaman = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/").content.decode()
    sebaran = kab_halaman.split('data-testid="sebaran-kelas"')[1].split("</section>")[0]
    assert f"1 wilayah ({persen(50)})" in sebaran.split('data-kelas="berdaya"')[1]
    assert "0 wilayah" in sebaran.split('data-kelas="berkembang"')[1]


def test_the_staff_rekap_page_charts_the_trend_of_the_chosen_indicator(dua_periode, client, beri_peran):
    client.force_login(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    halaman = client.get(f"/monev/rekap/?wilayah={KAB_BENGKULU_SELATAN}&tahun={TAHUN}&periode=baseline&tren=A2").content.decode()
    tren = halaman.split('data-testid="tren"')[1].split("</section>")[0]
    assert "Tren cakupan A2" in tren and tren.count("<circle") == 2
    assert persen(20) in tren.split('data-periode="baseline"')[1] and persen(70) in tren.split('data-periode="s1"')[1]
