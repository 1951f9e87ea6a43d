"""Thin Celery tasks of notifications: ids in, a service call. E-mails are retried with backoff;
in eager mode (the embedded demo, tests) a failure is left for `kirim_ulang_surel` (beat)."""
import datetime
import logging

from celery import shared_task

from . import services
from .models import Notifikasi, StatusSurel

log = logging.getLogger(__name__)


def transisi_terjadi(riwayat) -> None:
    """The step registry's `saat_transisi` (after the transition committed): hand it to Celery."""
    buat_untuk_transisi.delay(riwayat.pk)


@shared_task(name="notifikasi.buat_untuk_transisi")
def buat_untuk_transisi(riwayat_id: int) -> int:
    from aksi.models import RiwayatLaporan

    riwayat = RiwayatLaporan.objects.select_related("laporan__wilayah", "laporan__tahapan", "bagian__unit", "oleh").get(pk=riwayat_id)
    dibuat = services.notifikasi_transisi(riwayat)
    return _antre_surel(dibuat)


def _antre_surel(dibuat) -> int:
    """Queue the e-mail of every new notification whose user wants e-mail; the count made."""
    for n in dibuat:
        if n.surel == StatusSurel.MENUNGGU:
            kirim_surel.delay(n.pk)
    return len(dibuat)


@shared_task(name="notifikasi.kirim_surel", bind=True, max_retries=5)
def kirim_surel(self, notifikasi_id: int) -> bool:
    try:
        return services.surel_kirim(Notifikasi(pk=notifikasi_id))
    except Exception as exc:
        log.warning("surel notifikasi %s gagal: %s", notifikasi_id, exc)
        if self.request.is_eager or self.request.retries >= self.max_retries:
            return False  # recorded as GAGAL; kirim_ulang_surel tries again later
        raise self.retry(exc=exc, countdown=60 * 2 ** self.request.retries) from exc


@shared_task(name="notifikasi.kirim_ulang_surel")
def kirim_ulang_surel() -> int:
    """Every e-mail that failed, once more (beat, every 15 minutes)."""
    terkirim = 0
    for pk in Notifikasi.objects.filter(surel=StatusSurel.GAGAL, surel_percobaan__lt=services.BATAS_PERCOBAAN) \
            .values_list("pk", flat=True):
        try:
            terkirim += services.surel_kirim(Notifikasi(pk=pk))
        except Exception:  # recorded; the next run tries again
            pass
    return terkirim


def _hari(hari: str | None):
    from aksi.jadwal import hari_ini

    return datetime.date.fromisoformat(hari) if hari else hari_ini()


@shared_task(name="notifikasi.pengingat_harian")
def pengingat_harian(hari: str | None = None) -> int:
    """Beat, every morning: reminders of windows closing in 7, 3 and 1 days."""
    dibuat = services.pengingat_harian(_hari(hari))
    return _antre_surel(dibuat)


@shared_task(name="notifikasi.ringkasan_mingguan")
def ringkasan_mingguan(hari: str | None = None) -> int:
    """Beat, every Monday morning: the idle parts below each supervisor."""
    dibuat = services.ringkasan_mingguan(_hari(hari))
    return _antre_surel(dibuat)


def pengaduan_berubah(pengaduan, peristiwa: str) -> None:
    """pengaduan's after-commit hook: hand the event to Celery."""
    buat_untuk_pengaduan.delay(pengaduan.pk, peristiwa)


@shared_task(name="notifikasi.buat_untuk_pengaduan")
def buat_untuk_pengaduan(pengaduan_id: int, peristiwa: str) -> int:
    from pengaduan.models import Pengaduan

    pengaduan = Pengaduan.objects.select_related("wilayah", "petugas").get(pk=pengaduan_id)
    if peristiwa == "jawab":
        kirim_surel_pelapor.delay(pengaduan.pk)
        return 0
    dibuat = services.notifikasi_pengaduan(pengaduan, peristiwa)
    return _antre_surel(dibuat)


@shared_task(name="notifikasi.kirim_surel_pelapor", bind=True, max_retries=5)
def kirim_surel_pelapor(self, pengaduan_id: int) -> bool:
    from pengaduan.models import Pengaduan

    try:
        return services.surel_pelapor(Pengaduan.objects.get(pk=pengaduan_id))
    except Exception as exc:
        log.warning("surel pelapor pengaduan %s gagal: %s", pengaduan_id, exc)
        if self.request.is_eager or self.request.retries >= self.max_retries:
            return False  # the answer stays on the tracking page
        raise self.retry(exc=exc, countdown=60 * 2 ** self.request.retries) from exc
