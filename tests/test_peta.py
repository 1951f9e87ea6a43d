"""The public choropleth (issue 17, item 1; D96): the children of a wilayah as SVG paths coloured by
the chosen indicator's coverage — the same value as the coverage API — with a legend, the regions
without an outline named, and a table of the same numbers; by score class on request."""
import re

import pytest

from wilayah.batas import batas_muat
from wilayah.models import BatasWilayah, Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .test_basis_publik import satu_kecamatan  # noqa: F401  (an approved Kedurang with values, rolled up)

pytestmark = pytest.mark.django_db


@pytest.fixture
def peta(satu_kecamatan):  # noqa: F811
    batas_muat(kode_provinsi=["17"])


def _api(client, kode: str, indikator: str):
    data = client.get(f"/api/v1/cakupan/?wilayah={kode}").json()
    data = data.get("results", data) if isinstance(data, dict) else data
    return next((b["persen"] for b in data if b["indikator"] == indikator), None)


def test_the_kab_kota_page_maps_its_kecamatan_with_the_apis_values_and_a_table(peta, client):
    from inti.format import persen

    halaman = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/?peta=A2").content.decode()
    jalur = re.findall(r'<a href="/publik/wilayah/([0-9.]+)/\?peta=A2" data-kode="\1" data-nama="[^"]+" data-nilai="([^"]*)"><path class="(peta-[a-z0-9]+)" d="M', halaman)
    kecamatan = list(Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN).values_list("kode", flat=True))
    assert sorted(k for k, _, _ in jalur) == sorted(kecamatan)  # a path per kecamatan with an outline
    nilai = {k: (label, kelas) for k, label, kelas in jalur}
    api = _api(client, KEC_KEDURANG, "A2")
    assert api is not None and nilai[KEC_KEDURANG][0] == persen(api)  # the API's value on hover
    assert nilai[KEC_KEDURANG][1] != "peta-kosong"
    lain = next(k for k in kecamatan if k != KEC_KEDURANG)
    assert nilai[lain] == ("tidak ada data", "peta-kosong")
    assert 'data-testid="tabel-peta"' in halaman and "tidak ada data" in halaman and "≥ 90%" in halaman
    assert "Cakupan A2" in halaman and 'src="/static/js/peta.js"' in halaman


def test_regions_without_an_outline_stay_in_the_table_and_are_named(peta, client):
    BatasWilayah.objects.filter(wilayah_id=KEC_KEDURANG).delete()
    halaman = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/").content.decode()
    assert f'data-kode="{KEC_KEDURANG}" data-nama' not in halaman
    assert 'data-testid="tanpa-batas"' in halaman and "Kecamatan Kedurang" in halaman.split('data-testid="tanpa-batas"')[1]
    assert f'<tr data-kode="{KEC_KEDURANG}">' in halaman


def test_the_nation_maps_its_provinsi_the_kecamatan_page_has_no_map_and_classes_on_request(peta, client):
    nasional = client.get("/publik/").content.decode()
    assert nasional.count('<a href="/publik/wilayah/17/') >= 1 and 'data-testid="peta-svg"' in nasional
    kecamatan = client.get(f"/publik/wilayah/{KEC_KEDURANG}/").content.decode()
    assert 'data-testid="peta"' not in kecamatan  # desa have no outline
    kelas = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/?peta=kelas").content.decode()
    assert "Tumbuh" in kelas.split('data-testid="legenda"')[1] and "belum dinilai" in kelas
    salah = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/?peta=<script>").content.decode()
    assert "Cakupan A1" in salah and "<script>" not in salah.split('data-testid="peta"')[1].split("</section>")[0]


def test_the_national_page_offers_every_kab_kota(peta, client):
    halaman = client.get("/publik/?lapis=kabkota&peta=A2").content.decode()
    kab = set(Wilayah.objects.filter(tingkat=2).values_list("kode", flat=True))
    dipeta = set(re.findall(r'<a href="/publik/wilayah/([0-9.]+)/\?peta=A2" data-kode', halaman))
    assert dipeta == kab
    label = re.search(rf'data-kode="{KAB_BENGKULU_SELATAN}" data-nama="[^"]+" data-nilai="([^"]*)"', halaman).group(1)
    assert label == re.search(rf'data-kode="{KAB_BENGKULU_SELATAN}" data-nama="[^"]+" data-nilai="([^"]*)"',
                              client.get("/publik/wilayah/17/?peta=A2").content.decode()).group(1) != "tidak ada data"


def test_the_analisis_and_penilaian_pdfs_carry_the_map(siklus_terbuka, beri_peran):
    """The kab/kota analisis situasi PDF maps its kecamatan by measured stunting prevalence; the
    penilaian PDF of a kab/kota maps its kecamatan's classes (WeasyPrint draws the inline SVG)."""
    from decimal import Decimal

    from django.utils import timezone

    from aksi.models import Tahapan
    from aksi.services import laporan_ambil_atau_buat
    from analisis.models import HasilPengukuran
    from analisis.pdf import dokumen_analisis_situasi, html_analisis_situasi
    from penilaian.models import AturanPenilaian, Kelas, NilaiPenilaian
    from penilaian.pdf import html_laporan_penilaian
    from penilaian.services import aturan_bawaan_buat

    from .factories import UserFactory
    from .pdf import jumlah_halaman

    batas_muat(kode_provinsi=["17"])
    kab = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN)
    lap = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                                  tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=kab)
    HasilPengukuran.objects.create(laporan=lap, wilayah_id=KEC_KEDURANG, jumlah_diukur=400, jumlah_stunting=100)
    html = html_analisis_situasi(lap)
    peta = html.split("data-peta>")[1].split("</div>")[0]
    assert "Peta prevalensi stunting Agustus" in peta and peta.count("<path ") == kab.anak.count()
    assert 'fill="#fb6a4a"' in peta and "Kedurang: 25,00%" in peta and "belum diukur" in peta  # 25 %: the 20–29,9 class
    assert jumlah_halaman(dokumen_analisis_situasi(lap)) >= 2

    aturan, _ = aturan_bawaan_buat(tahun=TAHUN, tingkat=2)
    nilai = NilaiPenilaian.objects.create(wilayah=kab, tahun=TAHUN, tingkat=2, aturan=aturan, total=Decimal(60), kelas=Kelas.BERKEMBANG,
                                          dihitung_pada=timezone.now())
    NilaiPenilaian.objects.create(wilayah_id=KEC_KEDURANG, tahun=TAHUN, tingkat=3, total=Decimal(85), kelas=Kelas.BERDAYA,
                                  aturan=aturan_bawaan_buat(tahun=TAHUN, tingkat=3)[0], dihitung_pada=timezone.now())
    html = html_laporan_penilaian(nilai)
    peta = html.split("data-peta>")[1].split("</div>")[0]
    assert "Kedurang: Berdaya" in peta and 'fill="#2c7bb6"' in peta and "belum dinilai" in peta
    assert AturanPenilaian.objects.count() == 2
