"""Rows of uploaded .xlsx worksheets as value tuples, with formula cells told apart.

Workbooks are opened read-only *without* openpyxl's data_only, so a formula is seen as a formula:
not as empty (files written by openpyxl or a script carry no cached result) and not as the result
Excel cached when it saved (a value the user never typed, which the next recalculation changes).
In the tuples a formula cell is a `Rumus`; every import reports it as an error of that cell.

`baris_bertipe` uses openpyxl's own reader (dates as datetime, as openpyxl types them), for small
sheets; `baris_cepat` parses the sheet XML itself at ~4× the speed for sheets of thousands of rows
(dates stay numbers).
"""
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import iterparse

from openpyxl.utils import column_index_from_string


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
