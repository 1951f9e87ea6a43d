"""Who may start the Penilaian's writes from the portal, and the write that prepares the default
scoring rules (used by the penilaian page, `manage.py aturan_bawaan` and `siapkan_demo`).

A scoring rule (`AturanPenilaian`) holds for one year and level everywhere, so creating one is a
national act. The portal only ever creates the documented default where a (year, level) has no
active rule, never replaces or edits one (that stays in the admin): whoever may recompute a level
may create that level's missing default — superusers and nation-wide administrators every level,
the administrator (`kelola_wilayah`) of a wilayah the levels at and below that wilayah's.
"""
from django.db import IntegrityError, transaction

from wilayah.choices import Izin
from wilayah.models import Wilayah
from wilayah.selectors import boleh_bertindak, wilayah_untuk_aksi

from .models_penilaian import AturanPenilaian, TingkatPenilaian
from .penilaian import PenilaianGagal, aturan_bawaan_buat


def _nasional(user) -> bool:
    return user.is_superuser or user.has_perm(f"wilayah.{Izin.KELOLA}")


def boleh_hitung_ulang(user, wilayah: Wilayah | None) -> bool:
    """Administrators recompute: nation-wide ones everything, a wilayah's administrator its subtree."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if wilayah is None:
        return _nasional(user)
    return boleh_bertindak(user, Izin.KELOLA, wilayah)


def boleh_buat_aturan(user, tingkat: int) -> bool:
    """Whether the user may create the missing default rule of a level (see the module's doc)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _nasional(user):
        return True
    return wilayah_untuk_aksi(user, Izin.KELOLA).filter(tingkat__lte=tingkat).exists()


def tingkat_aturan_dikelola(user) -> list[int]:
    """The levels whose missing default rule the user may create, top first."""
    return [t for t in TingkatPenilaian.values if boleh_buat_aturan(user, t)]


def aturan_bawaan_siapkan(*, tahun: int, tingkat: list[int] | None = None, oleh=None,
                          ganti: bool = False) -> list[tuple[AturanPenilaian, bool]]:
    """Make sure (tahun, each level) has an active rule, creating the default where none is
    (`monev.penilaian.aturan_bawaan_buat`: atomic, audited). Returns (rule, created) per level.

    `oleh=None` is the system (management commands). A person may only create the levels
    `boleh_buat_aturan` allows, and never replace a rule (`ganti` is for the command line)."""
    daftar = list(tingkat or TingkatPenilaian.values)
    if not 2000 <= tahun <= 2100:
        raise PenilaianGagal(f"Tahun {tahun} di luar rentang 2000–2100.")
    if oleh is not None:
        if ganti and not oleh.is_superuser:
            raise PenilaianGagal("Mengganti aturan aktif hanya lewat halaman admin atau manage.py aturan_bawaan --ganti.")
        ditolak = [TingkatPenilaian(t).label for t in daftar if t in TingkatPenilaian.values and not boleh_buat_aturan(oleh, t)]
        if ditolak:
            raise PenilaianGagal(f"Anda tidak mengelola aturan penilaian tingkat {', '.join(ditolak)}.")
    hasil = []
    with transaction.atomic():
        for t in daftar:
            try:
                with transaction.atomic():  # a concurrent creation of the same rule loses the unique race here
                    hasil.append(aturan_bawaan_buat(tahun=tahun, tingkat=t, oleh=oleh, ganti=ganti))
            except IntegrityError:
                hasil.append((AturanPenilaian.objects.get(tahun=tahun, tingkat=t, aktif=True), False))
    return hasil
