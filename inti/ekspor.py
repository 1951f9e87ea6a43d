"""Formula-safe cells for every CSV and xlsx the portal writes (OWASP "CSV Injection").

A spreadsheet runs a cell whose text starts with =, +, - or @ (tab and CR are skipped by some
programs before they look). Text from users never reaches a download in that form:

- CSV (`sel_aman`): such text gets a leading apostrophe ('=HYPERLINK(...)), the OWASP mitigation;
  spreadsheets then show it as text.
- xlsx (`sel_xlsx`, `tulis`): the cell is a string cell — never a formula element — with Excel's
  "quote prefix" style, so editing it in Excel keeps it text. The text itself stays exact: the
  RAD logframe download is also its import template and must come back unchanged.

Numbers stay numbers: int, float and Decimal are never touched, nor is text that is only a plain
decimal number ("-12.50", how the API serialises decimals), which no spreadsheet runs.
"""
import re

from openpyxl.cell import WriteOnlyCell

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
