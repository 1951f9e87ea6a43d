"""Numbers typed by users: only the ASCII digits 0-9 (with the Indonesian thousands dot where the
field accepts it), and a number too long for its field is refused with a short Indonesian message
naming the field — never Python's English "Exceeds the limit (4300 digits)" nor a server error."""
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from indikator.validasi import baca_angka
from inti.galat import IsianTidakValid
from isian.excel import baca_unggahan, buat_templat
from isian.services import kunci_versi, nilai_simpan
from penandaan.models import RincianBelanja
from penandaan.sipd import KOLOM, LEMBAR, baca_jumlah, impor_sipd
from rad.excel import impor_logframe
from rad.models import Keluaran
from rad.services import regulasi_simpan
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BUKAN_ASCII = ["١٢", "１２", "1２", "١.٢٣٤", "১২", "12\u0663"]
RAKSASA = "1" * 100_000


def _laporan(kode_tahapan: str, kode: str) -> Laporan:
    return laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                                   tahapan=Tahapan.objects.get(pk=kode_tahapan), wilayah=Wilayah.objects.get(kode=kode))


@pytest.fixture
def item():
    return {i.kode: i for i in daftar_item()}


def test_baca_angka_refuses_unicode_digits(item):
    for teks in BUKAN_ASCII:
        with pytest.raises(ValueError, match="hanya angka 0–9") as exc:
            baca_angka(teks, item["S01"])
        assert teks in str(exc.value)
    assert baca_angka("1.234", item["S01"]) == 1234 and baca_angka(" 12 ", item["S01"]) == 12


def test_baca_angka_refuses_a_huge_number_in_indonesian(item):
    for teks in (RAKSASA, "9" * 11, "1." + "000." * 4000 + "000"):
        with pytest.raises(ValueError) as exc:
            baca_angka(teks, item["S01"])
        pesan = str(exc.value)
        assert pesan.startswith("terlalu besar") and "2.000.000.000" in pesan and len(pesan) < 120, pesan
        assert "limit" not in pesan and "digits" not in pesan
    with pytest.raises(ValueError, match="^terlalu besar"):
        baca_angka(2_000_000_001, item["S01"])
    assert baca_angka("2.000.000.000", item["S01"]) == 2_000_000_000


@pytest.fixture
def desa():
    return list(Wilayah.objects.filter(induk_id=KEC_KEDURANG, tingkat=Tingkat.DESA).order_by("kode").values_list("kode", flat=True))


def test_grid_save_names_desa_and_item_and_saves_nothing(laporan_kedurang, beri_peran, desa):
    operator = beri_peran("operator", KEC_KEDURANG)
    versi = {kunci_versi(b.unit_id): b.versi for b in laporan_kedurang.bagian.all()}
    with pytest.raises(IsianTidakValid) as exc:
        nilai_simpan(user=operator, laporan=laporan_kedurang, versi=versi,
                     isian={(desa[0], "S01"): RAKSASA, (desa[1], "S01"): "１２", (desa[2], "S01"): "5"})
    pesan = [str(k) for k in exc.value.kesalahan]
    nama = dict(Wilayah.objects.filter(kode__in=desa[:2]).values_list("kode", "nama"))
    assert any(p.startswith(f"S01 desa {nama[desa[0]]}: terlalu besar") for p in pesan), pesan
    assert any(p.startswith(f"S01 desa {nama[desa[1]]}: hanya angka 0–9") for p in pesan), pesan
    assert not NilaiDesa.objects.filter(laporan=laporan_kedurang).exists()


def test_grid_upload_names_the_cell_of_a_unicode_digit(laporan_kedurang, desa):
    wb = openpyxl.load_workbook(io.BytesIO(buat_templat(laporan_kedurang)))
    ws = wb["Data Desa"]
    kepala = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Kode desa")
    kolom = next(c for c in range(1, ws.max_column + 1) if ws.cell(kepala, c).value == "S01")
    baris = next(r for r in range(kepala + 1, ws.max_row + 1) if ws.cell(r, 1).value == desa[0])
    ws.cell(baris, kolom, "١٢")
    isi = io.BytesIO()
    wb.save(isi)
    with pytest.raises(IsianTidakValid) as exc:
        baca_unggahan(SimpleUploadedFile("t.xlsx", isi.getvalue(), content_type=XLSX), laporan_kedurang)
    huruf = openpyxl.utils.get_column_letter(kolom)
    assert str(exc.value.kesalahan[0]).startswith(f"lembar 'Data Desa', baris {baris}, kolom {huruf} (S01): S01 desa ")
    assert "hanya angka 0–9" in str(exc.value.kesalahan[0])


# --- amounts of SIPD lines and RAD targets ---------------------------------------------------------------

def test_baca_jumlah_refuses_unicode_digits_and_huge_amounts():
    for teks in BUKAN_ASCII + ["١٢,٥", "Rp １.０００"]:
        with pytest.raises(ValueError, match="hanya angka 0–9"):
            baca_jumlah(teks)
    for besar in (RAKSASA, "1" + "0" * 20, 1e300, 10 ** 25, Decimal("1E+30")):
        with pytest.raises(ValueError, match="^terlalu besar") as exc:
            baca_jumlah(besar)
        assert len(str(exc.value)) < 120
    assert baca_jumlah("1.250.000,50") == Decimal("1250000.50") and baca_jumlah("9" * 19) == Decimal("9" * 19)


def test_sipd_upload_with_huge_or_foreign_digit_amounts_lists_the_cells(siklus_terbuka, beri_peran):
    laporan = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)
    op = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")
    data = {
        "kode_program": "1.02.02", "nama_program": "Program", "kode_kegiatan": "1.02.02.2.02", "nama_kegiatan": "Kegiatan",
        "kode_subkegiatan": "1.02.02.2.02.0001", "nama_subkegiatan": "Sub", "kode_rekening": "5.1.02.01.01.0052",
        "uraian": "Makanan tambahan", "volume": 1e300, "satuan": "paket", "harga_satuan": RAKSASA[:30000], "total": "١٢",
        "indikator": "A1", "kelompok": "A", "arah": "sasaran langsung", "sumber_dana": "APBD kabupaten/kota",
    }
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = LEMBAR
    ws.append([judul for _, judul in KOLOM])
    ws.append([data[n] for n, _ in KOLOM])
    isi = io.BytesIO()
    wb.save(isi)
    with pytest.raises(IsianTidakValid) as exc:
        impor_sipd(user=op, laporan=laporan, berkas=SimpleUploadedFile("sipd.xlsx", isi.getvalue()))
    pesan = [str(k) for k in exc.value.kesalahan]
    assert any(p.startswith("lembar 'Rincian Belanja', baris 2, kolom I (Koefisien/Volume): terlalu besar") for p in pesan), pesan
    assert any(p.startswith("lembar 'Rincian Belanja', baris 2, kolom K (Harga Satuan): terlalu besar") for p in pesan), pesan
    assert any(p.startswith("lembar 'Rincian Belanja', baris 2, kolom L (Total): hanya angka 0–9") for p in pesan), pesan
    assert all(len(p) < 300 for p in pesan)
    assert not RincianBelanja.objects.filter(laporan=laporan).exists()


def test_logframe_upload_with_a_huge_target_is_refused_not_a_server_error(db, beri_peran):
    admin = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    regulasi = regulasi_simpan(user=admin, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), nomor="12", tahun=TAHUN,
                               judul="Perbup uji", tahun_mulai=2026, tahun_selesai=2029)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Logframe"
    ws.append(["Pilar", "Nama Pilar", "Strategi Pencapaian", "Instrumen", "Keluaran", "Satuan", "2026", "2027", "2028", "2029",
               "Kumulatif", "Penanggung Jawab", "Pendukung"])
    ws.append([1, "Komitmen", "S", "I", "Keluaran", "dokumen", 1e300, "1" * 40 + " | uraian", "abc | uraian", "١٢", "", "bappeda", ""])
    isi = io.BytesIO()
    wb.save(isi)
    with pytest.raises(IsianTidakValid) as exc:
        impor_logframe(user=admin, regulasi=regulasi, berkas=SimpleUploadedFile("l.xlsx", isi.getvalue()))
    pesan = [str(k) for k in exc.value.kesalahan]
    assert any(p.startswith("lembar 'Logframe', baris 2, kolom G (2026): terlalu besar") for p in pesan), pesan
    assert any(p.startswith("lembar 'Logframe', baris 2, kolom H (2027): terlalu besar") for p in pesan), pesan
    assert any(p.startswith("lembar 'Logframe', baris 2, kolom I (2028): sebelum '|' harus angka, bukan 'abc'") for p in pesan), pesan
    assert any(p.startswith("lembar 'Logframe', baris 2, kolom J (2029): hanya angka 0–9") for p in pesan), pesan
    assert not Keluaran.objects.filter(regulasi=regulasi).exists()


def test_forms_refuse_non_ascii_digits_in_number_fields(laporan_kedurang):
    """Django's IntegerField/DecimalField read '١٢' as 12; every portal form refuses it, naming the field."""
    from analisis.forms import ProgramKegiatanForm
    from indikator.models import IndikatorCapaian
    from rad.forms import RealisasiForm

    data = {"indikator": IndikatorCapaian.objects.first().pk, "nama": "PMT", "volume": "١٢", "satuan": "paket",
            "anggaran": "１５００", "sumber_dana": "apbdes", "pelaksana": "Puskesmas"}
    form = ProgramKegiatanForm(data, laporan=laporan_kedurang)
    assert not form.is_valid()
    assert form.errors["volume"] == ["Hanya angka 0–9 yang diterima, bukan '١٢'."]
    assert form.errors["anggaran"] == ["Hanya angka 0–9 yang diterima, bukan '１５００'."]
    assert ProgramKegiatanForm(data | {"volume": "12", "anggaran": "1500"}, laporan=laporan_kedurang).is_valid()

    realisasi = RealisasiForm({"jumlah": "٣", "status": "proses"})
    assert not realisasi.is_valid() and "jumlah" in realisasi.errors
