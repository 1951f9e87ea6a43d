"""Publikasi: drafts by operators, published and withdrawn by the wilayah's approver; only
published ones on public pages; images PNG/JPEG and attachments PDF by content; text escaped."""
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inti.galat import Ditolak
from inti.models import CatatanAudit
from publikasi.models import JenisPublikasi, Publikasi, StatusPublikasi
from publikasi.services import (
    publikasi_buat,
    publikasi_hapus,
    publikasi_tarik,
    publikasi_terbitkan,
    publikasi_ubah,
)
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4\n%%EOF\n"


def berkas(nama: str, isi: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def kedurang():
    return Wilayah.objects.get(kode=KEC_KEDURANG)


@pytest.fixture
def op(beri_peran):
    return beri_peran("operator", KEC_KEDURANG)


@pytest.fixture
def camat(beri_peran):
    return beri_peran("approver", KEC_KEDURANG)


def _draf(op, kedurang, **isian) -> Publikasi:
    data = {"judul": "Posyandu Kedurang aktif kembali", "jenis": JenisPublikasi.BERITA,
            "isi": "Paragraf pertama.\n\nParagraf kedua."} | isian
    return publikasi_buat(user=op, wilayah=kedurang, **data)


# --- the state machine -------------------------------------------------------------------------------

def test_operator_writes_a_draft_and_only_the_approver_publishes(op, camat, kedurang, beri_peran):
    p = _draf(op, kedurang)
    assert p.status == StatusPublikasi.DRAF and p.slug == "posyandu-kedurang-aktif-kembali"
    for bukan in (op, beri_peran("verifikator", KEC_KEDURANG), beri_peran("approver", KAB_BENGKULU_SELATAN)):
        with pytest.raises(Ditolak, match="penyetuju"):
            publikasi_terbitkan(user=bukan, publikasi=p)
    p = publikasi_terbitkan(user=camat, publikasi=p)
    assert p.terbit and p.diterbitkan_oleh == camat and p.diterbitkan_pada
    assert list(CatatanAudit.objects.filter(objek_tipe="publikasi.publikasi").values_list("aksi", flat=True).order_by("id")) == [
        "publikasi_buat", "publikasi_terbitkan",
    ]


def test_only_operators_and_the_approver_of_the_wilayah_write(kedurang, beri_peran):
    for bukan in (beri_peran("verifikator", KEC_KEDURANG), beri_peran("pemantau", KEC_KEDURANG),
                  beri_peran("operator", KEC_TETANGGA), beri_peran("operator", KAB_BENGKULU_SELATAN)):
        with pytest.raises(Ditolak):
            _draf(bukan, kedurang)
    assert not Publikasi.objects.exists()


def test_a_published_article_is_withdrawn_with_a_reason_before_it_changes(op, camat, kedurang):
    p = publikasi_terbitkan(user=camat, publikasi=_draf(op, kedurang))
    with pytest.raises(Ditolak, match="menariknya ke draf"):
        publikasi_ubah(user=op, publikasi=p, versi=p.versi, judul="Diubah diam-diam")
    with pytest.raises(Ditolak):
        publikasi_hapus(user=op, publikasi=p)
    with pytest.raises(Ditolak, match="Alasan"):
        publikasi_tarik(user=camat, publikasi=p, alasan=" ")
    p = publikasi_tarik(user=camat, publikasi=p, alasan="Foto tanpa izin")
    assert p.status == StatusPublikasi.DRAF and p.diterbitkan_pada is None
    assert CatatanAudit.objects.get(aksi="publikasi_tarik").baru["alasan"] == "Foto tanpa izin"
    p = publikasi_ubah(user=op, publikasi=p, versi=p.versi, judul="Judul baru")
    assert p.judul == "Judul baru" and p.versi == 2


def test_a_stale_version_is_refused(op, kedurang, beri_peran):
    p = _draf(op, kedurang)
    publikasi_ubah(user=op, publikasi=p, versi=1, judul="Oleh operator pertama")
    with pytest.raises(Ditolak, match="sudah diubah"):
        publikasi_ubah(user=beri_peran("operator", KEC_KEDURANG), publikasi=p, versi=1, judul="Menimpa")


def test_same_title_gets_its_own_slug(op, kedurang):
    assert _draf(op, kedurang).slug != _draf(op, kedurang).slug


# --- files ---------------------------------------------------------------------------------------------

def test_png_and_jpeg_images_and_a_pdf_attachment_are_accepted(op, kedurang):
    p = _draf(op, kedurang, gambar=berkas("foto.jpeg", JPEG), lampiran=berkas("materi.pdf", PDF))
    assert p.gambar.name.endswith(".jpg") and p.lampiran.name.endswith(".pdf")
    p = publikasi_ubah(user=op, publikasi=p, versi=p.versi, gambar=berkas("grafik.png", PNG), hapus_lampiran=True)
    assert p.gambar.name.endswith(".png") and not p.lampiran


@pytest.mark.parametrize("field,nama,isi,pesan", [
    ("gambar", "foto.png", PDF, "PNG atau JPEG"),
    ("gambar", "foto.png", b"GIF89a....", "PNG atau JPEG"),
    ("gambar", "foto.svg", b"<svg onload=alert(1)>", "PNG atau JPEG"),
    ("lampiran", "materi.pdf", PNG, "harus berupa PDF"),
    ("lampiran", "materi.pdf", b"MZ\x90\x00 exe", "harus berupa PDF"),
])
def test_wrong_real_types_are_refused(op, kedurang, field, nama, isi, pesan):
    with pytest.raises(ValidationError) as exc:
        _draf(op, kedurang, **{field: berkas(nama, isi)})
    assert pesan in exc.value.message_dict[field][0]
    assert not Publikasi.objects.exists()


def test_oversized_files_are_refused(op, kedurang, settings):
    settings.PUBLIKASI_MAKS_GAMBAR = 100
    settings.AKSI_MAKS_UNGGAH_DOKUMEN = 100
    with pytest.raises(ValidationError) as exc:
        _draf(op, kedurang, gambar=berkas("foto.png", PNG + b"0" * 200), lampiran=berkas("m.pdf", PDF + b"0" * 200))
    assert "terlalu besar" in exc.value.message_dict["gambar"][0]
    assert "terlalu besar" in exc.value.message_dict["lampiran"][0]


def test_an_infographic_needs_an_image_and_an_article_needs_text(op, kedurang):
    with pytest.raises(ValidationError) as exc:
        _draf(op, kedurang, jenis=JenisPublikasi.INFOGRAFIS, isi="")
    assert "gambar" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _draf(op, kedurang, isi="   ")
    assert "isi" in exc.value.message_dict
    assert _draf(op, kedurang, jenis=JenisPublikasi.INFOGRAFIS, isi="", gambar=berkas("i.png", PNG)).pk


# --- public pages --------------------------------------------------------------------------------------

def test_drafts_never_appear_on_public_pages(client, op, camat, kedurang):
    p = _draf(op, kedurang, judul="Draf rahasia", gambar=berkas("f.png", PNG), lampiran=berkas("l.pdf", PDF))
    assert "Draf rahasia" not in client.get(reverse("publikasi:publik-berita")).content.decode()
    for nama in ("publik-berita-detail", "publik-berita-gambar", "publik-berita-lampiran"):
        assert client.get(reverse(f"publikasi:{nama}", args=[p.slug])).status_code == 404

    publikasi_terbitkan(user=camat, publikasi=p)
    assert "Draf rahasia" in client.get(reverse("publikasi:publik-berita")).content.decode()
    for nama in ("publik-berita-detail", "publik-berita-gambar", "publik-berita-lampiran"):
        assert client.get(reverse(f"publikasi:{nama}", args=[p.slug])).status_code == 200

    publikasi_tarik(user=camat, publikasi=p, alasan="Salah data")
    assert "Draf rahasia" not in client.get(reverse("publikasi:publik-berita")).content.decode()
    assert client.get(reverse("publikasi:publik-berita-detail", args=[p.slug])).status_code == 404


def test_user_text_is_escaped_never_raw_html(client, op, camat, kedurang):
    p = _draf(op, kedurang, judul="<b>Judul</b>", isi="<script>alert('x')</script>\n\nParagraf <i>dua</i>.")
    publikasi_terbitkan(user=camat, publikasi=p)
    html = client.get(reverse("publikasi:publik-berita-detail", args=[p.slug])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<i>dua</i>" not in html and "&lt;i&gt;dua&lt;/i&gt;" in html
    assert "<b>Judul</b>" not in html
    assert html.count("<p>") >= 2  # paragraphs kept


def test_public_list_filters_by_wilayah_subtree(client, op, camat, kedurang):
    publikasi_terbitkan(user=camat, publikasi=_draf(op, kedurang, judul="Berita Kedurang"))
    url = reverse("publikasi:publik-berita")
    assert "Berita Kedurang" in client.get(url, {"provinsi": "17", "kabkota": KAB_BENGKULU_SELATAN}).content.decode()
    assert "Berita Kedurang" not in client.get(url, {"provinsi": "17", "kabkota": "17.02"}).content.decode()


# --- staff pages ---------------------------------------------------------------------------------------

def test_operator_writes_and_approver_publishes_through_the_pages(klien_dengan, op, camat, kedurang):
    klien = klien_dengan(op)
    respons = klien.post(reverse("publikasi:berita-baru"), {
        "wilayah": KEC_KEDURANG, "jenis": "berita", "judul": "Kelas ibu hamil", "isi": "Isi berita.",
        "gambar": berkas("foto.png", PNG),
    })
    assert respons.status_code == 302
    p = Publikasi.objects.get()
    halaman = klien.get(reverse("publikasi:berita-detail", args=[p.pk])).content.decode()
    assert "Terbitkan" not in halaman and "Ubah" in halaman
    assert klien.get(reverse("publikasi:berita-gambar", args=[p.pk])).status_code == 200

    klien = klien_dengan(camat)
    klien.post(reverse("publikasi:berita-terbitkan", args=[p.pk]))
    p.refresh_from_db()
    assert p.terbit


def test_the_page_refuses_a_fake_image(klien_dengan, op):
    respons = klien_dengan(op).post(reverse("publikasi:berita-baru"), {
        "wilayah": KEC_KEDURANG, "jenis": "berita", "judul": "X", "isi": "Y", "gambar": berkas("foto.png", PDF),
    })
    assert respons.status_code == 400 and "gambar" in respons.context["form"].errors
    assert not Publikasi.objects.exists()


def test_staff_outside_the_scope_get_404(klien_dengan, beri_peran, op, kedurang):
    p = _draf(op, kedurang, gambar=berkas("f.png", PNG))
    tetangga = klien_dengan(beri_peran("approver", KEC_TETANGGA))
    for nama in ("berita-detail", "berita-ubah", "berita-gambar"):
        assert tetangga.get(reverse(f"publikasi:{nama}", args=[p.pk])).status_code == 404
    assert tetangga.post(reverse("publikasi:berita-terbitkan", args=[p.pk])).status_code == 404
    assert "Posyandu" not in tetangga.get(reverse("publikasi:berita")).content.decode()
    # the kabupaten above reads it
    kab = klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    assert kab.get(reverse("publikasi:berita-detail", args=[p.pk])).status_code == 200


def test_edit_page_keeps_the_version_and_replaces_the_image(klien_dengan, op, kedurang):
    p = _draf(op, kedurang, gambar=berkas("f.png", PNG))
    lama = p.gambar.name
    klien = klien_dengan(op)
    url = reverse("publikasi:berita-ubah", args=[p.pk])
    assert 'name="versi" value="1"' in klien.get(url).content.decode()
    respons = klien.post(url, {"versi": "1", "jenis": "artikel", "judul": "Judul diperbarui", "isi": "Isi baru.",
                               "gambar": berkas("g.jpg", JPEG)})
    assert respons.status_code == 302
    p.refresh_from_db()
    assert (p.judul, p.jenis, p.versi) == ("Judul diperbarui", "artikel", 2) and p.gambar.name != lama
    assert klien.post(url, {"versi": "1", "jenis": "artikel", "judul": "Basi", "isi": "x"}, follow=True).status_code == 200
    p.refresh_from_db()
    assert p.judul == "Judul diperbarui"


def test_every_page_answers(client, klien_dengan, op, camat, kedurang):
    p = publikasi_terbitkan(user=camat, publikasi=_draf(op, kedurang, gambar=berkas("f.png", PNG)))
    for url, data in ((reverse("publikasi:publik-berita"), {"jenis": "berita", "provinsi": "17", "halaman": "2"}),
                      (reverse("publikasi:publik-regulasi"), {"jenis": "perda", "tahun": "2026"}),
                      (reverse("pengaduan:lacak"), {}),
                      (reverse("publikasi:publik-berita-detail", args=[p.slug]), {})):
        assert client.get(url, data).status_code == 200, url
    staf = klien_dengan(camat)
    for nama in ("publikasi:beranda", "publikasi:regulasi", "publikasi:berita", "publikasi:berita-baru", "pengaduan:daftar"):
        assert staf.get(reverse(nama)).status_code == 200, nama
    assert staf.get(reverse("publikasi:berita"), {"status": "terbit"}).status_code == 200
    assert Client().get(reverse("publikasi:beranda")).status_code == 302  # staff pages need a login
