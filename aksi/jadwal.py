"""Schedule windows: when a step may be filled in a wilayah (jadwal plus extensions)."""
import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Max
from django.utils import timezone

from wilayah.models import kode_leluhur

from .models import Jadwal, Laporan, PerpanjanganJadwal


def hari_ini() -> datetime.date:
    return timezone.localdate()  # Asia/Jakarta


def jadwal_laporan(laporan: Laporan) -> Jadwal | None:
    return Jadwal.objects.filter(
        siklus_id=laporan.tahun, tahapan_id=laporan.tahapan_id, tingkat=laporan.wilayah.tingkat
    ).first()


def jendela_laporan(laporan: Laporan) -> tuple[datetime.date, datetime.date] | None:
    """(opens, closes) for this Laporan's wilayah; an extension on it or an ancestor moves the close."""
    jadwal = jadwal_laporan(laporan)
    if jadwal is None:
        return None
    kode = [laporan.wilayah_id, *kode_leluhur(laporan.wilayah_id)]
    perpanjangan = PerpanjanganJadwal.objects.filter(jadwal=jadwal, wilayah_id__in=kode).aggregate(m=Max("selesai"))["m"]
    return jadwal.mulai, max(jadwal.selesai, perpanjangan) if perpanjangan else jadwal.selesai


def jendela_terbuka(laporan: Laporan, hari: datetime.date | None = None) -> bool:
    if laporan.dibuka_kembali:
        return True
    jendela = jendela_laporan(laporan)
    if jendela is None:
        return False
    hari = hari or hari_ini()
    return jendela[0] <= hari <= jendela[1]


def keterangan_jendela(laporan: Laporan) -> str:
    jendela = jendela_laporan(laporan)
    if jendela is None:
        return f"Jadwal {laporan.tahapan} {laporan.tahun} untuk tingkat ini belum ditetapkan."
    return f"Jadwal pengisian {jendela[0]:%d-%m-%Y} s.d. {jendela[1]:%d-%m-%Y}."


class JendelaTahun:
    """Every window of some years at once, extensions included, for pages and tasks that need
    the windows of many Laporan (work queues, reminders): the same answer as `jendela_laporan`,
    from two queries instead of two per Laporan."""

    def __init__(self, tahun: Iterable[int]):
        self.jadwal = {(j.siklus_id, j.tahapan_id, j.tingkat): j for j in Jadwal.objects.filter(siklus_id__in=list(tahun))}
        self.perpanjangan: dict[int, dict[str, datetime.date]] = defaultdict(dict)
        for p in PerpanjanganJadwal.objects.filter(jadwal__in=[j.pk for j in self.jadwal.values()]):
            self.perpanjangan[p.jadwal_id][p.wilayah_id] = p.selesai

    def rentang(self, tahun: int, tahapan_id: str, kode: str, tingkat: int) -> tuple[datetime.date, datetime.date] | None:
        jadwal = self.jadwal.get((tahun, tahapan_id, tingkat))
        if jadwal is None:
            return None
        ext = self.perpanjangan.get(jadwal.pk, {})
        tutup = max([jadwal.selesai, *(ext[k] for k in (kode, *kode_leluhur(kode)) if k in ext)])
        return jadwal.mulai, tutup
