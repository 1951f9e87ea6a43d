"""Reads of the public complaints.

`pengaduan_lacak` is the one public read: a complaint's status and answer by its tracking code
(the page shows nothing personal). Staff reads go through wilayah.lingkup.lingkup_baca;
out-of-scope complaints answer 404 like missing ones.
"""
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from wilayah.choices import Peran
from wilayah.models import Penugasan, kode_leluhur
from wilayah.lingkup import lingkup_baca

from .models import Pengaduan, normalkan_kode


def pengaduan_lacak(kode: str) -> Pengaduan | None:
    """The complaint of a tracking code, for the public status page (which shows no personal data)."""
    kode = normalkan_kode(kode)
    if not kode:
        return None
    return Pengaduan.objects.select_related("wilayah").filter(kode=kode).first()


def pengaduan_dapat_dibaca(user) -> QuerySet[Pengaduan]:
    qs = Pengaduan.objects.select_related("wilayah", "petugas")
    return lingkup_baca(user).saring(qs, "wilayah__kode")


def pengaduan_ambil(*, user, pk: int) -> Pengaduan:
    try:
        return pengaduan_dapat_dibaca(user).get(pk=pk)
    except Pengaduan.DoesNotExist as exc:
        raise Http404("Pengaduan tidak ditemukan.") from exc


def _penugasan_penanganan(kode_wilayah: str) -> QuerySet[Penugasan]:
    """Assignments that handle complaints of a wilayah: any role but pemantau, on it, above it, or nasional."""
    return Penugasan.objects.exclude(peran=Peran.PEMANTAU).filter(
        Q(wilayah__isnull=True) | Q(wilayah_id__in=[kode_wilayah, *kode_leluhur(kode_wilayah)])
    )


def boleh_menangani(user, pengaduan: Pengaduan) -> bool:
    """Staff who read the wilayah and hold a working role there or above (pemantau only read)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not lingkup_baca(user).mencakup(pengaduan.wilayah_id):
        return False
    return user.is_superuser or _penugasan_penanganan(pengaduan.wilayah_id).filter(user=user).exists()


def calon_petugas(pengaduan: Pengaduan):
    """Users a complaint may be assigned to: working roles in its wilayah and the regions above."""
    penugasan = _penugasan_penanganan(pengaduan.wilayah_id).filter(wilayah__isnull=False)
    return get_user_model().objects.filter(is_active=True, penugasan__in=penugasan).distinct().order_by("username")
