"""Formula-safe cells for every CSV and xlsx the portal writes (OWASP "CSV Injection").

A spreadsheet runs a cell whose text starts with =, +, - or @ (tab and CR are skipped by some
programs before they look). Text from users never reaches a download in that form:

- CSV (`sel_aman`): such text gets a leading apostrophe ('=HYPERLINK(...)), the OWASP mitigation;
  spreadsheets then show it as text.
- xlsx (`sel_xlsx`, `tulis`): the cell is a string cell — never a formula element — with Excel's
  "quote prefix" style, so editing it in Excel keeps it text. The text itself stays exact: the
  RAD logframe download is also its import template and must come back unchanged.

Every download is a `Pengekspor` (below): a subclass yields sheets of rows and the base renders
xlsx or CSV through these cells, so no exporter can forget them.

Numbers stay numbers: int, float and Decimal are never touched, nor is text that is only a plain
decimal number ("-12.50", how the API serialises decimals), which no spreadsheet runs.
"""
import csv
import io
import itertools
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.http import FileResponse, HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r")
_ANGKA_POLOS = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def berbahaya(nilai) -> bool:
    """Is this a text a spreadsheet could take for a formula?"""
    return isinstance(nilai, str) and nilai.startswith(AWALAN_RUMUS) and not _ANGKA_POLOS.fullmatch(nilai)


def sel_aman(nilai):
    """A CSV cell: dangerous text prefixed with an apostrophe, anything else unchanged."""
    return "'" + nilai if berbahaya(nilai) else nilai


def _teks_saja(sel):
    sel.data_type = "s"  # openpyxl would write a str starting with "=" as a formula
    sel.quotePrefix = True
    return sel


def sel_xlsx(ws, nilai):
    """A value for `ws.append` (write-only or normal sheet): dangerous text as a string cell."""
    if not berbahaya(nilai):
        return nilai
    return _teks_saja(WriteOnlyCell(ws, value=nilai))


def baris_xlsx(ws, nilai) -> list:
    """A row for `ws.append`, every cell through `sel_xlsx`."""
    return [sel_xlsx(ws, v) for v in nilai]


def tulis(ws, baris: int, kolom: int, nilai):
    """`ws.cell(baris, kolom, nilai)` of a normal sheet, formula-safe; returns the cell."""
    sel = ws.cell(baris, kolom, nilai)
    return _teks_saja(sel) if berbahaya(nilai) else sel


# --- the exporter base (pretix style) ---------------------------------------------------------

@dataclass(frozen=True)
class Sel:
    """A cell with a style, where a row needs more than its value (headers, state colours, notes)."""

    nilai: Any = None
    tebal: bool = False
    miring: bool = False
    ukuran: float | None = None
    warna: str | None = None  # font colour, hex "595959"
    isi: str | None = None  # fill colour, hex "F8D7DA"
    bungkus: bool = False  # wrap text, aligned to the top
    tengah: bool = False  # centred
    catatan: str = ""  # an Excel comment
    format_angka: str | None = None


def kepala(*judul: str, isi: str | None = None) -> list[Sel]:
    """A bold header row."""
    return [Sel(j, tebal=True, isi=isi, bungkus=isi is not None) for j in judul]


@dataclass
class Lembar:
    """One sheet: its rows (values or `Sel`), column widths and row heights (1-based), frozen panes,
    Excel's own input checks, and whether it is hidden (a template's machine-read sheets)."""

    judul: str
    baris: Iterable[Sequence]
    lebar: Mapping[int, float] = field(default_factory=dict)
    tinggi: Mapping[int, float] = field(default_factory=dict)
    beku: str | None = None
    validasi: Sequence[DataValidation] = ()
    tersembunyi: bool = False


def _nilai(v):
    return v.nilai if isinstance(v, Sel) else v


class Pengekspor:
    """Base of every CSV/xlsx the portal writes: a subclass yields `Lembar`s of rows; the base
    renders them, every text cell through the formula neutralising above. xlsx is written in
    openpyxl's write-only mode (rows stream to a temporary file, never held as cell objects);
    CSV takes the first sheet."""

    nama_berkas = "ekspor"  # without extension

    def lembar(self) -> Iterable[Lembar]:
        raise NotImplementedError

    def _sel(self, ws, v):
        if not isinstance(v, Sel):
            return sel_xlsx(ws, v)
        sel = WriteOnlyCell(ws, value=v.nilai)
        if berbahaya(v.nilai):
            _teks_saja(sel)
        if v.tebal or v.miring or v.ukuran or v.warna:
            sel.font = Font(bold=v.tebal, italic=v.miring, size=v.ukuran, color=v.warna)
        if v.isi:
            sel.fill = PatternFill("solid", fgColor=v.isi)
        if v.bungkus or v.tengah:
            sel.alignment = Alignment(wrap_text=v.bungkus, vertical="top" if v.bungkus else None,
                                      horizontal="center" if v.tengah else None)
        if v.catatan:
            sel.comment = Comment(v.catatan, "Aksi Konvergensi")
        if v.format_angka:
            sel.number_format = v.format_angka
        return sel

    def tulis_xlsx(self, keluaran: BinaryIO) -> None:
        buku = Workbook(write_only=True)
        for lb in self.lembar():
            ws = buku.create_sheet(lb.judul)
            for kolom, lebar in lb.lebar.items():
                ws.column_dimensions[get_column_letter(kolom)].width = lebar
            for nomor, tinggi in lb.tinggi.items():
                ws.row_dimensions[nomor].height = tinggi
            if lb.tersembunyi:
                ws.sheet_state = "hidden"
            if lb.beku:
                ws.freeze_panes = lb.beku
            for dv in lb.validasi:
                ws.data_validations.append(dv)
            for baris in lb.baris:
                ws.append([self._sel(ws, v) for v in baris])
        buku.save(keluaran)

    def xlsx(self) -> bytes:
        keluaran = io.BytesIO()
        self.tulis_xlsx(keluaran)
        return keluaran.getvalue()

    def csv(self) -> bytes:
        keluaran = io.StringIO()
        penulis = csv.writer(keluaran)
        for lb in self.lembar():
            penulis.writerows([sel_aman(_nilai(v)) for v in baris] for baris in lb.baris)
            break
        return keluaran.getvalue().encode("utf-8-sig")  # BOM: Excel opens Indonesian text correctly

    def respons(self, format: str = "xlsx") -> HttpResponse:
        """The download, never cached by a shared proxy (exports are scoped to the user)."""
        if format == "csv":
            respons = HttpResponse(self.csv(), content_type="text/csv; charset=utf-8")
        else:
            berkas = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after streaming
            self.tulis_xlsx(berkas)
            berkas.seek(0)
            respons = FileResponse(berkas, content_type=JENIS_XLSX)
        respons["Content-Disposition"] = f'attachment; filename="{self.nama_berkas}.{format}"'
        respons["Cache-Control"] = "private, no-store"
        return respons


class Tabel(Pengekspor):
    """One sheet from a header and rows: the API's CSV/xlsx renderers and simple lists."""

    def __init__(self, *, judul: str, kolom: Sequence[str], baris: Iterable[Sequence], nama_berkas: str = "data",
                 tebal_kepala: bool = False):
        self.judul, self.kolom, self.baris, self.nama_berkas = judul, kolom, baris, nama_berkas
        self.tebal_kepala = tebal_kepala

    def lembar(self):
        kepala_ = kepala(*self.kolom) if self.tebal_kepala else list(self.kolom)
        yield Lembar(self.judul, itertools.chain([kepala_], self.baris), beku="A2" if self.tebal_kepala else None)
