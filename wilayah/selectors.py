"""Reads of regions and assignments, scoped to the user through wilayah.lingkup (the scoping
module: `lingkup_baca`, `dapat_dibaca`), and who may act where (`boleh_bertindak`)."""
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from .choices import Izin, Tingkat
from .lingkup import dapat_dibaca, lingkup_baca
from .models import Penugasan, Wilayah, kode_leluhur


def wilayah_dapat_dibaca(user) -> QuerySet[Wilayah]:
    return dapat_dibaca(Wilayah.objects.all(), user, "kode")


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


# --- the letterhead of official documents (D100) -----------------------------------------------------

@dataclass(frozen=True)
class Kop:
    baris: tuple[str, ...]  # "PEMERINTAH KABUPATEN BENGKULU SELATAN", then "KECAMATAN KEDURANG" below a kab/kota
    logo: str = ""  # a data: URL (PDFs fetch nothing else), or ""


def kop_surat(wilayah) -> Kop | None:
    """The letterhead of a wilayah's documents: its government's name (a kecamatan writes under its
    kab/kota's, a desa under its own) and the logo its administrator set (its own, else the nearest
    ancestor's)."""
    import base64

    from .models import KopSurat

    if wilayah is None:
        return None
    if wilayah.tingkat in (Tingkat.PROVINSI, Tingkat.KABKOTA, Tingkat.DESA):
        baris = (f"PEMERINTAH {wilayah.nama_lengkap.upper()}",)
    else:  # a kecamatan is an office of its kab/kota's government
        baris = (f"PEMERINTAH {wilayah.induk.nama_lengkap.upper()}", wilayah.nama_lengkap.upper())
    logo = ""
    kop = KopSurat.objects.filter(wilayah_id__in=[wilayah.kode, *kode_leluhur(wilayah.kode)]).order_by("-wilayah_id").first()
    if kop and kop.logo:
        try:
            with kop.logo.open("rb") as f:
                isi = f.read()
        except OSError:  # a logo lost on the storage: the name alone
            isi = b""
        if isi:
            jenis = "image/png" if isi.startswith(b"\x89PNG") else "image/jpeg"
            logo = f"data:{jenis};base64,{base64.b64encode(isi).decode()}"
    return Kop(baris, logo)
