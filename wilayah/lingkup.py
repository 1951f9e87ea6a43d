"""THE scoping module: the only place that knows a region's subtree is the codes starting with
its code and a dot ('17.01' holds '17.01.01' and '17.01.01.2001', not '17.010').

Every filter "inside this wilayah" anywhere in the project is built here — `q_dalam` for a
queryset whose field holds a wilayah code (directly or through a foreign key), `di_dalam` for a
code in Python, `Wilayah.objects.dalam(kode)` for regions — and `tests/test_lingkup_satu_jalan.py`
fails when another module writes the prefix test by hand. Pure functions: no model import, so
models, selectors and the API can all use it.
"""
from collections.abc import Iterable

from django.db.models import Q


def di_dalam(kode: str, akar: str, *, termasuk_diri: bool = True) -> bool:
    """Whether region `kode` lies in the subtree of `akar` (itself counts unless told not)."""
    return (termasuk_diri and kode == akar) or kode.startswith(f"{akar}.")


def q_dalam(akar: str | Iterable[str], field: str = "kode", *, termasuk_diri: bool = True) -> Q:
    """Q for rows whose `field` ('kode' on Wilayah, 'wilayah__kode' or 'laporan__wilayah__kode' through a
    key) lies inside the subtree(s) of `akar`. Several roots are OR-ed; no root matches nothing."""
    semua = [akar] if isinstance(akar, str) else list(akar)
    q = Q(pk__in=[])
    for kode in semua:
        q |= Q(**{f"{field}__startswith": f"{kode}."})
        if termasuk_diri:
            q |= Q(**{field: kode})
    return q
