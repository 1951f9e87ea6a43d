"""Reading uploaded .xlsx files: size and format checks, the one-message refusals, cell
locations and header matching, shared by every Excel import (indikator, penandaan SIPD, RAD).

Problems are IsianTidakValid listing Kesalahan (message + "lembar 'X', baris N, kolom C"),
so the page shows them all at once; an unreadable file gives one message saying what it
seems to be instead. Workbooks are opened with formulas visible (see `inti.xlsx`): a formula
cell is an error of that cell (`kesalahan_rumus`), never read as empty or as a cached result.
"""
from inti.galat import IsianTidakValid, Kesalahan
import io
import zipfile

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from inti.xlsx import Rumus


MAKS_UNGGAH_BAWAAN = 5 * 1024 * 1024
MAKS_KESALAHAN = 200  # a sheet of garbage should not produce a page of 100,000 lines


def tolak(pesan: str, lokasi: str = "") -> IsianTidakValid:
    """One problem as the exception to raise."""
    return IsianTidakValid([Kesalahan(pesan, lokasi=lokasi)])


def tolak_bila_salah(salah: list[Kesalahan]) -> None:
    """Raise the collected problems, if any (at most MAKS_KESALAHAN of them, then a count)."""
    if len(salah) > MAKS_KESALAHAN:
        sisa = len(salah) - MAKS_KESALAHAN
        salah = salah[:MAKS_KESALAHAN] + [Kesalahan(f"… dan {sisa} kesalahan lain; perbaiki yang di atas dulu.")]
    if salah:
        raise IsianTidakValid(salah)


def lokasi_sel(lembar: str, baris: int | None = None, kolom: int | None = None, judul: str = "") -> str:
    """Where a problem is: "lembar 'X', baris N, kolom C (judul)", as far as known."""
    teks = f"lembar '{lembar}'"
    if baris:
        teks += f", baris {baris}"
    if kolom:
        teks += f", kolom {get_column_letter(kolom)}" + (f" ({judul})" if judul else "")
    return teks


def kesalahan_rumus(rumus: Rumus, lokasi: str, **lain) -> Kesalahan:
    """A formula cell as a problem of that cell: imports take typed values only."""
    teks = rumus.teks if len(rumus.teks) <= 60 else rumus.teks[:59] + "…"
    isi = f" '{teks}'" if teks else ""
    return Kesalahan(
        f"sel berisi rumus{isi}; isi nilainya saja (di Excel: salin sel, lalu Tempel Spesial → Nilai)", lokasi=lokasi, **lain,
    )


def cari_rumus(lembar: str, baris_baris, judul: dict[int, str] | None = None, mulai: int = 1,
               kolom: set[int] | None = None) -> list[Kesalahan]:
    """Every formula cell of these rows (the first is row `mulai`; only the columns in `kolom` when
    given), each named by sheet, row, column and the column's title from `judul` when known."""
    judul = judul or {}
    return [
        kesalahan_rumus(nilai, lokasi_sel(lembar, nomor, k, judul.get(k, "")))
        for nomor, baris in enumerate(baris_baris, start=mulai)
        for k, nilai in enumerate(baris or (), start=1)
        if isinstance(nilai, Rumus) and (kolom is None or k in kolom)
    ]


def normal(teks) -> str:
    """Case-, space- and '&'-insensitive form of a header or a label."""
    teks = "" if teks is None else str(teks)
    teks = teks.replace("_", " ").replace("&", " dan ").casefold()
    return " ".join(teks.split())


def _mb(jumlah_byte: int) -> str:
    teks = f"{jumlah_byte / 2**20:.2f}".rstrip("0").rstrip(".")
    return f"{teks.replace('.', ',')} MB" if teks != "0" else f"{jumlah_byte / 1024:.0f} KB"


def baca_isi(berkas) -> bytes:
    """The uploaded bytes, refusing files over AKSI_MAKS_UNGGAH_EXCEL without reading them whole."""
    batas = getattr(settings, "AKSI_MAKS_UNGGAH_EXCEL", MAKS_UNGGAH_BAWAAN)
    ukuran = getattr(berkas, "size", None)
    if ukuran is None or ukuran <= batas:
        if hasattr(berkas, "seek"):
            berkas.seek(0)
        isi = berkas.read(batas + 1)
        ukuran = len(isi)
    if ukuran > batas:
        raise tolak(f"Berkas terlalu besar ({_mb(ukuran)}); batas unggahan Excel {_mb(batas)}.", "berkas")
    return isi


def bukan_xlsx(isi: bytes) -> IsianTidakValid:
    """The refusal of bytes that are no .xlsx workbook, naming what they seem to be."""
    if isi.startswith(b"%PDF"):
        jenis = "berkas PDF"
    elif isi.startswith(b"\xd0\xcf\x11\xe0"):
        jenis = "berkas Excel 97–2003 (.xls); simpan ulang sebagai 'Excel Workbook (.xlsx)'"
    elif isi.startswith(b"PK"):
        jenis = "berkas zip yang rusak atau bukan buku kerja Excel"
    else:
        jenis = "bukan berkas Excel (mungkin teks/CSV atau berkas lain yang diganti namanya)"
    return tolak(f"Berkas tidak dapat dibaca sebagai Excel .xlsx: {jenis}. Unggah templat .xlsx dari halaman ini.", "berkas")


def buka_buku(isi: bytes) -> Workbook:
    """The workbook, read-only with formulas as formulas; a zip bomb or any unreadable file -> one message."""
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            # A few MB of zip can inflate to gigabytes of XML: refuse before openpyxl parses it.
            if sum(z.file_size for z in arsip.infolist()) > 40 * max(len(isi), 2**20):
                raise tolak("Isi berkas Excel terlalu besar setelah diekstrak.", "berkas")
        return load_workbook(io.BytesIO(isi), read_only=True, data_only=False)
    except IsianTidakValid:
        raise
    except Exception as exc:  # BadZipFile, InvalidFileException, KeyError, XML errors...
        raise bukan_xlsx(isi) from exc
