"""Honest numbers (issue 13, defect 5): every public aggregate states its base — how many of the
kecamatan and desa below the wilayah it covers — and says plainly when that base is too small
to stand for the wilayah; step progress counts against every wilayah that must report, not the
Laporan that happen to exist.

The scenario of the issue: one kecamatan (Kedurang) approved with 4 of its 19 desa filled, a
second kecamatan's Laporan opened but not approved."""
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from indikator.models import NilaiDesa
from indikator.selectors import desa_laporan
from inti.format import angka
from monev.services import rekap_bangun_ulang
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

DESA_TERISI = 4


def _isi(laporan, desa):
    NilaiDesa.objects.bulk_create([
        NilaiDesa(laporan=laporan, desa_id=d, item=item, nilai=nilai)
        for d in desa for item, nilai in (("S04", 10), ("A2", 2))
    ])


@pytest.fixture
def satu_kecamatan(laporan_kedurang):
    """Kedurang approved with 4 of its desa filled; its neighbour's Laporan opened (draft)."""
    _isi(laporan_kedurang, list(desa_laporan(laporan_kedurang))[:DESA_TERISI])
    Laporan.objects.filter(pk=laporan_kedurang.pk).update(status=StatusLaporan.DISETUJUI)
    laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                            tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=Wilayah.objects.get(kode=KEC_TETANGGA))
    rekap_bangun_ulang()
    return laporan_kedurang


def _jumlah(kode: str) -> tuple[int, int]:
    """(kecamatan, desa) below a wilayah ('' = every province loaded: Bengkulu in the suite)."""
    if not kode:
        prov = Wilayah.objects.filter(tingkat=Tingkat.PROVINSI)
        return sum(p.jumlah_kecamatan for p in prov), sum(p.jumlah_desa for p in prov)
    w = Wilayah.objects.get(kode=kode)
    return (1 if w.tingkat == Tingkat.KECAMATAN else w.jumlah_kecamatan), w.jumlah_desa


def _teks(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _halaman(client, kode: str = "") -> str:
    jawaban = client.get(f"/publik/wilayah/{kode}/" if kode else "/publik/")
    assert jawaban.status_code == 200
    return _teks(jawaban.content.decode())


def test_bengkulu_is_the_world_of_the_issue(satu_kecamatan):
    assert _jumlah("") == _jumlah("17") == (129, 1513)
    assert _jumlah(KEC_KEDURANG) == (1, 19)


@pytest.mark.parametrize("kode, nama", [("", "nasional"), ("17", "provinsi")])
def test_national_and_provincial_pages_state_a_tiny_base_plainly(client, satu_kecamatan, kode, nama):
    teks = _halaman(client, kode)
    assert "mencakup 4 dari 1.513 desa (0,3%) di 1 dari 129 kecamatan" in teks
    assert f"belum mewakili {nama}" in teks


def test_a_kecamatan_with_most_desa_filled_is_representative_its_kabupaten_is_not(client, laporan_kedurang):
    desa = list(desa_laporan(laporan_kedurang))
    terisi = len(desa) - 1  # 18 of 19 desa: above the 80 % rule
    _isi(laporan_kedurang, desa[:terisi])
    Laporan.objects.filter(pk=laporan_kedurang.pk).update(status=StatusLaporan.DISETUJUI)
    rekap_bangun_ulang()
    kecamatan = _halaman(client, KEC_KEDURANG)
    assert f"mencakup {terisi} dari {len(desa)} desa" in kecamatan and "belum mewakili" not in kecamatan
    kec_kab, desa_kab = _jumlah(KAB_BENGKULU_SELATAN)
    kabupaten = _halaman(client, KAB_BENGKULU_SELATAN)
    assert f"mencakup {terisi} dari {angka(desa_kab)} desa" in kabupaten and f"1 dari {kec_kab} kecamatan" in kabupaten
    assert "belum mewakili kabupaten" in kabupaten


@pytest.mark.parametrize("kode", ["", "17", KAB_BENGKULU_SELATAN])
def test_step_progress_counts_every_wilayah_that_must_report(client, satu_kecamatan, kode):
    kecamatan, _ = _jumlah(kode)
    teks = _halaman(client, kode)
    assert f"Analisis situasi: 1 dari {kecamatan} kecamatan disetujui" in teks
    assert "1 dari 2 laporan" not in teks
    # a step nobody has opened yet is listed too, at zero
    assert f"Pra-musrenbang tematik stunting: 0 dari {kecamatan} kecamatan disetujui" in teks


def test_the_coverage_api_rows_carry_their_base(satu_kecamatan):
    desa = list(desa_laporan(satu_kecamatan))
    harapan = {
        "": (1, 129, DESA_TERISI, 1513),
        "17": (1, 129, DESA_TERISI, 1513),
        KAB_BENGKULU_SELATAN: (1, _jumlah(KAB_BENGKULU_SELATAN)[0], DESA_TERISI, _jumlah(KAB_BENGKULU_SELATAN)[1]),
        KEC_KEDURANG: (1, 1, DESA_TERISI, 19),
        desa[0]: (None, None, 1, 1),  # a desa: no kecamatan below it
        desa[-1]: None,  # a desa without values: no rows at all
    }
    for kode, basis in harapan.items():
        baris = APIClient().get("/api/v1/cakupan/", {"wilayah": kode}).json()
        if basis is None:
            assert baris == []
            continue
        assert baris, kode
        assert {(b["kecamatan_tercakup"], b["kecamatan_total"], b["desa_tercakup"], b["desa_total"]) for b in baris} == {basis}, kode
    daftar = APIClient().get("/api/v1/cakupan/", {"tingkat": 3, "dalam": KAB_BENGKULU_SELATAN, "indikator": "A2"}).json()
    assert [(b["wilayah"], b["kecamatan_tercakup"], b["desa_tercakup"], b["desa_total"]) for b in daftar] == [
        (KEC_KEDURANG, 1, DESA_TERISI, 19)]
    csv = APIClient().get("/api/v1/cakupan/", {"wilayah": "17", "format": "csv"}).content.decode("utf-8-sig")
    assert "kecamatan_tercakup,kecamatan_total,desa_tercakup,desa_total" in csv.splitlines()[0]


def test_the_schema_documents_the_base_fields(client):
    skema = client.get("/api/schema/", {"format": "json"}).json()
    kolom = skema["components"]["schemas"]["Cakupan"]["properties"]
    for nama in ("kecamatan_tercakup", "kecamatan_total", "desa_tercakup", "desa_total"):
        assert nama in kolom and kolom[nama].get("description"), nama


def test_the_rekap_page_states_the_base_of_the_total_and_of_each_child(client, beri_peran, satu_kecamatan):
    client.force_login(beri_peran("pemantau", "17"))
    html = client.get(reverse("monev:rekap"), {"wilayah": "17", "tahun": TAHUN, "periode": "baseline"}).content.decode()
    teks = _teks(html)
    assert "mencakup 4 dari 1.513 desa (0,3%) di 1 dari 129 kecamatan" in teks and "belum mewakili provinsi" in teks
    kec_kab, desa_kab = _jumlah(KAB_BENGKULU_SELATAN)
    baris = _teks(html.split(f'data-kode="{KAB_BENGKULU_SELATAN}"')[1].split("</tr>")[0])
    assert f"1/{kec_kab} kec" in baris and f"4/{desa_kab} desa" in baris
    lain = _teks(html.split('data-kode="17.02"')[1].split("</tr>")[0])
    assert f"0/{_jumlah('17.02')[0]} kec" in lain
    # the kecamatan's page lists its desa: which of them are in the base
    html = client.get(reverse("monev:rekap"), {"wilayah": KEC_KEDURANG, "tahun": TAHUN, "periode": "baseline"}).content.decode()
    assert "mencakup 4 dari 19 desa" in _teks(html)


def test_the_staff_overview_below_a_kabupaten_carries_the_desa_base_of_each_row(satu_kecamatan):
    from analisis.selectors import cakupan_wilayah_bawah

    kab = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN)
    hasil = cakupan_wilayah_bawah(wilayah=kab, tahun=TAHUN, tahapan_id="analisis-situasi")
    per = {b.wilayah.kode: b for b in hasil.baris}
    assert (per[KEC_KEDURANG].kecamatan_disetujui, per[KEC_KEDURANG].desa_tercakup, per[KEC_KEDURANG].desa_total) == (1, DESA_TERISI, 19)
    assert (per[KEC_TETANGGA].kecamatan_disetujui, per[KEC_TETANGGA].desa_tercakup) == (0, 0)  # opened, not approved
    assert (hasil.total.desa_tercakup, hasil.total.desa_total) == (DESA_TERISI, kab.jumlah_desa)
