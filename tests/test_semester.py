"""Identifikasi capaian layanan semester 1/2: pre-filled values, realisation, the kab/kota rekap."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aksi.models import Tahapan
from aksi.services import (
    bagian_ajukan,
    bagian_verifikasi,
    laporan_ambil_atau_buat,
    laporan_setujui,
)
from indikator.models import NilaiDesa, RiwayatIsian
from indikator.selectors import desa_laporan
from inti.galat import Ditolak
from isian.services import nilai_simpan
from penandaan.models import RealisasiProgram
from penandaan.services import realisasi_hapus, realisasi_simpan
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _buka(kode_tahapan, kode=KEC_KEDURANG, tahun=TAHUN):
    return laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=tahun,
                                   tahapan=Tahapan.objects.get(pk=kode_tahapan), wilayah=Wilayah.objects.get(kode=kode))


def _setujui(laporan, beri_peran):
    kode = laporan.wilayah_id
    operator, verifikator = beri_peran("operator", kode), beri_peran("verifikator", kode)
    for b in laporan.bagian.all():
        bagian_ajukan(user=operator, bagian=b, catatan="Diajukan apa adanya dalam uji")  # a part may be empty
        bagian_verifikasi(user=verifikator, bagian=b)
    return laporan_setujui(user=beri_peran("approver", kode), laporan=laporan)


def _isi(laporan, user, isian):
    versi = {b.unit_id or "": b.versi for b in laporan.bagian.all()}
    return nilai_simpan(user=user, laporan=laporan, isian=isian, versi=versi)


def test_semester_starts_from_the_approved_analisis_situasi_values(laporan_kedurang, beri_peran):
    desa = list(desa_laporan(laporan_kedurang))
    _isi(laporan_kedurang, beri_peran("operator", KEC_KEDURANG), {(desa[0], "S04"): "40", (desa[0], "A2"): "30"})
    _setujui(laporan_kedurang, beri_peran)
    semester = _buka("capaian-semester-1")
    assert dict(NilaiDesa.objects.filter(laporan=semester).values_list("item", "nilai")) == {"S04": 40, "A2": 30}
    assert RiwayatIsian.objects.get(laporan=semester).sumber == "salinan"
    _isi(semester, beri_peran("operator", KEC_KEDURANG), {(desa[0], "A2"): "35"})  # only what changed
    assert NilaiDesa.objects.get(laporan=semester, item="A2").nilai == 35
    assert NilaiDesa.objects.get(laporan=laporan_kedurang, item="A2").nilai == 30  # the baseline is untouched


def test_semester_starts_empty_when_nothing_was_approved(laporan_kedurang, beri_peran):
    desa = list(desa_laporan(laporan_kedurang))
    _isi(laporan_kedurang, beri_peran("operator", KEC_KEDURANG), {(desa[0], "S04"): "40"})
    assert not NilaiDesa.objects.filter(laporan=_buka("capaian-semester-1")).exists()


def test_semester_2_starts_from_semester_1(siklus_terbuka, beri_peran):
    s1 = _buka("capaian-semester-1")
    desa = list(desa_laporan(s1))
    _isi(s1, beri_peran("operator", KEC_KEDURANG), {(desa[1], "S10"): "25"})
    _setujui(s1, beri_peran)
    s2 = _buka("capaian-semester-2")
    assert NilaiDesa.objects.get(laporan=s2, desa_id=desa[1], item="S10").nilai == 25


@pytest.fixture
def semester(siklus_terbuka):
    return _buka("capaian-semester-1")


def _realisasi(**lain):
    return {"indikator_id": "F1", "nama": "Sumur bor desa", "sumber_dana": "apbdes", "anggaran": Decimal("50000000"),
            "realisasi": Decimal("20000000"), "volume": Decimal("2"), "satuan": "unit", "desa_id": None, "masalah": ""} | lain


def test_setcam_records_realisation_and_it_is_audited(semester, beri_peran):
    setcam = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    desa = next(iter(desa_laporan(semester)))
    obj = realisasi_simpan(user=setcam, laporan=semester, versi=1, **_realisasi(desa_id=desa))
    assert obj.persen_realisasi == 40
    realisasi_simpan(user=setcam, laporan=semester, versi=2, baris=obj, **_realisasi(realisasi=Decimal("50000000")))
    realisasi_hapus(user=setcam, baris=obj, versi=3)
    assert not RealisasiProgram.objects.exists()


@pytest.mark.parametrize(
    ("lain", "field"),
    [
        ({"realisasi": Decimal("60000000")}, "realisasi"),  # above the budget
        ({"anggaran": Decimal("-1")}, "anggaran"),
        ({"desa_id": f"{KEC_TETANGGA}.2001"}, "desa"),
        ({"sumber_dana": "apbd_kabkota"}, "sumber_dana"),  # only APBDes, swadaya, swasta
    ],
)
def test_bad_realisation_names_the_field_and_saves_nothing(semester, beri_peran, lain, field):
    with pytest.raises(ValidationError) as err:
        realisasi_simpan(user=beri_peran("operator", KEC_KEDURANG, unit="setcam"), laporan=semester, versi=1, **_realisasi(**lain))
    assert field in err.value.message_dict
    assert not RealisasiProgram.objects.exists()


def test_realisation_is_refused_to_other_units_and_stale_versions(semester, beri_peran):
    with pytest.raises(Ditolak):
        realisasi_simpan(user=beri_peran("operator", KEC_KEDURANG, unit="puskesmas"), laporan=semester, versi=1, **_realisasi())
    setcam = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    realisasi_simpan(user=setcam, laporan=semester, versi=1, **_realisasi())
    with pytest.raises(Ditolak, match="sudah diubah"):
        realisasi_simpan(user=setcam, laporan=semester, versi=1, **_realisasi(nama="Lain"))
    assert RealisasiProgram.objects.count() == 1


def test_realisation_page_adds_a_row(client, semester, beri_peran):
    client.force_login(beri_peran("operator", KEC_KEDURANG, unit="setcam"))
    jawaban = client.post(f"/aksi/laporan/{semester.pk}/realisasi/", {
        "versi": "1", "indikator": "F1", "nama": "Jamban sehat", "sumber_dana": "swadaya", "anggaran": "10.000.000",
        "realisasi": "2.500.000", "volume": "5", "satuan": "unit", "desa": "", "masalah": "Material terlambat",
    }, follow=True)
    halaman = jawaban.content.decode()
    assert "Realisasi program disimpan" in halaman and "Rp2.500.000" in halaman and "25,0%" in halaman


def test_realisation_page_refuses_a_damaged_version_without_an_error(client, semester, beri_peran):
    client.force_login(beri_peran("operator", KEC_KEDURANG, unit="setcam"))
    for versi in ("abc", "9" * 40):
        jawaban = client.post(f"/aksi/laporan/{semester.pk}/realisasi/", {
            "versi": versi, "indikator": "F1", "nama": "Jamban sehat", "sumber_dana": "swadaya", "anggaran": "10",
            "realisasi": "2", "volume": "5", "satuan": "unit", "desa": "", "masalah": "",
        }, follow=True)
        assert jawaban.status_code == 200 and "sudah diubah" in jawaban.content.decode()
    assert not RealisasiProgram.objects.exists()


def test_kabupaten_reads_the_semester_rekap_of_approved_kecamatan(client, semester, beri_peran):
    desa = list(desa_laporan(semester))
    _isi(semester, beri_peran("operator", KEC_KEDURANG), {(desa[0], "S10"): "20", (desa[0], "C2"): "15"})
    realisasi_simpan(user=beri_peran("operator", KEC_KEDURANG, unit="setcam"), laporan=semester,
                     versi=semester.bagian.get(unit_id="setcam").versi, **_realisasi())
    _setujui(semester, beri_peran)
    client.force_login(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    halaman = client.get(f"/aksi/rekap/2026/capaian-semester-1/{KAB_BENGKULU_SELATAN}/").content.decode()
    assert "Kecamatan Kedurang" in halaman and "75,0%" in halaman and "Rp20.000.000" in halaman
    client.force_login(beri_peran("operator", KEC_TETANGGA))
    assert client.get(f"/aksi/rekap/2026/capaian-semester-1/{KAB_BENGKULU_SELATAN}/").status_code == 404
