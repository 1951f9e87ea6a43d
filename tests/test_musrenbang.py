"""Pra-musrenbang tematik stunting: agenda and planned programs by kategori, the kab/kota-only sections, refusals, read-only after approval. The Berita Acara: test_musrenbang_berita_acara."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from aksi.choices import StatusLaporan
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_setujui
from inti.galat import Ditolak
from inti.models import CatatanAudit
from musrenbang.models import (
    AgendaMusrenbang,
    BeritaAcara,
    KategoriProgram,
    RencanaProgram,
)
from musrenbang.services import (
    agenda_buat,
    berita_acara_buat,
    berita_acara_ubah,
    evaluasi_opd_buat,
    komitmen_buat,
    penghargaan_buat,
    rencana_buat,
    rencana_hapus,
    rencana_ubah,
)
from wilayah.models import UnitKerja, Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA
from .musrenbang_bantu import (  # noqa: F401  (fixtures and helpers)
    TAHUN,
    _desa,
    _indikator,
    _isi_dokumen,
    _isian_ba,
    _isian_rencana,
    _laporan,
    _pdf,
    _png,
    _url,
    _versi,
    lap_kab,
    lap_kec,
    op_bappeda,
    pytestmark,
)


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
