"""Acceptance (issue 17, item 6; D99) in the real Chromium: axe-core (vendored in tests/vendor,
WCAG 2.1 A and AA rules) reports no violation on the public pages, login, home, Laporan list and
page, entry grid, rekap, penilaian and RAD dashboard; the API docs declare their language."""
from pathlib import Path

import pytest

from aksi.models import Tahapan
from aksi.services import laporan_ambil_atau_buat
from wilayah.batas import batas_muat
from wilayah.models import Wilayah

from .browser import buka_chromium, kecamatan_terbuka, masuk
from .factories import KATA_SANDI, UserFactory

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
ATURAN = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
KEC = "17.01.01"


def _pelanggaran(page) -> list:
    page.evaluate(AXE)  # through the DevTools protocol: the page's CSP keeps its own scripts only
    return page.evaluate("""async (aturan) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: aturan}});
        return r.violations.map(v => ({id: v.id, dampak: v.impact, jumlah: v.nodes.length,
                                       contoh: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""", ATURAN)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_wcag_21_aa_violation_on_the_pages_people_use(live_server):
    kedurang = kecamatan_terbuka(KEC)
    batas_muat(kode_provinsi=["17"])
    laporan = laporan_ambil_atau_buat(user=UserFactory(username="admin", is_superuser=True), tahun=2026,
                                      tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=kedurang)
    desa = Wilayah.objects.filter(induk=kedurang).order_by("kode").first().kode
    url = live_server.url
    publik = ["/publik/", "/publik/?lapis=kabkota", "/publik/wilayah/17/", "/publik/wilayah/17.01/", f"/publik/wilayah/{KEC}/",
              f"/publik/wilayah/{desa}/", "/akun/masuk/", "/akun/lupa-sandi/"]
    staf = ["/", "/aksi/", f"/aksi/laporan/{laporan.pk}/", f"/aksi/laporan/{laporan.pk}/isian/", f"/aksi/laporan/{laporan.pk}/analisis/",
            "/monev/rekap/", "/monev/penilaian/", "/rad/", "/notifikasi/", "/akun/profil/"]
    hasil = {}
    with buka_chromium() as browser:
        page = browser.new_page()
        for u in publik:
            page.goto(url + u)
            hasil[u] = _pelanggaran(page)
        # the API docs are Swagger UI's own page (outside the acceptance list): it declares its language
        page.goto(url + "/api/docs/")
        assert page.evaluate("document.documentElement.lang") == "en"
        masuk(page, url, "op", KATA_SANDI)
        for u in staf:
            page.goto(url + u)
            hasil[u] = _pelanggaran(page)
    gagal = {u: v for u, v in hasil.items() if v}
    assert not gagal, gagal
