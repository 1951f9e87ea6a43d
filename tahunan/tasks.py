import logging

from celery import shared_task

from .choices import StatusBuat
from .models import LaporanTahunan
from .pdf import dokumen_laporan_tahunan
from .services import laporan_tahunan_tandai

log = logging.getLogger(__name__)


@shared_task(name="tahunan.buat_laporan_tahunan")
def buat_laporan_tahunan(pk: int) -> str:
    """Make the annual report's PDF (seconds for a provinsi: outside any request)."""
    lap = LaporanTahunan.objects.select_related("wilayah").get(pk=pk)
    laporan_tahunan_tandai(lap, StatusBuat.PROSES)
    try:
        pdf = dokumen_laporan_tahunan(lap.wilayah, lap.tahun)
    except Exception as exc:  # recorded on the page; the user asks again
        log.exception("laporan tahunan %s gagal", pk)
        laporan_tahunan_tandai(lap, StatusBuat.GAGAL, galat=f"{type(exc).__name__}: {exc}")
        return StatusBuat.GAGAL
    laporan_tahunan_tandai(lap, StatusBuat.SELESAI, pdf=pdf)
    return StatusBuat.SELESAI
