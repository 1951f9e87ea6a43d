"""Analisis situasi documents at kecamatan: programs (pages, htmx, refusals), problems and recommendations. Kab/kota documents, files, read-only and scope: test_analisis_dokumen_daerah."""
import datetime
from decimal import Decimal
import pytest
from django.core.exceptions import ValidationError
from aksi.models import Jadwal
from aksi.services import (
    Ditolak,
)
from analisis.models import ProgramKegiatan
from analisis.services import (
    masalah_buat,
    program_buat,
    program_hapus,
    program_ubah,
    rekomendasi_buat,
)
from inti.models import CatatanAudit
from .conftest import KEC_KEDURANG, KEC_TETANGGA
from .analisis_bantu import lap_kab, lap_kec, siklus  # noqa: F401  (fixtures)
from .analisis_bantu import pytestmark, TAHUN, KEC_KETIGA, _laporan, _desa, _indikator, _isian_program  # noqa: F401
from .analisis_bantu import _versi, _url, _pdf, _rapat, _nilai  # noqa: F401


def test_setcam_operator_adds_edits_and_deletes_a_program_with_desa_locations(lap_kec, op_setcam):
    d1, d2 = _desa(KEC_KEDURANG)
    program = program_buat(user=op_setcam, laporan=lap_kec, lokasi=[d1, d2.kode], **_isian_program())
    assert set(program.lokasi.values_list("kode", flat=True)) == {d1.kode, d2.kode}
    bagian = lap_kec.bagian.get(unit_id="setcam")
    assert (bagian.versi, bagian.diubah_oleh) == (2, op_setcam)
    assert program.bagian == bagian

    program = program_ubah(user=op_setcam, program=program, versi=2, lokasi=[d2], **_isian_program(anggaran=Decimal("2000000")))
    program.refresh_from_db()
    assert program.anggaran == Decimal("2000000")
    assert list(program.lokasi.values_list("kode", flat=True)) == [d2.kode]
    assert _versi(lap_kec, "setcam") == 3

    program_hapus(user=op_setcam, program=program, versi=3)
    assert not ProgramKegiatan.objects.filter(laporan=lap_kec).exists()
    assert _versi(lap_kec, "setcam") == 4
    assert _versi(lap_kec, "puskesmas") == 1  # other parts untouched

    audit = {c.aksi: c for c in CatatanAudit.objects.filter(objek_tipe="analisis.programkegiatan", objek_id=str(program.pk))}
    assert set(audit) == {"program_buat", "program_ubah", "program_hapus"}
    assert audit["program_buat"].baru["lokasi"] == sorted([d1.kode, d2.kode])
    assert audit["program_buat"].pengguna == op_setcam and audit["program_buat"].wilayah_kode == KEC_KEDURANG
    assert (audit["program_ubah"].lama["anggaran"], audit["program_ubah"].baru["anggaran"]) == ("1500000.00", "2000000")
    assert audit["program_hapus"].lama["nama"] == "PMT ibu hamil KEK" and audit["program_hapus"].baru is None


def test_program_page_adds_edits_and_deletes_without_javascript(lap_kec, op_setcam, klien_dengan):
    klien = klien_dengan(op_setcam)
    d1, d2 = _desa(KEC_KEDURANG)
    data = {"indikator": "A2", "nama": "Distribusi TTD", "volume": "2,5", "satuan": "ton", "anggaran": "1.500.000",
            "sumber_dana": "apbd_kabkota", "pelaksana": "Puskesmas", "lokasi": [d1.kode, d2.kode]}
    jawab = klien.post(_url("program", lap_kec), data)
    assert jawab.status_code == 302 and jawab["Location"] == _url("program", lap_kec)
    program = ProgramKegiatan.objects.get(laporan=lap_kec)
    assert (program.volume, program.anggaran) == (Decimal("2.5"), Decimal("1500000"))

    halaman = klien.get(_url("program", lap_kec)).content.decode()
    assert "Rp1.500.000" in halaman and "2,50 ton" in halaman and d1.nama in halaman
    assert "Program/kegiatan berjalan ditambahkan." in halaman

    edit = klien.get(_url("program-ubah", lap_kec, program.pk))
    assert edit.status_code == 200 and 'name="versi" value="2"' in edit.content.decode()
    jawab = klien.post(_url("program-ubah", lap_kec, program.pk), data | {"anggaran": "2.000.000", "versi": "2"})
    assert jawab.status_code == 302
    program.refresh_from_db()
    assert program.anggaran == Decimal("2000000")
    basi = klien.post(_url("program-ubah", lap_kec, program.pk), data | {"nama": "Lama", "versi": "2"}, follow=True)
    assert "setelah Anda membukanya; muat ulang" in basi.content.decode()
    program.refresh_from_db()
    assert program.nama == "Distribusi TTD"

    jawab = klien.post(_url("program-hapus", lap_kec, program.pk), {"versi": "3"})
    assert jawab.status_code == 302 and not ProgramKegiatan.objects.exists()


def test_program_page_adds_and_deletes_through_htmx_fragments(lap_kec, op_setcam, klien_dengan):
    klien = klien_dengan(op_setcam)
    data = {"indikator": "F5", "nama": "Pelayanan akta kelahiran keliling", "volume": "3", "satuan": "kegiatan",
            "anggaran": "750.000", "sumber_dana": "apbdes"}
    jawab = klien.post(_url("program", lap_kec), data, HTTP_HX_REQUEST="true")
    isi = jawab.content.decode()
    assert jawab.status_code == 200 and isi.lstrip().startswith("<div id=\"isi-seksi\">") and "<html" not in isi
    assert "Pelayanan akta kelahiran keliling" in isi and "Rp750.000" in isi and 'name="versi" value="2"' in isi

    salah = klien.post(_url("program", lap_kec), data | {"anggaran": "-5"}, HTTP_HX_REQUEST="true")
    assert salah.status_code == 200 and "Anggaran tidak boleh negatif." in salah.content.decode()

    program = ProgramKegiatan.objects.get()
    jawab = klien.post(_url("program-hapus", lap_kec, program.pk), {"versi": "2"}, HTTP_HX_REQUEST="true")
    assert jawab.status_code == 200 and "Belum ada program/kegiatan." in jawab.content.decode()


def test_a_desa_of_another_kecamatan_is_refused_naming_the_field(lap_kec, op_setcam, klien_dengan):
    (asing,) = _desa(KEC_TETANGGA, 1)
    (sendiri,) = _desa(KEC_KEDURANG, 1)
    with pytest.raises(ValidationError) as err:
        program_buat(user=op_setcam, laporan=lap_kec, lokasi=[sendiri, asing], **_isian_program())
    assert list(err.value.message_dict) == ["lokasi"]
    assert asing.nama in err.value.message_dict["lokasi"][0] and "Kecamatan Kedurang" in err.value.message_dict["lokasi"][0]
    with pytest.raises(ValidationError) as err:
        program_buat(user=op_setcam, laporan=lap_kec, lokasi=[KEC_KEDURANG], **_isian_program())  # not a desa
    assert "lokasi" in err.value.message_dict
    assert not ProgramKegiatan.objects.exists() and _versi(lap_kec, "setcam") == 1

    jawab = klien_dengan(op_setcam).post(_url("program", lap_kec), {
        "indikator": "A1", "nama": "x", "volume": "1", "satuan": "paket", "anggaran": "1", "sumber_dana": "apbdes",
        "lokasi": [asing.kode],
    })
    assert jawab.status_code == 400 and jawab.context["form"].has_error("lokasi")
    assert not ProgramKegiatan.objects.exists()


def test_negative_amounts_are_refused(lap_kec, op_setcam, klien_dengan):
    with pytest.raises(ValidationError) as err:
        program_buat(user=op_setcam, laporan=lap_kec, **_isian_program(anggaran=Decimal("-1"), volume=Decimal("-2")))
    assert err.value.message_dict["anggaran"] == ["Anggaran tidak boleh negatif."]
    assert err.value.message_dict["volume"] == ["Volume tidak boleh negatif."]
    jawab = klien_dengan(op_setcam).post(_url("program", lap_kec), {
        "indikator": "A1", "nama": "x", "volume": "1", "satuan": "paket", "anggaran": "-1.000", "sumber_dana": "apbdes",
    })
    assert jawab.status_code == 400 and jawab.context["form"].errors["anggaran"] == ["Anggaran tidak boleh negatif."]
    assert not ProgramKegiatan.objects.exists() and _versi(lap_kec, "setcam") == 1


def test_a_puskesmas_operator_cannot_add_a_program(lap_kec, beri_peran, klien_dengan):
    operator = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    with pytest.raises(Ditolak, match="operator Setcam"):
        program_buat(user=operator, laporan=lap_kec, **_isian_program())
    assert not ProgramKegiatan.objects.exists() and _versi(lap_kec, "setcam") == 1
    assert not CatatanAudit.objects.filter(aksi="program_buat").exists()

    klien = klien_dengan(operator)
    halaman = klien.get(_url("program", lap_kec))
    assert halaman.status_code == 200 and halaman.context["form"] is None and 'data-testid="baca-saja"' in halaman.content.decode()
    jawab = klien.post(_url("program", lap_kec), {
        "indikator": "A1", "nama": "x", "volume": "1", "satuan": "paket", "anggaran": "1", "sumber_dana": "apbdes",
    }, follow=True)
    assert "hanya dapat diisi oleh operator Setcam" in jawab.content.decode()
    assert not ProgramKegiatan.objects.exists()


def test_a_closed_window_refuses_writes(lap_kec, op_setcam):
    program = program_buat(user=op_setcam, laporan=lap_kec, **_isian_program())
    Jadwal.objects.filter(siklus_id=TAHUN).update(mulai=datetime.date(2001, 1, 1), selesai=datetime.date(2001, 1, 31))
    with pytest.raises(Ditolak, match="Jadwal sudah tertutup"):
        program_buat(user=op_setcam, laporan=lap_kec, **_isian_program())
    with pytest.raises(Ditolak, match="Jadwal sudah tertutup"):
        program_hapus(user=op_setcam, program=program, versi=2)
    assert ProgramKegiatan.objects.count() == 1 and _versi(lap_kec, "setcam") == 2


def test_a_stale_version_is_refused(lap_kec, op_setcam, beri_peran):
    rekan = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    program = program_buat(user=op_setcam, laporan=lap_kec, **_isian_program())
    dimuat = _versi(lap_kec, "setcam")  # both open the page at version 2
    program_ubah(user=rekan, program=program, versi=dimuat, **_isian_program(nama="Versi rekan"))
    with pytest.raises(Ditolak, match=f"sudah diubah oleh {rekan.get_full_name()}.*setelah Anda membukanya; muat ulang"):
        program_ubah(user=op_setcam, program=program, versi=dimuat, **_isian_program(nama="Versi saya"))
    with pytest.raises(Ditolak, match="muat ulang"):
        program_hapus(user=op_setcam, program=program, versi=dimuat)
    program.refresh_from_db()
    assert program.nama == "Versi rekan" and _versi(lap_kec, "setcam") == 3


def test_problems_recommendations_belong_to_the_setcam_part(lap_kec, op_setcam):
    masalah = masalah_buat(user=op_setcam, laporan=lap_kec, indikator=_indikator("B2"), sisi="penerima", uraian="Ibu bekerja")
    umum = rekomendasi_buat(user=op_setcam, laporan=lap_kec, indikator=None, uraian="Perkuat kader")
    assert masalah.bagian.unit_id == umum.bagian.unit_id == "setcam" and _versi(lap_kec, "setcam") == 3
    with pytest.raises(ValidationError) as err:
        masalah_buat(user=op_setcam, laporan=lap_kec, indikator=_indikator("B2"), sisi="lain", uraian="")
    assert set(err.value.message_dict) == {"sisi", "uraian"}
