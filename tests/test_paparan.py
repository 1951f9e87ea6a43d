"""Per-OPD capaian in the kab/kota and provinsi penilaian (issue 16, item 6; D93): the Laporan has
a part per OPD; each OPD's operator fills only its own part, its verifikator verifies it; the
monitoring notes sit in Bappeda's part; bad numbers are refused naming the field."""
import pytest

from aksi.models import BagianLaporan, Tahapan
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_ambil_atau_buat
from inti.galat import Ditolak
from paparan.models import CapaianOPD
from paparan.services import capaian_buat
from penilaian.selectors import bagian_catatan
from penilaian.services import catatan_buat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

ISIAN = {"intervensi": "PMT ibu hamil KEK", "satuan": "paket", "target": "1.200", "realisasi": "950",
         "anggaran": "250.000.000", "realisasi_anggaran": "198.500.000", "kendala": "Distribusi terlambat di 2 kecamatan"}


def _penilaian(kode: str):
    return laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk="penilaian"),
                                   wilayah=Wilayah.objects.get(kode=kode))


def test_the_kab_kota_penilaian_has_a_part_per_opd_and_the_kecamatan_one_part(siklus_terbuka):
    kab = _penilaian(KAB_BENGKULU_SELATAN)
    assert set(kab.bagian.values_list("unit_id", flat=True)) == {"bappeda", "dinkes", "dppkb", "dpmd", "dp3a", "dinsos", "pupr", "dkp"}
    assert bagian_catatan(kab).unit_id == "bappeda"  # the monitoring notes: Bappeda's part
    kec = _penilaian(KEC_KEDURANG)
    assert list(kec.bagian.values_list("unit_id", flat=True)) == [None]


def test_each_opd_fills_and_submits_its_own_capaian(siklus_terbuka, beri_peran, client):
    lap = _penilaian(KAB_BENGKULU_SELATAN)
    op_dinkes = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")
    client.force_login(op_dinkes)
    url = f"/aksi/laporan/{lap.pk}/capaian-opd/"
    assert f'href="{url}"' in client.get(f"/aksi/laporan/{lap.pk}/").content.decode()
    halaman = client.get(url).content.decode()
    assert '<option value="dinkes">' in halaman and '<option value="dppkb">' not in halaman
    versi = BagianLaporan.objects.get(laporan=lap, unit_id="dinkes").versi
    jawab = client.post(url, {"unit": "dinkes", f"versi_dinkes": versi, "indikator": "A1", **ISIAN})
    assert jawab.status_code == 302
    c = CapaianOPD.objects.get(laporan=lap)
    assert (c.unit_id, c.target, c.realisasi_anggaran) == ("dinkes", 1200, 198_500_000) and round(c.persen_keluaran) == 79
    assert BagianLaporan.objects.get(laporan=lap, unit_id="dinkes").versi == versi + 1
    # another OPD's part is refused, on the page and in the service
    jawab = client.post(url, {"unit": "dppkb", **ISIAN})
    assert jawab.status_code == 400 and "Anda tidak dapat mengisi bagian OPD itu sekarang." in jawab.content.decode()
    with pytest.raises(Ditolak, match="hanya dapat diisi oleh operator DPPKB"):
        capaian_buat(user=op_dinkes, laporan=lap, unit="dppkb", intervensi="x", satuan="x", target=1, realisasi=1,
                     anggaran=1, realisasi_anggaran=1)
    # bad numbers: every field named, nothing saved
    jawab = client.post(url, {"unit": "dinkes", **ISIAN, "target": "-5", "anggaran": "sepuluh",
                              "realisasi_anggaran": "300.000.000", "anggaran_x": ""})
    isi = jawab.content.decode()
    assert jawab.status_code == 400 and "Target keluaran" in isi and "Anggaran (Rp)" in isi
    jawab = client.post(url, {"unit": "dinkes", **ISIAN, "realisasi_anggaran": "300.000.000"})
    assert "Realisasi anggaran tidak boleh melebihi anggaran." in jawab.content.decode()
    assert CapaianOPD.objects.count() == 1
    # a stale page: the part changed since it was loaded
    jawab = client.post(url, {"unit": "dinkes", "versi_dinkes": versi, **ISIAN})
    assert jawab.status_code == 400 and "sudah diubah oleh" in jawab.content.decode()
    # the OPD submits and its own verifikator verifies; Bappeda's notes go to Bappeda's part
    bagian = BagianLaporan.objects.get(laporan=lap, unit_id="dinkes")
    bagian_ajukan(user=op_dinkes, bagian=bagian)
    bagian_verifikasi(user=beri_peran("verifikator", KAB_BENGKULU_SELATAN, unit="dinkes"), bagian=bagian)
    with pytest.raises(Ditolak, match="berstatus diverifikasi"):
        capaian_buat(user=op_dinkes, laporan=lap, unit="dinkes", **{**ISIAN, "target": 1, "realisasi": 1, "anggaran": 1,
                                                                       "realisasi_anggaran": 1})
    catatan_buat(user=beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda"), laporan=lap,
                 tahapan_dipantau="analisis-situasi", masalah="Rapat lintas OPD terlambat")
    # another kab/kota's operator: 404
    client.force_login(beri_peran("operator", KAB_LAIN, unit="dinkes"))
    assert client.get(url).status_code == 404
    # the kecamatan penilaian has no OPD page
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(f"/aksi/laporan/{_penilaian(KEC_KEDURANG).pk}/capaian-opd/").status_code == 404
