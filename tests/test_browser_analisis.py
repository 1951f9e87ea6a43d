"""Acceptance: a kecamatan walks the whole Analisis Situasi step in the real Chromium."""
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from aksi.models import Laporan
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from wilayah.models import Wilayah

from .browser import buka_chromium, kecamatan_terbuka, lakukan, masuk
from .factories import KATA_SANDI
from .pdf import jumlah_halaman

KEC = "17.01.01"


def _nilai(item) -> int:
    if item.jenis == "sasaran":
        return 50
    if item.ya_tidak:
        return 1
    return 10 if item.jenis == "capaian" else 3


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_kecamatan_walks_analisis_situasi_to_approval(live_server, tmp_path):
    # World, prepared before the browser opens (ORM calls stay outside Playwright's greenlet).
    kedurang = kecamatan_terbuka(KEC)
    desa = list(Wilayah.objects.filter(induk=kedurang).order_by("kode").values_list("kode", flat=True))
    item = daftar_item()
    url = live_server.url

    with buka_chromium() as browser:
        page = browser.new_page(accept_downloads=True)
        masuk(page, url, "op", KATA_SANDI)
        page.get_by_role("link", name="Laporan", exact=True).click()
        page.get_by_role("link", name="Buka").first.click()
        expect(page.get_by_test_id("status-laporan")).to_have_text("Draf")
        laporan_url = page.url

        # 1. two desa typed into the grid
        page.get_by_role("link", name="Isi data per desa").click()
        for d in desa[:2]:
            for i in item:
                page.locator(f'input[name="v-{d}-{i.kode}"]').fill(str(_nilai(i)))
        page.locator(f'input[name="v-{desa[0]}-A2"]').fill("60")  # above S04 = 50: flagged live
        expect(page.locator(f'input[name="v-{desa[0]}-A2"]').locator("..")).to_have_class(re.compile("salah"))
        page.locator(f'input[name="v-{desa[0]}-A2"]').fill("10")
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_role("alert").first).to_contain_text(f"{2 * len(item)} nilai disimpan")

        # 2. the rest by Excel: download the template, fill it, upload it
        with page.expect_download() as unduhan:
            page.get_by_role("link", name=re.compile("Unduh templat Excel")).click()
        berkas = tmp_path / "templat.xlsx"
        unduhan.value.save_as(berkas)
        buku = openpyxl.load_workbook(berkas)
        lembar = buku["Data Desa"]
        kolom = {}
        for row in lembar.iter_rows():
            kode = [c.value for c in row]
            if "Kode desa" in kode:
                kolom = {v: c.column for c, v in zip(row, kode) if v}
                break
        for row in lembar.iter_rows():
            kode_desa = row[kolom["Kode desa"] - 1].value
            if kode_desa in desa[2:]:
                for i in item:
                    lembar.cell(row=row[0].row, column=kolom[i.kode]).value = _nilai(i)
        buku.save(berkas)
        page.get_by_label("Unggah templat yang sudah diisi:").set_input_files(str(berkas))
        page.get_by_role("button", name="Unggah", exact=True).click()
        expect(page.get_by_role("alert").first).to_contain_text("disimpan dari Excel")
        expect(page.locator("tfoot tr.cakupan")).to_contain_text("20,0%")  # A2: 10 of 50 in every desa

        # 3. submit every part
        page.goto(laporan_url)
        for unit in ("Setcam", "Puskesmas", "PLKB"):
            lakukan(page, f"Ajukan {unit}")
            expect(page.get_by_role("alert").first).to_contain_text("diajukan")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Diajukan")

        # 4. the verifikator returns Puskesmas with a reason
        masuk(page, url, "ver", KATA_SANDI)
        page.goto(laporan_url)
        lakukan(page, "Kembalikan Puskesmas", alasan="A2 desa pertama perlu dicek ulang")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Dikembalikan")

        # 5. the operator fixes and resubmits
        masuk(page, url, "op", KATA_SANDI)
        page.goto(laporan_url)
        expect(page.locator("table").last).to_contain_text("A2 desa pertama perlu dicek ulang")
        expect(page.get_by_test_id("alasan-puskesmas")).to_contain_text("A2 desa pertama perlu dicek ulang")
        page.get_by_role("link", name="Isi data per desa").click()
        page.locator(f'input[name="v-{desa[0]}-A2"]').fill("12")
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_role("alert").first).to_contain_text("1 nilai disimpan")
        page.goto(laporan_url)
        lakukan(page, "Ajukan Puskesmas")

        # 6. verified, 7. approved
        masuk(page, url, "ver", KATA_SANDI)
        page.goto(laporan_url)
        for unit in ("Setcam", "Puskesmas", "PLKB"):
            lakukan(page, f"Verifikasi {unit}")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Menunggu persetujuan")
        masuk(page, url, "camat", KATA_SANDI)
        page.goto(laporan_url)
        lakukan(page, "Setujui laporan")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Disetujui")

        # 8. read-only for the operator, and the PDF downloads and is a real PDF
        masuk(page, url, "op", KATA_SANDI)
        page.goto(laporan_url)
        expect(page.get_by_role("link", name=re.compile("^Ajukan"))).to_have_count(0)
        page.get_by_role("link", name="Lihat data per desa").click()
        expect(page.locator('input[name^="v-"]')).to_have_count(0)
        expect(page.get_by_text("Anda hanya dapat membaca isian ini.")).to_be_visible()
        page.goto(laporan_url)
        with page.expect_download() as unduhan_pdf:
            page.get_by_role("link", name=re.compile("Unduh PDF")).click()
        pdf = tmp_path / "analisis.pdf"
        unduhan_pdf.value.save_as(pdf)
        isi = pdf.read_bytes()
        assert isi.startswith(b"%PDF") and isi.rstrip().endswith(b"%%EOF") and jumlah_halaman(isi) >= 3

    laporan = Laporan.objects.get(wilayah_id=KEC)
    assert laporan.status == "disetujui"
    assert NilaiDesa.objects.filter(laporan=laporan).count() == len(desa) * len(item)
    assert NilaiDesa.objects.get(laporan=laporan, desa_id=desa[0], item="A2").nilai == 12
