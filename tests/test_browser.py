"""The real Chromium logs in through the page and browses the region tree (htmx)."""
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from wilayah.models import UnitKerja, Wilayah
from wilayah.services import penugasan_buat

from .browser import buka_chromium
from .factories import KATA_SANDI, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_operator_logs_in_sees_role_and_opens_the_tree(live_server):
    call_command("load_wilayah", "17", verbosity=0)
    call_command("loaddata", "katalog", verbosity=0)
    user = UserFactory(username="op.browser")
    penugasan_buat(oleh=None, user=user, wilayah=Wilayah.objects.get(kode="17.01.01"), peran="operator",
                   unit=UnitKerja.objects.get(pk="puskesmas"))
    desa_pertama = Wilayah.objects.filter(induk_id="17.01.01").order_by("kode").first().nama_lengkap

    with buka_chromium() as browser:
        page = browser.new_page()
        page.goto(f"{live_server.url}/")  # visitors land on the public data, and log in from there
        page.get_by_role("link", name="Masuk").click()
        expect(page.get_by_role("heading", name="Masuk ke portal")).to_be_visible()
        page.get_by_label("Nama pengguna").fill("op.browser")
        page.get_by_label("Kata sandi").fill(KATA_SANDI)
        page.get_by_role("button", name="Masuk").click()

        kartu = page.get_by_test_id("penugasan")
        expect(kartu).to_contain_text("Operator Puskesmas")
        expect(kartu).to_contain_text("Kecamatan Kedurang")
        # vendored htmx served locally; the script is deferred, so wait for the page's load
        page.wait_for_load_state("load")
        assert page.evaluate("typeof htmx") == "object"
        assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"  # Bootstrap CSS

        page.get_by_role("link", name="Wilayah", exact=True).click()
        expect(page.get_by_role("link", name=desa_pertama)).to_have_count(0)
        page.get_by_role("button", name="Buka Kecamatan Kedurang").click()
        expect(page.get_by_role("link", name=desa_pertama)).to_be_visible()
