"""Real Chromium for browser tests, driven by Playwright (never `playwright install`).

Playwright's sync API runs the test code inside a greenlet with its own context, where
Django would open a second database connection that is never closed. So: prepare the
data first, then open the browser, and keep ORM calls out of the `with` block.
"""
import contextlib
import os

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-background-networking"]


@contextlib.contextmanager
def buka_chromium() -> Browser:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def masuk(page, base_url: str, username: str, password: str) -> None:
    """Log in through the real form (logging out first if someone is logged in)."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")


def lakukan(page, tindakan: str, alasan: str = "") -> None:
    """A transition: its link on the Laporan page, then the confirmation page (reason, box, button)."""
    import re

    page.get_by_role("link", name=tindakan, exact=True).click()
    if alasan:
        page.get_by_label(re.compile("^Alasan")).fill(alasan)
    page.locator('input[name="konfirmasi"]').check()
    page.get_by_role("button", name=tindakan, exact=True).click()


def kecamatan_terbuka(kode: str, tahun: int = 2026):
    """The world of a kecamatan browser test, prepared before the browser opens: Bengkulu's
    regions, the catalog and steps, the year's cycle with every window open, and the kecamatan's
    operator "op", verifikator "ver" and approver "camat" (e-mail <name>@contoh.go.id)."""
    from datetime import date

    from django.core.management import call_command

    from aksi.models import Jadwal
    from aksi.services import siklus_buat
    from wilayah.models import Wilayah
    from wilayah.services import penugasan_buat

    from .factories import UserFactory

    call_command("load_wilayah", kode[:2], verbosity=0)
    call_command("loaddata", "katalog", "tahapan", verbosity=0)
    siklus_buat(oleh=None, tahun=tahun)
    Jadwal.objects.update(mulai=date(2000, 1, 1), selesai=date(2100, 1, 1))
    kecamatan = Wilayah.objects.get(kode=kode)
    for nama, peran in (("op", "operator"), ("ver", "verifikator"), ("camat", "approver")):
        penugasan_buat(oleh=None, user=UserFactory(username=nama, email=f"{nama}@contoh.go.id"), wilayah=kecamatan, peran=peran)
    return kecamatan
