"""Acceptance in the real Chromium: an anonymous visitor starts on the national page and clicks down
provinsi → kab/kota → kecamatan → desa; at every level the coverage on the page is what
/api/v1/cakupan/ answers for that wilayah (fetched from the same browser context), and the page
loads nothing from another host.

Data: two approved kecamatan of Kab. Bengkulu Selatan (Kedurang and its neighbour) and a third whose
Laporan was returned, so it must count nowhere; rolled up with `rekap_bangun_ulang`."""
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from aksi.choices import Periode, StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from indikator.models import NilaiDesa
from indikator.selectors import desa_laporan
from inti.format import angka, persen
from monev.services import rekap_bangun_ulang
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .browser import buka_chromium
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

# Compared at every level: indicators over one sasaran (A2, A3), over two (B6), over the number of
# desa (F6), and a count without denominator (C5).
INDIKATOR = ("A2", "A3", "B6", "F6", "C5")


def _nilai(i: int, geser: int) -> dict[str, int]:
    """Values of the i-th desa of a kecamatan: different per desa so every level's sums differ."""
    s04, s08, s09 = 20 + 3 * i + geser, 8 + i, 4 + (i + geser) % 3
    return {"S04": s04, "A2": 10 + i, "A3": min(5 + 2 * i + geser, s04), "S08": s08, "S09": s09,
            "B6": (s08 + s09) // 2 + geser % 2, "F6": 1 if (i + geser) % 3 else 0, "C5": (i + geser) % 2}


@pytest.fixture
def dunia_bengkulu(transactional_db):
    # Transactional tests run last and flush the session's data after themselves: load our own.
    call_command("load_wilayah", "17", verbosity=0)
    call_command("loaddata", "katalog", verbosity=0)


@pytest.fixture
def data_publik(dunia_bengkulu, siklus_terbuka) -> dict[str, int]:
    """Approved analisis situasi of Kedurang and its neighbour, a returned one of the third kecamatan;
    returns the approved A2 numerator of the kabupaten (what the page and API must both show)."""
    admin = UserFactory(is_superuser=True)
    tahapan = Tahapan.objects.get(pk="analisis-situasi")
    ketiga = Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN, tingkat=Tingkat.KECAMATAN).order_by("kode")[2].kode
    a2_disetujui = 0
    for geser, (kode, status) in enumerate(((KEC_KEDURANG, StatusLaporan.DISETUJUI), (KEC_TETANGGA, StatusLaporan.DISETUJUI),
                                            (ketiga, StatusLaporan.DIKEMBALIKAN))):
        laporan = laporan_ambil_atau_buat(user=admin, tahun=TAHUN, tahapan=tahapan, wilayah=Wilayah.objects.get(kode=kode))
        baris = [NilaiDesa(laporan=laporan, desa_id=desa, item=item, nilai=n)
                 for i, desa in enumerate(desa_laporan(laporan)) for item, n in _nilai(i, geser * 5).items()]
        NilaiDesa.objects.bulk_create(baris)
        Laporan.objects.filter(pk=laporan.pk).update(status=status)
        if status == StatusLaporan.DISETUJUI:
            a2_disetujui += sum(b.nilai for b in baris if b.item == "A2")
    rekap_bangun_ulang()
    return {"a2_kabupaten": a2_disetujui}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_anonymous_visitor_drills_down_to_a_desa_and_sees_the_api_numbers(live_server, data_publik):
    # Names to click, read before the browser opens (ORM calls stay outside Playwright's greenlet).
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").first()
    jenjang = [(w.kode, w.nama_lengkap) for w in Wilayah.objects.filter(kode__in=["17", KAB_BENGKULU_SELATAN, KEC_KEDURANG])
               .order_by("tingkat")] + [(desa.kode, desa.nama_lengkap)]
    url = live_server.url
    permintaan: list[str] = []

    with buka_chromium() as browser:
        konteks = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
        page = konteks.new_page()
        page.on("request", lambda r: permintaan.append(r.url))
        page.goto(f"{url}/publik/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Nasional")

        dibandingkan = []
        for tingkat, (kode, nama) in enumerate([("", "Nasional"), *jenjang]):
            if kode:  # click down from the parent's list of regions below it
                page.get_by_test_id("anak").get_by_role("link", name=nama, exact=True).click()
                page.wait_for_url(f"{url}/publik/wilayah/{kode}/")
                expect(page.get_by_role("heading", level=1)).to_have_text(nama)
            api_jawaban = page.request.get(f"{url}/api/v1/cakupan/?wilayah={kode}&format=json")
            assert api_jawaban.ok, (kode, api_jawaban.status)
            api = {b["indikator"]: b for b in api_jawaban.json()}
            assert {b["tahun"] for b in api.values()} == {TAHUN} and {b["periode"] for b in api.values()} == {"baseline"}
            expect(page.get_by_text(f"Cakupan layanan: {Periode.BASELINE.label} {TAHUN}.")).to_be_visible()
            for indikator in INDIKATOR:
                b = api[indikator]
                diharapkan = persen(b["persen"]) if b["persen"] is not None else f"{angka(b['pembilang'])} kasus"
                sel = page.locator(f'tr[data-indikator="{indikator}"] td.nilai')
                expect(sel).to_have_text(diharapkan)
                dibandingkan.append((tingkat, indikator, diharapkan))
            if kode == KAB_BENGKULU_SELATAN:  # the returned Laporan of the third kecamatan counts nowhere
                assert api["A2"]["pembilang"] == data_publik["a2_kabupaten"]
            if kode == desa.kode:
                assert api["F6"]["penyebut"] == 1  # one desa
        konteks.close()

    assert len({t for t, _, _ in dibandingkan}) == 5 and len(dibandingkan) == 5 * len(INDIKATOR)
    # different numbers per level (not a page showing the same cached table everywhere)
    assert len({d for t, i, d in dibandingkan if i == "A3"}) >= 3
    asing = [u for u in permintaan if not u.startswith(url) and not u.startswith("data:")]
    assert not asing, asing  # no CDN: every asset comes from our own server
