"""Phones (issue 17, item 4) in the real Chromium at 390 × 844: no page scrolls sideways — the
anonymous navigation wraps, the staff navigation collapses behind its button, wide tables scroll
inside their own box — and the entry grid keeps the desa column in view while it scrolls."""
import pytest

from aksi.models import Tahapan
from aksi.services import laporan_ambil_atau_buat
from wilayah.batas import batas_muat

from .browser import buka_chromium, kecamatan_terbuka, masuk
from .factories import KATA_SANDI, UserFactory

KEC = "17.01.01"
LEBAR_SAMPING = "document.documentElement.scrollWidth - window.innerWidth"
# the widths a failure message names (html wider than body: something positioned escaped a scroll box)
MENONJOL = """['html', 'body', 'nav', 'main', 'footer'].map(t => t + ':' + document.querySelector(t).scrollWidth)
  .concat([...document.querySelectorAll('nav *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 4).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)))"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_fit_a_phone_and_the_grid_keeps_the_desa_column(live_server):
    kedurang = kecamatan_terbuka(KEC)
    batas_muat(kode_provinsi=["17"])
    laporan = laporan_ambil_atau_buat(user=UserFactory(username="admin", is_superuser=True), tahun=2026,
                                      tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=kedurang)
    url = live_server.url
    with buka_chromium() as browser:
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        for u in ("/publik/", "/publik/wilayah/17/", "/publik/wilayah/17.01/", f"/publik/wilayah/{KEC}/", "/akun/masuk/"):
            page.goto(url + u)
            assert page.evaluate(LEBAR_SAMPING) <= 0, (u, page.evaluate(MENONJOL))
        masuk(page, url, "op", KATA_SANDI)
        assert page.get_by_role("button", name="Menu").is_visible()  # the staff navigation collapsed
        assert not page.get_by_role("link", name="Rekap").is_visible()
        page.get_by_role("button", name="Menu").click()
        page.get_by_role("link", name="Rekap").wait_for(state="visible")
        for u in ("/", "/aksi/", f"/aksi/laporan/{laporan.pk}/", "/monev/rekap/"):
            page.goto(url + u)
            assert page.evaluate(LEBAR_SAMPING) <= 0, (u, page.evaluate(MENONJOL))
        page.goto(f"{url}/aksi/laporan/{laporan.pk}/isian/")
        assert page.evaluate(LEBAR_SAMPING) <= 0  # the grid scrolls in its box, not the page
        desa = page.locator("table.grid tbody th.desa").first
        kiri = desa.bounding_box()["x"]
        page.locator(".grid-wrap").first.evaluate("el => el.scrollLeft = 600")
        assert abs(desa.bounding_box()["x"] - kiri) < 1  # the desa column stays while the grid scrolls
