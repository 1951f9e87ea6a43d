"""Pra-musrenbang tematik stunting: agenda, planned programs by kategori, the kab/kota-only
sections, the Berita Acara (PDF to print and sign, signed scan upload and scoped download)."""
from inti.galat import Ditolak
import datetime
import re
import struct
import zlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.choices import SumberDana
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_ambil_atau_buat, laporan_setujui
from indikator.models import IndikatorCapaian
from inti.models import CatatanAudit
from musrenbang.models import (
    AgendaMusrenbang,
    BeritaAcara,
    EvaluasiKinerjaOPD,
    KategoriProgram,
    RencanaProgram,
)
from musrenbang.pdf import dokumen_berita_acara, html_berita_acara
from musrenbang.services import (
    agenda_buat,
    berita_acara_buat,
    berita_acara_hapus,
    berita_acara_ubah,
    evaluasi_opd_buat,
    komitmen_buat,
    penghargaan_buat,
    rencana_buat,
    rencana_hapus,
    rencana_ubah,
)
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA
from .factories import UserFactory

pytestmark = pytest.mark.django_db

TAHUN = 2026


# --- the world ---------------------------------------------------------------------------------

def _laporan(kode: str) -> Laporan:
    return laporan_ambil_atau_buat(
        user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk="pra-musrenbang"),
        wilayah=Wilayah.objects.get(kode=kode),
    )


@pytest.fixture
def lap_kec(siklus_terbuka):
    return _laporan(KEC_KEDURANG)


@pytest.fixture
def lap_kab(siklus_terbuka):
    return _laporan(KAB_BENGKULU_SELATAN)


@pytest.fixture
def op_setcam(beri_peran):
    return beri_peran("operator", KEC_KEDURANG, unit="setcam")


@pytest.fixture
def op_bappeda(beri_peran):
    return beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _desa(kode_kecamatan: str, n: int = 2) -> list[Wilayah]:
    return list(Wilayah.objects.filter(induk_id=kode_kecamatan, tingkat=Tingkat.DESA).order_by("kode")[:n])


def _indikator(*kode: str) -> list[IndikatorCapaian]:
    return list(IndikatorCapaian.objects.filter(pk__in=kode))


def _isian_rencana(**ubah) -> dict:
    isian = {
        "nama": "Rehabilitasi posyandu", "kategori": KategoriProgram.FISIK_PRASARANA, "perkiraan_anggaran": Decimal("1500000"),
        "sumber_dana": SumberDana.APBDES, "unit_pelaksana": UnitKerja.objects.get(pk="puskesmas"),
    }
    return isian | ubah


def _isian_ba(**ubah) -> dict:
    return {
        "tanggal": datetime.date(2026, 2, 10), "tempat": "Aula Kantor Camat Kedurang", "pimpinan_rapat": "Drs. Ahmad Yani",
        "jabatan_pimpinan": "Camat Kedurang", "jumlah_peserta": 42,
        "perwakilan_peserta": "Siti Aminah — Kepala Puskesmas\nBudi Santoso - PLKB",
    } | ubah


def _versi(laporan: Laporan, unit: str) -> int:
    return laporan.bagian.get(unit_id=unit).versi


def _url(nama: str, laporan: Laporan, *args) -> str:
    return reverse(f"musrenbang:{nama}", args=[laporan.pk, *args])


def _pdf() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<h1>Berita acara</h1><p>Ditandatangani peserta.</p>").write_pdf()


def _png() -> bytes:
    """A real 1×1 white PNG."""
    def potong(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))
    return (b"\x89PNG\r\n\x1a\n" + potong(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + potong(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + potong(b"IEND", b""))


# --- planned programs --------------------------------------------------------------------------------

def test_a_planned_program_is_saved_with_kategori_indicators_and_desa(lap_kec, op_setcam):
    d1, d2 = _desa(KEC_KEDURANG)
    rencana = rencana_buat(user=op_setcam, laporan=lap_kec, indikator=[*_indikator("A1"), "B2"], lokasi=[d1, d2.kode],
                           **_isian_rencana(kategori=KategoriProgram.SOSIAL_BUDAYA))
    rencana.refresh_from_db()
    assert rencana.kategori == "sosial_budaya" and rencana.get_kategori_display() == "Sosial budaya"
    assert sorted(rencana.indikator.values_list("kode", flat=True)) == ["A1", "B2"]
    assert sorted(rencana.lokasi.values_list("kode", flat=True)) == sorted([d1.kode, d2.kode])
    assert rencana.bagian.unit_id == "setcam" and _versi(lap_kec, "setcam") == 2

    rencana_ubah(user=op_setcam, rencana=rencana, versi=2, **_isian_rencana(perkiraan_anggaran=Decimal("2000000")))
    assert sorted(rencana.indikator.values_list("kode", flat=True)) == ["A1", "B2"]  # None keeps them
    rencana_ubah(user=op_setcam, rencana=rencana, versi=3, indikator=["C1"], lokasi=[], **_isian_rencana())
    assert list(rencana.indikator.values_list("kode", flat=True)) == ["C1"] and not rencana.lokasi.exists()
    rencana_hapus(user=op_setcam, rencana=rencana, versi=4)
    assert not RencanaProgram.objects.exists() and _versi(lap_kec, "setcam") == 5

    audit = {c.aksi: c for c in CatatanAudit.objects.filter(objek_tipe="musrenbang.rencanaprogram", objek_id=str(rencana.pk))}
    assert set(audit) == {"rencana_program_buat", "rencana_program_ubah", "rencana_program_hapus"}
    buat = audit["rencana_program_buat"]
    assert (buat.pengguna, buat.wilayah_kode) == (op_setcam, KEC_KEDURANG)
    assert buat.baru["indikator"] == ["A1", "B2"] and buat.baru["lokasi"] == sorted([d1.kode, d2.kode])
    assert buat.baru["kategori"] == "sosial_budaya" and buat.baru["unit_pelaksana"] == "puskesmas"
    assert audit["rencana_program_hapus"].lama["indikator"] == ["C1"] and audit["rencana_program_hapus"].baru is None


def test_a_planned_program_without_indicator_is_refused(lap_kec, op_setcam, klien_dengan):
    with pytest.raises(ValidationError) as err:
        rencana_buat(user=op_setcam, laporan=lap_kec, indikator=[], **_isian_rencana())
    assert err.value.message_dict == {"indikator": ["Pilih paling sedikit satu indikator."]}
    with pytest.raises(ValidationError, match="Indikator tidak dikenal: Z9"):
        rencana_buat(user=op_setcam, laporan=lap_kec, indikator=["Z9"], **_isian_rencana())

    jawab = klien_dengan(op_setcam).post(_url("rencana", lap_kec), {
        "nama": "Kelas ibu balita", "kategori": "sosial_budaya", "perkiraan_anggaran": "1.000.000", "sumber_dana": "apbdes",
    })
    assert jawab.status_code == 400 and jawab.context["form"].errors["indikator"] == ["Pilih paling sedikit satu indikator."]
    assert not RencanaProgram.objects.exists() and _versi(lap_kec, "setcam") == 1


def test_a_desa_outside_the_kecamatan_is_refused_naming_the_field(lap_kec, op_setcam, klien_dengan):
    (asing,) = _desa(KEC_TETANGGA, 1)
    (sendiri,) = _desa(KEC_KEDURANG, 1)
    with pytest.raises(ValidationError) as err:
        rencana_buat(user=op_setcam, laporan=lap_kec, indikator=["A1"], lokasi=[sendiri, asing], **_isian_rencana())
    assert list(err.value.message_dict) == ["lokasi"]
    pesan = err.value.message_dict["lokasi"][0]
    assert asing.nama in pesan and asing.kode in pesan and "desa/kelurahan di Kecamatan Kedurang" in pesan
    # every bad field at once
    with pytest.raises(ValidationError) as err:
        rencana_buat(user=op_setcam, laporan=lap_kec, indikator=[], lokasi=[asing],
                     **_isian_rencana(perkiraan_anggaran=Decimal("-1"), unit_pelaksana=UnitKerja.objects.get(pk="dinkes")))
    assert set(err.value.message_dict) == {"indikator", "lokasi", "perkiraan_anggaran", "unit_pelaksana"}
    assert not RencanaProgram.objects.exists() and _versi(lap_kec, "setcam") == 1

    jawab = klien_dengan(op_setcam).post(_url("rencana", lap_kec), {
        "nama": "x", "kategori": "ekonomi", "perkiraan_anggaran": "1", "sumber_dana": "apbdes", "indikator": ["A1"],
        "lokasi": [asing.kode],
    })
    assert jawab.status_code == 400 and jawab.context["form"].has_error("lokasi")


def test_the_program_page_groups_by_kategori_with_totals(lap_kec, op_setcam, klien_dengan):
    klien = klien_dengan(op_setcam)
    (d1,) = _desa(KEC_KEDURANG, 1)
    jawab = klien.post(_url("rencana", lap_kec), {
        "nama": "Jamban sehat", "kategori": "fisik_prasarana", "perkiraan_anggaran": "2.500.000", "sumber_dana": "apbdes",
        "indikator": ["E1", "E2"], "lokasi": [d1.kode], "unit_pelaksana": "setcam",
    })
    assert jawab.status_code == 302 and jawab["Location"] == _url("rencana", lap_kec)
    rencana_buat(user=op_setcam, laporan=lap_kec, indikator=["A1"], **_isian_rencana(nama="Sumur bor", perkiraan_anggaran=Decimal("500000")))
    rencana_buat(user=op_setcam, laporan=lap_kec, indikator=["F1"],
                 **_isian_rencana(nama="Usaha ekonomi kader", kategori=KategoriProgram.EKONOMI, perkiraan_anggaran=Decimal("750000")))
    halaman = klien.get(_url("rencana", lap_kec))
    isi = halaman.content.decode()
    assert [k.jumlah for k in halaman.context["kelompok"]] == [Decimal("3000000"), 0, Decimal("750000")]
    assert "Jumlah fisik prasarana" in isi and "Rp3.000.000" in isi and "Rp3.750.000" in isi and d1.nama in isi
    assert "Jumlah sosial budaya" not in isi  # empty kategori not shown on the page
    assert isi.index("Jamban sehat") < isi.index("Usaha ekonomi kader")


# --- sections per level --------------------------------------------------------------------------

def test_kab_only_sections_are_refused_on_a_kecamatan_laporan(lap_kec, op_setcam, klien_dengan):
    with pytest.raises(Ditolak, match="tidak diisi pada laporan"):
        evaluasi_opd_buat(user=op_setcam, laporan=lap_kec, unit=UnitKerja.objects.get(pk="dinkes"), capaian="Baik")
    with pytest.raises(Ditolak):
        komitmen_buat(user=op_setcam, laporan=lap_kec, tanggal=datetime.date(2026, 2, 10), penandatangan="Camat", isi="Komit")
    with pytest.raises(Ditolak):
        penghargaan_buat(user=op_setcam, laporan=lap_kec, penerima="Desa Tanjung Alam", jenis="desa", alasan="Terbaik")
    with pytest.raises(ValidationError) as err:
        agenda_buat(user=op_setcam, laporan=lap_kec, urutan=1, topik="komitmen", uraian="Deklarasi")
    assert list(err.value.message_dict) == ["topik"]
    assert agenda_buat(user=op_setcam, laporan=lap_kec, urutan=1, topik="capaian", uraian="Cakupan ANC naik").pk
    assert not CatatanAudit.objects.filter(aksi__in=["evaluasi_opd_buat", "komitmen_buat", "penghargaan_buat"]).exists()

    klien = klien_dengan(op_setcam)
    for nama in ("evaluasi-opd", "komitmen", "penghargaan"):
        assert klien.get(_url(nama, lap_kec)).status_code == 404
    halaman = klien.get(_url("agenda", lap_kec))
    assert [c for c, _ in halaman.context["form"].fields["topik"].choices if c in ("evaluasi_opd", "komitmen", "penghargaan")] == []
    ringkasan = klien.get(_url("dokumen", lap_kec)).content.decode()
    assert "Evaluasi kinerja OPD" not in ringkasan and "Berita acara" in ringkasan


def test_kabupaten_sections_belong_to_bappeda(lap_kab, op_bappeda, beri_peran):
    dinkes = UnitKerja.objects.get(pk="dinkes")
    evaluasi = evaluasi_opd_buat(user=op_bappeda, laporan=lap_kab, unit=dinkes, capaian="Cakupan imunisasi 92%", nilai=Decimal("85.5"))
    assert evaluasi.bagian.unit_id == "bappeda"
    with pytest.raises(ValidationError, match="sudah diisi"):
        evaluasi_opd_buat(user=op_bappeda, laporan=lap_kab, unit=dinkes, capaian="Lagi")
    with pytest.raises(ValidationError) as err:
        evaluasi_opd_buat(user=op_bappeda, laporan=lap_kab, unit=UnitKerja.objects.get(pk="setcam"), capaian="x", nilai=Decimal("101"))
    assert set(err.value.message_dict) == {"unit", "nilai"}
    komitmen_buat(user=op_bappeda, laporan=lap_kab, tanggal=datetime.date(2026, 3, 12), penandatangan="Bupati\nKetua DPRD",
                  isi="Menurunkan stunting menjadi 14%")
    penghargaan_buat(user=op_bappeda, laporan=lap_kab, penerima="Dinas Kesehatan", jenis="opd", alasan="Cakupan tertinggi")
    agenda_buat(user=op_bappeda, laporan=lap_kab, urutan=5, topik="evaluasi_opd", uraian="Paparan OPD")

    # kab/kota lokasi are its kecamatan
    kedurang = Wilayah.objects.get(kode=KEC_KEDURANG)
    rencana = rencana_buat(user=op_bappeda, laporan=lap_kab, indikator=["A1"], lokasi=[kedurang], **_isian_rencana(unit_pelaksana=dinkes))
    assert list(rencana.lokasi.values_list("kode", flat=True)) == [KEC_KEDURANG]
    kec_lain = Wilayah.objects.filter(induk_id=KAB_LAIN).first()
    with pytest.raises(ValidationError, match=f"Bukan kecamatan di Kabupaten Bengkulu Selatan: .*{kec_lain.kode}"):
        rencana_buat(user=op_bappeda, laporan=lap_kab, indikator=["A1"], lokasi=[kec_lain], **_isian_rencana(unit_pelaksana=dinkes))
    with pytest.raises(ValidationError) as err:  # a kecamatan unit does not execute kab/kota programs
        rencana_buat(user=op_bappeda, laporan=lap_kab, indikator=["A1"], **_isian_rencana())
    assert list(err.value.message_dict) == ["unit_pelaksana"]

    op_dinkes = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")
    with pytest.raises(Ditolak, match="operator Bappeda"):
        penghargaan_buat(user=op_dinkes, laporan=lap_kab, penerima="Desa X", jenis="desa", alasan="y")
    assert _versi(lap_kab, "bappeda") == 6


# --- rights, state, versions ------------------------------------------------------------------------

def test_a_non_setcam_operator_cannot_edit(lap_kec, op_setcam, beri_peran, klien_dengan):
    puskesmas = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    with pytest.raises(Ditolak, match="hanya dapat diisi oleh operator Setcam"):
        rencana_buat(user=puskesmas, laporan=lap_kec, indikator=["A1"], **_isian_rencana())
    agenda = agenda_buat(user=op_setcam, laporan=lap_kec, urutan=1, topik="prioritas", uraian="PMT lokal")
    with pytest.raises(Ditolak, match="operator Setcam"):
        berita_acara_buat(user=puskesmas, laporan=lap_kec, **_isian_ba())
    assert not RencanaProgram.objects.exists() and not BeritaAcara.objects.exists()

    klien = klien_dengan(puskesmas)
    halaman = klien.get(_url("agenda", lap_kec))
    isi = halaman.content.decode()
    assert halaman.status_code == 200 and halaman.context["form"] is None and 'data-testid="baca-saja"' in isi
    assert "PMT lokal" in isi and _url("agenda-hapus", lap_kec, agenda.pk) not in isi
    jawab = klien.post(_url("agenda", lap_kec), {"urutan": "2", "topik": "rencana", "uraian": "x"}, follow=True)
    assert "hanya dapat diisi oleh operator Setcam" in jawab.content.decode()
    klien.post(_url("agenda-hapus", lap_kec, agenda.pk), {"versi": _versi(lap_kec, "setcam")})
    assert AgendaMusrenbang.objects.filter(pk=agenda.pk).exists()
    assert not CatatanAudit.objects.filter(pengguna=puskesmas).exists()


def test_a_stale_version_is_refused(lap_kec, op_setcam, beri_peran):
    rekan = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    rencana = rencana_buat(user=op_setcam, laporan=lap_kec, indikator=["A1"], **_isian_rencana())
    dimuat = _versi(lap_kec, "setcam")
    rencana_ubah(user=rekan, rencana=rencana, versi=dimuat, **_isian_rencana(nama="Versi rekan"))
    with pytest.raises(Ditolak, match="setelah Anda membukanya; muat ulang"):
        rencana_ubah(user=op_setcam, rencana=rencana, versi=dimuat, **_isian_rencana(nama="Versi saya"))
    rencana.refresh_from_db()
    assert rencana.nama == "Versi rekan"


def test_an_approved_laporan_is_read_only(lap_kec, beri_peran, klien_dengan, media):
    operator = beri_peran("operator", KEC_KEDURANG)  # no unit: serves every part
    verifikator = beri_peran("verifikator", KEC_KEDURANG)
    camat = beri_peran("approver", KEC_KEDURANG)
    rencana = rencana_buat(user=operator, laporan=lap_kec, indikator=["A1"], **_isian_rencana())
    ba = berita_acara_buat(user=operator, laporan=lap_kec, berkas_ttd=SimpleUploadedFile("ba.pdf", _pdf()), **_isian_ba())
    for bagian in lap_kec.bagian.all():
        bagian_ajukan(user=operator, bagian=bagian)
        bagian_verifikasi(user=verifikator, bagian=bagian)
    laporan_setujui(user=camat, laporan=lap_kec)
    lap_kec.refresh_from_db()
    assert lap_kec.status == StatusLaporan.DISETUJUI

    with pytest.raises(Ditolak, match="disetujui"):
        rencana_buat(user=operator, laporan=lap_kec, indikator=["A1"], **_isian_rencana())
    with pytest.raises(Ditolak, match="disetujui"):
        rencana_ubah(user=operator, rencana=rencana, versi=_versi(lap_kec, "setcam"), **_isian_rencana(nama="baru"))
    with pytest.raises(Ditolak, match="disetujui"):
        berita_acara_ubah(user=operator, berita_acara=ba, versi=_versi(lap_kec, "setcam"),
                          berkas_ttd=SimpleUploadedFile("b.png", _png()), **_isian_ba())

    klien = klien_dengan(operator)
    halaman = klien.get(_url("rencana", lap_kec))
    isi = halaman.content.decode()
    assert halaman.status_code == 200 and rencana.nama in isi and halaman.context["form"] is None
    assert "Laporan sudah disetujui" in isi and _url("rencana-hapus", lap_kec, rencana.pk) not in isi
    assert klien.get(_url("rencana-ubah", lap_kec, rencana.pk)).status_code == 302
    klien.post(_url("berita-acara-hapus", lap_kec, ba.pk), {"versi": _versi(lap_kec, "setcam")})
    assert BeritaAcara.objects.filter(pk=ba.pk).exists() and (media / ba.berkas_ttd.name).exists()
    assert klien.get(_url("berita-acara-ttd", lap_kec)).status_code == 200  # still readable


# --- htmx ------------------------------------------------------------------------------------------

def test_agenda_adds_and_deletes_through_htmx_fragments(lap_kec, op_setcam, klien_dengan):
    klien = klien_dengan(op_setcam)
    assert klien.get(_url("agenda", lap_kec)).context["form"].initial["urutan"] == 1
    jawab = klien.post(_url("agenda", lap_kec), {"urutan": "1", "topik": "capaian", "uraian": "Cakupan naik"},
                       HTTP_HX_REQUEST="true")
    isi = jawab.content.decode()
    assert jawab.status_code == 200 and isi.lstrip().startswith('<div id="isi-seksi">') and "<html" not in isi
    assert "Cakupan naik" in isi and 'name="versi" value="2"' in isi and "Agenda ditambahkan." in isi
    agenda = AgendaMusrenbang.objects.get()
    assert klien.get(_url("agenda", lap_kec)).context["form"].initial["urutan"] == 2
    jawab = klien.post(_url("agenda-hapus", lap_kec, agenda.pk), {"versi": "2"}, HTTP_HX_REQUEST="true")
    assert jawab.status_code == 200 and "Belum ada agenda." in jawab.content.decode()


# --- the Berita Acara ---------------------------------------------------------------------------------

def _isi_dokumen(laporan: Laporan, user) -> None:
    kecamatan = laporan.wilayah.tingkat == Tingkat.KECAMATAN
    agenda_buat(user=user, laporan=laporan, urutan=1, topik="capaian", uraian="Cakupan kelas ibu hamil baru 40%.")
    agenda_buat(user=user, laporan=laporan, urutan=2, topik="klasifikasi", uraian="Disepakati tiga kategori.")
    unit = "puskesmas" if kecamatan else "dinkes"
    rencana_buat(user=user, laporan=laporan, indikator=["E1", "E2"], lokasi=_desa(laporan.wilayah_id, 1) if kecamatan else [],
                 **_isian_rencana(nama="Jamban sehat keluarga", unit_pelaksana=UnitKerja.objects.get(pk=unit)))
    rencana_buat(user=user, laporan=laporan, indikator=["A1"],
                 **_isian_rencana(nama="Sumur bor", perkiraan_anggaran=Decimal("1250000"), unit_pelaksana=None))
    rencana_buat(user=user, laporan=laporan, indikator=["B1"],
                 **_isian_rencana(nama="Kelas ibu balita", kategori=KategoriProgram.SOSIAL_BUDAYA, perkiraan_anggaran=Decimal("300000"),
                                 unit_pelaksana=UnitKerja.objects.get(pk=unit)))


def test_berita_acara_pdf_of_a_kecamatan(lap_kec, op_setcam, klien_dengan):
    kosong = html_berita_acara(lap_kec)  # printable before anything is entered: blanks to fill by hand
    assert "KECAMATAN KEDURANG" in kosong and 'class="isian"' in kosong and "Belum ada agenda" in kosong

    _isi_dokumen(lap_kec, op_setcam)
    (d1,) = _desa(KEC_KEDURANG, 1)
    berita_acara_buat(user=op_setcam, laporan=lap_kec, **_isian_ba(catatan="Usulan dibawa ke musrenbang kabupaten."))
    html = html_berita_acara(lap_kec)
    teks = re.sub(r"\s+", " ", html)
    assert "PRA-MUSRENBANG TEMATIK PERCEPATAN PENURUNAN STUNTING" in html and "KECAMATAN KEDURANG" in html
    assert "Kabupaten Bengkulu Selatan" in html and "TAHUN 2026" in html
    assert "Pada hari ini Selasa, tanggal 10 Februari 2026, bertempat di Aula Kantor Camat Kedurang" in teks
    assert "dipimpin oleh Drs. Ahmad Yani (Camat Kedurang) dan dihadiri oleh 42 orang peserta" in teks
    assert "Cakupan kelas ibu hamil baru 40%." in html and "Kendala, masalah dan keberhasilan cakupan layanan" in html
    assert "Rencana program/kegiatan tahun 2027 menurut kategori" in html
    # grouped by kategori, in the order Fisik prasarana, Sosial budaya, Ekonomi, with totals
    assert teks.index("<h3>1. Fisik prasarana</h3>") < teks.index("Jamban sehat keluarga") < teks.index("Jumlah fisik prasarana")
    assert teks.index("Jumlah fisik prasarana") < teks.index("<h3>2. Sosial budaya</h3>") < teks.index("Kelas ibu balita")
    assert "<h3>3. Ekonomi</h3>" not in html  # an empty kategori has no table, only its line in the summary
    assert "Jumlah fisik prasarana</th><td class=\"angka\">Rp2.750.000" in html
    assert "Jumlah sosial budaya</th><td class=\"angka\">Rp300.000" in html
    assert 'data-testid="total-rencana">Rp3.050.000' in html
    assert "E1</span>, <span class=\"kode\">E2" in html and d1.nama in html and "Lokasi (desa/kelurahan)" in html
    assert "Evaluasi kinerja OPD" not in html and "Deklarasi komitmen" not in html
    assert "Usulan dibawa ke musrenbang kabupaten." in html
    assert 'data-testid="pimpinan">Drs. Ahmad Yani' in html
    assert "<td>Siti Aminah</td><td>Kepala Puskesmas</td>" in html and "<td>Budi Santoso</td><td>PLKB</td>" in html
    assert "size: A4 portrait" in html and "DRAF" not in html

    pdf = dokumen_berita_acara(lap_kec)
    assert pdf.startswith(b"%PDF")
    jawab = klien_dengan(op_setcam).get(_url("berita-acara-pdf", lap_kec))
    assert jawab.status_code == 200 and jawab["Content-Type"] == "application/pdf" and jawab.content.startswith(b"%PDF")
    assert "berita-acara-pra-musrenbang-2026-17.01.01.pdf" in jawab["Content-Disposition"]


def test_berita_acara_pdf_of_a_kabupaten_adds_evaluation_commitment_and_awards(lap_kab, op_bappeda):
    _isi_dokumen(lap_kab, op_bappeda)
    evaluasi_opd_buat(user=op_bappeda, laporan=lap_kab, unit=UnitKerja.objects.get(pk="dinkes"), capaian="Imunisasi 92%",
                      nilai=Decimal("87.25"))
    komitmen_buat(user=op_bappeda, laporan=lap_kab, tanggal=datetime.date(2026, 3, 12), penandatangan="Bupati Bengkulu Selatan",
                  isi="Prevalensi stunting 14% pada 2029.")
    penghargaan_buat(user=op_bappeda, laporan=lap_kab, penerima="Desa Tanjung Aur", jenis="desa", alasan="Cakupan terbaik")
    html = html_berita_acara(lap_kab)
    assert "KABUPATEN BENGKULU SELATAN" in html and "Lokasi (kecamatan)" in html
    assert "C. Evaluasi kinerja OPD" in html and "Dinas Kesehatan" in html and "87,25" in html
    assert "D. Deklarasi komitmen pimpinan" in html and "Prevalensi stunting 14% pada 2029." in html and "12 Maret 2026" in html
    assert "E. Penghargaan" in html and "Desa Tanjung Aur" in html and "Desa/kelurahan" in html
    assert "F. Catatan dan kesepakatan" in html
    assert html.count("........................") == 8  # no Berita Acara yet: 8 blank signature lines
    assert dokumen_berita_acara(lap_kab).startswith(b"%PDF")


def test_signed_scan_accepts_real_pdf_and_png_and_refuses_fakes_and_big_files(
    lap_kec, op_setcam, klien_dengan, media, settings, django_capture_on_commit_callbacks,
):
    isi_pdf = _pdf()
    ba = berita_acara_buat(user=op_setcam, laporan=lap_kec, berkas_ttd=SimpleUploadedFile("../../scan asli.PDF", isi_pdf), **_isian_ba())
    assert ba.berkas_ttd.name.startswith("berita-acara/2026/") and ba.berkas_ttd.name.endswith(".pdf")
    assert "asli" not in ba.berkas_ttd.name and (media / ba.berkas_ttd.name).read_bytes() == isi_pdf
    with pytest.raises(ValidationError, match="sudah dibuat"):  # one per Laporan
        berita_acara_buat(user=op_setcam, laporan=lap_kec, **_isian_ba())

    unduh = klien_dengan(op_setcam).get(_url("berita-acara-ttd", lap_kec))
    assert unduh.status_code == 200 and unduh["Content-Type"] == "application/pdf"
    assert b"".join(unduh.streaming_content) == isi_pdf

    palsu = SimpleUploadedFile("ba.pdf", b"Ini teks biasa yang diberi nama .pdf\n" * 10, content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        berita_acara_ubah(user=op_setcam, berita_acara=ba, versi=_versi(lap_kec, "setcam"), berkas_ttd=palsu, **_isian_ba())
    assert list(err.value.message_dict) == ["berkas_ttd"] and "PDF, JPEG atau PNG" in err.value.message_dict["berkas_ttd"][0]

    settings.AKSI_MAKS_UNGGAH_DOKUMEN = 1024
    with pytest.raises(ValidationError) as err:
        berita_acara_ubah(user=op_setcam, berita_acara=ba, versi=_versi(lap_kec, "setcam"),
                          berkas_ttd=SimpleUploadedFile("ba.pdf", isi_pdf), **_isian_ba())
    assert "terlalu besar" in err.value.message_dict["berkas_ttd"][0]
    ba.refresh_from_db()
    assert (media / ba.berkas_ttd.name).read_bytes() == isi_pdf  # refused uploads change nothing

    with django_capture_on_commit_callbacks(execute=True):
        ba = berita_acara_ubah(user=op_setcam, berita_acara=ba, versi=_versi(lap_kec, "setcam"),
                               berkas_ttd=SimpleUploadedFile("foto.jpg", _png()), **_isian_ba())
    assert ba.berkas_ttd.name.endswith(".png")  # named by its content, not by the uploader
    assert [p.name for p in (media / "berita-acara" / "2026").iterdir()] == [ba.berkas_ttd.name.rsplit("/", 1)[-1]]
    unduh = klien_dengan(op_setcam).get(_url("berita-acara-ttd", lap_kec))
    assert unduh["Content-Type"] == "image/png" and b"".join(unduh.streaming_content) == _png()

    audit = list(CatatanAudit.objects.filter(objek_tipe="musrenbang.beritaacara").order_by("id").values_list("aksi", "baru"))
    assert [a for a, _ in audit] == ["berita_acara_musrenbang_buat", "berita_acara_musrenbang_ubah"]
    assert audit[1][1]["berkas_ttd"] == ba.berkas_ttd.name

    with django_capture_on_commit_callbacks(execute=True):
        berita_acara_hapus(user=op_setcam, berita_acara=ba, versi=_versi(lap_kec, "setcam"))
    assert not (media / ba.berkas_ttd.name).exists()


def test_signed_scan_upload_through_the_page(lap_kec, op_setcam, klien_dengan, media):
    klien = klien_dengan(op_setcam)
    data = {"tanggal": "2026-02-10", "tempat": "Aula", "pimpinan_rapat": "Camat", "jumlah_peserta": "30"}
    jawab = klien.post(_url("berita-acara", lap_kec), data | {"berkas_ttd": SimpleUploadedFile("x.pdf", b"bukan pdf")})
    assert jawab.status_code == 400 and jawab.context["form"].has_error("berkas_ttd") and not BeritaAcara.objects.exists()
    assert klien.post(_url("berita-acara", lap_kec), data).status_code == 302
    ba = BeritaAcara.objects.get()
    halaman = klien.get(_url("berita-acara", lap_kec))
    assert halaman.context["form"] is None and "Belum diunggah" in halaman.content.decode()  # one per Laporan: no add form

    edit = klien.get(_url("berita-acara-ubah", lap_kec, ba.pk))
    versi = edit.context["versi"]
    jawab = klien.post(_url("berita-acara-ubah", lap_kec, ba.pk),
                       data | {"versi": str(versi), "berkas_ttd": SimpleUploadedFile("scan.pdf", _pdf())})
    assert jawab.status_code == 302
    ba.refresh_from_db()
    assert ba.berkas_ttd.name.endswith(".pdf")
    assert _url("berita-acara-ttd", lap_kec) in klien.get(_url("dokumen", lap_kec)).content.decode()


# --- scope ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("nama", ["dokumen", "agenda", "rencana", "berita-acara",
                                  "berita-acara-pdf"])
def test_out_of_scope_users_get_404(lap_kec, beri_peran, klien_dengan, nama):
    assert klien_dengan(beri_peran("operator", KEC_TETANGGA, unit="setcam")).get(_url(nama, lap_kec)).status_code == 404
    assert klien_dengan(beri_peran("pemantau", KAB_LAIN)).get(_url(nama, lap_kec)).status_code == 404
    assert klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN)).get(_url(nama, lap_kec)).status_code == 200


def test_signed_scan_download_outside_scope_is_404(lap_kec, lap_kab, op_setcam, op_bappeda, beri_peran, klien_dengan, media):
    berita_acara_buat(user=op_setcam, laporan=lap_kec, berkas_ttd=SimpleUploadedFile("ba.png", _png()), **_isian_ba())
    berita_acara_buat(user=op_bappeda, laporan=lap_kab, berkas_ttd=SimpleUploadedFile("ba.pdf", _pdf()),
                      **_isian_ba(jabatan_pimpinan="Kepala Bappeda"))
    tetangga = klien_dengan(beri_peran("operator", KEC_TETANGGA, unit="setcam"))
    assert tetangga.get(_url("berita-acara-ttd", lap_kec)).status_code == 404
    assert klien_dengan(beri_peran("pemantau", KAB_LAIN)).get(_url("berita-acara-ttd", lap_kec)).status_code == 404
    klien_kec = klien_dengan(op_setcam)  # reads Kedurang, not its kabupaten
    assert klien_kec.get(_url("berita-acara-ttd", lap_kab)).status_code == 404
    assert klien_kec.get(_url("berita-acara-ttd", lap_kec)).status_code == 200
    assert klien_dengan(op_bappeda).get(_url("berita-acara-ttd", lap_kec)).status_code == 200  # subtree
    # a Laporan of another step has no Pra-musrenbang pages
    analisis = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                                       tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=lap_kec.wilayah)
    assert klien_kec.get(_url("dokumen", analisis)).status_code == 404
    assert klien_kec.get(_url("rencana", analisis)).status_code == 404
    assert klien_kec.get(_url("berita-acara-ttd", analisis)).status_code == 404


def test_every_write_is_audited(lap_kab, op_bappeda):
    _isi_dokumen(lap_kab, op_bappeda)
    evaluasi = evaluasi_opd_buat(user=op_bappeda, laporan=lap_kab, unit=UnitKerja.objects.get(pk="dppkb"), capaian="Baik")
    komitmen_buat(user=op_bappeda, laporan=lap_kab, tanggal=datetime.date(2026, 3, 12), penandatangan="Bupati", isi="Komit")
    penghargaan_buat(user=op_bappeda, laporan=lap_kab, penerima="DPMD", jenis="opd", alasan="Baik")
    berita_acara_buat(user=op_bappeda, laporan=lap_kab, **_isian_ba())
    aksi = list(CatatanAudit.objects.filter(wilayah_kode=KAB_BENGKULU_SELATAN, pengguna=op_bappeda).values_list("aksi", flat=True))
    assert sorted(set(aksi)) == ["agenda_musrenbang_buat", "berita_acara_musrenbang_buat", "evaluasi_opd_buat", "komitmen_buat",
                                 "penghargaan_buat", "rencana_program_buat"]
    assert len(aksi) == 9
    catatan = CatatanAudit.objects.get(aksi="evaluasi_opd_buat")
    assert catatan.objek_id == str(evaluasi.pk) and catatan.baru["unit"] == "dppkb"
    assert EvaluasiKinerjaOPD.objects.get().bagian.versi == 10


def test_the_part_cannot_be_submitted_before_the_signed_berita_acara_is_uploaded(lap_kec, op_setcam):
    bagian = lap_kec.bagian.get(unit_id="setcam")
    with pytest.raises(Ditolak, match="Berita Acara"):
        bagian_ajukan(user=op_setcam, bagian=bagian)
    berita_acara_buat(user=op_setcam, laporan=lap_kec, berkas_ttd=SimpleUploadedFile("ba.pdf", _pdf()), **_isian_ba())
    bagian_ajukan(user=op_setcam, bagian=bagian)
