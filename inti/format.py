"""Indonesian number formats: 83.762 · 12,5% · Rp1.250.000 — for templates (the `format_id` filters)
and for services writing a sentence (completeness summaries, refusals)."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format


def _angka(nilai, desimal: int) -> str:
    # number_format truncates; officials expect rounding half up (66,666 -> 66,7).
    try:
        nilai = Decimal(str(nilai)).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(nilai)
    return number_format(nilai, decimal_pos=desimal, use_l10n=True, force_grouping=True)


def angka(nilai, desimal: int = 0) -> str:
    if nilai in (None, ""):
        return "–"
    return _angka(nilai, int(desimal))


def persen(nilai, desimal: int = 1) -> str:
    if nilai in (None, ""):
        return "–"
    return f"{_angka(nilai, int(desimal))}%"


def rupiah(nilai) -> str:
    if nilai in (None, ""):
        return "–"
    try:
        jumlah = Decimal(str(nilai))
    except InvalidOperation:
        return str(nilai)
    tanda = "-" if jumlah < 0 else ""
    return f"{tanda}Rp{_angka(abs(jumlah), 0)}"
