"""Pengaduan masyarakat: the public form (no login, CSRF on, throttled per client), the tracking
code and its public lookup without personal data, and staff of the wilayah handling it."""
import random
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inti.galat import Ditolak
from inti.models import CatatanAudit
from pengaduan import pembatas
from pengaduan.models import ABJAD_KODE, Pengaduan, StatusPengaduan, normalkan_kontak
from pengaduan.services import (
    pengaduan_jawab,
    pengaduan_kirim,
    pengaduan_tugaskan,
)
from pengaduan.views import kuota_kirim, kuota_lacak
from wilayah.models import Wilayah

from .aset import aset_luar
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
NAMA, KONTAK = "Siti Aminah", "0812-3456-7890"


@pytest.fixture(autouse=True)
def _media_dan_alamat(settings, tmp_path, client):
    """Files under tmp; a fresh client address per test, since quotas live in the shared Redis cache."""
    settings.MEDIA_ROOT = tmp_path
    alamat = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    for kuota in (kuota_kirim(), kuota_lacak()):
        pembatas.reset(alamat, kuota)
    client.defaults["REMOTE_ADDR"] = alamat
    return alamat


def _isian(**lain) -> dict:
    return {"nama": NAMA, "kontak": KONTAK, "provinsi": "17", "kabkota": KAB_BENGKULU_SELATAN, "kecamatan": KEC_KEDURANG,
            "topik": "gizi", "isi": "PMT untuk balita di desa kami belum dibagikan sejak tiga bulan."} | lain


def _kirim(client, **lain):
    return client.post(reverse("pengaduan:kirim"), _isian(**lain))


def _pengaduan(**lain) -> Pengaduan:
    data = {"nama": NAMA, "kontak": KONTAK, "wilayah": Wilayah.objects.get(kode=KEC_KEDURANG), "topik": "gizi",
            "isi": "Posyandu tutup."} | lain
    return pengaduan_kirim(**data)


# --- the whole flow ----------------------------------------------------------------------------------

def test_submit_get_a_code_staff_answers_and_the_public_lookup_shows_it_without_personal_data(client, beri_peran):
    assert client.get(reverse("pengaduan:kirim")).status_code == 200
    respons = _kirim(client)
    assert respons.status_code == 302 and respons["Location"] == reverse("pengaduan:terkirim")
    halaman = client.get(respons["Location"]).content.decode()
    pengaduan = Pengaduan.objects.get()
    assert re.fullmatch(f"[{ABJAD_KODE}]{{10}}", pengaduan.kode) and pengaduan.kode in halaman
    assert pengaduan.kontak == "081234567890" and pengaduan.wilayah_id == KEC_KEDURANG
    assert pengaduan.status == StatusPengaduan.BARU

    staf = Client(REMOTE_ADDR="10.9.9.9")
    staf.force_login(beri_peran("operator", KEC_KEDURANG))
    detail = staf.get(reverse("pengaduan:detail", args=[pengaduan.pk])).content.decode()
    assert NAMA in detail and "081234567890" in detail
    staf.post(reverse("pengaduan:jawab", args=[pengaduan.pk]),
              {"jawaban": "PMT dibagikan Senin depan di posyandu.", "versi": pengaduan.versi, "tutup": "1"})
    pengaduan.refresh_from_db()
    assert pengaduan.status == StatusPengaduan.SELESAI and pengaduan.dijawab_pada and pengaduan.ditutup_pada

    lacak = client.get(reverse("pengaduan:lacak"), {"kode": pengaduan.kode.lower()})
    html = lacak.content.decode()
    assert lacak.status_code == 200
    assert "PMT dibagikan Senin depan di posyandu." in html and "Selesai" in html
    for pribadi in (NAMA, "Siti", "0812", "081234567890", "belum dibagikan sejak tiga bulan"):
        assert pribadi not in html
    jejak = " ".join(str(a.baru) + str(a.lama) for a in CatatanAudit.objects.filter(objek_tipe="pengaduan.pengaduan"))
    assert "pengaduan_kirim" in set(CatatanAudit.objects.values_list("aksi", flat=True))
    assert "Siti" not in jejak and "0812" not in jejak


def test_the_form_serves_the_region_selects_from_vendored_htmx(client):
    html = client.get(reverse("pengaduan:kirim")).content.decode()
    assert 'src="/static/vendor/htmx/htmx.min.js"' in html and "hx-get=\"/publik/wilayah/pilih/\"" in html
    assert aset_luar(html) == []
    pilih = reverse("publikasi:publik-pilih-wilayah")
    kab = client.get(pilih, {"provinsi": "17"}).content.decode()
    assert 'value="17.01"' in kab and 'value="17.01.01"' not in kab
    kec = client.get(pilih, {"provinsi": "17", "kabkota": "17.01"}).content.decode()
    assert 'value="17.01.01" ' not in kec and 'value="17.01.01"' in kec
    # a kab/kota of another province is dropped, and so are the kecamatan
    salah = client.get(pilih, {"provinsi": "17", "kabkota": "16.01", "kecamatan": "16.01.01"}).content.decode()
    assert "selected" not in salah.split('id="id_kabkota"')[1]


@pytest.mark.parametrize("teks,hasil", [
    ("0812-3456-7890", "081234567890"), ("+62 812 3456 7890", "081234567890"), ("(0736) 21234", "073621234"),
    ("Warga@Contoh.ID", "Warga@contoh.id"),
])
def test_contact_is_a_phone_or_an_email(teks, hasil):
    assert normalkan_kontak(teks) == hasil


@pytest.mark.parametrize("kontak", ["", "besok saya telepon", "12345", "warga@", "+1 202 555 0100", "0812"])
def test_a_bad_contact_is_refused(client, kontak):
    respons = _kirim(client, kontak=kontak)
    assert respons.status_code == 400 and "kontak" in respons.context["form"].errors
    assert not Pengaduan.objects.exists()


def test_a_region_outside_its_parent_is_refused_and_a_province_alone_is_enough(client):
    respons = _kirim(client, kabkota="16.01", kecamatan="")
    assert respons.status_code == 400 and "kabkota" in respons.context["form"].errors
    respons = _kirim(client, provinsi="", kabkota="", kecamatan="")
    assert respons.status_code == 400 and "provinsi" in respons.context["form"].errors
    assert _kirim(client, kabkota="", kecamatan="").status_code == 302
    assert Pengaduan.objects.get().wilayah_id == "17"


def test_without_javascript_the_form_refreshes_the_region_selects_without_saving(client):
    respons = client.post(reverse("pengaduan:kirim"), _isian(kabkota="", kecamatan="", perbarui="1"))
    assert respons.status_code == 200 and 'value="17.01"' in respons.content.decode()
    assert not Pengaduan.objects.exists()


def test_attachment_by_content_and_size(client, settings):
    respons = _kirim(client, lampiran=SimpleUploadedFile("foto.jpg", b"<?php system($_GET['c']); ?>"))
    assert respons.status_code == 400 and "PDF, JPEG atau PNG" in respons.context["form"].errors["lampiran"][0]
    settings.PENGADUAN_MAKS_LAMPIRAN = 100
    respons = _kirim(client, lampiran=SimpleUploadedFile("foto.png", PNG + b"0" * 200))
    assert respons.status_code == 400 and "terlalu besar" in respons.context["form"].errors["lampiran"][0]
    assert not Pengaduan.objects.exists()
    assert _kirim(client, lampiran=SimpleUploadedFile("foto.png", PNG)).status_code == 302
    assert Pengaduan.objects.get().lampiran.name.endswith(".png")


# --- staff scope -------------------------------------------------------------------------------------

def test_staff_outside_the_scope_get_404_and_the_kabupaten_above_reads_it(klien_dengan, beri_peran):
    p = _pengaduan(lampiran=SimpleUploadedFile("f.png", PNG))
    tetangga = klien_dengan(beri_peran("approver", KEC_TETANGGA))
    for nama in ("detail", "lampiran"):
        assert tetangga.get(reverse(f"pengaduan:{nama}", args=[p.pk])).status_code == 404
    assert tetangga.post(reverse("pengaduan:jawab", args=[p.pk]), {"jawaban": "x"}).status_code == 404
    assert tetangga.post(reverse("pengaduan:tugaskan", args=[p.pk]), {"petugas": ""}).status_code == 404
    assert p.kode not in tetangga.get(reverse("pengaduan:daftar")).content.decode()
    p.refresh_from_db()
    assert p.jawaban == ""

    kab = klien_dengan(beri_peran("operator", KAB_BENGKULU_SELATAN))
    assert p.kode in kab.get(reverse("pengaduan:daftar")).content.decode()
    assert kab.get(reverse("pengaduan:lampiran", args=[p.pk])).status_code == 200


def test_a_pemantau_reads_but_does_not_handle(klien_dengan, beri_peran):
    p = _pengaduan()
    pemantau = beri_peran("pemantau", KEC_KEDURANG)
    html = klien_dengan(pemantau).get(reverse("pengaduan:detail", args=[p.pk])).content.decode()
    assert "Simpan jawaban" not in html
    with pytest.raises(Ditolak):
        pengaduan_jawab(user=pemantau, pengaduan=p, jawaban="Tidak boleh")


def test_assign_only_to_staff_of_the_wilayah_or_above(beri_peran):
    p = _pengaduan()
    camat = beri_peran("approver", KEC_KEDURANG)
    with pytest.raises(Ditolak, match="tidak bertugas"):
        pengaduan_tugaskan(user=camat, pengaduan=p, petugas=beri_peran("operator", KEC_TETANGGA))
    petugas = beri_peran("operator", KAB_BENGKULU_SELATAN)
    p = pengaduan_tugaskan(user=camat, pengaduan=p, petugas=petugas)
    assert p.petugas == petugas and p.status == StatusPengaduan.DIPROSES
    assert CatatanAudit.objects.filter(aksi="pengaduan_tugaskan", objek_id=str(p.pk)).exists()


def test_a_closed_complaint_is_not_answered_again_and_stale_answers_are_refused(beri_peran):
    p = _pengaduan()
    op = beri_peran("operator", KEC_KEDURANG)
    p = pengaduan_jawab(user=op, pengaduan=p, jawaban="Jawaban pertama", versi=1)
    with pytest.raises(Ditolak, match="diubah petugas lain"):
        pengaduan_jawab(user=op, pengaduan=p, jawaban="Menimpa", versi=1)
    pengaduan_jawab(user=op, pengaduan=p, jawaban="Jawaban akhir", tutup=True)
    with pytest.raises(Ditolak, match="ditutup"):
        pengaduan_jawab(user=op, pengaduan=p, jawaban="Lagi")


# --- abuse -------------------------------------------------------------------------------------------

def test_flooding_is_throttled_with_a_clear_429(client, _media_dan_alamat):
    for _ in range(3):  # refused forms save nothing and do not count
        assert _kirim(client, kontak="salah").status_code == 400
    for _ in range(5):
        assert _kirim(client).status_code == 302
    respons = _kirim(client)
    assert respons.status_code == 429
    assert "Terlalu banyak pengaduan" in respons.content.decode() and int(respons["Retry-After"]) > 0
    assert Pengaduan.objects.count() == 5
    lain = Client(REMOTE_ADDR="10.200.1.2")
    pembatas.reset("10.200.1.2", kuota_kirim())
    assert _kirim(lain).status_code == 302  # other clients are not affected


def test_guessing_codes_is_throttled(client, settings):
    settings.PENGADUAN_BATAS_LACAK = (3, 600)
    url = reverse("pengaduan:lacak")
    for kode in ("AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC"):
        assert client.get(url, {"kode": kode}).status_code == 404
    assert client.get(url, {"kode": "DDDDDDDDDD"}).status_code == 429


def test_csrf_protection_stays_on_for_the_public_form():
    klien = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.201.1.1")
    assert klien.post(reverse("pengaduan:kirim"), _isian()).status_code == 403
    assert not Pengaduan.objects.exists()
