"""Acceptance (issue 16) in the real Chromium: a kecamatan approves its analisis situasi; the
kab/kota reviewer returns it with a reason; the kecamatan sees the reason, fixes, re-approves; the
kab accepts; a kecamatan proposal appears in the kab pra-musrenbang, is linked to an RKPD spending
line and shows "terakomodir" on the public page."""
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from aksi.choices import StatusLaporan, SumberDana
from aksi.models import Laporan, Tahapan
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_ambil_atau_buat
from analisis.models import UsulanProgram
from indikator.katalog import daftar_item
from indikator.models import IndikatorCapaian, NilaiDesa
from penandaan.services import rincian_buat
from usulan.models import TautanUsulan
from wilayah.models import UnitKerja, Wilayah
from wilayah.services import penugasan_buat

from .browser import buka_chromium, kecamatan_terbuka, lakukan, masuk
from .factories import KATA_SANDI, UserFactory
from .penandaan_bantu import isian

KEC, KAB = "17.01.01", "17.01"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_review_by_the_kab_kota_and_a_proposal_followed_to_the_rkpd(live_server):
    kedurang = kecamatan_terbuka(KEC)
    kab = Wilayah.objects.get(kode=KAB)
    penugasan_buat(oleh=None, user=UserFactory(username="ver-kab"), wilayah=kab, peran="verifikator")
    op_dinkes = UserFactory(username="op-dinkes")
    penugasan_buat(oleh=None, user=op_dinkes, wilayah=kab, peran="operator", unit=UnitKerja.objects.get(pk="dinkes"))
    admin = UserFactory(username="admin", is_superuser=True)

    def buka(tahapan, wilayah):
        return laporan_ambil_atau_buat(user=admin, tahun=2026, tahapan=Tahapan.objects.get(pk=tahapan), wilayah=wilayah)

    analisis = buka("analisis-situasi", kedurang)
    desa = Wilayah.objects.filter(induk=kedurang).order_by("kode").first()
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=analisis, desa=desa, item=i.kode, nilai=1 if i.ya_tidak else 5)
                                   for i in daftar_item()])
    UsulanProgram.objects.create(laporan=analisis, indikator=IndikatorCapaian.objects.get(pk="A1"), nama="PMT ibu hamil KEK",
                                 volume=Decimal(12), satuan="paket", sumber_dana=SumberDana.APBD_KABKOTA,
                                 perkiraan_anggaran=Decimal(30_000_000))
    op, ver = (type(admin).objects.get(username=n) for n in ("op", "ver"))
    for b in analisis.bagian.all():  # the parts are ready: the camat approves in the browser
        bagian_ajukan(user=op, bagian=b)
        bagian_verifikasi(user=ver, bagian=b)
    pra = buka("pra-musrenbang", kab)
    rkpd = buka("penandaan-perencanaan", kab)
    baris = rincian_buat(user=op_dinkes, laporan=rkpd, **isian(uraian="PMT ibu hamil KEK Kedurang"))
    url, laporan_url = live_server.url, f"{live_server.url}/aksi/laporan/{analisis.pk}/"

    with buka_chromium() as browser:
        page = browser.new_page()
        masuk(page, url, "camat", KATA_SANDI)
        page.goto(laporan_url)
        lakukan(page, "Setujui laporan")
        expect(page.get_by_test_id("tinjauan-laporan")).to_have_text("Menunggu tinjauan")

        # the kab/kota reviewer finds it in Tugas saya and returns it with a reason
        masuk(page, url, "ver-kab", KATA_SANDI)
        expect(page.get_by_test_id("tugas-tinjau")).to_contain_text("Kecamatan Kedurang")
        page.get_by_test_id("tugas-tinjau").get_by_role("link", name="Buka").click()
        lakukan(page, "Kembalikan laporan", alasan="Sasaran ibu hamil desa pertama tidak wajar")
        expect(page.get_by_test_id("status-laporan")).to_have_text("Dikembalikan")

        # the kecamatan reads the reason, fixes and approves again
        masuk(page, url, "op", KATA_SANDI)
        expect(page.get_by_test_id("tugas-perbaiki").first).to_contain_text("Sasaran ibu hamil desa pertama tidak wajar")
        page.goto(laporan_url)
        expect(page.get_by_test_id("alasan-puskesmas")).to_contain_text("Dikembalikan Kabupaten Bengkulu Selatan")
        for unit in ("Setcam", "Puskesmas", "PLKB"):
            lakukan(page, f"Ajukan {unit}")
        masuk(page, url, "ver", KATA_SANDI)
        page.goto(laporan_url)
        for unit in ("Setcam", "Puskesmas", "PLKB"):
            lakukan(page, f"Verifikasi {unit}")
        masuk(page, url, "camat", KATA_SANDI)
        page.goto(laporan_url)
        lakukan(page, "Setujui laporan")

        # the kab accepts
        masuk(page, url, "ver-kab", KATA_SANDI)
        page.goto(laporan_url)
        lakukan(page, "Terima laporan")
        expect(page.get_by_test_id("tinjauan-laporan")).to_have_text("Diterima")

        # the proposal appears in the kab pra-musrenbang, and the Dinkes operator links it to its RKPD line
        page.goto(f"{url}/aksi/laporan/{pra.pk}/")
        page.get_by_role("link", name="Usulan kecamatan").click()
        expect(page.locator("tr[data-usulan]")).to_contain_text("PMT ibu hamil KEK")
        masuk(page, url, "op-dinkes", KATA_SANDI)
        page.goto(f"{url}/aksi/laporan/{rkpd.pk}/")
        page.get_by_role("link", name="Tautkan usulan kecamatan").click()
        page.get_by_label("Usulan kecamatan").select_option(label="Kedurang · A1 · PMT ibu hamil KEK")
        page.get_by_label("Baris belanja yang ditandai").select_option(str(baris.pk))
        page.get_by_role("button", name="Tautkan").click()
        expect(page.get_by_test_id("tautan-sini")).to_contain_text("PMT ibu hamil KEK")

    lap = Laporan.objects.get(pk=analisis.pk)
    assert lap.status == StatusLaporan.DISETUJUI and lap.diterima_pada
    assert TautanUsulan.objects.filter(rincian=baris).count() == 1
    Laporan.objects.filter(pk=rkpd.pk).update(status=StatusLaporan.DISETUJUI)  # the RKPD tagging approved

    with buka_chromium() as browser:
        page = browser.new_page()
        page.goto(f"{url}/publik/wilayah/{KAB}/")
        page.get_by_role("link", name="Usulan program kecamatan di Kabupaten Bengkulu Selatan dan statusnya").click()
        baris_publik = page.locator("tr[data-usulan]")
        expect(baris_publik).to_contain_text("PMT ibu hamil KEK")
        expect(baris_publik.get_by_test_id("status-usulan")).to_have_text("Terakomodir di RKPD")
