"""The data every scoring component reads, loaded once per run for all wilayah of a level."""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from aksi.choices import StatusLaporan, Transisi
from aksi.models import Jadwal, Laporan, PerpanjanganJadwal, RiwayatLaporan
from indikator.katalog import daftar_item
from inti.pdf import ZONA_WAKTU
from monev.models import Rekap

# The roll-up's own cell function, so coverage here is exactly what `rekap_cakupan` gives per wilayah.
from monev.selectors import cakupan_sel
from wilayah.lingkup import q_dalam
from wilayah.models import Wilayah, kode_leluhur

from .dasar import BAGIAN_MAJU, STATUS_MAJU

# --- the data every component reads, loaded once per run --------------------------------------

@dataclass
class BarisLaporan:
    pk: int
    status: str
    disetujui_pada: object
    bagian: int
    bagian_maju: int

    @property
    def selesai(self) -> bool:
        return self.status in STATUS_MAJU

    def bukti(self) -> dict:
        return {
            "pk": self.pk, "status": self.status, "status_label": StatusLaporan(self.status).label,
            "disetujui_pada": _waktu(self.disetujui_pada), "bagian": f"{self.bagian_maju}/{self.bagian}",
        }


def _waktu(nilai) -> str | None:
    """For the JSON evidence: local time, sortable."""
    return timezone.localtime(nilai, ZONA_WAKTU).strftime("%Y-%m-%d %H:%M") if nilai else None


def _tanggal(nilai) -> str:
    """For the sentences: local time the way officials write it."""
    return timezone.localtime(nilai, ZONA_WAKTU).strftime("%d-%m-%Y %H:%M")


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class DataPenilaian:
    """Lazy, cached bulk reads for one (tahun, tingkat, kode_awalan) run: a few queries each."""

    def __init__(self, *, tahun: int, tingkat: int, kode_awalan: str | None):
        self.tahun, self.tingkat, self.kode_awalan = tahun, tingkat, kode_awalan
        q = Wilayah.objects.filter(tingkat=tingkat)
        if kode_awalan:
            q = q.filter(q_dalam(kode_awalan))
        self._wilayah_qs = q
        self.wilayah = list(q.order_by("kode").values_list("kode", "jumlah_desa"))
        self.kode = [k for k, _ in self.wilayah]
        self.jumlah_desa = dict(self.wilayah)
        self._laporan: dict[str, dict[str, BarisLaporan]] | None = None
        self._diajukan: dict[int, object] | None = None
        self._tutup: dict[str, dict[str, object]] = {}
        self._cakupan: dict[str, dict] = {}
        self._katalog = None

    @property
    def katalog(self):
        """The per-desa items of the catalog (read once per run)."""
        if self._katalog is None:
            self._katalog = daftar_item()
        return self._katalog

    def saring_wilayah(self, field: str) -> Q:
        """Rows whose `field` holds a wilayah of this run."""
        q = Q(**{f"{field}__tingkat": self.tingkat})
        if self.kode_awalan:
            q &= q_dalam(self.kode_awalan, f"{field}__kode")
        return q

    def laporan_qs(self, tahapan: list[str] | None = None):
        qs = Laporan.objects.filter(self.saring_wilayah("wilayah"), tahun=self.tahun)
        return qs.filter(tahapan_id__in=tahapan) if tahapan is not None else qs

    def laporan(self, tahapan: str) -> dict[str, BarisLaporan]:
        """{wilayah: Laporan row} of one step (every step of the run loaded in one query)."""
        if self._laporan is None:
            self._laporan = defaultdict(dict)
            baris = (self.laporan_qs().order_by()
                     .annotate(n_bagian=Count("bagian"), n_maju=Count("bagian", filter=Q(bagian__status__in=BAGIAN_MAJU)))
                     .values_list("pk", "tahapan_id", "wilayah_id", "status", "disetujui_pada", "n_bagian", "n_maju"))
            for pk, th, wil, status, disetujui, n, maju in baris:
                self._laporan[th][wil] = BarisLaporan(pk, status, disetujui, n, maju)
        return self._laporan.get(tahapan, {})

    def diajukan_pada(self, laporan_pk: int):
        """When the last part of the Laporan was first submitted (max over parts of the first 'ajukan')."""
        if self._diajukan is None:
            self._diajukan = {}
            pertama = (RiwayatLaporan.objects.filter(laporan__in=self.laporan_qs(), transisi=Transisi.AJUKAN)
                       .order_by().values_list("laporan_id", "bagian_id").annotate(w=Min("waktu")))
            for lap, _bagian, waktu in pertama:
                if lap not in self._diajukan or waktu > self._diajukan[lap]:
                    self._diajukan[lap] = waktu
        return self._diajukan.get(laporan_pk)

    def tutup(self, tahapan: str) -> dict[str, object]:
        """{wilayah: closing date} of the step's window at this level, with extensions on the wilayah or an ancestor."""
        if tahapan not in self._tutup:
            jadwal = Jadwal.objects.filter(siklus_id=self.tahun, tahapan_id=tahapan, tingkat=self.tingkat).first()
            hasil = {}
            if jadwal is not None:
                perpanjangan = dict(PerpanjanganJadwal.objects.filter(jadwal=jadwal).values_list("wilayah_id", "selesai"))
                for kode in self.kode:
                    tanggal = [perpanjangan[k] for k in (kode, *kode_leluhur(kode)) if k in perpanjangan]
                    hasil[kode] = max([jadwal.selesai, *tanggal])
            self._tutup[tahapan] = hasil
        return self._tutup[tahapan]

    def cakupan(self, periode: str) -> dict[str, dict]:
        """{wilayah: {item: (pembilang, penyebut, persen)}}: what `rekap_cakupan` gives for each
        wilayah (same cell function), but from ONE query over the Rekap rows of all of them."""
        if periode not in self._cakupan:
            jumlah: dict[str, dict[str, int]] = defaultdict(dict)
            # the level's rows through their codes (Rekap's primary key leads with the code)
            qs = Rekap.objects.filter(tahun=self.tahun, periode=periode, wilayah_kode__in=self._wilayah_qs.values("kode"))
            for kode, item, n in qs.values_list("wilayah_kode", "item", "jumlah"):
                jumlah[kode][item] = n
            indikator = [i for i in self.katalog if i.jenis == "capaian"]
            self._cakupan[periode] = {
                kode: {i.kode: cakupan_sel(i, jumlah.get(kode, {}), self.jumlah_desa.get(kode, 0)) for i in indikator}
                for kode in self.kode
            }
        return self._cakupan[periode]
