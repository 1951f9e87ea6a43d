"""Acceptance: a kecamatan takes pra-musrenbang, APBD murni and APBD perubahan tagging to
approval in the real Chromium, and reads the before/after totals."""
import re

import pytest
from playwright.sync_api import expect

from aksi.models import Laporan
from penandaan.models import RincianBelanja

from .browser import buka_chromium, kecamatan_terbuka, masuk
from .factories import KATA_SANDI

KEC = "17.01.01"


def _lakukan(page, tindakan: str) -> None:
    """A transition: its link on the Laporan page, then the confirmation page (box, button)."""
    page.get_by_role("link", name=tindakan, exact=True).click()
    page.locator('input[name="konfirmasi"]').check()
    page.get_by_role("button", name=tindakan, exact=True).click()


def _lalui_persetujuan(page, url, laporan_url, unit="Setcam"):
    page.goto(laporan_url)
    _lakukan(page, f"Ajukan {unit}")
    expect(page.get_by_test_id("status-laporan")).to_have_text("Diajukan")
    masuk(page, url, "ver", KATA_SANDI)
    page.goto(laporan_url)
    _lakukan(page, f"Verifikasi {unit}")
    masuk(page, url, "camat", KATA_SANDI)
    page.goto(laporan_url)
    _lakukan(page, "Setujui laporan")
    expect(page.get_by_test_id("status-laporan")).to_have_text("Disetujui")
    masuk(page, url, "op", KATA_SANDI)


def _tambah_rincian(page, *, rekening, uraian, volume, harga):
    page.get_by_role("link", name="Tambah rincian belanja").click()
    isian = {
        "kode_program": "1.02.02", "nama_program": "Pemenuhan upaya kesehatan", "kode_kegiatan": "1.02.02.2.02",
        "nama_kegiatan": "Penyediaan layanan kesehatan", "kode_subkegiatan": "1.02.02.2.02.0001",
        "nama_subkegiatan": "Pengelolaan pelayanan kesehatan ibu hamil", "kode_rekening": rekening,
        "uraian": uraian, "volume": volume, "satuan": "paket", "harga_satuan": harga,
    }
    for nama, nilai in isian.items():
        page.locator(f"#id_{nama}").fill(nilai)
    page.locator("#id_indikator").select_option("A3")
    page.locator("#id_kelompok").select_option("A")
    page.locator("#id_arah").select_option("sasaran_langsung")
    page.locator("#id_sumber_dana").select_option("apbdes")
    page.get_by_role("button", name="Simpan", exact=True).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_kecamatan_plans_tags_murni_then_perubahan_to_approval(live_server, tmp_path):
    kecamatan_terbuka(KEC)
    url = live_server.url

    with buka_chromium() as browser:
        page = browser.new_page(accept_downloads=True)
        masuk(page, url, "op", KATA_SANDI)

        # --- pra-musrenbang: a planned program, the Berita Acara printed, signed, uploaded
        page.goto(f"{url}/aksi/buka/2026/pra-musrenbang/{KEC}/")
        laporan_url = page.url
        page.get_by_role("link", name="Dokumen pra-musrenbang").click()
        page.goto(f"{laporan_url}musrenbang/rencana/")
        page.locator("#id_nama").fill("Pembangunan jamban sehat")
        page.locator("#id_kategori").select_option("fisik_prasarana")
        page.locator("#id_perkiraan_anggaran").fill("1.500.000")
        page.locator("#id_sumber_dana").select_option("apbdes")
        page.locator('input[name="indikator"][value="F2"]').check()
        page.get_by_role("button", name="Tambah", exact=True).click()
        expect(page.locator("body")).to_contain_text("Pembangunan jamban sehat")
        page.goto(f"{laporan_url}musrenbang/berita-acara/")
        page.locator("#id_tanggal").fill("2026-02-10")
        page.locator("#id_tempat").fill("Aula Kantor Camat Kedurang")
        page.locator("#id_pimpinan_rapat").fill("Drs. Camat Kedurang")
        page.locator("#id_jumlah_peserta").fill("25")
        page.get_by_role("button", name="Tambah", exact=True).click()
        page.goto(laporan_url)
        _lakukan(page, "Ajukan Setcam")
        expect(page.get_by_role("alert").first).to_contain_text("Berita Acara")  # not signed yet
        page.goto(laporan_url)
        with page.expect_download() as unduhan:
            page.get_by_role("link", name="Cetak berita acara (PDF)").click()
        scan = tmp_path / "berita-acara-ttd.pdf"
        unduhan.value.save_as(scan)
        assert scan.read_bytes().startswith(b"%PDF")
        page.goto(f"{laporan_url}musrenbang/berita-acara/")
        page.get_by_role("link", name=re.compile("^Ubah")).first.click()
        page.locator("#id_berkas_ttd").set_input_files(str(scan))
        page.get_by_role("button", name="Simpan", exact=True).click()
        _lalui_persetujuan(page, url, laporan_url)

        # --- APBD murni: two tagged lines, approved
        page.goto(f"{url}/aksi/buka/2026/penandaan-apbd/{KEC}/")
        murni_url = page.url
        page.get_by_role("link", name="Rincian belanja yang ditandai").click()
        _tambah_rincian(page, rekening="5.1.02.01.01.0052", uraian="Makanan tambahan ibu hamil", volume="10", harga="150.000")
        page.goto(murni_url)
        page.get_by_role("link", name="Rincian belanja yang ditandai").click()
        _tambah_rincian(page, rekening="5.1.02.01.01.0024", uraian="Kelas ibu hamil", volume="4", harga="250.000")
        expect(page.locator("body")).to_contain_text("Rp2.500.000")
        _lalui_persetujuan(page, url, murni_url)

        # --- APBD perubahan: starts from the approved murni lines; one changed, one removed
        page.goto(f"{url}/aksi/buka/2026/penandaan-perubahan/{KEC}/")
        perubahan_url = page.url
        page.get_by_role("link", name="Rincian belanja yang ditandai").click()
        baris_pmt = page.locator("tr", has_text="Makanan tambahan ibu hamil")
        baris_pmt.get_by_role("link", name="Ubah").click()
        page.locator("#id_volume").fill("12")
        page.locator("#id_total").fill("")
        page.get_by_role("button", name="Simpan", exact=True).click()
        page.once("dialog", lambda dialog: dialog.accept())  # "Hapus rincian belanja ini?"
        page.locator("tr", has_text="Kelas ibu hamil").get_by_role("button", name="Hapus").click()
        expect(page.locator("tr", has_text="Kelas ibu hamil").get_by_role("button", name="Pulihkan")).to_be_visible()
        _lalui_persetujuan(page, url, perubahan_url)

        page.goto(perubahan_url)
        page.get_by_role("link", name="Sebelum/sesudah perubahan").click()
        expect(page.locator("#total-sebelum")).to_have_text("Rp2.500.000")
        expect(page.locator("#total-sesudah")).to_have_text("Rp1.800.000")
        expect(page.locator("#total-selisih")).to_have_text("-Rp700.000")

    assert set(Laporan.objects.values_list("status", flat=True)) == {"disetujui"}
    perubahan = RincianBelanja.objects.filter(laporan__tahapan_id="penandaan-perubahan")
    assert perubahan.count() == 2 and perubahan.filter(dihapus=True).count() == 1
