"""Penilaian hasil monev: the default rule set and the bulk scoring of every wilayah of a level.

The official formula is not published (DOMAIN.md §4.4); the rules are data (`AturanPenilaian`,
`KomponenPenilaian`) and `ATURAN_BAWAAN` below is the portal's documented default
(docs/decisions.md, "Penilaian").

`penilaian_hitung` scores all wilayah of one level in a year with a constant number of
queries per component (never one per wilayah), then replaces their `NilaiPenilaian` and
`RincianNilai` with bulk inserts. Component scores (0–100):

- tahapan_selesai: the step's Laporan exists and every part is submitted or beyond
  (status diajukan, menunggu persetujuan or disetujui) → 100, else 0;
- tahapan_disetujui: the Laporan is approved → 100, else 0;
- tahapan_tepat_waktu: the step is done and every part was first submitted on or before the
  closing day of its window (jadwal + the latest extension on the wilayah or an ancestor),
  in Asia/Jakarta time → 100, else 0 (verifying and approving may come later);
- tahapan_lengkap: steps with desa values at kecamatan: filled (desa × item) cells over
  desa × catalog items; steps with required documents: share of the required document kinds
  present; other steps: 100 when done;
- cakupan_target: mean over the indicators with a coverage target of min(coverage / target, 1)
  × 100, coverage from the Rekap of the step's period (default: analisis situasi baseline);
  targets from the wilayah's analisis situasi Laporan — a kecamatan has none and uses its
  kab/kota's; no coverage data for an indicator counts 0; no targets at all → 0;
- regulasi: the yearly "regulasi" Laporan approved → 100, done → 50, else 0 (no Laporan: 0,
  said in the breakdown); publikasi: at least one publication published (terbit) in the year
  → 100 when the publikasi module is installed, else like regulasi from a "publikasi" Laporan.

Rounding: each score is rounded half up to 0.01; a contribution is round(score × bobot /
Σ bobot, 0.01); the total is the SUM of the rounded contributions, so the breakdown adds up to
the total exactly.
"""
import datetime
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from aksi.choices import StatusBagian, StatusLaporan, Transisi
from aksi.models import Jadwal, Laporan, PerpanjanganJadwal, RiwayatLaporan, Tahapan
from aksi.models_analisis import TAHAPAN_ANALISIS, HasilPengukuran, Rapat, TargetCakupan, TargetPrevalensi
from aksi.models_musrenbang import TAHAPAN_MUSRENBANG, AgendaMusrenbang, BeritaAcara, RencanaProgram
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from inti.pdf import ZONA_WAKTU
from inti.services import audit_catat
from penandaan.models import RincianBelanja
from wilayah.choices import PANJANG_KODE, Tingkat
from wilayah.models import Wilayah, kode_leluhur

from .models import Rekap
from .models_penilaian import (
    TAHAPAN_PENILAIAN, AturanPenilaian, CatatanMonev, JenisKomponen, Kelas, KomponenPenilaian, NilaiPenilaian,
    RincianNilai, TingkatPenilaian,
)
# The roll-up's own cell function, so coverage here is exactly what `rekap_cakupan` gives per wilayah.
from .selectors import cakupan_sel

DUA_DESIMAL = Decimal("0.01")
SERATUS = Decimal(100)
NOL = Decimal(0)
PERIODE_BAWAAN = "baseline"  # analisis situasi
STATUS_MAJU = (StatusLaporan.DIAJUKAN, StatusLaporan.DIVERIFIKASI, StatusLaporan.DISETUJUI)
BAGIAN_MAJU = (StatusBagian.DIAJUKAN, StatusBagian.DIVERIFIKASI)

Progres = Callable[[int, int, str], None]


class PenilaianGagal(Exception):
    """Scoring cannot run (no active rule, bad level); the message says why, in Bahasa Indonesia."""


def bulat(nilai) -> Decimal:
    return Decimal(nilai).quantize(DUA_DESIMAL, ROUND_HALF_UP)


# --- the default rule set --------------------------------------------------------------------

TAHAPAN_KECAMATAN = (
    "analisis-situasi", "pra-musrenbang", "penandaan-perencanaan", "penandaan-apbd", "penandaan-perubahan",
    "capaian-semester-1", "capaian-semester-2",
)
TAHAPAN_DAERAH = TAHAPAN_KECAMATAN[:5]  # semester capaian are filled by kecamatan only

# per step: (jenis, label, weight at kecamatan, weight at kab/kota and provinsi)
BOBOT_TAHAPAN = (
    (JenisKomponen.TAHAPAN_SELESAI, "selesai", Decimal(2), Decimal(3)),
    (JenisKomponen.TAHAPAN_DISETUJUI, "disetujui", Decimal(3), Decimal(4)),
    (JenisKomponen.TAHAPAN_TEPAT_WAKTU, "tepat waktu", Decimal(2), Decimal(3)),
    (JenisKomponen.TAHAPAN_LENGKAP, "lengkap", Decimal(3), Decimal(4)),
)
BOBOT_CAKUPAN, BOBOT_REGULASI, BOBOT_PUBLIKASI = Decimal(20), Decimal(5), Decimal(5)
AMBANG_BERKEMBANG, AMBANG_BERDAYA = Decimal(50), Decimal(75)


@dataclass(frozen=True)
class KomponenBawaan:
    kode: str
    nama: str
    jenis: str
    tahapan: str | None
    bobot: Decimal


def komponen_bawaan(tingkat: int) -> list[KomponenBawaan]:
    """The default components of a level; their weights add up to 100."""
    kecamatan = tingkat == Tingkat.KECAMATAN
    nama_tahapan = dict(Tahapan.objects.values_list("kode", "nama"))
    hasil = []
    for kode in TAHAPAN_KECAMATAN if kecamatan else TAHAPAN_DAERAH:
        for jenis, label, bobot_kec, bobot_daerah in BOBOT_TAHAPAN:
            hasil.append(KomponenBawaan(f"{kode}-{jenis.removeprefix('tahapan_').replace('_', '-')}",
                                        f"{nama_tahapan.get(kode, kode)}: {label}", jenis, kode,
                                        bobot_kec if kecamatan else bobot_daerah))
    hasil += [
        KomponenBawaan("cakupan-target", "Cakupan indikator terhadap target", JenisKomponen.CAKUPAN_TARGET, None, BOBOT_CAKUPAN),
        KomponenBawaan("regulasi", "Regulasi", JenisKomponen.REGULASI, "regulasi", BOBOT_REGULASI),
        KomponenBawaan("publikasi", "Publikasi", JenisKomponen.PUBLIKASI, "publikasi", BOBOT_PUBLIKASI),
    ]
    return hasil


def aturan_bawaan_buat(*, tahun: int, tingkat: int, oleh=None, ganti: bool = False) -> tuple[AturanPenilaian, bool]:
    """Create the default rule of (tahun, tingkat). An existing active rule is kept (returned with
    False) unless `ganti`, which deactivates it and creates a fresh default."""
    if tingkat not in TingkatPenilaian.values:
        raise PenilaianGagal(f"Tingkat {tingkat} tidak dinilai; pilih 1 (provinsi), 2 (kab/kota) atau 3 (kecamatan).")
    with transaction.atomic():
        lama = AturanPenilaian.objects.select_for_update().filter(tahun=tahun, tingkat=tingkat, aktif=True).first()
        if lama is not None and not ganti:
            return lama, False
        if lama is not None:
            lama.aktif = False
            lama.save(update_fields=["aktif", "diubah_pada"])
        aturan = AturanPenilaian.objects.create(
            tahun=tahun, tingkat=tingkat, ambang_berkembang=AMBANG_BERKEMBANG, ambang_berdaya=AMBANG_BERDAYA,
        )
        KomponenPenilaian.objects.bulk_create([
            KomponenPenilaian(aturan=aturan, kode=k.kode, nama=k.nama, jenis=k.jenis, tahapan_id=k.tahapan, bobot=k.bobot,
                              urutan=(i + 1) * 10)
            for i, k in enumerate(komponen_bawaan(tingkat))
        ])
        audit_catat(pengguna=oleh, aksi="aturan_bawaan_buat", objek=aturan,
                    lama={"aturan_nonaktif": lama.pk} if lama else None,
                    baru={"tahun": tahun, "tingkat": tingkat, "komponen": aturan.komponen.count()})
    return aturan, True


def aturan_salin(*, aturan: AturanPenilaian, tahun: int, oleh=None) -> AturanPenilaian:
    """Copy a rule (thresholds and components) to another year; the copy is active unless that year
    and level already has an active rule."""
    with transaction.atomic():
        aktif = not AturanPenilaian.objects.filter(tahun=tahun, tingkat=aturan.tingkat, aktif=True).exists()
        salinan = AturanPenilaian.objects.create(
            tahun=tahun, tingkat=aturan.tingkat, keterangan=aturan.keterangan, aktif=aktif,
            ambang_berkembang=aturan.ambang_berkembang, ambang_berdaya=aturan.ambang_berdaya,
        )
        KomponenPenilaian.objects.bulk_create([
            KomponenPenilaian(aturan=salinan, kode=k.kode, nama=k.nama, jenis=k.jenis, tahapan_id=k.tahapan_id, bobot=k.bobot,
                              urutan=k.urutan)
            for k in aturan.komponen.all()
        ])
        audit_catat(pengguna=oleh, aksi="aturan_salin", objek=salinan, lama={"aturan": aturan.pk}, baru={"tahun": tahun, "aktif": aktif})
    return salinan


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
            q = q.filter(Q(kode=kode_awalan) | Q(kode__startswith=f"{kode_awalan}."))
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
            q &= Q(**{f"{field}__kode": self.kode_awalan}) | Q(**{f"{field}__kode__startswith": f"{self.kode_awalan}."})
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


# --- component scoring -------------------------------------------------------------------------

Hasil = dict[str, tuple[Decimal, dict]]  # wilayah -> (score, evidence)


def _tanpa_laporan(komponen: KomponenPenilaian, tahun: int) -> dict:
    return {"tahapan": komponen.tahapan_id, "laporan": None,
            "keterangan": f"Belum ada laporan {komponen.tahapan} {tahun}."}


def _skor_tahapan(data: DataPenilaian, komponen: KomponenPenilaian, nilai: Callable[[BarisLaporan, str], tuple[Decimal, dict]]) -> Hasil:
    laporan = data.laporan(komponen.tahapan_id)
    hasil = {}
    for kode in data.kode:
        lap = laporan.get(kode)
        if lap is None:
            hasil[kode] = (NOL, _tanpa_laporan(komponen, data.tahun))
            continue
        skor, bukti = nilai(lap, kode)
        hasil[kode] = (skor, {"tahapan": komponen.tahapan_id, "laporan": lap.bukti(), **bukti})
    return hasil


def skor_selesai(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    def nilai(lap: BarisLaporan, kode: str):
        if lap.selesai:
            return SERATUS, {"keterangan": f"Semua bagian sudah diajukan ({lap.bagian_maju}/{lap.bagian}); status {StatusLaporan(lap.status).label.lower()}."}
        return NOL, {"keterangan": f"Baru {lap.bagian_maju} dari {lap.bagian} bagian diajukan; status {StatusLaporan(lap.status).label.lower()}."}
    return _skor_tahapan(data, komponen, nilai)


def skor_disetujui(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    def nilai(lap: BarisLaporan, kode: str):
        if lap.status == StatusLaporan.DISETUJUI:
            return SERATUS, {"keterangan": f"Disetujui pada {_tanggal(lap.disetujui_pada)} WIB." if lap.disetujui_pada else "Disetujui."}
        return NOL, {"keterangan": f"Belum disetujui (status {StatusLaporan(lap.status).label.lower()})."}
    return _skor_tahapan(data, komponen, nilai)


def skor_tepat_waktu(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    tutup = data.tutup(komponen.tahapan_id)

    def nilai(lap: BarisLaporan, kode: str):
        batas = tutup.get(kode)
        if batas is None:
            return NOL, {"jendela_tutup": None, "keterangan": f"Jadwal {komponen.tahapan} {data.tahun} tingkat ini belum ditetapkan."}
        bukti = {"jendela_tutup": batas.isoformat()}
        if not lap.selesai:
            return NOL, bukti | {"keterangan": f"Belum semua bagian diajukan; jadwal ditutup {batas:%d-%m-%Y}."}
        waktu = data.diajukan_pada(lap.pk) or lap.disetujui_pada
        if waktu is None:
            return NOL, bukti | {"diajukan_pada": None, "keterangan": "Waktu pengajuan tidak tercatat."}
        lokal = timezone.localtime(waktu, ZONA_WAKTU)
        bukti["diajukan_pada"] = lokal.strftime("%Y-%m-%d %H:%M")
        if lokal.date() <= batas:
            return SERATUS, bukti | {"keterangan": f"Semua bagian diajukan {lokal:%d-%m-%Y %H:%M} WIB, sebelum jadwal ditutup {batas:%d-%m-%Y}."}
        return NOL, bukti | {"keterangan": f"Bagian terakhir diajukan {lokal:%d-%m-%Y %H:%M} WIB, sesudah jadwal ditutup {batas:%d-%m-%Y}."}
    return _skor_tahapan(data, komponen, nilai)


# Documents a step must contain to count as complete (steps without desa values): (label, model, filter).
DOKUMEN_WAJIB: dict[str, tuple[tuple[str, type, Q], ...]] = {
    TAHAPAN_ANALISIS: (
        ("Hasil pengukuran balita", HasilPengukuran, Q()),
        ("Target prevalensi", TargetPrevalensi, Q()),
        ("Target cakupan layanan", TargetCakupan, Q()),
        ("Rapat", Rapat, Q()),
    ),
    TAHAPAN_MUSRENBANG: (
        ("Agenda", AgendaMusrenbang, Q()),
        ("Rencana program", RencanaProgram, Q()),
        ("Berita acara bertanda tangan", BeritaAcara, ~Q(berkas_ttd="")),
    ),
    **{kode: (("Rincian belanja yang ditandai", RincianBelanja, Q(dihapus=False)),)
       for kode in ("penandaan-perencanaan", "penandaan-apbd", "penandaan-perubahan")},
    TAHAPAN_PENILAIAN: (("Catatan monev", CatatanMonev, Q()),),
}


def skor_lengkap(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    tahapan = komponen.tahapan
    qs = data.laporan_qs([tahapan.kode])
    if tahapan.periode and data.tingkat == Tingkat.KECAMATAN:
        jumlah_item = len(data.katalog)
        terisi = dict(NilaiDesa.objects.filter(laporan__in=qs).order_by().values_list("laporan_id").annotate(n=Count("*")))

        def nilai(lap: BarisLaporan, kode: str):
            diharapkan = data.jumlah_desa.get(kode, 0) * jumlah_item
            n = terisi.get(lap.pk, 0)
            if not diharapkan:
                return NOL, {"terisi": n, "diharapkan": 0, "keterangan": "Kecamatan ini tidak memiliki desa/kelurahan."}
            skor = bulat(min(Decimal(n) / diharapkan, Decimal(1)) * SERATUS)
            return skor, {"terisi": n, "diharapkan": diharapkan,
                          "keterangan": f"{_angka(n)} dari {_angka(diharapkan)} isian desa × item terisi "
                                        f"({_angka(data.jumlah_desa[kode])} desa × {jumlah_item} item)."}
        return _skor_tahapan(data, komponen, nilai)

    wajib = DOKUMEN_WAJIB.get(tahapan.kode)
    if tahapan.kode == TAHAPAN_ANALISIS and data.tingkat == Tingkat.KECAMATAN:
        wajib = None  # kecamatan analisis situasi is scored on its desa values above
    if not wajib:
        def nilai(lap: BarisLaporan, kode: str):
            skor = SERATUS if lap.selesai else NOL
            return skor, {"keterangan": "Tahapan ini tidak memiliki isian wajib yang dihitung; lengkap bila semua bagian diajukan."}
        return _skor_tahapan(data, komponen, nilai)

    ada = [(label, set(model.objects.filter(syarat, laporan__in=qs).order_by().values_list("laporan_id", flat=True).distinct()))
           for label, model, syarat in wajib]

    def nilai(lap: BarisLaporan, kode: str):
        dokumen = [{"nama": label, "ada": lap.pk in pk} for label, pk in ada]
        n = sum(d["ada"] for d in dokumen)
        kurang = [d["nama"] for d in dokumen if not d["ada"]]
        keterangan = f"{n} dari {len(dokumen)} dokumen wajib ada" + (f"; belum ada: {', '.join(kurang)}." if kurang else ".")
        return bulat(SERATUS * n / len(dokumen)), {"dokumen": dokumen, "keterangan": keterangan}
    return _skor_tahapan(data, komponen, nilai)


def _target(data: DataPenilaian) -> dict[str, tuple[int, dict[str, Decimal]]]:
    """{wilayah: (Laporan pk, {indikator: target %})} from the analisis situasi Laporan of the year;
    at kecamatan level also the kab/kota's (the fallback)."""
    q = data.saring_wilayah("laporan__wilayah")
    if data.tingkat == Tingkat.KECAMATAN:
        q |= Q(laporan__wilayah_id__in=sorted({k[: PANJANG_KODE[Tingkat.KABKOTA]] for k in data.kode}))
    hasil: dict[str, tuple[int, dict[str, Decimal]]] = {}
    for lap, wil, indikator, target in (TargetCakupan.objects.filter(q, laporan__tahun=data.tahun, laporan__tahapan_id=TAHAPAN_ANALISIS)
                                        .order_by().values_list("laporan_id", "laporan__wilayah_id", "indikator_id", "target_persen")):
        hasil.setdefault(wil, (lap, {}))[1][indikator] = target
    return hasil


def skor_cakupan(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    periode = komponen.tahapan.periode if komponen.tahapan_id else PERIODE_BAWAAN
    cakupan = data.cakupan(periode)
    target = _target(data)
    hasil = {}
    for kode in data.kode:
        sumber = kode if kode in target else kode[: PANJANG_KODE[Tingkat.KABKOTA]] if data.tingkat == Tingkat.KECAMATAN else None
        if sumber not in target:
            hasil[kode] = (NOL, {"periode": periode, "indikator": [], "laporan": None,
                                 "keterangan": "Belum ada target cakupan pada analisis situasi tahun ini; skor 0."})
            continue
        laporan_target, per_indikator = target[sumber]
        rincian, skor_indikator = [], []
        for ind, t in sorted(per_indikator.items()):
            pembilang, penyebut, persen = cakupan.get(kode, {}).get(ind, (None, None, None))
            if t <= 0:
                s = SERATUS
            elif persen is None:
                s = NOL
            else:
                s = min(Decimal(str(persen)) / t, Decimal(1)) * SERATUS
            skor_indikator.append(s)
            rincian.append({"kode": ind, "target": str(t), "pembilang": pembilang, "penyebut": penyebut,
                            "cakupan": None if persen is None else round(persen, 2), "skor": str(bulat(s))})
        skor = bulat(sum(skor_indikator) / len(skor_indikator))
        tanpa_data = sum(1 for r in rincian if r["cakupan"] is None and Decimal(r["target"]) > 0)
        keterangan = (f"Rata-rata capaian terhadap target {len(rincian)} indikator (periode {periode})"
                      + (f", target dari {sumber}" if sumber != kode else "")
                      + (f"; {tanpa_data} indikator tanpa data cakupan dihitung 0" if tanpa_data else "") + ".")
        hasil[kode] = (skor, {"periode": periode, "sumber_target": sumber, "laporan_target": laporan_target,
                              "laporan": None, "indikator": rincian, "keterangan": keterangan})
    return hasil


def _publikasi_terbit(data: DataPenilaian) -> dict[str, int] | None:
    """{wilayah: publications published in the year} when the publikasi module is installed, else None."""
    try:
        model = apps.get_model("publikasi", "Publikasi")
    except LookupError:
        return None
    mulai = datetime.datetime(data.tahun, 1, 1, tzinfo=ZONA_WAKTU)
    selesai = datetime.datetime(data.tahun + 1, 1, 1, tzinfo=ZONA_WAKTU)
    qs = model.objects.filter(data.saring_wilayah("wilayah"), status="terbit", diterbitkan_pada__gte=mulai, diterbitkan_pada__lt=selesai)
    return dict(qs.order_by().values_list("wilayah_id").annotate(n=Count("pk")))


def skor_pendukung(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    """Regulasi: the yearly "regulasi" Laporan approved → 100, done → 50, else 0. Publikasi: at least
    one publication published (terbit) in the year → 100; otherwise as regulasi from a "publikasi"
    Laporan if one was opened. Neither present → 0, said in the breakdown."""
    kode_tahapan = komponen.tahapan_id or komponen.jenis
    laporan = data.laporan(kode_tahapan)
    terbit = _publikasi_terbit(data) if komponen.jenis == JenisKomponen.PUBLIKASI else None
    nama = komponen.get_jenis_display().lower()
    hasil = {}
    for kode in data.kode:
        lap = laporan.get(kode)
        bukti = {"tahapan": kode_tahapan, "laporan": lap.bukti() if lap else None}
        if terbit is not None:
            bukti["publikasi_terbit"] = terbit.get(kode, 0)
        if terbit and terbit.get(kode):
            hasil[kode] = (SERATUS, bukti | {"keterangan": f"{terbit[kode]} publikasi terbit pada {data.tahun}."})
        elif lap is not None and lap.status == StatusLaporan.DISETUJUI:
            hasil[kode] = (SERATUS, bukti | {"keterangan": f"Laporan {nama} disetujui."})
        elif lap is not None and lap.selesai:
            hasil[kode] = (Decimal(50), bukti | {"keterangan": f"Laporan {nama} diajukan, belum disetujui."})
        elif lap is not None:
            hasil[kode] = (NOL, bukti | {"keterangan": f"Laporan {nama} belum diajukan."})
        elif terbit is not None:
            hasil[kode] = (NOL, bukti | {"keterangan": f"Belum ada publikasi yang terbit pada {data.tahun}; skor 0."})
        else:
            hasil[kode] = (NOL, bukti | {"keterangan": (
                f"Belum ada laporan {nama} {data.tahun}; bila modul {nama} belum dipakai di portal, komponen ini "
                "bernilai 0 untuk sementara.")})
    return hasil


PENILAI: dict[str, Callable[[DataPenilaian, KomponenPenilaian], Hasil]] = {
    JenisKomponen.TAHAPAN_SELESAI: skor_selesai,
    JenisKomponen.TAHAPAN_DISETUJUI: skor_disetujui,
    JenisKomponen.TAHAPAN_TEPAT_WAKTU: skor_tepat_waktu,
    JenisKomponen.TAHAPAN_LENGKAP: skor_lengkap,
    JenisKomponen.CAKUPAN_TARGET: skor_cakupan,
    JenisKomponen.REGULASI: skor_pendukung,
    JenisKomponen.PUBLIKASI: skor_pendukung,
}


def kontribusi(skor: Decimal, bobot: Decimal, total_bobot: Decimal) -> Decimal:
    return bulat(skor * bobot / total_bobot) if total_bobot else NOL


# --- the run -----------------------------------------------------------------------------------

def aturan_aktif(*, tahun: int, tingkat: int) -> AturanPenilaian:
    if tingkat not in TingkatPenilaian.values:
        raise PenilaianGagal(f"Tingkat {tingkat} tidak dinilai; pilih 1 (provinsi), 2 (kab/kota) atau 3 (kecamatan).")
    aturan = AturanPenilaian.objects.filter(tahun=tahun, tingkat=tingkat, aktif=True).first()
    if aturan is None:
        raise PenilaianGagal(
            f"Belum ada aturan penilaian aktif {TingkatPenilaian(tingkat).label} {tahun}. Buat aturan bawaan dengan tombol "
            f"\"Buat aturan bawaan\" di halaman Penilaian, dengan `manage.py aturan_bawaan {tahun}`, atau di halaman admin."
        )
    return aturan


def penilaian_hitung(*, tahun: int, tingkat: int, kode_awalan: str | None = None, progres: Progres | None = None,
                     oleh=None) -> dict:
    """Score every wilayah of `tingkat` (within `kode_awalan` when given) for `tahun` with the active
    rule; replace their NilaiPenilaian/RincianNilai. Returns a summary (counts per class)."""
    mulai = time.perf_counter()
    aturan = aturan_aktif(tahun=tahun, tingkat=tingkat)
    komponen = list(aturan.komponen.select_related("tahapan").order_by("urutan", "id"))
    for k in komponen:
        if k.jenis in PENILAI and k.jenis.startswith("tahapan_") and not k.tahapan_id:
            raise PenilaianGagal(f"Komponen {k.nama} ({k.kode}) belum menyebut tahapannya; perbaiki aturan di admin.")
    data = DataPenilaian(tahun=tahun, tingkat=tingkat, kode_awalan=kode_awalan)
    langkah = len(komponen) + 1
    skor: list[Hasil] = []
    for i, k in enumerate(komponen):
        skor.append(PENILAI[k.jenis](data, k))
        if progres:
            progres(i + 1, langkah, f"Komponen {k.nama}")
    total_bobot = sum((k.bobot for k in komponen), NOL)
    sekarang = timezone.now()
    nilai, rincian, per_kelas = [], [], {k: 0 for k in Kelas.values}
    for kode in data.kode:
        baris = []
        for k, hasil in zip(komponen, skor, strict=True):
            s, bukti = hasil[kode]
            s = bulat(s)
            baris.append(RincianNilai(komponen=k, kode=k.kode, nama=k.nama, jenis=k.jenis, urutan=k.urutan, skor=s,
                                      bobot=k.bobot, kontribusi=kontribusi(s, k.bobot, total_bobot), bukti=bukti))
        total = sum((r.kontribusi for r in baris), NOL)
        obj = NilaiPenilaian(wilayah_id=kode, tahun=tahun, tingkat=tingkat, aturan=aturan, total=total,
                             kelas=aturan.kelas_untuk(total), dihitung_pada=sekarang)
        per_kelas[obj.kelas] += 1
        nilai.append(obj)
        rincian.append(baris)
    with transaction.atomic():
        lama = NilaiPenilaian.objects.filter(tahun=tahun, tingkat=tingkat)
        if kode_awalan:
            lama = lama.filter(Q(wilayah__kode=kode_awalan) | Q(wilayah__kode__startswith=f"{kode_awalan}."))
        RincianNilai.objects.filter(nilai__in=lama).delete()  # one DELETE (no cascades below it)
        # One DELETE for the scores too: their breakdown is gone, and the collector of QuerySet.delete()
        # would first fetch every row and then delete in batches of 100.
        lama._raw_delete(lama.db)
        NilaiPenilaian.objects.bulk_create(nilai, batch_size=2000)
        for obj, baris in zip(nilai, rincian, strict=True):
            for r in baris:
                r.nilai = obj
        RincianNilai.objects.bulk_create([r for baris in rincian for r in baris], batch_size=5000)
        ringkasan = {
            "tahun": tahun, "tingkat": tingkat, "kode_awalan": kode_awalan or "", "aturan": aturan.pk,
            "jumlah": len(nilai), "kelas": per_kelas, "detik": round(time.perf_counter() - mulai, 2),
        }
        audit_catat(pengguna=oleh, aksi="penilaian_hitung", objek=aturan, wilayah_kode=kode_awalan or "", baru=ringkasan)
    if progres:
        progres(langkah, langkah, "Selesai")
    return ringkasan
