"""The public portal and the coverage API: approved data only, the same numbers in both; the
score only once the wilayah's penilaian Laporan is approved; only approved and published
regulasi and published publikasi."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from indikator.models import NilaiDesa
from indikator.selectors import desa_laporan
from inti.format import angka
from monev.models import PengaturanRekap
from monev.services import rekap_bangun_ulang
from penilaian.models import NilaiPenilaian
from penilaian.services import aturan_bawaan_buat, penilaian_hitung
from publikasi.models import JenisRegulasi, Publikasi, Regulasi, StatusPublikasi
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory
from .aset import aset_luar

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
    assert aset_luar(halaman.content.decode()) == []


# --- the score (Tumbuh / Berkembang / Berdaya) ----------------------------------------------------

def _laporan(kode_tahapan: str, kode: str, tahun: int = TAHUN) -> Laporan:
    return laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=tahun,
                                   tahapan=Tahapan.objects.get(pk=kode_tahapan), wilayah=Wilayah.objects.get(kode=kode))


def _status(laporan: Laporan, status: str) -> None:
    Laporan.objects.filter(pk=laporan.pk).update(status=status)


def _halaman(client, kode: str = "") -> str:
    jawaban = client.get(f"/publik/wilayah/{kode}/" if kode else "/publik/")
    assert jawaban.status_code == 200
    return jawaban.content.decode()


@pytest.fixture
def dinilai(data_kedurang):
    """Kedurang and its neighbour scored for 2026 under the default rule; their penilaian Laporan
    are opened but not approved."""
    aturan_bawaan_buat(tahun=TAHUN, tingkat=Tingkat.KECAMATAN)
    monev = {kode: _laporan("penilaian", kode) for kode in (KEC_KEDURANG, KEC_TETANGGA)}
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    return monev


def test_a_score_is_public_only_while_the_penilaian_laporan_is_approved(client, dinilai):
    nilai = NilaiPenilaian.objects.get(wilayah_id=KEC_KEDURANG, tahun=TAHUN)
    total = angka(nilai.total, 2)
    halaman = _halaman(client, KEC_KEDURANG)
    assert 'data-testid="penilaian-publik"' not in halaman and 'data-testid="belum-dinilai"' in halaman
    assert "data-kelas=" not in _halaman(client, KAB_BENGKULU_SELATAN)  # nor as a badge in the drill-down list

    _status(dinilai[KEC_KEDURANG], StatusLaporan.DISETUJUI)
    halaman = _halaman(client, KEC_KEDURANG)
    bagian = halaman.split('data-testid="penilaian-publik"')[1].split("</section>")[0]
    assert f'data-testid="nilai-total">{total}<' in bagian
    assert f'data-kelas="{nilai.kelas}"' in bagian and nilai.get_kelas_display() in bagian
    assert "tidak dipublikasikan" in bagian  # the official formula is not published: the page says so
    # the breakdown: every component, and one bar per step plus coverage, regulasi and publikasi
    assert bagian.count('data-kode="') == nilai.rincian.count()
    kelompok = bagian.split('data-testid="nilai-kelompok"')[1].split("</table>")[0]
    assert kelompok.count('role="progressbar"') == 7 + 3 and "Analisis Situasi".lower() in kelompok.lower()
    # the neighbour's score stays hidden; Kedurang's class shows in the kab/kota's list of kecamatan
    assert 'data-testid="penilaian-publik"' not in _halaman(client, KEC_TETANGGA)
    daftar = _halaman(client, KAB_BENGKULU_SELATAN).split('data-testid="anak"')[1].split("</ul>")[0]
    assert daftar.count("data-kelas=") == 1 and f'data-kelas="{nilai.kelas}"' in daftar

    _status(dinilai[KEC_KEDURANG], StatusLaporan.DIKEMBALIKAN)  # reopened: hidden until approved again
    assert 'data-testid="penilaian-publik"' not in _halaman(client, KEC_KEDURANG)


def test_the_latest_approved_year_is_shown_not_a_newer_unapproved_one(client, dinilai):
    _status(dinilai[KEC_KEDURANG], StatusLaporan.DISETUJUI)
    aturan = NilaiPenilaian.objects.get(wilayah_id=KEC_KEDURANG, tahun=TAHUN).aturan
    NilaiPenilaian.objects.create(wilayah_id=KEC_KEDURANG, tahun=TAHUN + 1, tingkat=Tingkat.KECAMATAN, aturan=aturan,
                                  total=Decimal("99.99"), kelas="berdaya", dihitung_pada=timezone.now())
    Laporan.objects.create(tahun=TAHUN + 1, tahapan_id="penilaian", wilayah_id=KEC_KEDURANG, status=StatusLaporan.DIVERIFIKASI)
    halaman = _halaman(client, KEC_KEDURANG)
    assert f"Penilaian hasil monev {TAHUN}<" in halaman and "99,99" not in halaman


# --- regulasi and publikasi ------------------------------------------------------------------------

@pytest.fixture
def dokumen(siklus_terbuka):
    """Kedurang: an approved regulasi Laporan with one published and one unpublished document, a
    published and a draft article; the neighbour: a document marked published in a Laporan that is
    only submitted, and an article published and then withdrawn."""
    kedurang, tetangga = _laporan("regulasi", KEC_KEDURANG), _laporan("regulasi", KEC_TETANGGA)
    _status(kedurang, StatusLaporan.DISETUJUI)
    _status(tetangga, StatusLaporan.DIAJUKAN)

    def regulasi(laporan, judul, dipublikasikan):
        return Regulasi.objects.create(laporan=laporan, jenis=JenisRegulasi.SURAT_EDARAN, nomor=f"400/{judul[:3]}",
                                       tanggal=datetime.date(2026, 3, 1), judul=judul, berkas="regulasi/2026/x.pdf",
                                       dipublikasikan=dipublikasikan)

    def publikasi(kode, judul, terbit):
        return Publikasi.objects.create(wilayah_id=kode, judul=judul, slug=judul.lower().replace(" ", "-"), isi="Isi.",
                                        status=StatusPublikasi.TERBIT if terbit else StatusPublikasi.DRAF,
                                        diterbitkan_pada=timezone.now() if terbit else None)

    return {
        "tampil": [regulasi(kedurang, "Gerakan makan ikan", True), publikasi(KEC_KEDURANG, "Posyandu aktif Kedurang", True)],
        "tersembunyi": [
            regulasi(kedurang, "Rancangan belum terbit", False), regulasi(tetangga, "Belum disetujui", True),
            publikasi(KEC_KEDURANG, "Draf berita Kedurang", False), publikasi(KEC_TETANGGA, "Berita ditarik", False),
        ],
    }


def test_only_approved_published_regulasi_and_published_publikasi_appear(client, dokumen):
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").first()
    for kode in ("", "17", KAB_BENGKULU_SELATAN, KEC_KEDURANG, desa.kode):
        halaman = _halaman(client, kode)
        regulasi = halaman.split('data-testid="regulasi-wilayah"')[1].split("</ul>")[0]
        publikasi = halaman.split('data-testid="publikasi-wilayah"')[1].split("</ul>")[0]
        assert "Gerakan makan ikan" in regulasi and f"/publik/regulasi/{dokumen['tampil'][0].pk}/unduh/" in regulasi
        assert "Posyandu aktif Kedurang" in publikasi and "/publik/berita/posyandu-aktif-kedurang/" in publikasi
        for objek in dokumen["tersembunyi"]:
            assert objek.judul not in halaman, (kode, objek.judul)
    assert "Diterbitkan oleh Kecamatan Kedurang" in _halaman(client, desa.kode)  # a desa shows its kecamatan's
    halaman = _halaman(client, KEC_TETANGGA)
    assert "Belum ada regulasi yang disetujui dan diterbitkan" in halaman and "Belum ada publikasi yang diterbitkan" in halaman


def test_the_portal_lists_the_newest_few_and_links_the_filtered_full_list(client, dokumen):
    for i in range(6):
        Publikasi.objects.create(wilayah_id=KEC_KEDURANG, judul=f"Kabar {i}", slug=f"kabar-{i}", isi="Isi.",
                                 status=StatusPublikasi.TERBIT, diterbitkan_pada=timezone.now())
    halaman = _halaman(client, KEC_KEDURANG)
    publikasi = halaman.split('data-testid="publikasi-wilayah"')[1].split("</ul>")[0]
    assert publikasi.count("<li") == 5 and "Kabar 5" in publikasi
    tautan = f"/publik/berita/?provinsi=17&amp;kabkota={KAB_BENGKULU_SELATAN}&amp;kecamatan={KEC_KEDURANG}"
    assert f'href="{tautan}">Semua 7 publikasi' in halaman
    daftar = client.get(tautan.replace("&amp;", "&")).content.decode()
    assert "Posyandu aktif Kedurang" in daftar and "Draf berita Kedurang" not in daftar


def test_the_coverage_api_shows_a_recompute_at_the_next_request(data_kedurang, laporan_kedurang):
    """The endpoint keeps answers per process under the Rekap version: a changed and recomputed
    kecamatan is visible at once, at every level, without clearing anything."""
    assert _api(wilayah=KEC_KEDURANG)["A2"]["pembilang"] == 15 and _api(wilayah="17")["A2"]["pembilang"] == 15
    NilaiDesa.objects.filter(laporan=laporan_kedurang, desa_id=data_kedurang[0], item="A2").update(nilai=8)
    assert _api(wilayah=data_kedurang[0])["A2"]["pembilang"] == 8  # a desa is never kept
    rekap_bangun_ulang()
    for kode in (KEC_KEDURANG, KAB_BENGKULU_SELATAN, "17", ""):
        assert _api(wilayah=kode)["A2"]["pembilang"] == 18, kode
    assert APIClient().get("/api/v1/cakupan/", {"tahun": "20260", "periode": "baseline"}).status_code == 400


def _berat_halaman(html: str) -> int:
    """Bytes a first visit downloads: the HTML plus every stylesheet and script it references."""
    import re

    from django.contrib.staticfiles import finders

    total = len(html.encode())
    for alamat in re.findall(r'<(?:link[^>]+href|script[^>]+src)="/static/([^"]+)"', html):
        total += len(open(finders.find(alamat), "rb").read())
    return total


def test_public_pages_are_light_on_a_first_visit(client, data_kedurang):
    for url in ("/publik/", f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/", f"/publik/wilayah/{KEC_KEDURANG}/",
                f"/publik/wilayah/{data_kedurang[0]}/"):
        html = client.get(url).content.decode()
        assert "bootstrap.bundle" not in html and "htmx" not in html
        assert _berat_halaman(html) <= 300_000, url
