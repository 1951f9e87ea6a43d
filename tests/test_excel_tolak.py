"""Every way an Excel upload of the per-desa grid can be wrong: each reported with its
sheet/row/column, and nothing saved."""
import io

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from isian.excel import (
    LEMBAR_DATA,
    LEMBAR_META,
    buat_templat,
)
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG, KEC_TETANGGA

from .excel_bantu import desa, laporan, operator, siklus, terisi  # noqa: F401  (fixtures)
from .excel_bantu import (
    _laporan,
    _buku,
    _berkas,
    _baris_kepala,
    _kolom,
    _baris,
    _sel,
    _lokasi,
    _ditolak,
)


# --- files that are not the template ---------------------------------------------------------

def test_bukan_xlsx_pdf(laporan, operator, terisi):
    berkas = _berkas(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "laporan.xlsx")
    kesalahan = _ditolak(laporan, operator, berkas, "tidak dapat dibaca sebagai Excel", "PDF")
    assert len(kesalahan) == 1


def test_bukan_xlsx_teks(laporan, operator, terisi):
    _ditolak(laporan, operator, _berkas(b"kode;S01\n17.01.01.2001;5\n", "data.xlsx"), "bukan berkas Excel")


def test_zip_rusak(laporan, operator, terisi):
    isi = buat_templat(laporan)
    _ditolak(laporan, operator, _berkas(isi[: len(isi) // 2]), "tidak dapat dibaca sebagai Excel", "rusak")


def test_berkas_terlalu_besar(laporan, operator, terisi, settings):
    settings.AKSI_MAKS_UNGGAH_EXCEL = 2 * 1024 * 1024
    wb = _buku(laporan)
    _ditolak(laporan, operator, _berkas(b"PK" + b"\0" * (3 * 1024 * 1024)), "terlalu besar", "batas unggahan Excel 2 MB")
    settings.AKSI_MAKS_UNGGAH_EXCEL = 1000
    _ditolak(laporan, operator, _berkas(wb), "terlalu besar")


def test_tanpa_lembar_data_desa(laporan, operator, terisi):
    wb = _buku(laporan)
    wb[LEMBAR_DATA].title = "Lembar1"
    _ditolak(laporan, operator, _berkas(wb), "bukan templat", "unduh templat dari halaman ini")


def test_buku_kerja_asing(laporan, operator, terisi, desa):
    wb = Workbook()
    wb.active.title = LEMBAR_DATA  # even with the right sheet name
    wb.active.append(["Nama", "Umur", "Alamat"])
    wb.active.append([desa[0], 5, "x"])
    _ditolak(laporan, operator, _berkas(wb), "bukan templat", "unduh templat dari halaman ini")


def test_penanda_templat_lain(laporan, operator, terisi):
    wb = _buku(laporan)
    wb[LEMBAR_META]["B1"] = "aksi-konvergensi/nilai-desa/v0"
    _ditolak(laporan, operator, _berkas(wb), "bukan templat")


def test_templat_kecamatan_lain(laporan, operator, terisi, beri_peran):
    lain = _laporan(beri_peran("operator", KEC_TETANGGA), KEC_TETANGGA)
    wb = load_workbook(io.BytesIO(buat_templat(lain)))
    kesalahan = _ditolak(laporan, operator, _berkas(wb), KEC_TETANGGA, KEC_KEDURANG, "Kedurang")
    assert len(kesalahan) == 1


# --- header and rows ---------------------------------------------------------------------------

def test_kolom_item_hilang_dan_asing(laporan, operator, terisi):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    kepala = _baris_kepala(ws)
    ws.delete_cols(_kolom(ws, "A2"))
    ws.delete_cols(_kolom(ws, "P13"))
    kolom_s05 = _kolom(ws, "S05")
    ws.cell(kepala, kolom_s05).value = "X99"
    _ditolak(
        laporan, operator, _berkas(wb),
        "kolom item tidak ada: S05, A2, P13",
        f"lembar 'Data Desa', baris {kepala}, kolom {get_column_letter(kolom_s05)}: kolom 'X99' bukan kode item",
    )


def test_kode_desa_tidak_dikenal(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    baris = _baris(ws, desa[2])
    ws.cell(baris, 1).value = "17.01.01.9999"
    _ditolak(laporan, operator, _berkas(wb), f"lembar 'Data Desa', baris {baris}, kolom A: kode desa 17.01.01.9999 tidak dikenal")


def test_desa_kecamatan_lain(laporan, operator, terisi, desa):
    asing = Wilayah.objects.filter(induk_id=KEC_TETANGGA, tingkat=Tingkat.DESA).order_by("kode").first()
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    baris = _baris(ws, desa[2])
    ws.cell(baris, 1).value = asing.kode
    ws.cell(baris, _kolom(ws, "S01")).value = 77
    _ditolak(
        laporan, operator, _berkas(wb),
        f"baris {baris}, kolom A: desa {asing.nama} ({asing.kode}) termasuk Kecamatan {asing.induk.nama} ({KEC_TETANGGA})",
    )


def test_baris_desa_ganda(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    asli = _baris(ws, desa[1])
    ganda = ws.max_row + 1
    for c in range(1, ws.max_column + 1):
        ws.cell(ganda, c).value = ws.cell(asli, c).value
    ws.cell(ganda, _kolom(ws, "S01")).value = 1
    _ditolak(laporan, operator, _berkas(wb), f"baris {ganda}, kolom A: desa {desa[1]} muncul dua kali (juga di baris {asli})")


# --- cells -------------------------------------------------------------------------------------

def test_sel_tidak_sah_semua_dilaporkan(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    _sel(ws, desa[0], "S01").value = 1000  # a valid change, not saved either
    salah = {(desa[1], "S02"): "abc", (desa[2], "A3"): -3, (desa[3], "B1"): 2.5, (desa[4], "F6"): 2, (desa[5], "P01"): "-4"}
    for (d, k), v in salah.items():
        _sel(ws, d, k).value = v
    kesalahan = _ditolak(
        laporan, operator, _berkas(wb),
        f"{_lokasi(ws, desa[1], 'S02')}: S02 desa", "bukan angka: 'abc'",
        f"{_lokasi(ws, desa[2], 'A3')}: A3 desa", "tidak boleh negatif",
        f"{_lokasi(ws, desa[3], 'B1')}: B1 desa", "harus bilangan bulat, bukan 2,5",
        f"{_lokasi(ws, desa[4], 'F6')}: F6 desa", "isi 1 (ya) atau 0 (tidak)",
        f"{_lokasi(ws, desa[5], 'P01')}: P01 desa",
    )
    assert len(kesalahan) == len(salah)


def test_pembilang_melebihi_penyebut(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    _sel(ws, desa[2], "S04").value = 5
    _sel(ws, desa[2], "A2").value = 9
    _sel(ws, desa[0], "A2").value = 11  # seed S04 = 10 in desa[0]
    _ditolak(
        laporan, operator, _berkas(wb),
        f"{_lokasi(ws, desa[2], 'A2')}: A2 desa", "pembilang 9 melebihi penyebut S04 = 5",
        f"{_lokasi(ws, desa[0], 'A2')}: A2 desa", "pembilang 11 melebihi penyebut S04 = 10",
    )
