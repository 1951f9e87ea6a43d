"""Reading uploaded .xlsx files: rows as value tuples with formula cells told apart, and the upload checks.

Workbooks are opened read-only *without* openpyxl's data_only, so a formula is seen as a formula:
not as empty (files written by openpyxl or a script carry no cached result) and not as the result
Excel cached when it saved (a value the user never typed, which the next recalculation changes).
In the tuples a formula cell is a `Rumus`; every import reports it as an error of that cell.

`baris_bertipe` uses openpyxl's own reader (dates as datetime, as openpyxl types them), for small
sheets; `baris_cepat` parses the sheet XML itself at ~4× the speed for sheets of thousands of rows
(dates stay numbers).

The upload checks below (size, format, zip bomb, the one-message refusals, cell locations and
header matching) are shared by every Excel import (isian data desa, penandaan SIPD, RAD).
Problems are IsianTidakValid listing Kesalahan (message + "lembar 'X', baris N, kolom C"),
so the page shows them all at once; an unreadable file gives one message saying what it
seems to be instead. A formula cell is an error of that cell (`kesalahan_rumus`).
"""
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import iterparse

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from inti.galat import IsianTidakValid, Kesalahan


@dataclass(frozen=True)
class Rumus:
    """A formula cell: its text ("=1+1"), or "" when the file does not spell it out in the cell."""

    teks: str

    def __str__(self) -> str:
        return self.teks


def _nilai(sel):
    if sel.data_type == "f":  # str "=..." or an ArrayFormula with its text
        return Rumus(str(getattr(sel.value, "text", sel.value) or ""))
    return sel.value


def baris_bertipe(ws) -> Iterator[tuple]:
    """The rows of a read-only worksheet as value tuples, formulas as `Rumus` (openpyxl's parser)."""
    for baris in ws.iter_rows():
        yield tuple(_nilai(sel) for sel in baris)


# --- a lean row reader ------------------------------------------------------------------------------
# openpyxl's read-only row parser builds a descriptor object per inline-string cell (what openpyxl
# itself writes): ~3 s for 5,000 × 16 cells. This reads the same sheet XML from openpyxl's read-only
# worksheet (its archive member and shared strings); values are typed as openpyxl types them
# (numbers int/float, text str, booleans bool), except that dates stay numbers.

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _V, _F, _IS, _T, _R = (f"{_NS}{t}" for t in ("row", "c", "v", "f", "is", "t", "r"))


def baris_cepat(ws) -> Iterator[tuple]:
    """The sheet's rows as value tuples, empty rows included (row N is the N-th tuple), formulas as `Rumus`."""
    try:
        sumber, teks_bersama = ws._get_source(), ws._shared_strings
    except AttributeError:  # another openpyxl: its own (slower) parser gives the same values
        yield from baris_bertipe(ws)
        return
    with sumber:
        nomor = 0
        for _, el in iterparse(sumber, events=("end",)):
            if el.tag != _ROW:
                continue
            r = el.get("r")
            baris_ini = int(r) if r else nomor + 1
            while nomor + 1 < baris_ini:
                nomor += 1
                yield ()
            nomor = baris_ini
            nilai: list = []
            for sel in el.iter(_CELL):
                ref = sel.get("r")
                kolom = column_index_from_string(ref.rstrip("0123456789")) if ref else len(nilai) + 1
                nilai.extend([None] * (kolom - 1 - len(nilai)))
                nilai.append(_nilai_sel(sel, teks_bersama))
            el.clear()
            yield tuple(nilai)


def _nilai_sel(sel, teks_bersama):
    rumus = sel.find(_F)
    if rumus is not None:  # whatever value Excel cached next to it
        return Rumus(f"={rumus.text}" if rumus.text else "")
    jenis = sel.get("t", "n")
    if jenis == "inlineStr":
        isi = sel.find(_IS)
        if isi is None:
            return None
        # plain <t> or rich-text runs <r><t>; phonetic runs (<rPh>) are not part of the value
        return "".join(t.text or "" for t in (*isi.findall(_T), *isi.findall(f"{_R}/{_T}")))
    v = sel.findtext(_V)
    if v is None or v == "":
        return None
    if jenis == "n":
        return float(v) if any(c in v for c in ".eE") else int(v)
    if jenis == "s":
        return teks_bersama[int(v)]
    if jenis == "b":
        return v == "1"
    return v  # "e" (#VALUE! ...), "d" (ISO date), "str" without a formula


# --- uploads: checks, refusals, locations ---------------------------------------------------------

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


def baris_lembar(berkas, lembar: str, petunjuk: str) -> list[tuple]:
    """Every row of sheet `lembar` of an uploaded .xlsx (formulas as `Rumus`), for a small import:
    the size and format checks above, the sheet required (`petunjuk` says where its template is),
    an empty sheet refused."""
    isi = baca_isi(berkas)
    buku = buka_buku(isi)
    try:
        if lembar not in buku.sheetnames:
            raise tolak(f"Lembar '{lembar}' tidak ada; {petunjuk}.", "berkas")
        semua = list(baris_bertipe(buku[lembar]))
    except IsianTidakValid:
        raise
    except Exception as exc:
        raise bukan_xlsx(isi) from exc
    finally:
        buku.close()
    if not semua:
        raise tolak("Lembar kosong.", lokasi_sel(lembar))
    return semua


def teks_sel(v) -> str:
    """A text cell as one line: a whole number typed as 12.0 reads "12", runs of spaces one."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split())


def kolom_judul(baris_judul, kolom: tuple[tuple[str, str], ...], wajib: tuple[str, ...], lembar: str) -> dict[str, int]:
    """{field: column number} from a header row matched on `kolom`'s labels (case and spacing
    ignored); a required column missing is refused, naming the header row."""
    judul = {normal(teks_sel(v)): k for k, v in enumerate(baris_judul, start=1)}
    hasil = {n: judul[normal(label)] for n, label in kolom if normal(label) in judul}
    hilang = [label for n, label in kolom if n in wajib and n not in hasil]
    if hilang:
        raise tolak(f"Kolom wajib tidak ada di baris judul: {', '.join(hilang)}.", lokasi_sel(lembar, 1))
    return hasil
