"""Acceptance (issue 17, map) in the real Chromium: an anonymous visitor opens the national page,
sees the map with a path per provinsi that has an outline, colours it by A2, clicks Bengkulu, then a
kab/kota, then a kecamatan on the maps, and on each map the value shown for a region on hover is
the coverage API's value for that region."""
import pytest
from playwright.sync_api import expect

from inti.format import persen
from wilayah.batas import batas_muat
from wilayah.models import BatasWilayah, Wilayah

from .browser import buka_chromium
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG
from .test_browser_portal import data_publik, dunia_bengkulu  # noqa: F401  (fixtures)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_visitor_drills_down_on_the_maps_and_hover_shows_the_apis_value(live_server, data_publik):  # noqa: F811
    batas_muat(kode_provinsi=["17"])
    provinsi_berbatas = BatasWilayah.objects.filter(detail="kasar", wilayah__tingkat=1).count()
    nama = {w.kode: w.nama_lengkap for w in Wilayah.objects.filter(kode__in=["17", KAB_BENGKULU_SELATAN, KEC_KEDURANG])}
    url = live_server.url

    with buka_chromium() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        page.goto(f"{url}/publik/")
        peta = page.get_by_test_id("peta-svg")
        expect(peta.locator("a[data-kode]")).to_have_count(provinsi_berbatas)
        page.get_by_label("Warnai menurut").select_option("A2")
        page.get_by_role("button", name="Tampilkan").click()
        page.wait_for_url(f"{url}/publik/?peta=A2&lapis=")  # the national page also asks which regions
        for induk, kode in (("", "17"), ("17", KAB_BENGKULU_SELATAN), (KAB_BENGKULU_SELATAN, KEC_KEDURANG)):
            api = {b["indikator"]: b for b in page.request.get(f"{url}/api/v1/cakupan/?wilayah={kode}&format=json").json()}
            wilayah = page.locator(f'[data-testid=peta-svg] a[data-kode="{kode}"]')
            wilayah.hover()
            expect(page.locator("#peta-info")).to_have_text(f"{nama[kode]}: {persen(api['A2']['persen'])}")
            wilayah.click()
            page.wait_for_url(f"{url}/publik/wilayah/{kode}/?peta=A2")
            expect(page.get_by_role("heading", level=1)).to_have_text(nama[kode])
