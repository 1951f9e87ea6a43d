"""Acceptance (issue 15) in the real Chromium: an operator submits; the verifikator sees the part
in "Tugas saya" and the badge, and returns it with a reason; the operator sees the reason on the
home page and receives the e-mail (read from this test's SMTP server); fixes and resubmits; the
approver is notified and approves."""

import pytest
from playwright.sync_api import expect

from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from wilayah.models import Wilayah

from .browser import buka_chromium, kecamatan_terbuka, lakukan, masuk
from .factories import KATA_SANDI, UserFactory
from .test_notifikasi import smtp  # noqa: F401  (the real SMTP server fixture)

KEC = "17.01.01"


def _isi_surel(smtp, kepada: str) -> list[str]:  # noqa: F811
    return [p.get_payload(decode=True).decode() for tujuan, p in smtp.pesan if tujuan == [kepada]]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_return_and_approval_reach_whoever_must_act(live_server, smtp, settings):  # noqa: F811
    settings.PORTAL_URL = live_server.url
    kedurang = kecamatan_terbuka(KEC)
    laporan = laporan_ambil_atau_buat(user=UserFactory(username="admin", is_superuser=True), tahun=2026,
                                      tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=kedurang)
    desa = Wilayah.objects.filter(induk=kedurang).order_by("kode").first()
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=laporan, desa=desa, item=i.kode, nilai=1 if i.ya_tidak else 5)
                                   for i in daftar_item()])
    url, laporan_url = live_server.url, f"{live_server.url}/aksi/laporan/{laporan.pk}/"

    with buka_chromium() as browser:
        page = browser.new_page()
        masuk(page, url, "op", KATA_SANDI)
        expect(page.get_by_test_id("tugas-isi")).to_have_count(3)  # one row per part to fill
        page.goto(laporan_url)
        lakukan(page, "Ajukan Puskesmas")
        expect(page.get_by_role("alert").first).to_contain_text("diajukan")

        # the verifikator: the part waits in Tugas saya, the badges count it
        masuk(page, url, "ver", KATA_SANDI)
        expect(page.get_by_test_id("tugas-verifikasi")).to_contain_text("Puskesmas")
        expect(page.get_by_test_id("jumlah-tugas")).to_contain_text("1")
        expect(page.get_by_test_id("jumlah-notifikasi")).to_contain_text("1")
        page.get_by_test_id("tugas-verifikasi").get_by_role("link", name="Buka").click()
        lakukan(page, "Kembalikan Puskesmas", alasan="Angka gizi desa pertama perlu dicek ulang")

        # the operator: the reason on the home page and in the e-mail
        masuk(page, url, "op", KATA_SANDI)
        expect(page.get_by_test_id("tugas-perbaiki")).to_contain_text("Angka gizi desa pertama perlu dicek ulang")
        assert any("Angka gizi desa pertama perlu dicek ulang" in isi for isi in _isi_surel(smtp, "op@contoh.go.id"))
        page.get_by_test_id("tugas-perbaiki").get_by_role("link", name="Buka").click()
        for unit in ("Puskesmas", "Setcam", "PLKB"):
            lakukan(page, f"Ajukan {unit}")
            expect(page.get_by_role("alert").first).to_contain_text("diajukan")

        masuk(page, url, "ver", KATA_SANDI)
        page.goto(laporan_url)
        for unit in ("Setcam", "Puskesmas", "PLKB"):
            lakukan(page, f"Verifikasi {unit}")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Menunggu persetujuan")

        # the approver is told (portal and e-mail) and approves from Tugas saya
        assert any("menunggu persetujuan" in isi.lower() for isi in _isi_surel(smtp, "camat@contoh.go.id"))
        masuk(page, url, "camat", KATA_SANDI)
        page.get_by_test_id("tugas-setujui").get_by_role("link", name="Buka").click()
        lakukan(page, "Setujui laporan")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Disetujui")
        page.goto(f"{url}/")
        expect(page.get_by_test_id("tugas-kosong")).to_be_visible()

    assert Laporan.objects.get(pk=laporan.pk).status == "disetujui"
