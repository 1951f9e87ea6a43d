"""Acceptance in the real Chromium: the Dinkes operator of Provinsi Bengkulu records a RAD output's
realisation with evidence, its verifikator verifies, Bappeda approves, and the dashboard shows it."""
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import include, path
from playwright.sync_api import expect

import config.urls
from aksi.models import Jadwal, Laporan
from aksi.services import bagian_ajukan, bagian_verifikasi, siklus_buat
from rad.models import Keluaran, RealisasiKeluaran, RegulasiRAD
from rad.services import laporan_rad_buka
from wilayah.models import UnitKerja, Wilayah
from wilayah.services import penugasan_buat

from .browser import buka_chromium, masuk
from .factories import KATA_SANDI, UserFactory

# The lead mounts rad.urls at rad/; until then this test mounts it itself.
urlpatterns = list(config.urls.urlpatterns)
if not any(getattr(p, "namespace", None) == "rad" for p in urlpatterns):
    urlpatterns.append(path("rad/", include("rad.urls")))

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _lakukan(page, tindakan: str) -> None:
    """A transition: its link on the Laporan page, then the confirmation page (box, button)."""
    page.get_by_role("link", name=tindakan, exact=True).click()
    page.locator('input[name="konfirmasi"]').check()
    page.get_by_role("button", name=tindakan, exact=True).click()


@pytest.mark.browser
@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_agency_records_rad_progress_and_bappeda_approves(live_server, tmp_path, settings):
    # World, prepared before the browser opens (ORM calls stay outside Playwright's greenlet).
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_wilayah", "17", verbosity=0)
    call_command("loaddata", "katalog", "tahapan", verbosity=0)
    call_command("muat_rad_bengkulu", verbosity=0)
    siklus_buat(oleh=None, tahun=2026)
    Jadwal.objects.update(mulai=date(2000, 1, 1), selesai=date(2100, 1, 1))
    provinsi = Wilayah.objects.get(kode="17")
    dinkes = UnitKerja.objects.get(pk="dinkes")
    penugasan_buat(oleh=None, user=UserFactory(username="op-dinkes"), wilayah=provinsi, peran="operator", unit=dinkes)
    penugasan_buat(oleh=None, user=UserFactory(username="ver-dinkes"), wilayah=provinsi, peran="verifikator", unit=dinkes)
    penugasan_buat(oleh=None, user=UserFactory(username="bappeda"), wilayah=provinsi, peran="approver")
    regulasi = RegulasiRAD.objects.get(wilayah=provinsi, nomor="45")
    # every other agency has already reported and been verified this year
    admin = UserFactory(is_superuser=True)
    laporan = laporan_rad_buka(user=admin, regulasi=regulasi, tahun=2026)
    for b in laporan.bagian.exclude(unit_id="dinkes"):
        bagian_verifikasi(user=admin, bagian=bagian_ajukan(user=admin, bagian=b, catatan="Dilaporkan di luar portal"))
    k = (Keluaran.objects.filter(regulasi=regulasi, penanggung_jawab=dinkes, target__tahun=2026, target__jumlah=1)
         .select_related("instrumen__strategi__pilar").first())
    kode, uraian = k.kode, k.uraian
    bukti = tmp_path / "notulen-forum.pdf"
    bukti.write_bytes(PDF)
    url = live_server.url
    realisasi_url = f"{url}/rad/{regulasi.pk}/realisasi/2026/"

    with buka_chromium() as browser:
        page = browser.new_page(accept_downloads=True)
        masuk(page, url, "op-dinkes", KATA_SANDI)
        page.goto(f"{url}/rad/")
        page.get_by_role("link", name="Dasbor").click()
        page.get_by_role("link", name="Realisasi 2026").click()
        expect(page).to_have_url(realisasi_url)
        kartu = page.get_by_test_id(f"realisasi-{kode}")
        expect(kartu).to_contain_text(uraian[:40])
        expect(page.get_by_test_id("realisasi-1.1.1.1")).to_have_count(0)  # the RKPD is Bappeda's, not Dinkes'

        # "selesai" without evidence is refused, with the reason on the form
        kartu.get_by_label(re.compile("^Jumlah realisasi")).fill("1")
        kartu.get_by_label("Status").select_option(label="Selesai/tercapai")
        kartu.get_by_role("button", name=f"Simpan realisasi {kode}").click()
        kartu = page.get_by_test_id(f"realisasi-{kode}")
        expect(kartu).to_contain_text("wajib disertai bukti dukung")

        kartu.get_by_label(re.compile("^Jumlah realisasi")).fill("1")
        kartu.get_by_label("Status").select_option(label="Selesai/tercapai")
        kartu.get_by_label("Catatan").fill("Forum koordinasi multipihak 14 Oktober 2026")
        kartu.get_by_label("Bukti dukung").set_input_files(str(bukti))
        kartu.get_by_role("button", name=f"Simpan realisasi {kode}").click()
        expect(page.get_by_role("alert").first).to_contain_text("disimpan")
        expect(page.get_by_test_id(f"realisasi-tersimpan-{kode}")).to_contain_text("Selesai/tercapai")
        expect(page.get_by_test_id(f"realisasi-tersimpan-{kode}").get_by_role("link", name="bukti dukung")).to_be_visible()

        # submit the Dinkes part on the shared Laporan page
        page.get_by_role("link", name=re.compile("Halaman laporan")).click()
        laporan_url = page.url
        expect(page.get_by_role("link", name=re.compile("^Ajukan"))).to_have_count(1)
        _lakukan(page, "Ajukan Dinkes")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Diajukan")

        masuk(page, url, "ver-dinkes", KATA_SANDI)
        page.goto(laporan_url)
        _lakukan(page, "Verifikasi Dinkes")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Menunggu persetujuan")

        masuk(page, url, "bappeda", KATA_SANDI)
        page.goto(laporan_url)
        _lakukan(page, "Setujui laporan")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Disetujui")

        # the dashboard counts the approved realisation, per output, per agency and per pilar
        page.goto(f"{url}/rad/{regulasi.pk}/dasbor/?tahun=2026")
        sel = page.get_by_test_id(f"sel-{kode}-2026")
        expect(sel).to_contain_text("Tercapai")
        expect(sel).to_have_class(re.compile("table-success"))
        expect(page.get_by_test_id("unit-dinkes").locator("td").nth(2)).to_have_text("1")
        expect(page.get_by_test_id("pilar-total").locator("td").nth(2)).to_have_text("1")
        expect(page.get_by_test_id("status-laporan-rad")).to_have_text("Disetujui")
        with page.expect_download() as unduhan:
            sel.get_by_role("link", name="📎").click()
        isi = (tmp_path / "unduh.pdf")
        unduhan.value.save_as(isi)
        assert isi.read_bytes() == PDF
        with page.expect_download() as unduhan_pdf:
            page.get_by_role("link", name=re.compile("Laporan pemantauan 2026")).click()
        pdf = tmp_path / "pemantauan.pdf"
        unduhan_pdf.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF")

    r = RealisasiKeluaran.objects.get(keluaran__regulasi=regulasi, keluaran__uraian=uraian, tahun=2026)
    assert r.jumlah == 1 and r.status == "selesai" and r.bukti.name.startswith("rad/bukti/2026/")
    assert Laporan.objects.get(pk=laporan.pk).status == "disetujui"
