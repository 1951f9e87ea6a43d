"""Acceptance in the real Chromium: an anonymous visitor files a complaint (regions chosen through
the htmx cascading selects) and gets a code; a staff member answers it; the visitor looks the
code up and reads the answer, with no personal data on the page."""
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from pengaduan import pembatas
from pengaduan.models import Pengaduan, StatusPengaduan
from pengaduan.views import kuota_kirim
from wilayah.models import Wilayah
from wilayah.services import penugasan_buat

from .browser import buka_chromium, masuk
from .factories import KATA_SANDI, UserFactory

NAMA, HP = "Rahmawati Pelapor", "0812-7777-8888"
JAWABAN = "Petugas gizi Puskesmas Kedurang akan membagikan PMT pada posyandu hari Senin."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_files_a_complaint_staff_answers_visitor_reads_the_answer(live_server, settings, tmp_path):
    # World, prepared before the browser opens (ORM calls stay outside Playwright's greenlet).
    settings.MEDIA_ROOT = tmp_path
    call_command("load_wilayah", "17", verbosity=0)
    penugasan_buat(oleh=None, user=UserFactory(username="petugas.kedurang"), wilayah=Wilayah.objects.get(kode="17.01.01"),
                   peran="operator")
    pembatas.reset("127.0.0.1", kuota_kirim())  # quotas live in the shared Redis cache
    url = live_server.url

    with buka_chromium() as browser:
        # 1. the visitor, not logged in, files a complaint
        pengunjung = browser.new_context()
        page = pengunjung.new_page()
        page.goto(f"{url}/publik/pengaduan/")
        page.get_by_label("Nama (boleh dikosongkan)").fill(NAMA)
        page.get_by_label("Nomor HP/telepon atau email").fill(HP)
        # each choice swaps the selects (htmx); the next choice waits until the swap has settled, as a
        # person does — a change made in the ~20 ms before htmx processes the new selects is not sent
        for label, pilihan in (("Provinsi", "Bengkulu"), ("Kabupaten/kota", "Kabupaten Bengkulu Selatan")):
            page.evaluate("window.__tenang = false; document.body.addEventListener("
                          "'htmx:afterSettle', () => { window.__tenang = true; }, {once: true})")
            page.get_by_label(label).select_option(label=pilihan)
            for _ in range(300):  # wait_for_function would eval a string, which the CSP forbids
                if page.evaluate("() => window.__tenang"):
                    break
                page.wait_for_timeout(50)
        page.get_by_label("Kecamatan").select_option(label="Kedurang")
        page.get_by_label("Topik").select_option(label="Gizi dan makanan tambahan")
        page.get_by_label("Isi pengaduan").fill("Makanan tambahan untuk balita di desa kami belum dibagikan tiga bulan.")
        page.get_by_role("button", name="Kirim pengaduan").click()
        expect(page.get_by_role("heading", name="Pengaduan Anda sudah kami terima")).to_be_visible()
        kode = page.get_by_test_id("kode-pelacakan").input_value()
        assert re.fullmatch(r"[0-9A-Z]{10}", kode)
        page.get_by_role("button", name="Salin").click()
        expect(page.get_by_role("button", name="Tersalin")).to_be_visible()

        # 2. staff of the kecamatan answer and close it
        petugas = browser.new_context().new_page()
        masuk(petugas, url, "petugas.kedurang", KATA_SANDI)
        petugas.goto(f"{url}/publikasi/pengaduan/")
        petugas.get_by_role("link", name=kode).click()
        expect(petugas.get_by_test_id("pelapor")).to_contain_text(NAMA)
        petugas.get_by_label("Jawaban untuk pelapor").fill(JAWABAN)
        petugas.get_by_role("button", name="Simpan jawaban dan tutup").click()
        expect(petugas.get_by_role("alert").first).to_contain_text("Jawaban disimpan dan pengaduan ditutup")
        expect(petugas.get_by_test_id("status-pengaduan")).to_have_text("Selesai")

        # 3. the visitor looks the code up and reads the answer; nothing personal is shown
        page.goto(f"{url}/publik/pengaduan/lacak/")
        page.get_by_label("Kode pelacakan").fill(kode.lower())
        page.get_by_role("button", name="Lacak").click()
        expect(page.get_by_test_id("jawaban-publik")).to_contain_text(JAWABAN)
        expect(page.get_by_test_id("hasil-lacak")).to_contain_text("Selesai")
        isi = page.content()
        assert NAMA not in isi and "0812" not in isi and "belum dibagikan" not in isi
        pengunjung.close()

    pengaduan = Pengaduan.objects.get(kode=kode)
    assert pengaduan.status == StatusPengaduan.SELESAI and pengaduan.wilayah_id == "17.01.01"
    assert pengaduan.kontak == "081277778888" and pengaduan.jawaban == JAWABAN
