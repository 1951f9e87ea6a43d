"""Budget tagging (penandaan): spending lines per OPD, their rules, the read-only states and APBD perubahan deletes. The SIPD import and the pages: test_penandaan_impor."""
from decimal import Decimal
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from aksi.services import (
    Ditolak,
)
from inti.models import CatatanAudit
from penandaan.models import RincianBelanja
from penandaan.services import (
    rincian_buat,
    rincian_hapus,
    rincian_pulihkan,
    rincian_ubah,
)
from penandaan.sipd import impor_sipd
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG
from .penandaan_bantu import lap_kab, lap_kec, op_dinkes, op_dppkb  # noqa: F401  (fixtures)
from .penandaan_bantu import pytestmark, JUDUL, _laporan, isian, _versi, _baris_xlsx, _xlsx  # noqa: F401
from .penandaan_bantu import _setujui_semua  # noqa: F401


def test_total_harus_sama_dengan_volume_kali_harga_satuan(lap_kab, op_dinkes):
    with pytest.raises(ValidationError) as exc:
        rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(total=Decimal(2600000)))
    pesan = exc.value.message_dict["total"][0]
    assert "2.600.000" in pesan and "2,5" in pesan and "1.000.000" in pesan and "2.500.000" in pesan
    assert not RincianBelanja.objects.exists()

    versi = _versi(lap_kab, "dinkes")
    rincian = rincian_buat(user=op_dinkes, laporan=lap_kab, **isian())
    assert rincian.unit_id == "dinkes" and rincian.total == Decimal("2500000.00")
    assert _versi(lap_kab, "dinkes") == versi + 1
    assert CatatanAudit.objects.filter(aksi="rincian_buat", objek_id=str(rincian.pk)).exists()


def test_total_dibulatkan_ke_sen(lap_kab, op_dinkes):
    # 3 × 333,333… is not allowed (2 decimals), but 3 × 0,33 = 0,99 and 1,5 × 0,25 = 0,375 -> 0,38
    rincian = rincian_buat(user=op_dinkes, laporan=lap_kab,
                           **isian(volume=Decimal("1.5"), harga_satuan=Decimal("0.25"), total=Decimal("0.38")))
    assert rincian.total == Decimal("0.38")
    with pytest.raises(ValidationError) as exc:
        rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(harga_satuan=Decimal("1.234"), total=Decimal("3.09")))
    assert "harga_satuan" in exc.value.message_dict


def test_kelompok_harus_kelompok_indikatornya(lap_kab, op_dinkes):
    with pytest.raises(ValidationError) as exc:
        rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(kelompok="B"))
    assert "A1 termasuk kelompok sasaran A" in exc.value.message_dict["kelompok"][0]
    assert not RincianBelanja.objects.exists()


def test_jumlah_negatif_ditolak(lap_kab, op_dinkes):
    with pytest.raises(ValidationError) as exc:
        rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(volume=Decimal(-1), total=Decimal(-1000000)))
    assert "negatif" in exc.value.message_dict["volume"][0]
    assert "negatif" in exc.value.message_dict["total"][0]


def test_opd_tidak_dapat_mengubah_rincian_opd_lain(lap_kab, op_dinkes, op_dppkb, klien_dengan):
    milik_dppkb = rincian_buat(user=op_dppkb, laporan=lap_kab, **isian(uraian="Bimbingan calon pengantin"))
    milik_dinkes = rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(uraian="PMT ibu hamil"))
    assert (milik_dppkb.unit_id, milik_dinkes.unit_id) == ("dppkb", "dinkes")

    with pytest.raises(Ditolak, match="DPPKB"):
        rincian_ubah(user=op_dinkes, rincian=milik_dppkb, versi=_versi(lap_kab, "dppkb"), uraian="diubah Dinkes")
    with pytest.raises(Ditolak):
        rincian_hapus(user=op_dinkes, rincian=milik_dppkb)
    with pytest.raises(Ditolak):
        rincian_buat(user=op_dinkes, laporan=lap_kab, unit="dppkb", **isian())
    with pytest.raises(Ditolak, match="DPPKB"):
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=_xlsx([_baris_xlsx()]), unit="dppkb")

    klien = klien_dengan(op_dinkes)
    halaman = klien.get(reverse("penandaan:rincian", args=[lap_kab.pk]))
    assert halaman.status_code == 200
    isi = halaman.content.decode()
    assert "PMT ibu hamil" in isi and "Bimbingan calon pengantin" not in isi  # filtered to its own unit
    assert halaman.context["unit"] == "dinkes"

    ubah = reverse("penandaan:ubah", args=[lap_kab.pk, milik_dppkb.pk])
    baca = klien.get(ubah)
    assert baca.status_code == 200 and baca.context["form"] is None and 'data-testid="baca-saja"' in baca.content.decode()
    klien.post(ubah, {**isian(uraian="lewat formulir"), "indikator": "A1", "versi": _versi(lap_kab, "dppkb")})
    klien.post(reverse("penandaan:hapus", args=[lap_kab.pk, milik_dppkb.pk]))
    milik_dppkb.refresh_from_db()
    assert milik_dppkb.uraian == "Bimbingan calon pengantin"


def test_operator_tanpa_unit_harus_menyebut_unit(lap_kab, beri_peran):
    operator = beri_peran("operator", KAB_BENGKULU_SELATAN)
    with pytest.raises(Ditolak, match="Pilih unit"):
        rincian_buat(user=operator, laporan=lap_kab, **isian())
    assert rincian_buat(user=operator, laporan=lap_kab, unit="dp3a", **isian()).unit_id == "dp3a"


def test_operator_kecamatan_tidak_dapat_menandai_laporan_kabupaten(lap_kab, lap_kec, beri_peran, klien_dengan):
    operator = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    with pytest.raises(Ditolak, match="lingkup"):
        rincian_buat(user=operator, laporan=lap_kab, unit="dinkes", **isian())
    klien = klien_dengan(operator)
    assert klien.get(reverse("penandaan:rincian", args=[lap_kab.pk])).status_code == 404
    assert klien.post(reverse("penandaan:tambah", args=[lap_kab.pk]), isian(indikator="A1")).status_code == 404
    assert not RincianBelanja.objects.filter(laporan=lap_kab).exists()

    # its own kecamatan Laporan has one part (Setcam): the line goes there without naming it
    assert rincian_buat(user=operator, laporan=lap_kec, **isian()).unit_id == "setcam"


def test_versi_basi_ditolak(lap_kab, op_dinkes):
    rincian = rincian_buat(user=op_dinkes, laporan=lap_kab, **isian())
    dibuka = _versi(lap_kab, "dinkes")
    rincian_ubah(user=op_dinkes, rincian=rincian, versi=dibuka, satuan="kotak")
    with pytest.raises(Ditolak, match="sudah diubah"):
        rincian_ubah(user=op_dinkes, rincian=rincian, versi=dibuka, satuan="dus")
    with pytest.raises(Ditolak, match="sudah diubah"):
        rincian_hapus(user=op_dinkes, rincian=rincian, versi=dibuka)
    with pytest.raises(Ditolak, match="sudah diubah"):
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=_xlsx([_baris_xlsx()]), versi=dibuka)
    rincian.refresh_from_db()
    assert rincian.satuan == "kotak"
    lama, baru = CatatanAudit.objects.filter(aksi="rincian_ubah").values_list("lama", "baru").get()
    assert (lama["satuan"], baru["satuan"]) == ("paket", "kotak")


def test_laporan_disetujui_hanya_dapat_dibaca(lap_kab, op_dinkes, beri_peran, klien_dengan):
    rincian = rincian_buat(user=op_dinkes, laporan=lap_kab, **isian())
    _setujui_semua(lap_kab, beri_peran)
    with pytest.raises(Ditolak, match="disetujui"):
        rincian_ubah(user=op_dinkes, rincian=rincian, versi=_versi(lap_kab, "dinkes"), satuan="kotak")
    with pytest.raises(Ditolak, match="disetujui"):
        rincian_buat(user=op_dinkes, laporan=lap_kab, **isian())
    with pytest.raises(Ditolak, match="disetujui"):
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=_xlsx([_baris_xlsx()]))

    klien = klien_dengan(op_dinkes)
    isi = klien.get(reverse("penandaan:rincian", args=[lap_kab.pk])).content.decode()
    assert 'data-testid="baca-saja"' in isi
    assert reverse("penandaan:tambah", args=[lap_kab.pk]) not in isi
    assert reverse("penandaan:hapus", args=[lap_kab.pk, rincian.pk]) not in isi
    assert klien.get(reverse("penandaan:ubah", args=[lap_kab.pk, rincian.pk])).context["form"] is None
    assert RincianBelanja.objects.get().satuan == "paket"


def test_perubahan_hapus_baris_murni_menyimpannya_sebagai_dihapus(siklus_terbuka, op_dinkes):
    murni = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)
    lap = _laporan("penandaan-perubahan", KAB_BENGKULU_SELATAN)
    data = isian()
    data["kelompok_id"], data["indikator_id"] = data.pop("kelompok"), data.pop("indikator").pk
    asal = RincianBelanja.objects.create(laporan=murni, unit_id="dinkes", **data)
    salinan = RincianBelanja.objects.create(laporan=lap, unit_id="dinkes", asal=asal, **data)
    baru = rincian_buat(user=op_dinkes, laporan=lap, **isian(uraian="Baris baru pada perubahan"))

    rincian_ubah(user=op_dinkes, rincian=salinan, versi=_versi(lap, "dinkes"), volume=Decimal(3), total=Decimal(3000000))
    salinan.refresh_from_db()
    assert salinan.asal_id == asal.pk and salinan.total == Decimal(3000000)

    rincian_hapus(user=op_dinkes, rincian=salinan, versi=_versi(lap, "dinkes"))
    salinan.refresh_from_db()
    assert salinan.dihapus and salinan.asal_id == asal.pk
    with pytest.raises(Ditolak, match="dihapus"):
        rincian_ubah(user=op_dinkes, rincian=salinan, versi=_versi(lap, "dinkes"), satuan="kotak")
    rincian_pulihkan(user=op_dinkes, rincian=salinan)
    salinan.refresh_from_db()
    assert not salinan.dihapus

    rincian_hapus(user=op_dinkes, rincian=baru)
    assert not RincianBelanja.objects.filter(pk=baru.pk).exists()  # new in the revision: really deleted
    # the murni line itself is untouched
    asal.refresh_from_db()
    assert asal.total == Decimal(2500000) and not asal.dihapus
