"""THE scoping module: which rows a caller may read, and the subtree rule it rests on.

A region's subtree is the codes starting with its code and a dot ('17.01' holds '17.01.01' and
'17.01.01.2001', not '17.010'). Every filter "inside this wilayah" anywhere in the project is
built here — `q_dalam` for a queryset whose field holds a wilayah code (directly or through a
foreign key), `di_dalam` for a code in Python, `Wilayah.objects.dalam(kode)` for regions — and
`tests/test_lingkup_satu_jalan.py` fails when another module writes the prefix test by hand.

Who reads what (NetBox's `restrict(user, action)`, for the one action "read"):
- `lingkup_baca(user)`: the `Lingkup` a user may read — its assigned wilayah and their subtrees,
  everything for nation-wide readers, nothing without an assignment or without a login;
- `dapat_dibaca(qs, user, field)`: THE restrict selector, `qs` cut to that scope;
- `terbaca(qs, user, field, publik=...)`: the same for any caller, anonymous visitors included:
  they read the rows of a named public selector (`laporan_publik`, `regulasi_publik`, ...),
  or nothing. `wilayah.api.ViewSetLingkup` calls it for every API request, `lingkup_wajib` gives
  every function view its caller's scope.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.utils.functional import SimpleLazyObject

from .choices import Izin


def di_dalam(kode: str, akar: str, *, termasuk_diri: bool = True) -> bool:
    """Whether region `kode` lies in the subtree of `akar` (itself counts unless told not)."""
    return (termasuk_diri and kode == akar) or kode.startswith(f"{akar}.")


def q_dalam(akar: str | Iterable[str], field: str = "kode", *, termasuk_diri: bool = True) -> Q:
    """Q for rows whose `field` ('kode' on Wilayah, 'wilayah__kode' or 'wilayah_id' through a
    key) lies inside the subtree(s) of `akar`. Several roots are OR-ed; no root matches nothing.

    Django refuses `startswith` on a foreign key's column ('wilayah_id__startswith'), so a
    '<key>_id' field is matched through '<key>__kode': Wilayah's primary key, the same column,
    no join."""
    semua = [akar] if isinstance(akar, str) else list(akar)
    awalan = f"{field.removesuffix('_id')}__kode" if field.endswith("_id") else field
    q = Q(pk__in=[])
    for kode in semua:
        q |= Q(**{f"{awalan}__startswith": f"{kode}."})
        if termasuk_diri:
            q |= Q(**{field: kode})
    return q


# --- the scope of a reader ---------------------------------------------------------------------


@dataclass(frozen=True)
class Lingkup:
    """The set of regions a user may read: everything, or the subtrees under `akar`."""

    semua: bool
    akar: tuple[str, ...]

    @property
    def kosong(self) -> bool:
        return not self.semua and not self.akar

    def q(self, field: str = "kode") -> Q:
        """Filter for any queryset whose `field` holds a wilayah code: 'kode' on Wilayah, or
        'wilayah__kode' / 'desa__kode' through a foreign key (Django compiles that to the local
        column, no join)."""
        return Q() if self.semua else q_dalam(self.akar, field)

    def mencakup(self, kode: str) -> bool:
        return self.semua or any(di_dalam(kode, a) for a in self.akar)

    def saring(self, qs: QuerySet, field: str = "kode") -> QuerySet:
        return qs if self.semua else qs.filter(self.q(field))


# What anonymous visitors may read: every wilayah, but only approved and published data
# (each public selector adds that condition itself).
LINGKUP_PUBLIK = Lingkup(semua=True, akar=())
LINGKUP_KOSONG = Lingkup(semua=False, akar=())


def _tanpa_tumpang_tindih(kode: list[str]) -> tuple[str, ...]:
    """Drop codes that lie inside another code's subtree: ['17', '17.01'] -> ('17',)."""
    hasil: list[str] = []
    for k in sorted(set(kode), key=lambda k: (len(k), k)):
        if not any(di_dalam(k, a) for a in hasil):
            hasil.append(k)
    return tuple(sorted(hasil))


def lingkup_baca(user) -> Lingkup:
    """Which regions `user` may read: its assigned wilayah and their subtrees.

    Superusers and nation-wide assignments (a global view permission) read everything;
    a user without any assignment, or without a login, reads nothing. Kept on the user object
    for the rest of the request.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return LINGKUP_KOSONG
    cached = getattr(user, "_lingkup_baca", None)
    if cached is not None:
        return cached
    if user.is_superuser or user.has_perm(f"wilayah.{Izin.LIHAT}"):
        lingkup = LINGKUP_PUBLIK
    else:
        # imported here: wilayah.models imports this module for Wilayah.objects.dalam
        from guardian.shortcuts import get_objects_for_user

        from .models import Wilayah

        kode = get_objects_for_user(
            user, f"wilayah.{Izin.LIHAT}", klass=Wilayah, accept_global_perms=False, with_superuser=False
        ).values_list("kode", flat=True)
        lingkup = Lingkup(semua=False, akar=_tanpa_tumpang_tindih(list(kode)))
    user._lingkup_baca = lingkup
    return lingkup


# --- restrict: the rows a caller may read ------------------------------------------------------


def dapat_dibaca(qs: QuerySet, user, field: str = "wilayah__kode") -> QuerySet:
    """THE restrict selector: the rows of `qs` whose `field` (a wilayah code) lies in the user's
    scope; nothing for a user without assignment or without a login."""
    return lingkup_baca(user).saring(qs, field)


def terbaca(qs: QuerySet, user, field: str | None = "wilayah__kode", *,
            publik: Callable[[], QuerySet] | None = None) -> QuerySet:
    """What any caller may read of `qs`: a signed-in user the rows of its scope (`dapat_dibaca`);
    an anonymous visitor the rows of the named public selector `publik` (approved/published data
    of every wilayah), or nothing without one. `field=None` declares reference data that belongs
    to no wilayah (the indicator catalog): every caller reads all of it."""
    if field is None:
        return qs
    if getattr(user, "is_authenticated", False):
        return dapat_dibaca(qs, user, field)
    return publik() if publik is not None else qs.none()


def lingkup_wajib(view):
    """The base of every staff function view (instead of `login_required`, which
    `tests/test_struktur.py` keeps out of views): a login, and the caller's scope on
    `request.lingkup` for the view and its template (computed on first use, once per request)."""

    @login_required
    @wraps(view)
    def dengan_lingkup(request, *args, **kwargs):
        request.lingkup = SimpleLazyObject(lambda: lingkup_baca(request.user))
        return view(request, *args, **kwargs)

    return dengan_lingkup
