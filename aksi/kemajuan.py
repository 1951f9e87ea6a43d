"""A step's progress over its reporting window in the wilayah directly below (Pantau, issue 17
item 2; D102): per day, how many of them had submitted (a first part submitted) and how many had
their Laporan approved, from the transition history — a cumulative chart and its table."""
import datetime
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from .choices import Transisi
from .models import Jadwal, RiwayatLaporan

LEBAR, TINGGI, KIRI, BAWAH, ATAS = 640, 200, 36, 34, 10  # SVG box and margins


@dataclass
class Kemajuan:
    total: int  # the wilayah below that must report
    hari: list[datetime.date]
    diajukan: list[int]  # cumulative, per day
    disetujui: list[int]
    garis_diajukan: str = ""  # SVG polyline points
    garis_disetujui: str = ""
    sumbu_y: list[tuple[float, int]] = None
    label_x: list[tuple[float, str]] = None
    lebar: int = LEBAR
    tinggi: int = TINGGI

    @property
    def baris(self) -> list[tuple[datetime.date, int, int]]:
        """The table under the chart: only the days something changed, and the last day."""
        hasil, lalu = [], None
        for i, h in enumerate(self.hari):
            titik = (self.diajukan[i], self.disetujui[i])
            if titik != lalu or i == len(self.hari) - 1:
                hasil.append((h, *titik))
                lalu = titik
        return hasil


def kemajuan_harian(*, wilayah, tahapan, tahun: int, anak: list) -> Kemajuan | None:
    """None when the step has no window at the children's level that year or nothing happened yet."""
    if not anak:
        return None
    jadwal = Jadwal.objects.filter(siklus_id=tahun, tahapan=tahapan, tingkat=anak[0].tingkat).first()
    kode = [w.kode for w in anak]
    riwayat = RiwayatLaporan.objects.filter(laporan__tahun=tahun, laporan__tahapan=tahapan, laporan__wilayah_id__in=kode)
    pertama = {t: dict(riwayat.filter(transisi=t).values("laporan__wilayah_id").annotate(w=Min("waktu"))
                       .values_list("laporan__wilayah_id", "w")) for t in (Transisi.AJUKAN, Transisi.SETUJUI)}
    if not any(pertama.values()) and jadwal is None:
        return None
    semua = [timezone.localtime(w).date() for d in pertama.values() for w in d.values()]
    mulai = min([jadwal.mulai] if jadwal else semua)
    akhir = max([*( [jadwal.selesai] if jadwal else []), *semua, min(timezone.localdate(), jadwal.selesai if jadwal else timezone.localdate())])
    if (akhir - mulai).days > 400:  # an open-ended demo window: from the first event
        mulai = min(semua) if semua else akhir
    hari = [mulai + datetime.timedelta(days=i) for i in range((akhir - mulai).days + 1)]

    def kumulatif(t):
        tanggal = sorted(timezone.localtime(w).date() for w in pertama[t].values())
        return [sum(1 for d in tanggal if d <= h) for h in hari]

    k = Kemajuan(len(anak), hari, kumulatif(Transisi.AJUKAN), kumulatif(Transisi.SETUJUI))
    langkah = (LEBAR - KIRI - 16) / max(len(hari) - 1, 1)
    skala = (TINGGI - BAWAH - ATAS) / max(k.total, 1)

    def titik(seri):
        return " ".join(f"{round(KIRI + i * langkah, 1)},{round(TINGGI - BAWAH - v * skala, 1)}" for i, v in enumerate(seri))

    k.garis_diajukan, k.garis_disetujui = titik(k.diajukan), titik(k.disetujui)
    k.sumbu_y = [(round(TINGGI - BAWAH - v * skala, 1), v) for v in sorted({0, k.total // 2, k.total})]
    tanda = sorted({0, len(hari) // 2, len(hari) - 1})
    k.label_x = [(round(KIRI + i * langkah, 1), hari[i].strftime("%d-%m")) for i in tanda]
    return k
