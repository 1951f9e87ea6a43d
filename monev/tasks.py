"""Celery tasks of the roll-up, and the hook that enqueues the incremental one.

`monev.rekap_kecamatan` recomputes one kecamatan and its ancestors; it is enqueued after
commit whenever a transition moves a kecamatan Laporan of a step with a periode into or out
of "disetujui" (approval, reopening), or when the level above accepts it in a year that counts
accepted data only. `monev.rekap_bangun_ulang` rebuilds everything and reports its
progress (state PROGRESS, meta langkah/total/persen/keterangan) for the rekap page.
"""
import logging

from celery import shared_task

from aksi.choices import StatusLaporan, Transisi
from aksi.models import Siklus
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


# --- the hook (registered in MonevConfig.ready as the step registry's saat_status_berubah) ------------

def laporan_status_berubah(laporan, dari: str, ke: str) -> None:
    """After a transition committed: a kecamatan Laporan with a periode entered or left
    "disetujui" (approval, reopening) -> enqueue its kecamatan's incremental roll-up. The
    registry calls this robustly: a broker hiccup never undoes or fails the transition."""
    if (dari == StatusLaporan.DISETUJUI) == (ke == StatusLaporan.DISETUJUI):
        return
    _rekap_laporan(laporan)


def laporan_diterima(riwayat) -> None:
    """After a transition committed: the level above accepted a kecamatan Laporan in a year whose
    roll-up counts accepted data only (D87) -> the same incremental roll-up."""
    if riwayat.transisi != Transisi.TERIMA:
        return
    laporan = riwayat.laporan
    if Siklus.objects.filter(tahun=laporan.tahun, rekap_hanya_diterima=True).exists():
        _rekap_laporan(laporan)


def _rekap_laporan(laporan) -> None:
    if len(laporan.wilayah_id or "") != PANJANG_KODE[Tingkat.KECAMATAN]:
        return
    periode = laporan.tahapan.periode
    if not periode:
        return
    rekap_kecamatan.delay(laporan.wilayah_id, laporan.tahun, periode)
