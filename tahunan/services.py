"""Writes of the annual report (D94): ask for it (the task makes it after the commit), and the
task's own record of progress and result."""
import datetime

from django.db import transaction
from django.utils import timezone

from inti.berkas import tandai_pembuatan
from inti.galat import Ditolak
from inti.services import audit_catat
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .choices import StatusBuat
from .models import LaporanTahunan

MACET = datetime.timedelta(minutes=10)  # a report "being made" longer than this was lost (a worker died): ask again


def laporan_tahunan_minta(*, oleh, wilayah: Wilayah, tahun: int) -> LaporanTahunan:
    """Queue the report of (wilayah, tahun) to be made from the data as it is now. A report being
    made is not asked for twice. The caller's scope is checked by the view (wilayah_ambil)."""
    if wilayah.tingkat not in (Tingkat.PROVINSI, Tingkat.KABKOTA, Tingkat.KECAMATAN):
        raise Ditolak("Laporan tahunan dibuat untuk provinsi, kabupaten/kota dan kecamatan.")
    from .tasks import buat_laporan_tahunan

    with transaction.atomic():
        lap, baru = LaporanTahunan.objects.select_for_update().get_or_create(
            wilayah=wilayah, tahun=tahun, defaults={"diminta_oleh": oleh, "diminta_pada": timezone.now()})
        if not baru and lap.status in (StatusBuat.ANTRE, StatusBuat.PROSES) and timezone.now() - lap.diminta_pada < MACET:
            raise Ditolak("Laporan tahunan ini sedang dibuat; tunggu sampai selesai.")
        lap.status, lap.galat, lap.diminta_oleh, lap.diminta_pada, lap.selesai_pada = StatusBuat.ANTRE, "", oleh, timezone.now(), None
        lap.save()
        audit_catat(pengguna=oleh, aksi="laporan_tahunan_minta", objek=lap, wilayah_kode=wilayah.kode, baru={"tahun": tahun})
        transaction.on_commit(lambda: buat_laporan_tahunan.delay(lap.pk), robust=True)
    return lap


def laporan_tahunan_tandai(lap: LaporanTahunan, status: str, *, pdf: bytes | None = None, galat: str = "") -> None:
    """The task's progress: being made, made (with the PDF), or failed (with the reason)."""
    tandai_pembuatan(LaporanTahunan, lap.pk, status, selesai=status in (StatusBuat.SELESAI, StatusBuat.GAGAL), isi=pdf,
                     nama=f"{lap.wilayah_id}-{lap.tahun}.pdf", galat=galat)
