"""Who must hear of a transition, and what a user reads (issue 15, item 2)."""
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from aksi.choices import StatusLaporan, Transisi
from aksi.models import RiwayatLaporan
from wilayah.choices import Peran
from wilayah.models import Penugasan

from .models import Notifikasi


def _pemegang(laporan, peran: tuple[str, ...], unit_id: str | None = None):
    """Active users holding one of `peran` at the Laporan's wilayah, for the part's unit (an
    assignment without unit, or a part without unit, serves every unit)."""
    qs = Penugasan.objects.filter(wilayah_id=laporan.wilayah_id, peran__in=peran, user__is_active=True)
    if unit_id is not None:
        qs = qs.filter(unit_id__in=[unit_id]) | qs.filter(unit__isnull=True)
    return get_user_model().objects.filter(pk__in=qs.values("user_id")).order_by("pk")


def penerima_transisi(riwayat) -> list:
    """The users who must act next (or should know) after this transition, the actor excluded."""
    laporan = riwayat.laporan
    unit = riwayat.bagian.unit_id if riwayat.bagian_id else None
    if riwayat.transisi == Transisi.AJUKAN:
        penerima = _pemegang(laporan, (Peran.VERIFIKATOR,), unit)
    elif riwayat.transisi == Transisi.VERIFIKASI:
        # the approver is told once, by the verification that completed the Laporan: every part
        # verified now, and nothing happened to it since this transition
        terakhir = RiwayatLaporan.objects.filter(laporan=laporan).order_by("-id").values_list("id", flat=True).first()
        lengkap = laporan.status == StatusLaporan.DIVERIFIKASI and terakhir == riwayat.pk
        penerima = _pemegang(laporan, (Peran.APPROVER,)) if lengkap else []
    elif riwayat.transisi == Transisi.KEMBALIKAN:
        penerima = _pemegang(laporan, (Peran.OPERATOR,), unit)
    elif riwayat.transisi in (Transisi.SETUJUI, Transisi.BUKA_KEMBALI):
        penerima = _pemegang(laporan, (Peran.OPERATOR, Peran.VERIFIKATOR))
    else:
        penerima = []
    return [u for u in penerima if u.pk != riwayat.oleh_id]


def notifikasi_saya(user) -> QuerySet[Notifikasi]:
    return Notifikasi.objects.filter(penerima=user)


def jumlah_belum_dibaca(user) -> int:
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).count()


def surel_aktif(user) -> bool:
    pengaturan = getattr(user, "pengaturan_notifikasi", None)
    return pengaturan.surel if pengaturan is not None else True
