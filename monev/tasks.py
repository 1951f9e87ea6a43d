"""Celery tasks of the roll-up, and the hook that enqueues the incremental one.

`monev.rekap_kecamatan` recomputes one kecamatan and its ancestors; it is enqueued after
commit whenever a kecamatan Laporan of a step with a periode enters or leaves "disetujui"
(approval, reopening). `monev.rekap_bangun_ulang` rebuilds everything and reports its
progress (state PROGRESS, meta langkah/total/persen/keterangan) for the rekap page.
"""
import logging

from celery import shared_task
from django.db import transaction

from aksi.choices import StatusLaporan
from wilayah.choices import PANJANG_KODE, Tingkat

from . import services as layanan

log = logging.getLogger(__name__)


@shared_task(name="monev.rekap_kecamatan")
def rekap_kecamatan(kode: str, tahun: int, periode: str) -> dict[str, int]:
    return layanan.rekap_kecamatan(kode_kecamatan=kode, tahun=tahun, periode=periode)


@shared_task(name="monev.rekap_bangun_ulang", bind=True)
def rekap_bangun_ulang(self, tahun: int | None = None) -> dict[str, int]:
    def progres(langkah: int, total: int, keterangan: str) -> None:
        self.update_state(state="PROGRESS", meta={
            "langkah": langkah, "total": total, "persen": round(langkah * 100 / total), "keterangan": keterangan,
        })

    return layanan.rekap_bangun_ulang(tahun=tahun, progres=progres)


# --- the hook (connected in MonevConfig.ready) ---------------------------------------------------

def laporan_ingat_status(sender, instance, **kwargs) -> None:
    """post_init: remember the status as loaded, to see later whether a save changed it."""
    instance._status_rekap = instance.__dict__.get("status")


def laporan_tersimpan(sender, instance, created=False, raw=False, **kwargs) -> None:
    """post_save: a kecamatan Laporan with a periode entered or left "disetujui" -> enqueue its
    kecamatan's incremental roll-up once the transaction commits."""
    lama, baru = getattr(instance, "_status_rekap", None), instance.status
    instance._status_rekap = baru
    if raw or (lama == StatusLaporan.DISETUJUI) == (baru == StatusLaporan.DISETUJUI):
        return
    if len(instance.wilayah_id or "") != PANJANG_KODE[Tingkat.KECAMATAN]:
        return
    periode = instance.tahapan.periode
    if not periode:
        return
    argumen = (instance.wilayah_id, instance.tahun, periode)
    # robust: a broker hiccup (or an eager failure) must not undo or fail the approval itself
    transaction.on_commit(lambda: rekap_kecamatan.delay(*argumen), robust=True)
