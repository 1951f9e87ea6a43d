"""Reads scoped to a user. `lingkup_baca` is THE scoping selector: every view and endpoint
that shows wilayah-owned data filters through it, so no screen can forget tenancy."""
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from .choices import Izin
from .lingkup import di_dalam, q_dalam
from .models import Penugasan, Wilayah, kode_leluhur


def dalam_wilayah_q(kode_akar: list[str] | tuple[str, ...], field: str = "kode") -> Q:
    """Q matching the regions (or rows keyed by a region code in `field`) inside the given subtrees."""
    return q_dalam(kode_akar, field)


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
        return Q() if self.semua else dalam_wilayah_q(self.akar, field)

    def mencakup(self, kode: str) -> bool:
        return self.semua or any(di_dalam(kode, a) for a in self.akar)

    def saring(self, qs: QuerySet, field: str = "kode") -> QuerySet:
        return qs if self.semua else qs.filter(self.q(field))


# What anonymous visitors may read: every wilayah, but only approved and published data
# (each selector that accepts anonymous callers adds that condition itself).
LINGKUP_PUBLIK = Lingkup(semua=True, akar=())


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
    a user without any assignment reads nothing.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Lingkup(semua=False, akar=())
    cached = getattr(user, "_lingkup_baca", None)
    if cached is not None:
        return cached
    if user.is_superuser or user.has_perm(f"wilayah.{Izin.LIHAT}"):
        lingkup = Lingkup(semua=True, akar=())
    else:
        kode = get_objects_for_user(
            user, f"wilayah.{Izin.LIHAT}", klass=Wilayah, accept_global_perms=False, with_superuser=False
        ).values_list("kode", flat=True)
        lingkup = Lingkup(semua=False, akar=_tanpa_tumpang_tindih(list(kode)))
    user._lingkup_baca = lingkup
    return lingkup


def wilayah_dapat_dibaca(user) -> QuerySet[Wilayah]:
    return lingkup_baca(user).saring(Wilayah.objects.all())


def wilayah_ambil(*, user, kode: str) -> Wilayah:
    """One region the user may read, or 404: regions outside the scope do not exist for it."""
    if not lingkup_baca(user).mencakup(kode):
        raise Http404("Wilayah tidak ditemukan.")
    try:
        return Wilayah.objects.get(kode=kode)
    except Wilayah.DoesNotExist as exc:
        raise Http404("Wilayah tidak ditemukan.") from exc


def wilayah_akar_lingkup(user) -> QuerySet[Wilayah]:
    """The top regions of a user's scope: the 38 provinces for nation-wide readers."""
    lingkup = lingkup_baca(user)
    if lingkup.semua:
        return Wilayah.objects.filter(tingkat=1)
    return Wilayah.objects.filter(kode__in=lingkup.akar)


def wilayah_untuk_aksi(user, izin: str) -> QuerySet[Wilayah]:
    """Regions where the user holds an action permission itself (act on one's own wilayah)."""
    if user.is_superuser:
        return Wilayah.objects.all()
    return get_objects_for_user(user, f"wilayah.{izin}", klass=Wilayah, accept_global_perms=False, with_superuser=False)


def boleh_bertindak(user, izin: str, wilayah: Wilayah) -> bool:
    """Whether the user may perform `izin` on `wilayah`.

    Operator, verifikator and approver rights hold on the assigned wilayah only;
    an administrator's `kelola_wilayah` also reaches down its subtree.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if izin == Izin.KELOLA:
        if user.has_perm(f"wilayah.{izin}"):  # nation-wide administrator
            return True
        kandidat = Wilayah.objects.filter(kode__in=[*kode_leluhur(wilayah.kode), wilayah.kode])
        return get_objects_for_user(
            user, f"wilayah.{izin}", klass=kandidat, accept_global_perms=False, with_superuser=False
        ).exists()
    return user.has_perm(f"wilayah.{izin}", wilayah)


def penugasan_milik(user) -> QuerySet[Penugasan]:
    return Penugasan.objects.filter(user=user).select_related("wilayah", "unit").order_by("wilayah_id", "peran")
