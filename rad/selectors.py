"""Reads of the RAD, scoped to the user through wilayah.lingkup.dapat_dibaca (404 outside scope),
who may keep a logframe (`boleh_kelola`), which agencies lead a year's outputs (the parts of the
RAD Laporan), and the dashboard: targets vs realisation per output and year, summed per pilar and
per agency.

Only realisation in an APPROVED RAD Laporan counts unless `semua` is asked for (like the budget
views). An output's state in a year (`Keadaan`) compares the target with the realisation:
reached → tercapai; not yet reported → belum dilaporkan in the running year, tidak dilaporkan once
the year is over; reported but not reached → dalam proses in the running year, terlambat once it
is over (or at once when the agency reports it will not happen). Late or missing rows are the ones
the dashboard, the xlsx and the PDF highlight.
"""
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from wilayah.choices import Izin
from wilayah.lingkup import dapat_dibaca
from wilayah.models import UnitKerja, Wilayah
from wilayah.selectors import boleh_bertindak

from .choices import KEADAAN_BERMASALAH, TAHAPAN_RAD, Keadaan, StatusRealisasi
from .models import Keluaran, Pilar, RealisasiKeluaran, RegulasiRAD, TargetTahunan


def regulasi_dapat_dibaca(user) -> QuerySet[RegulasiRAD]:
    return dapat_dibaca(RegulasiRAD.objects.select_related("wilayah"), user, "wilayah__kode")


def regulasi_ambil(*, user, pk: int) -> RegulasiRAD:
    try:
        return regulasi_dapat_dibaca(user).get(pk=pk)
    except RegulasiRAD.DoesNotExist as exc:
        raise Http404("Regulasi RAD tidak ditemukan.") from exc


def realisasi_ambil(*, user, pk: int) -> RealisasiKeluaran:
    qs = dapat_dibaca(RealisasiKeluaran.objects.select_related("keluaran__regulasi__wilayah", "laporan__wilayah"),
                      user, "laporan__wilayah__kode")
    try:
        return qs.get(pk=pk)
    except RealisasiKeluaran.DoesNotExist as exc:
        raise Http404("Realisasi tidak ditemukan.") from exc


def boleh_kelola(user, wilayah: Wilayah) -> bool:
    """Who keeps a logframe: the wilayah's administrator (KELOLA, also from above) or its Bappeda approver."""
    if user is None:  # management commands
        return True
    return boleh_bertindak(user, Izin.KELOLA, wilayah) or boleh_bertindak(user, Izin.SETUJUI, wilayah)


def unit_penanggung_jawab(wilayah_kode: str, tahun: int) -> set[str]:
    """Agencies leading an output with a target in `tahun`, over every RAD regulation of the wilayah."""
    return set(
        Keluaran.objects.filter(regulasi__wilayah_id=wilayah_kode, regulasi__tahun_mulai__lte=tahun,
                                regulasi__tahun_selesai__gte=tahun, target__tahun=tahun)
        .values_list("penanggung_jawab_id", flat=True).distinct()
    )


def rad_tidak_dapat_dibuka(wilayah_kode: str, tahun: int) -> str | None:
    """Registered in aksi.selectors.SYARAT_BUKA: the Laporan list offers "Buka" for the RAD step
    only where the wilayah has outputs with a target that year (else `services.bagian_rad_pada_laporan_baru` refuses)."""
    if unit_penanggung_jawab(wilayah_kode, tahun):
        return None
    return f"Belum ada Rencana Aksi Daerah dengan target tahun {tahun} untuk wilayah ini."


def keluaran_logframe(regulasi: RegulasiRAD) -> QuerySet[Keluaran]:
    """Every output of the regulation in annex order, with what the pages print."""
    return (Keluaran.objects.filter(regulasi=regulasi)
            .select_related("instrumen__strategi__pilar", "penanggung_jawab")
            .prefetch_related("target", "penanggung_jawab_lain", "pendukung"))


def pohon_logframe(regulasi: RegulasiRAD) -> list[tuple[Pilar, list]]:
    """[(pilar, [(strategi, [(instrumen, [keluaran])])])], including empty branches (for the editor)."""
    pilar = list(Pilar.objects.filter(regulasi=regulasi).prefetch_related("strategi__instrumen"))
    keluaran = defaultdict(list)
    for k in keluaran_logframe(regulasi):
        keluaran[k.instrumen_id].append(k)
    return [(p, [(s, [(i, keluaran[i.pk]) for i in s.instrumen.all()]) for s in p.strategi.all()]) for p in pilar]


# --- dashboard --------------------------------------------------------------------------------------

def persen(bagian: Decimal | int, dari: Decimal | int) -> Decimal | None:
    if not dari:
        return None
    return (Decimal(bagian) * 100 / Decimal(dari)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def keadaan(target: TargetTahunan, realisasi: RealisasiKeluaran | None, hari: datetime.date) -> Keadaan:
    tahun = target.tahun
    if realisasi is None:
        if tahun > hari.year:
            return Keadaan.AKAN_DATANG
        return Keadaan.BELUM_LAPOR if tahun == hari.year else Keadaan.TIDAK_LAPOR
    if target.jumlah is not None:
        tercapai = realisasi.jumlah is not None and realisasi.jumlah >= target.jumlah
    else:
        tercapai = realisasi.status == StatusRealisasi.SELESAI
    if tercapai:
        return Keadaan.TERCAPAI
    if realisasi.status == StatusRealisasi.TIDAK or tahun < hari.year:
        return Keadaan.TERLAMBAT
    return Keadaan.PROSES


@dataclass
class Sel:
    """One output in one year."""

    target: TargetTahunan
    realisasi: RealisasiKeluaran | None
    keadaan: Keadaan

    @property
    def persen(self) -> Decimal | None:
        if self.target.jumlah is None or self.realisasi is None or self.realisasi.jumlah is None:
            return None
        return persen(self.realisasi.jumlah, self.target.jumlah)

    @property
    def bermasalah(self) -> bool:
        return self.keadaan in KEADAAN_BERMASALAH


@dataclass
class BarisKeluaran:
    keluaran: Keluaran
    sel: dict[int, Sel]


@dataclass
class Ringkasan:
    """Outputs with a target in the year, counted by state (one row per pilar or per agency)."""

    label: str
    kunci: str
    jumlah: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def tercapai(self) -> int:
        return self.jumlah[Keadaan.TERCAPAI]

    @property
    def bermasalah(self) -> int:
        return sum(self.jumlah[k] for k in KEADAAN_BERMASALAH)

    @property
    def persen_tercapai(self) -> Decimal | None:
        return persen(self.tercapai, self.total)

    def hitung(self, k: Keadaan) -> int:
        return self.jumlah[k]

    @property
    def bagian(self) -> list[tuple[str, str, int, float]]:
        """(state, label, count, share %) for the dashboard's summary bar (issue 17, D102)."""
        total = self.total
        isi = [("tercapai", "tercapai", self.tercapai), ("proses", "dalam proses", self.jumlah[Keadaan.PROSES]),
               ("belum_lapor", "belum dilaporkan", self.jumlah[Keadaan.BELUM_LAPOR]),
               ("bermasalah", "terlambat / tidak dilaporkan", self.bermasalah)]
        return [(k, label, n, n * 100 / total if total else 0) for k, label, n in isi]


@dataclass
class Dasbor:
    regulasi: RegulasiRAD
    tahun: int
    hari: datetime.date
    semua: bool
    baris: list[BarisKeluaran]
    per_pilar: list[Ringkasan]
    per_unit: list[Ringkasan]
    total: Ringkasan
    prevalensi: dict[int, Decimal]
    belum_disetujui: int  # realisation rows of the year left out because their Laporan is not approved

    @property
    def daftar_tahun(self) -> list[int]:
        return self.regulasi.daftar_tahun

    @property
    def keadaan(self) -> list[Keadaan]:
        return list(Keadaan)

    def baris_tahun(self) -> list[BarisKeluaran]:
        """Outputs with a target in the chosen year."""
        return [b for b in self.baris if self.tahun in b.sel]


def dasbor_rad(*, regulasi: RegulasiRAD, tahun: int, semua: bool = False, pilar: int | None = None,
               unit: str | None = None, hari: datetime.date | None = None) -> Dasbor:
    """Targets vs realisation of every output (optionally one pilar / one lead agency) in every year,
    and the per-pilar and per-agency counts of the chosen year (over the whole logframe)."""
    hari = hari or timezone.localdate()
    realisasi = RealisasiKeluaran.objects.filter(keluaran__regulasi=regulasi).select_related("laporan")
    if not semua:
        realisasi = realisasi.filter(laporan__status=StatusLaporan.DISETUJUI)
    per_kunci = {(r.keluaran_id, r.tahun): r for r in realisasi}
    belum = 0 if semua else RealisasiKeluaran.objects.filter(keluaran__regulasi=regulasi, tahun=tahun).exclude(
        laporan__status=StatusLaporan.DISETUJUI).count()
    nama_pilar = dict(Pilar.objects.filter(regulasi=regulasi).values_list("nomor", "nama"))
    ringkas_pilar = {n: Ringkasan(f"Pilar {n} – {nama}", str(n)) for n, nama in sorted(nama_pilar.items())}
    ringkas_unit: dict[str, Ringkasan] = {}
    total = Ringkasan("Seluruh pilar", "")
    baris = []
    for k in keluaran_logframe(regulasi):
        sel = {t.tahun: Sel(t, per_kunci.get((k.pk, t.tahun)), keadaan(t, per_kunci.get((k.pk, t.tahun)), hari))
               for t in k.target.all()}
        nomor = k.instrumen.strategi.pilar.nomor
        if tahun in sel:
            pj = k.penanggung_jawab
            ringkas_unit.setdefault(pj.pk, Ringkasan(pj.singkatan, pj.pk))
            for r in (ringkas_pilar[nomor], ringkas_unit[pj.pk], total):
                r.jumlah[sel[tahun].keadaan] += 1
        if (pilar is None or nomor == pilar) and (not unit or k.penanggung_jawab_id == unit):
            baris.append(BarisKeluaran(k, sel))
    urutan_unit = dict(UnitKerja.objects.values_list("pk", "urutan"))
    per_unit = sorted(ringkas_unit.values(), key=lambda r: (urutan_unit.get(r.kunci, 999), r.label))
    prevalensi = dict(regulasi.target_prevalensi.values_list("tahun", "persen"))
    return Dasbor(regulasi, tahun, hari, semua, baris, list(ringkas_pilar.values()), per_unit, total, prevalensi, belum)


def laporan_rad(d: "Dasbor") -> Laporan | None:
    """The RAD Laporan of the dashboard's year and wilayah, if it was opened."""
    return Laporan.objects.filter(tahun=d.tahun, tahapan_id=TAHAPAN_RAD, wilayah=d.regulasi.wilayah).order_by().first()
