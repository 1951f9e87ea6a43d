"""Budget tagging (penandaan): spending lines per OPD, their rules, the SIPD .xlsx import,
the read-only states and APBD perubahan deletes."""
from inti.galat import IsianTidakValid
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from aksi.models import BagianLaporan, Laporan, Tahapan
from aksi.services import (
    Ditolak,
    bagian_ajukan,
    bagian_verifikasi,
    laporan_ambil_atau_buat,
    laporan_buka_kembali,
    laporan_setujui,
)
from indikator.models import IndikatorCapaian
from inti.models import CatatanAudit
from penandaan.models import RincianBelanja
from penandaan.services import (
    rincian_buat,
    rincian_hapus,
    rincian_impor,
    rincian_pulihkan,
    rincian_ubah,
)
from penandaan.sipd import KOLOM, LEMBAR, baca_jumlah, impor_sipd
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .factories import UserFactory


pytestmark = pytest.mark.django_db

JUDUL = [judul for _, judul in KOLOM]


# --- the world ---------------------------------------------------------------------------------------

def _laporan(tahapan: str, kode: str) -> Laporan:
    return laporan_ambil_atau_buat(
        user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk=tahapan),
        wilayah=Wilayah.objects.get(kode=kode),
    )


@pytest.fixture
def lap_kab(siklus_terbuka):
    """APBD murni tagging of Kab. Bengkulu Selatan: one part per OPD."""
    return _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)


@pytest.fixture
def lap_kec(siklus_terbuka):
    return _laporan("penandaan-apbd", KEC_KEDURANG)


@pytest.fixture
def op_dinkes(beri_peran):
    return beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")


@pytest.fixture
def op_dppkb(beri_peran):
    return beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dppkb")


def isian(**ubah) -> dict:
    """A valid line: 2,5 paket × Rp1.000.000 = Rp2.500.000 for indicator A1 (kelompok A)."""
    data = {
        "kode_program": "1.02.02", "nama_program": "Program Pemenuhan Upaya Kesehatan",
        "kode_kegiatan": "1.02.02.2.02", "nama_kegiatan": "Penyediaan Layanan Kesehatan",
        "kode_subkegiatan": "1.02.02.2.02.0001", "nama_subkegiatan": "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
        "kode_rekening": "5.1.02.01.01.0052", "uraian": "Makanan tambahan ibu hamil KEK",
        "volume": Decimal("2.5"), "satuan": "paket", "harga_satuan": Decimal(1000000), "total": Decimal(2500000),
        "indikator": IndikatorCapaian.objects.get(pk="A1"), "kelompok": "A", "arah": "sasaran_langsung",
        "sumber_dana": "apbd_kabkota",
    }
    return data | ubah


def _versi(laporan: Laporan, unit: str) -> int:
    return BagianLaporan.objects.get(laporan=laporan, unit_id=unit).versi


def _baris_xlsx(**ubah) -> list:
    """One row of the SIPD sheet, in KOLOM order; Indonesian-formatted text amounts."""
    data = {
        "kode_program": "1.02.02", "nama_program": "Program Pemenuhan Upaya Kesehatan",
        "kode_kegiatan": "1.02.02.2.02", "nama_kegiatan": "Penyediaan Layanan Kesehatan",
        "kode_subkegiatan": "1.02.02.2.02.0001", "nama_subkegiatan": "Pelayanan Kesehatan Ibu Hamil",
        "kode_rekening": "5.1.02.01.01.0052", "uraian": "Makanan tambahan", "volume": "2,5", "satuan": "paket",
        "harga_satuan": "1.250.000", "total": "3.125.000", "indikator": "A1", "kelompok": "A",
        "arah": "sasaran langsung", "sumber_dana": "APBD kabupaten/kota",
    } | ubah
    return [data[nama] for nama, _ in KOLOM]


def _xlsx(baris: list[list], judul: list[str] = JUDUL, nama: str = "sipd.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = LEMBAR
    ws.append(judul)
    for b in baris:
        ws.append(b)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return SimpleUploadedFile(nama, keluaran.getvalue())


def _setujui_semua(laporan: Laporan, beri_peran) -> None:
    admin = UserFactory(is_superuser=True)
    for b in laporan.bagian.all():
        bagian_ajukan(user=admin, bagian=b, catatan="Tidak ada belanja yang ditandai")  # most OPD parts are empty
        bagian_verifikasi(user=admin, bagian=b)
    laporan_setujui(user=beri_peran("approver", laporan.wilayah_id), laporan=laporan)


# --- rules of a line -------------------------------------------------------------------------------

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


# --- who may tag what ---------------------------------------------------------------------------------

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


# --- APBD perubahan -----------------------------------------------------------------------------------

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


# --- SIPD import --------------------------------------------------------------------------------------

def test_impor_sipd_mengganti_rincian_unitnya(lap_kab, op_dinkes, op_dppkb):
    lama = rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(uraian="baris lama"))
    lain = rincian_buat(user=op_dppkb, laporan=lap_kab, **isian(uraian="milik DPPKB"))
    versi = _versi(lap_kab, "dinkes")
    berkas = _xlsx([
        _baris_xlsx(),
        _baris_xlsx(kode_rekening="5.1.02.01.01.0024", uraian="Honor kader", volume=12, harga_satuan=150000.0,
                    total=1800000, indikator="b1", kelompok="b", arah="LAYANAN", sumber_dana="apbd_kabkota"),
        [None] * len(KOLOM),  # empty rows are skipped
        _baris_xlsx(kode_subkegiatan="1.02.02.2.02.0002", uraian="Supervisi", volume="1", harga_satuan="Rp 2.000.000,50",
                    total="2.000.000,50", indikator="F1", kelompok="F", arah="Bimbingan & Pengawasan", sumber_dana="CSR"),
    ])
    hasil = impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=berkas)
    assert (hasil.dibuat, hasil.dihapus, hasil.unit) == (3, 1, "dinkes")
    assert hasil.total == Decimal("6925000.50")
    dinkes = list(RincianBelanja.objects.filter(laporan=lap_kab, unit_id="dinkes").order_by("kode_subkegiatan", "kode_rekening"))
    assert [r.uraian for r in dinkes] == ["Honor kader", "Makanan tambahan", "Supervisi"]
    kader, pmt, supervisi = dinkes
    assert (pmt.volume, pmt.harga_satuan, pmt.total) == (Decimal("2.5"), Decimal(1250000), Decimal(3125000))
    assert (kader.indikator_id, kader.kelompok_id, kader.arah) == ("B1", "B", "layanan")
    assert (supervisi.arah, supervisi.sumber_dana, supervisi.total) == ("bimbingan", "swasta", Decimal("2000000.50"))
    assert not RincianBelanja.objects.filter(pk=lama.pk).exists()
    assert RincianBelanja.objects.filter(pk=lain.pk).exists()  # the other OPD's lines stay
    assert _versi(lap_kab, "dinkes") == versi + 1
    assert CatatanAudit.objects.filter(aksi="rincian_impor").get().baru["jumlah"] == 3


def test_impor_sipd_menolak_berkas_rusak(lap_kab, op_dinkes, settings):
    for isi in (b"Kode Program;Nama Program\n1;2\n", b"%PDF-1.7 ...", b"PK\x03\x04 rusak"):
        with pytest.raises(IsianTidakValid, match="tidak dapat dibaca sebagai Excel"):
            impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=SimpleUploadedFile("sipd.xlsx", isi))
    settings.AKSI_MAKS_UNGGAH_EXCEL = 1024
    with pytest.raises(IsianTidakValid, match="terlalu besar"):
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=_xlsx([_baris_xlsx()] * 50))
    assert not RincianBelanja.objects.exists()


def test_impor_sipd_menyebut_kolom_yang_hilang(lap_kab, op_dinkes):
    judul = [j for j in JUDUL if j not in ("Satuan", "Total")]
    with pytest.raises(IsianTidakValid) as exc:
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=_xlsx([], judul=judul))
    assert "kolom tidak ada: Satuan, Total" in str(exc.value.kesalahan[0])


def test_impor_sipd_melaporkan_setiap_sel_salah_dan_tidak_menyimpan_apa_pun(lap_kab, op_dinkes):
    lama = rincian_buat(user=op_dinkes, laporan=lap_kab, **isian())
    berkas = _xlsx([
        _baris_xlsx(),  # row 2: valid
        _baris_xlsx(indikator="Z9"),  # row 3
        _baris_xlsx(volume="-2", total="-2.500.000"),  # row 4
        _baris_xlsx(harga_satuan="satu juta"),  # row 5
        _baris_xlsx(total="3.000.000"),  # row 6
        _baris_xlsx(kelompok="C"),  # row 7
        _baris_xlsx(uraian=None, arah="entah"),  # row 8
    ])
    with pytest.raises(IsianTidakValid) as exc:
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=berkas)
    pesan = [str(k) for k in exc.value.kesalahan]
    lembar = "lembar 'Rincian Belanja'"

    def ada(awal: str, isi: str) -> bool:
        return any(p.startswith(f"{lembar}, {awal}") and isi in p for p in pesan)

    assert ada("baris 3, kolom M (Kode Indikator)", "'Z9' tidak ada di katalog")
    assert ada("baris 4, kolom I (Koefisien/Volume)", "negatif")
    assert ada("baris 4, kolom L (Total)", "negatif")
    assert ada("baris 5, kolom K (Harga Satuan)", "bukan angka: 'satu juta'")
    assert ada("baris 6, kolom L (Total)", "total 3.000.000 tidak sama dengan volume 2,5 × harga satuan 1.250.000 = 3.125.000")
    assert ada("baris 7, kolom N (Kelompok Sasaran)", "A1 termasuk kelompok sasaran A")
    assert ada("baris 8, kolom H (Uraian Belanja)", "wajib diisi")
    assert ada("baris 8, kolom O (Ditujukan Untuk)", "'entah' tidak dikenal")
    assert not any("baris 2," in p for p in pesan)
    assert list(RincianBelanja.objects.values_list("pk", flat=True)) == [lama.pk]  # nothing saved, nothing replaced


def test_angka_gaya_indonesia():
    assert baca_jumlah("1.250.000") == Decimal(1250000)
    assert baca_jumlah("2,5") == Decimal("2.5")
    assert baca_jumlah("1.250.000,75") == Decimal("1250000.75")
    assert baca_jumlah("Rp 1.250") == Decimal(1250)
    assert baca_jumlah(0.1 + 0.2) == Decimal("0.30")  # float noise from Excel
    assert baca_jumlah("") is None
    with pytest.raises(ValueError, match="bukan angka"):
        baca_jumlah("12a")


def test_rincian_impor_langsung_semua_atau_tidak_sama_sekali(lap_kab, op_dinkes):
    baik = {k: v for k, v in isian().items()}
    with pytest.raises(IsianTidakValid) as exc:
        rincian_impor(user=op_dinkes, laporan=lap_kab, unit="dinkes", baris=[baik, baik | {"total": Decimal(1)}])
    assert str(exc.value.kesalahan[0]).startswith("baris 2: total belanja (Rp): total 1 tidak sama")
    assert not RincianBelanja.objects.exists()
    hasil = rincian_impor(user=op_dinkes, laporan=lap_kab, unit="dinkes", baris=[baik, baik], mode="tambah")
    hasil = rincian_impor(user=op_dinkes, laporan=lap_kab, unit="dinkes", baris=[baik], mode="tambah")
    assert hasil.dibuat == 1 and RincianBelanja.objects.count() == 3


def test_impor_perubahan_menghubungkan_baris_murni(siklus_terbuka, op_dinkes, beri_peran, klien_dengan):
    murni = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)
    impor_sipd(user=op_dinkes, laporan=murni, berkas=_xlsx([
        _baris_xlsx(), _baris_xlsx(kode_rekening="5.1.02.01.01.0099", uraian="Dihapus di perubahan"),
    ]))
    _setujui_semua(murni, beri_peran)
    lap = _laporan("penandaan-perubahan", KAB_BENGKULU_SELATAN)
    klien = klien_dengan(op_dinkes)
    url = reverse("penandaan:rincian", args=[lap.pk])
    klien.get(url)  # the first visit starts the revision from the approved murni lines
    assert RincianBelanja.objects.filter(laporan=lap, asal__isnull=False).count() == 2

    berkas = [_baris_xlsx(volume="3", total="3.750.000"), _baris_xlsx(kode_rekening="5.1.02.01.01.0100", uraian="Baru")]
    for _ in range(2):  # a re-import gives the same result
        hasil = impor_sipd(user=op_dinkes, laporan=lap, berkas=_xlsx(berkas))
        assert (hasil.dibuat, hasil.ditandai_dihapus) == (2, 1)
        baris = {r.uraian: r for r in RincianBelanja.objects.filter(laporan=lap).select_related("asal")}
        assert len(baris) == 3
        assert baris["Makanan tambahan"].asal.total == Decimal(3125000) and baris["Makanan tambahan"].total == Decimal(3750000)
        assert baris["Baru"].asal_id is None
        assert baris["Dihapus di perubahan"].dihapus and baris["Dihapus di perubahan"].asal_id

    halaman = klien.get(url)
    rekap = halaman.context["rekap"]
    assert (rekap.sebelum, rekap.total) == (Decimal(3125000) * 2, Decimal(3750000) + Decimal(3125000))
    isi = halaman.content.decode()
    assert "Semula (murni)" in isi and ">dihapus<" in isi and ">baru<" in isi

    # murni reopened and re-imported: its old lines go, the revision's links to them are cleared
    laporan_buka_kembali(user=beri_peran("approver", KAB_BENGKULU_SELATAN), laporan=murni, alasan="koreksi")
    impor_sipd(user=op_dinkes, laporan=murni, berkas=_xlsx([_baris_xlsx()]))
    assert not RincianBelanja.objects.filter(laporan=lap, asal__isnull=False).exists()


def test_perubahan_dimulai_sebelum_baris_pertama_ditulis(siklus_terbuka, op_dinkes, op_dppkb, beri_peran):
    murni = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)
    rincian_buat(user=op_dinkes, laporan=murni, **isian())
    rincian_buat(user=op_dppkb, laporan=murni, **isian(uraian="Konseling catin"))
    _setujui_semua(murni, beri_peran)
    lap = _laporan("penandaan-perubahan", KAB_BENGKULU_SELATAN)
    # Dinkes imports before anyone opened the page: DPPKB's murni line is still copied for DPPKB
    impor_sipd(user=op_dinkes, laporan=lap, berkas=_xlsx([_baris_xlsx(uraian="Makanan tambahan ibu hamil KEK")]))
    dppkb = RincianBelanja.objects.get(laporan=lap, unit_id="dppkb")
    assert dppkb.uraian == "Konseling catin" and dppkb.asal_id and not dppkb.dihapus


# --- pages -----------------------------------------------------------------------------------------------

def test_halaman_rincian_dengan_subtotal_dan_total(lap_kab, op_dinkes, op_dppkb, klien_dengan):
    rincian_buat(user=op_dinkes, laporan=lap_kab, **isian())
    rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(
        kode_rekening="5.1.02.01.01.0053", uraian="Susu", volume=Decimal(10), harga_satuan=Decimal(50000), total=Decimal(500000),
    ))
    rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(kode_subkegiatan="1.02.02.2.02.0009", nama_subkegiatan="Lain",
                                                           volume=Decimal(1), total=Decimal(1000000)))
    rincian_buat(user=op_dppkb, laporan=lap_kab, **isian(volume=Decimal(1), total=Decimal(1000000)))
    klien = klien_dengan(op_dinkes)
    halaman = klien.get(reverse("penandaan:rincian", args=[lap_kab.pk]) + "?unit=semua")
    rekap = halaman.context["rekap"]
    grup = [(x.tingkat, x.total) for jenis, x in rekap.baris if jenis == "grup"]
    assert grup == [("program", Decimal(5000000)), ("kegiatan", Decimal(5000000)),
                    ("subkegiatan", Decimal(2500000) + Decimal(500000) + Decimal(1000000)),  # dinkes + dppkb share it
                    ("subkegiatan", Decimal(1000000))]
    assert rekap.total == Decimal(5000000)
    isi = halaman.content.decode()
    assert "Rp5.000.000" in isi and "2,5 paket" in isi


def test_tambah_dan_ubah_lewat_formulir(lap_kab, op_dinkes, klien_dengan):
    klien = klien_dengan(op_dinkes)
    kosong = klien.get(reverse("penandaan:tambah", args=[lap_kab.pk]))
    assert kosong.status_code == 200 and "unit" not in kosong.context["form"].fields  # its own unit, no choice
    data = isian(indikator="A1", volume="2,5", harga_satuan="1.000.000", total="")  # total computed when empty
    jawaban = klien.post(reverse("penandaan:tambah", args=[lap_kab.pk]), data)
    assert jawaban.status_code == 302
    rincian = RincianBelanja.objects.get()
    assert (rincian.unit_id, rincian.total) == ("dinkes", Decimal(2500000))

    ubah = reverse("penandaan:ubah", args=[lap_kab.pk, rincian.pk])
    assert klien.get(ubah).context["form"].initial["uraian"] == rincian.uraian
    salah = klien.post(ubah, data | {"kelompok": "B", "total": "2.500.000", "versi": _versi(lap_kab, "dinkes")})
    assert salah.status_code == 400 and "termasuk kelompok sasaran A" in salah.content.decode()
    basi = klien.post(ubah, data | {"satuan": "kotak", "versi": _versi(lap_kab, "dinkes") - 1})
    assert basi.status_code == 302
    rincian.refresh_from_db()
    assert rincian.satuan == "paket"
    klien.post(ubah, data | {"satuan": "kotak", "versi": _versi(lap_kab, "dinkes")})
    rincian.refresh_from_db()
    assert rincian.satuan == "kotak"


def test_templat_dan_impor_lewat_halaman(lap_kab, op_dinkes, klien_dengan):
    klien = klien_dengan(op_dinkes)
    jawaban = klien.get(reverse("penandaan:templat", args=[lap_kab.pk]))
    assert jawaban.status_code == 200
    wb = load_workbook(io.BytesIO(jawaban.content))
    assert wb.sheetnames == [LEMBAR]
    ws = wb[LEMBAR]
    assert [c.value for c in ws[1]] == JUDUL
    ws.append(_baris_xlsx())
    terisi = io.BytesIO()
    wb.save(terisi)

    url = reverse("penandaan:impor", args=[lap_kab.pk])
    ok = klien.post(url, {"berkas": SimpleUploadedFile("templat.xlsx", terisi.getvalue())})
    assert ok.status_code == 302 and RincianBelanja.objects.filter(unit_id="dinkes").count() == 1

    gagal = klien.post(url, {"berkas": _xlsx([_baris_xlsx(total="1")])})
    assert gagal.status_code == 400
    isi = gagal.content.decode()
    assert "lembar &#x27;Rincian Belanja&#x27;, baris 2, kolom L (Total)" in isi
    assert "tidak ada rincian belanja yang disimpan" in isi
    rusak = klien.post(url, {"berkas": SimpleUploadedFile("a.xlsx", b"bukan excel")})
    assert rusak.status_code == 400
    assert RincianBelanja.objects.filter(unit_id="dinkes").count() == 1
