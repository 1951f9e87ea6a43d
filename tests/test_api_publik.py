"""The API's scores (penilaian), regulasi and publikasi: anonymous callers read exactly what the
public portal shows (a score once the wilayah's penilaian Laporan is approved; approved and
published regulasi; published articles), list and detail; token users read their scope, drafts
included, and get 404 outside it; the filters work; the lists download as CSV/xlsx."""
import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from penilaian.models import NilaiPenilaian
from penilaian.services import aturan_bawaan_buat, penilaian_hitung
from publikasi.models import (
    JenisPublikasi,
    JenisRegulasi,
    Publikasi,
    Regulasi,
    StatusPublikasi,
)
from publikasi.portal import kelas_anak, penilaian_publik
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _tanpa_batas(monkeypatch):
    """Throttling is tested elsewhere; these tests make many anonymous requests."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/min", "user": "100000/min"})


def _token(user) -> APIClient:
    klien = APIClient()
    klien.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return klien


def _hasil(jawaban) -> list[dict]:
    assert jawaban.status_code == 200, (jawaban.status_code, jawaban.content[:300])
    return jawaban.json()["results"]


def _laporan(kode_tahapan: str, kode: str, status: str | None = None) -> Laporan:
    laporan = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                                      tahapan=Tahapan.objects.get(pk=kode_tahapan), wilayah=Wilayah.objects.get(kode=kode))
    if status:
        Laporan.objects.filter(pk=laporan.pk).update(status=status)
    return laporan


def _kec_lain() -> str:
    """A kecamatan of another kabupaten (outside a Bengkulu Selatan user's scope)."""
    return Wilayah.objects.filter(induk_id=KAB_LAIN, tingkat=Tingkat.KECAMATAN).order_by("kode").values_list("kode", flat=True)[0]


# --- penilaian -----------------------------------------------------------------------------------------

@pytest.fixture
def nilai(siklus_terbuka):
    """Kecamatan scores 2026 in both kabupaten. Public: Kedurang (its penilaian Laporan approved)
    and one kecamatan of the other kabupaten. Not public: the neighbour (its Laporan only
    submitted) and the rest (no Laporan)."""
    aturan_bawaan_buat(tahun=TAHUN, tingkat=Tingkat.KECAMATAN)
    lain = _kec_lain()
    _laporan("penilaian", KEC_KEDURANG, StatusLaporan.DISETUJUI)
    _laporan("penilaian", KEC_TETANGGA, StatusLaporan.DIAJUKAN)
    _laporan("penilaian", lain, StatusLaporan.DISETUJUI)
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_LAIN)
    semua = {n.wilayah_id: n for n in NilaiPenilaian.objects.filter(tahun=TAHUN)}
    assert {KEC_KEDURANG, KEC_TETANGGA, lain} <= set(semua)
    return semua | {"lain": semua[lain]}


def test_anonymous_sees_only_the_scores_the_portal_shows(nilai):
    klien = APIClient()
    baris = _hasil(klien.get("/api/v1/penilaian/", {"page_size": 1000}))
    assert sorted(b["wilayah"] for b in baris) == sorted([KEC_KEDURANG, nilai["lain"].wilayah_id])
    assert all(b["publik"] for b in baris)
    # every hidden score answers 404, like a missing one
    for kode, n in nilai.items():
        if kode not in (KEC_KEDURANG, "lain", nilai["lain"].wilayah_id):
            assert klien.get(f"/api/v1/penilaian/{n.pk}/").status_code == 404, kode
    # the same gate as the portal: the page shows exactly these scores
    kedurang = Wilayah.objects.get(kode=KEC_KEDURANG)
    assert penilaian_publik(kedurang).nilai.pk == nilai[KEC_KEDURANG].pk
    assert set(kelas_anak(Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN))) == {KEC_KEDURANG}
    assert penilaian_publik(Wilayah.objects.get(kode=KEC_TETANGGA)) is None


def test_anonymous_score_has_the_breakdown_without_evidence(nilai):
    n = nilai[KEC_KEDURANG]
    data = APIClient().get(f"/api/v1/penilaian/{n.pk}/").json()
    assert (data["wilayah"], data["tahun"], data["tingkat"], data["kelas"]) == (KEC_KEDURANG, TAHUN, Tingkat.KECAMATAN, n.kelas)
    assert data["total"] == f"{n.total:.2f}" and data["wilayah_nama"] == "Kecamatan Kedurang"
    rincian = list(n.rincian.order_by("urutan", "id"))
    assert [r["kode"] for r in data["rincian"]] == [r.kode for r in rincian] and len(rincian) > 5
    for r, obj in zip(data["rincian"], rincian, strict=True):
        assert (r["skor"], r["bobot"], r["kontribusi"]) == (f"{obj.skor:.2f}", f"{obj.bobot:.2f}", f"{obj.kontribusi:.2f}")
        assert r["bukti"] is None  # the evidence (Laporan numbers, dates, remarks) is for staff
    assert "keterangan" not in str(data)
    assert sum(obj.kontribusi for obj in rincian) == n.total
    assert any(r["tahapan"] == "analisis-situasi" for r in data["rincian"])


def test_a_score_leaves_the_anonymous_api_when_its_laporan_is_reopened(nilai):
    n = nilai[KEC_KEDURANG]
    Laporan.objects.filter(tahapan_id="penilaian", wilayah_id=KEC_KEDURANG).update(status=StatusLaporan.DIKEMBALIKAN)
    assert KEC_KEDURANG not in [b["wilayah"] for b in _hasil(APIClient().get("/api/v1/penilaian/"))]
    assert APIClient().get(f"/api/v1/penilaian/{n.pk}/").status_code == 404
    assert penilaian_publik(Wilayah.objects.get(kode=KEC_KEDURANG)) is None


def test_a_token_user_reads_exactly_the_scores_of_its_scope(nilai, beri_peran):
    operator = _token(beri_peran("operator", KEC_KEDURANG))
    baris = _hasil(operator.get("/api/v1/penilaian/"))
    assert [b["wilayah"] for b in baris] == [KEC_KEDURANG]
    assert baris[0]["rincian"][0]["bukti"] and "keterangan" in baris[0]["rincian"][0]["bukti"]  # staff see the evidence
    assert operator.get(f"/api/v1/penilaian/{nilai[KEC_TETANGGA].pk}/").status_code == 404
    assert operator.get(f"/api/v1/penilaian/{nilai['lain'].pk}/").status_code == 404  # public, but outside the scope

    kabupaten = _token(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    baris = {b["wilayah"]: b for b in _hasil(kabupaten.get("/api/v1/penilaian/", {"page_size": 1000}))}
    dalam_kab = {k for k in nilai if k != "lain" and k.startswith(f"{KAB_BENGKULU_SELATAN}.")}
    assert set(baris) == dalam_kab
    assert baris[KEC_KEDURANG]["publik"] is True and baris[KEC_TETANGGA]["publik"] is False  # unapproved: staff only
    assert kabupaten.get(f"/api/v1/penilaian/{nilai[KEC_TETANGGA].pk}/").status_code == 200
    assert kabupaten.get(f"/api/v1/penilaian/{nilai['lain'].pk}/").status_code == 404

    tanpa_peran = _token(UserFactory())
    assert _hasil(tanpa_peran.get("/api/v1/penilaian/")) == []
    assert tanpa_peran.get(f"/api/v1/penilaian/{nilai[KEC_KEDURANG].pk}/").status_code == 404


def test_the_score_list_costs_the_same_few_queries_for_any_number_of_rows(nilai, beri_peran, django_assert_max_num_queries):
    klien = _token(beri_peran("pemantau", "17"))
    with django_assert_max_num_queries(8):  # token, scope, count, the page, its breakdown
        assert len(_hasil(klien.get("/api/v1/penilaian/", {"page_size": 1000}))) == len(nilai) - 1
    with django_assert_max_num_queries(4):
        assert len(_hasil(APIClient().get("/api/v1/penilaian/"))) == 2


def test_score_filters(nilai, beri_peran):
    klien = _token(beri_peran("pemantau", "17"))

    def wilayah(**parameter) -> set[str]:
        return {b["wilayah"] for b in _hasil(klien.get("/api/v1/penilaian/", {"page_size": 1000, **parameter}))}

    semua = wilayah()
    assert len(semua) == len(nilai) - 1
    assert wilayah(tahun=TAHUN) == semua and wilayah(tahun=TAHUN - 1) == set()
    assert wilayah(tingkat=3) == semua and wilayah(tingkat=2) == set()
    kelas = nilai[KEC_KEDURANG].kelas
    assert wilayah(kelas=kelas) == {k for k, n in nilai.items() if k != "lain" and n.kelas == kelas}
    assert wilayah(wilayah=KEC_KEDURANG) == {KEC_KEDURANG}
    assert wilayah(dalam=KAB_BENGKULU_SELATAN) == {k for k in semua if k.startswith(f"{KAB_BENGKULU_SELATAN}.")}
    assert wilayah(dalam=KAB_LAIN) == {k for k in semua if k.startswith(f"{KAB_LAIN}.")}
    assert wilayah(dalam=KEC_KEDURANG) == {KEC_KEDURANG}  # the wilayah itself is inside its subtree
    assert klien.get("/api/v1/penilaian/", {"tingkat": 9}).status_code == 400
    assert klien.get("/api/v1/penilaian/", {"kelas": "juara"}).status_code == 400
    # anonymous: the same filters over the public scores only
    assert [b["wilayah"] for b in _hasil(APIClient().get("/api/v1/penilaian/", {"dalam": KAB_BENGKULU_SELATAN}))] == [KEC_KEDURANG]


def test_scores_download_as_csv_and_xlsx_with_the_breakdown_as_columns(nilai):
    n = nilai[KEC_KEDURANG]
    kode = list(n.rincian.order_by("urutan", "id").values_list("kode", flat=True))
    unduhan = APIClient().get("/api/v1/penilaian/", {"format": "csv", "wilayah": KEC_KEDURANG})
    assert unduhan.status_code == 200 and unduhan["Content-Type"].startswith("text/csv")
    assert 'filename="penilaian.csv"' in unduhan["Content-Disposition"]
    baris = list(csv.reader(io.StringIO(unduhan.content.decode("utf-8-sig"))))
    kepala = baris[0]
    assert kepala[:3] == ["id", "wilayah", "wilayah_nama"] and len(baris) == 2
    assert f"rincian.{kode[0]}.kontribusi" in kepala and f"rincian.{kode[-1]}.skor" in kepala
    assert not any("bukti" in k for k in kepala)
    nilai_kolom = dict(zip(kepala, baris[1], strict=True))
    assert nilai_kolom["total"] == f"{n.total:.2f}" and nilai_kolom["wilayah"] == KEC_KEDURANG
    xlsx = APIClient().get("/api/v1/penilaian/", {"format": "xlsx"})
    lembar = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert lembar.max_row == 3  # header + the two public scores


# --- regulasi ------------------------------------------------------------------------------------------

@pytest.fixture
def regulasi(siklus_terbuka):
    """Kedurang: approved Laporan with a published and an unpublished document; the neighbour: a
    document marked published in a Laporan only submitted; the other kabupaten: a published one."""
    kedurang = _laporan("regulasi", KEC_KEDURANG, StatusLaporan.DISETUJUI)
    tetangga = _laporan("regulasi", KEC_TETANGGA, StatusLaporan.DIAJUKAN)
    lain = _laporan("regulasi", _kec_lain(), StatusLaporan.DISETUJUI)

    def dok(laporan, judul, dipublikasikan, jenis=JenisRegulasi.SURAT_EDARAN, tanggal=datetime.date(2026, 3, 1)):
        return Regulasi.objects.create(laporan=laporan, jenis=jenis, nomor=f"400/{judul[:4]}", tanggal=tanggal, judul=judul,
                                       berkas=SimpleUploadedFile("berkas.pdf", PDF), dipublikasikan=dipublikasikan,
                                       dipublikasikan_pada=timezone.now() if dipublikasikan else None)

    return {
        "terbit": dok(kedurang, "Gerakan makan ikan", True, JenisRegulasi.BERITA_ACARA, datetime.date(2026, 4, 1)),
        "draf": dok(kedurang, "Rancangan belum terbit", False),
        "belum_disetujui": dok(tetangga, "Belum disetujui", True),
        "lain": dok(lain, "Kabupaten lain", True),
    }


def test_anonymous_sees_approved_and_published_regulasi_only(regulasi, client):
    klien = APIClient()
    baris = _hasil(klien.get("/api/v1/regulasi/"))
    assert [b["id"] for b in baris] == [regulasi["terbit"].pk, regulasi["lain"].pk]  # newest date first
    for nama in ("draf", "belum_disetujui"):
        assert klien.get(f"/api/v1/regulasi/{regulasi[nama].pk}/").status_code == 404, nama
    data = klien.get(f"/api/v1/regulasi/{regulasi['terbit'].pk}/").json()
    assert (data["wilayah"], data["tahun"], data["jenis"], data["judul"], data["publik"]) == (
        KEC_KEDURANG, TAHUN, "berita_acara", "Gerakan makan ikan", True)
    assert data["jenis_label"] == "Berita Acara kesepakatan" and data["status_laporan"] == StatusLaporan.DISETUJUI
    # the public site's download link, and it serves the PDF
    assert data["berkas_url"] == f"http://testserver/publik/regulasi/{regulasi['terbit'].pk}/unduh/"
    unduhan = client.get(data["berkas_url"])
    assert unduhan.status_code == 200 and b"".join(unduhan.streaming_content) == PDF


def test_a_token_user_reads_the_regulasi_of_its_scope_drafts_included(regulasi, beri_peran):
    operator = _token(beri_peran("operator", KEC_KEDURANG))
    baris = {b["id"]: b for b in _hasil(operator.get("/api/v1/regulasi/"))}
    assert set(baris) == {regulasi["terbit"].pk, regulasi["draf"].pk}
    assert baris[regulasi["draf"].pk]["publik"] is False and baris[regulasi["draf"].pk]["berkas_url"] is None
    assert baris[regulasi["terbit"].pk]["publik"] is True and baris[regulasi["terbit"].pk]["berkas_url"]
    assert operator.get(f"/api/v1/regulasi/{regulasi['draf'].pk}/").status_code == 200
    for nama in ("belum_disetujui", "lain"):  # outside the scope, public or not
        assert operator.get(f"/api/v1/regulasi/{regulasi[nama].pk}/").status_code == 404, nama

    kabupaten = _token(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    baris = {b["id"]: b for b in _hasil(kabupaten.get("/api/v1/regulasi/"))}
    assert set(baris) == {regulasi[n].pk for n in ("terbit", "draf", "belum_disetujui")}
    assert baris[regulasi["belum_disetujui"].pk]["publik"] is False  # marked published, Laporan not approved


def test_regulasi_filters(regulasi, beri_peran):
    klien = _token(beri_peran("pemantau", "17"))

    def judul(**parameter) -> set[str]:
        return {b["judul"] for b in _hasil(klien.get("/api/v1/regulasi/", parameter))}

    assert len(judul()) == 4
    assert judul(wilayah=KEC_KEDURANG) == {"Gerakan makan ikan", "Rancangan belum terbit"}
    assert judul(wilayah=KAB_BENGKULU_SELATAN) == set()  # `wilayah` is that wilayah only ...
    assert judul(dalam=KAB_BENGKULU_SELATAN) == {"Gerakan makan ikan", "Rancangan belum terbit", "Belum disetujui"}  # ... `dalam` below
    assert judul(tahun=TAHUN) == judul() and judul(tahun=TAHUN + 1) == set()
    assert judul(jenis="berita_acara") == {"Gerakan makan ikan"}
    assert judul(dipublikasikan="false") == {"Rancangan belum terbit"}
    assert klien.get("/api/v1/regulasi/", {"jenis": "undang-undang"}).status_code == 400
    assert {b["judul"] for b in _hasil(APIClient().get("/api/v1/regulasi/", {"dalam": "17.01"}))} == {"Gerakan makan ikan"}


def test_regulasi_download_as_csv(regulasi):
    unduhan = APIClient().get("/api/v1/regulasi/", {"format": "csv"})
    assert unduhan.status_code == 200 and 'filename="regulasi.csv"' in unduhan["Content-Disposition"]
    baris = list(csv.DictReader(io.StringIO(unduhan.content.decode("utf-8-sig"))))
    assert [b["judul"] for b in baris] == ["Gerakan makan ikan", "Kabupaten lain"]
    assert baris[0]["wilayah"] == KEC_KEDURANG and baris[0]["berkas_url"].endswith(f"/publik/regulasi/{regulasi['terbit'].pk}/unduh/")


# --- publikasi -----------------------------------------------------------------------------------------

@pytest.fixture
def publikasi(siklus_terbuka):
    """Kedurang: a published news item with a picture and a draft article; the neighbour: a
    withdrawn item (draft again); the other kabupaten: a published infographic."""
    def pub(kode, judul, terbit, jenis=JenisPublikasi.BERITA, **lain):
        return Publikasi.objects.create(wilayah_id=kode, jenis=jenis, judul=judul, slug=judul.lower().replace(" ", "-"),
                                        isi="Isi.", status=StatusPublikasi.TERBIT if terbit else StatusPublikasi.DRAF,
                                        diterbitkan_pada=timezone.now() if terbit else None, **lain)

    return {
        "terbit": pub(KEC_KEDURANG, "Posyandu aktif Kedurang", True,
                      gambar=SimpleUploadedFile("g.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)),
        "draf": pub(KEC_KEDURANG, "Draf artikel Kedurang", False, JenisPublikasi.ARTIKEL),
        "ditarik": pub(KEC_TETANGGA, "Berita ditarik", False),
        "lain": pub(_kec_lain(), "Infografis kabupaten lain", True, JenisPublikasi.INFOGRAFIS),
    }


def test_anonymous_sees_published_publikasi_only(publikasi):
    klien = APIClient()
    baris = _hasil(klien.get("/api/v1/publikasi/"))
    assert [b["id"] for b in baris] == [publikasi["lain"].pk, publikasi["terbit"].pk]  # newest first
    for nama in ("draf", "ditarik"):
        assert klien.get(f"/api/v1/publikasi/{publikasi[nama].pk}/").status_code == 404, nama
    data = klien.get(f"/api/v1/publikasi/{publikasi['terbit'].pk}/").json()
    assert (data["wilayah"], data["judul"], data["status"], data["publik"]) == (KEC_KEDURANG, "Posyandu aktif Kedurang", "terbit", True)
    assert data["url"] == "http://testserver/publik/berita/posyandu-aktif-kedurang/"
    assert data["gambar_url"] == "http://testserver/publik/berita/posyandu-aktif-kedurang/gambar/"
    assert data["lampiran_url"] is None  # no attachment


def test_a_token_user_reads_the_publikasi_of_its_scope_drafts_included(publikasi, beri_peran):
    operator = _token(beri_peran("operator", KEC_KEDURANG))
    baris = {b["id"]: b for b in _hasil(operator.get("/api/v1/publikasi/"))}
    assert set(baris) == {publikasi["terbit"].pk, publikasi["draf"].pk}
    assert baris[publikasi["draf"].pk]["publik"] is False and baris[publikasi["draf"].pk]["url"] is None
    assert operator.get(f"/api/v1/publikasi/{publikasi['draf'].pk}/").status_code == 200
    for nama in ("ditarik", "lain"):
        assert operator.get(f"/api/v1/publikasi/{publikasi[nama].pk}/").status_code == 404, nama
    kabupaten = _token(beri_peran("approver", KAB_BENGKULU_SELATAN))
    assert {b["id"] for b in _hasil(kabupaten.get("/api/v1/publikasi/"))} == {publikasi[n].pk for n in ("terbit", "draf", "ditarik")}


def test_publikasi_filters_and_csv(publikasi, beri_peran):
    klien = _token(beri_peran("pemantau", "17"))

    def judul(**parameter) -> set[str]:
        return {b["judul"] for b in _hasil(klien.get("/api/v1/publikasi/", parameter))}

    assert len(judul()) == 4
    assert judul(jenis="artikel") == {"Draf artikel Kedurang"}
    assert judul(status="draf") == {"Draf artikel Kedurang", "Berita ditarik"}
    assert judul(wilayah=KEC_KEDURANG) == {"Posyandu aktif Kedurang", "Draf artikel Kedurang"}
    assert judul(dalam=KAB_LAIN) == {"Infografis kabupaten lain"}
    assert klien.get("/api/v1/publikasi/", {"status": "arsip"}).status_code == 400
    anonim = APIClient()
    assert {b["judul"] for b in _hasil(anonim.get("/api/v1/publikasi/", {"jenis": "infografis"}))} == {"Infografis kabupaten lain"}
    assert _hasil(anonim.get("/api/v1/publikasi/", {"status": "draf"})) == []
    unduhan = anonim.get("/api/v1/publikasi/", {"format": "csv"})
    assert unduhan.status_code == 200 and 'filename="publikasi.csv"' in unduhan["Content-Disposition"]
    baris = list(csv.DictReader(io.StringIO(unduhan.content.decode("utf-8-sig"))))
    assert [b["judul"] for b in baris] == ["Infografis kabupaten lain", "Posyandu aktif Kedurang"]
