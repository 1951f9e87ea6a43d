"""Template helpers of the RAD pages and PDF."""
from decimal import Decimal

from django import template

from inti.format import angka

register = template.Library()


@register.filter
def hitung(ringkasan, keadaan) -> int:
    """How many outputs of a summary row are in `keadaan`."""
    return ringkasan.hitung(keadaan)


@register.filter
def ambil(kamus, kunci):
    return kamus.get(kunci) if kamus else None


@register.filter
def jumlah(nilai) -> str:
    """A quantity the Indonesian way, with decimals only when it has them: 1.514 · 2,5."""
    if nilai is None or nilai == "":
        return "–"
    nilai = Decimal(str(nilai))
    if nilai == nilai.to_integral_value():
        return angka(nilai, 0)
    return angka(nilai, 2).rstrip("0")  # 2,50 -> 2,5


@register.filter
def target_tahun(keluaran, tahun):
    """The output's TargetTahunan of `tahun` (from the prefetched targets), or None."""
    return next((t for t in keluaran.target.all() if t.tahun == tahun), None)
