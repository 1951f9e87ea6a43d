"""What a wilayah administrator manages: the wilayah where it holds the administrator role and
their subtrees (a superuser: everything), and the users with an assignment there."""
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404

from wilayah.choices import Peran
from wilayah.lingkup import di_dalam, q_dalam
from wilayah.models import Penugasan, UnitKerja, Wilayah


def akar_kelola(user) -> list[str] | None:
    """Codes of the wilayah the user administers (None: all of them, a superuser)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    return sorted(set(Penugasan.objects.filter(user=user, peran=Peran.ADMINISTRATOR, wilayah__isnull=False)
                      .values_list("wilayah_id", flat=True)))


def boleh_administrasi(user) -> bool:
    akar = akar_kelola(user)
    return akar is None or bool(akar)


def wajib_administrator(user) -> list[str] | None:
    """The administered roots, or 404 for a user who administers nothing."""
    akar = akar_kelola(user)
    if akar is not None and not akar:
        raise Http404("Halaman tidak ditemukan.")
    return akar


def dalam_kelola(akar: list[str] | None, kode: str | None) -> bool:
    if akar is None:
        return True
    return kode is not None and any(di_dalam(kode, a) for a in akar)


def pengguna_kelola(user, cari: str = "") -> QuerySet:
    """Users with at least one assignment inside what `user` administers."""
    akar = wajib_administrator(user)
    qs = get_user_model().objects.all()
    if akar is not None:
        penugasan = Penugasan.objects.filter(q_dalam(akar, "wilayah__kode"))
        qs = qs.filter(pk__in=penugasan.values("user_id"))
    if cari:
        qs = qs.filter(username__icontains=cari) | qs.filter(first_name__icontains=cari) | qs.filter(email__icontains=cari)
    return qs.order_by("username").distinct()


def pengguna_ambil(user, pk: int):
    """One managed user, or 404: users outside the subtree do not exist for this administrator."""
    try:
        return pengguna_kelola(user).get(pk=pk)
    except get_user_model().DoesNotExist as exc:
        raise Http404("Pengguna tidak ditemukan.") from exc


def penugasan_pengguna(user, target) -> list:
    """The target's assignments, each marked whether this administrator may withdraw it."""
    akar = akar_kelola(user)
    hasil = []
    for p in Penugasan.objects.filter(user=target).select_related("wilayah", "unit").order_by("wilayah_id", "peran"):
        p.boleh_cabut = dalam_kelola(akar, p.wilayah_id)
        hasil.append(p)
    return hasil


def wilayah_pilihan(user) -> QuerySet[Wilayah]:
    """The wilayah an administrator may assign roles in (no desa: roles sit at kecamatan and above)."""
    akar = wajib_administrator(user)
    qs = Wilayah.objects.filter(tingkat__lte=3)
    return (qs if akar is None else qs.filter(q_dalam(akar))).order_by("kode")


def unit_semua() -> QuerySet[UnitKerja]:
    return UnitKerja.objects.order_by("urutan", "pk")


# --- schedule windows and extensions -------------------------------------------------------------

def jadwal_tahun(tahun: int):
    """Every window of a year, by step order and level."""
    from aksi.models import Jadwal

    return list(Jadwal.objects.filter(siklus_id=tahun).select_related("tahapan").order_by("tahapan__urutan", "tingkat"))


def perpanjangan_kelola(user, tahun: int):
    """The extensions granted inside what `user` administers, newest first."""
    from aksi.models import PerpanjanganJadwal

    akar = wajib_administrator(user)
    qs = PerpanjanganJadwal.objects.filter(jadwal__siklus_id=tahun).select_related("jadwal__tahapan", "wilayah", "dibuat_oleh")
    if akar is not None:
        qs = qs.filter(q_dalam(akar, "wilayah__kode"))
    return list(qs.order_by("-dibuat_pada"))


def permintaan_perpanjangan(user, tahun: int) -> tuple[list, list]:
    """(requests from the wilayah below waiting for this administrator's decision, every request
    of the administered wilayah themselves and below, newest first)."""
    from aksi.models import PermintaanPerpanjangan, StatusPermintaan

    akar = wajib_administrator(user)
    qs = PermintaanPerpanjangan.objects.filter(jadwal__siklus_id=tahun).select_related(
        "jadwal__tahapan", "wilayah", "diminta_oleh", "diputuskan_oleh")
    semua = qs if akar is None else qs.filter(q_dalam(akar, "wilayah__kode"))
    bawah = qs if akar is None else qs.filter(q_dalam(akar, "wilayah__kode", termasuk_diri=False))
    return list(bawah.filter(status=StatusPermintaan.MENUNGGU)), list(semua[:100])
