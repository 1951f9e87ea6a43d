"""Regulasi: documents of the yearly "regulasi" Laporan through the shared workflow; forms per
level, PDF by content and size, and public only when approved AND marked published."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aksi.models import Laporan, Tahapan
from aksi.services import (
    Ditolak,
    bagian_ajukan,
    bagian_verifikasi,
    laporan_ambil_atau_buat,
    laporan_buka_kembali,
    laporan_setujui,
)
from inti.models import CatatanAudit
from publikasi.models import JenisRegulasi, Regulasi, label_jenis_regulasi
from publikasi.services import (
    regulasi_buat,
    regulasi_hapus,
    regulasi_terbitkan,
    regulasi_ubah,
)
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(nama: str = "perbup.pdf", isi: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _laporan(kode: str) -> Laporan:
    return laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk="regulasi"),
                                   wilayah=Wilayah.objects.get(kode=kode))


@pytest.fixture
def lap(siklus_terbuka):
    return _laporan(KEC_KEDURANG)


@pytest.fixture
def peran(beri_peran):
    return {p: beri_peran(p, KEC_KEDURANG) for p in ("operator", "verifikator", "approver")}


def _dokumen(lap, user, **isian) -> Regulasi:
    data = {"jenis": JenisRegulasi.SURAT_EDARAN, "nomor": "400.5/12/2026", "tanggal": datetime.date(2026, 2, 3),
            "judul": "Gerakan posyandu aktif", "berkas": pdf()} | isian
    return regulasi_buat(user=user, laporan=lap, **data)


def _setujui(lap, peran) -> None:
    bagian = lap.bagian.get()
    bagian_ajukan(user=peran["operator"], bagian=bagian)
    bagian_verifikasi(user=peran["verifikator"], bagian=bagian)
    laporan_setujui(user=peran["approver"], laporan=lap)


# --- writes ------------------------------------------------------------------------------------------

def test_regulasi_laporan_has_one_part_without_unit(lap):
    assert [b.unit_id for b in lap.bagian.all()] == [None]


def test_operator_adds_pdf_under_random_name_and_it_is_audited(lap, peran):
    doc = _dokumen(lap, peran["operator"], berkas=pdf("../../etc/Surat Edaran.PDF"))
    assert doc.berkas.name.startswith("regulasi/") and doc.berkas.name.endswith(".pdf")
    assert "Surat" not in doc.berkas.name and ".." not in doc.berkas.name
    assert doc.berkas.read().startswith(b"%PDF")
    assert lap.bagian.get().versi == 2
    audit = CatatanAudit.objects.get(aksi="regulasi_buat")
    assert audit.objek_id == str(doc.pk) and audit.wilayah_kode == KEC_KEDURANG


def test_form_not_allowed_at_the_level_is_refused_naming_the_field(lap, peran):
    with pytest.raises(ValidationError) as exc:
        _dokumen(lap, peran["operator"], jenis=JenisRegulasi.PERDA)
    assert list(exc.value.message_dict) == ["jenis"]
    assert "Peraturan Daerah" in exc.value.message_dict["jenis"][0]
    assert "kecamatan" in exc.value.message_dict["jenis"][0]
    assert not Regulasi.objects.exists()


def test_kabupaten_may_record_a_perda_and_perkada_is_named_for_the_level(siklus_terbuka, beri_peran):
    lap_kab = _laporan(KAB_BENGKULU_SELATAN)
    op = beri_peran("operator", KAB_BENGKULU_SELATAN)
    doc = _dokumen(lap_kab, op, jenis=JenisRegulasi.PERKADA)
    assert doc.label_jenis == "Peraturan Bupati"
    assert label_jenis_regulasi(JenisRegulasi.PERKADA, Wilayah.objects.get(kode="17")) == "Peraturan Gubernur"
    assert label_jenis_regulasi(JenisRegulasi.PERKADA, Wilayah.objects.get(kode="17.71")) == "Peraturan Wali Kota"
    with pytest.raises(ValidationError) as exc:
        _dokumen(lap_kab, op, jenis="peraturan_desa")
    assert "jenis" in exc.value.message_dict


@pytest.mark.parametrize("isi", [PNG, b"\xff\xd8\xff\xe0 jpeg", b"<html>bukan pdf</html>", b"PK\x03\x04 zip"])
def test_a_file_that_is_not_really_a_pdf_is_refused(lap, peran, isi):
    with pytest.raises(ValidationError) as exc:
        _dokumen(lap, peran["operator"], berkas=pdf("perbup.pdf", isi))
    assert "harus berupa PDF" in exc.value.message_dict["berkas"][0]
    assert not Regulasi.objects.exists()


def test_an_oversized_pdf_is_refused(lap, peran, settings):
    settings.AKSI_MAKS_UNGGAH_DOKUMEN = 1024
    with pytest.raises(ValidationError) as exc:
        _dokumen(lap, peran["operator"], berkas=pdf(isi=PDF + b"0" * 2048))
    assert "terlalu besar" in exc.value.message_dict["berkas"][0]


def test_a_pdf_is_required(lap, peran):
    with pytest.raises(ValidationError) as exc:
        _dokumen(lap, peran["operator"], berkas=None)
    assert "berkas" in exc.value.message_dict


def test_only_the_operator_writes_and_not_after_submitting(lap, peran):
    for bukan in (peran["verifikator"], peran["approver"]):
        with pytest.raises(Ditolak):
            _dokumen(lap, bukan)
    doc = _dokumen(lap, peran["operator"])
    bagian_ajukan(user=peran["operator"], bagian=lap.bagian.get())
    with pytest.raises(Ditolak, match="diajukan"):
        regulasi_ubah(user=peran["operator"], regulasi=doc, versi=lap.bagian.get().versi, judul="Ubah")
    with pytest.raises(Ditolak):
        regulasi_hapus(user=peran["operator"], regulasi=doc)


def test_a_stale_version_is_refused(lap, peran):
    doc = _dokumen(lap, peran["operator"])
    regulasi_ubah(user=peran["operator"], regulasi=doc, versi=2, judul="Versi kedua")
    with pytest.raises(Ditolak, match="sudah diubah"):
        regulasi_ubah(user=peran["operator"], regulasi=doc, versi=2, judul="Menimpa")
    doc.refresh_from_db()
    assert doc.judul == "Versi kedua"


def test_only_the_approver_marks_published(lap, peran):
    doc = _dokumen(lap, peran["operator"])
    for bukan in (peran["operator"], peran["verifikator"]):
        with pytest.raises(Ditolak, match="penyetuju"):
            regulasi_terbitkan(user=bukan, regulasi=doc)
    doc = regulasi_terbitkan(user=peran["approver"], regulasi=doc)
    assert doc.dipublikasikan and doc.dipublikasikan_oleh == peran["approver"]
    assert CatatanAudit.objects.filter(aksi="regulasi_terbitkan", objek_id=str(doc.pk)).exists()


# --- public pages --------------------------------------------------------------------------------------

def _publik(client) -> str:
    return client.get(reverse("publikasi:publik-regulasi")).content.decode()


def test_public_only_once_approved_and_marked_published(client, lap, peran):
    doc = _dokumen(lap, peran["operator"], judul="Surat edaran posyandu")
    unduh = reverse("publikasi:publik-regulasi-unduh", args=[doc.pk])
    assert "Surat edaran posyandu" not in _publik(client)
    assert client.get(unduh).status_code == 404

    regulasi_terbitkan(user=peran["approver"], regulasi=doc)  # marked, Laporan still draft
    assert "Surat edaran posyandu" not in _publik(client)
    assert client.get(unduh).status_code == 404

    _setujui(lap, peran)
    regulasi_terbitkan(user=peran["approver"], regulasi=doc, terbit=False)  # approved, not marked
    assert "Surat edaran posyandu" not in _publik(client)
    assert client.get(unduh).status_code == 404

    regulasi_terbitkan(user=peran["approver"], regulasi=doc)  # approved and marked
    assert "Surat edaran posyandu" in _publik(client)
    respons = client.get(unduh)
    assert respons.status_code == 200 and b"".join(respons.streaming_content).startswith(b"%PDF")
    assert respons["Content-Type"] == "application/pdf"

    laporan_buka_kembali(user=peran["approver"], laporan=lap, alasan="Nomor salah")  # reopened: hidden again
    assert "Surat edaran posyandu" not in _publik(client)
    assert client.get(unduh).status_code == 404


def test_public_list_filters_by_wilayah(client, siklus_terbuka, beri_peran, lap, peran):
    doc = _dokumen(lap, peran["operator"], judul="SE Kedurang")
    regulasi_terbitkan(user=peran["approver"], regulasi=doc)
    _setujui(lap, peran)
    url = reverse("publikasi:publik-regulasi")
    assert "SE Kedurang" in client.get(url, {"provinsi": "17", "kabkota": KAB_BENGKULU_SELATAN}).content.decode()
    assert "SE Kedurang" not in client.get(url, {"provinsi": "17", "kabkota": "17.02"}).content.decode()


# --- staff pages ---------------------------------------------------------------------------------------

def test_operator_adds_through_the_page(klien_dengan, lap, peran):
    klien = klien_dengan(peran["operator"])
    url = reverse("publikasi:regulasi-dokumen", args=[lap.pk])
    assert klien.get(url).status_code == 200
    respons = klien.post(url, {"jenis": "surat_edaran", "nomor": "SE/1", "tanggal": "2026-03-01", "judul": "SE stunting",
                               "berkas": pdf()})
    assert respons.status_code == 302
    halaman = klien.get(url).content.decode()
    assert "SE stunting" in halaman
    doc = Regulasi.objects.get()
    berkas = klien.get(reverse("publikasi:regulasi-berkas", args=[lap.pk, doc.pk]))
    assert berkas.status_code == 200 and berkas["Cache-Control"] == "private, no-store"


def test_the_page_refuses_a_form_of_another_level_and_a_fake_pdf(klien_dengan, lap, peran):
    klien = klien_dengan(peran["operator"])
    respons = klien.post(reverse("publikasi:regulasi-dokumen", args=[lap.pk]), {
        "jenis": "perda", "nomor": "1", "tanggal": "2026-03-01", "judul": "Perda", "berkas": pdf(isi=PNG),
    })
    assert respons.status_code == 400
    form = respons.context["form"]
    assert "jenis" in form.errors and "berkas" in form.errors
    assert not Regulasi.objects.exists()


def test_operator_edits_through_the_page_and_the_pdf_stays(klien_dengan, lap, peran):
    doc = _dokumen(lap, peran["operator"])
    berkas_lama = doc.berkas.name
    klien = klien_dengan(peran["operator"])
    url = reverse("publikasi:regulasi-ubah", args=[lap.pk, doc.pk])
    assert klien.get(url).status_code == 200
    respons = klien.post(url, {"versi": "2", "jenis": "berita_acara", "nomor": "BA/2", "tanggal": "2026-04-01",
                               "judul": "Kesepakatan rembuk stunting", "tahapan_terkait": "analisis-situasi"})
    assert respons.status_code == 302
    doc.refresh_from_db()
    assert (doc.jenis, doc.judul, doc.tahapan_terkait_id, doc.berkas.name) == (
        "berita_acara", "Kesepakatan rembuk stunting", "analisis-situasi", berkas_lama)


def test_approver_publishes_through_the_page(klien_dengan, lap, peran):
    doc = _dokumen(lap, peran["operator"])
    klien = klien_dengan(peran["approver"])
    halaman = klien.get(reverse("publikasi:regulasi-dokumen", args=[lap.pk])).content.decode()
    assert "Terbitkan" in halaman and "Tambah dokumen regulasi" not in halaman
    respons = klien.post(reverse("publikasi:regulasi-terbit", args=[lap.pk, doc.pk]), {"terbit": "1"}, follow=True)
    assert "setelah laporan regulasi disetujui" in respons.content.decode()
    doc.refresh_from_db()
    assert doc.dipublikasikan


def test_staff_outside_the_scope_get_404(klien_dengan, beri_peran, lap, peran):
    doc = _dokumen(lap, peran["operator"])
    tetangga = klien_dengan(beri_peran("operator", KEC_TETANGGA))
    for url in (reverse("publikasi:regulasi-dokumen", args=[lap.pk]), reverse("publikasi:regulasi-berkas", args=[lap.pk, doc.pk]),
                reverse("publikasi:regulasi-ubah", args=[lap.pk, doc.pk])):
        assert tetangga.get(url).status_code == 404
    assert tetangga.post(reverse("publikasi:regulasi-terbit", args=[lap.pk, doc.pk]), {"terbit": "1"}).status_code == 404


def test_the_list_opens_the_regulasi_laporan_of_my_wilayah(klien_dengan, siklus_terbuka, beri_peran):
    klien = klien_dengan(beri_peran("operator", KEC_KEDURANG))
    assert "Buka laporan regulasi" in klien.get(reverse("publikasi:regulasi")).content.decode()
    respons = klien.post(reverse("publikasi:regulasi-buka", args=[TAHUN, KEC_KEDURANG]))
    lap = Laporan.objects.get(tahapan_id="regulasi", wilayah_id=KEC_KEDURANG, tahun=TAHUN)
    assert respons.status_code == 302 and respons["Location"] == reverse("publikasi:regulasi-dokumen", args=[lap.pk])
    assert klien.post(reverse("publikasi:regulasi-buka", args=[TAHUN, KEC_TETANGGA])).status_code == 404
