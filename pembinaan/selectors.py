"""Reads of supervision (D90) and semester reports (D91): who may do what, what a wilayah received
and gave, the count per semester, who has reported."""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from aksi.models import Laporan
from analisis.selectors import cakupan_wilayah_bawah
from penandaan.models import TAHAPAN_SEMESTER
from penandaan.selectors import realisasi_per_wilayah_bawah
from wilayah.choices import Izin, Tingkat
from wilayah.models import Wilayah
from wilayah.selectors import boleh_bertindak

from .choices import MINIMUM_SETAHUN
from .models import LaporanSemester, Pembinaan


def _salah_satu(user, izin: tuple[str, ...], wilayah: Wilayah) -> bool:
    return any(boleh_bertindak(user, i, wilayah) for i in izin)


def boleh_membina(user, wilayah: Wilayah) -> bool:
    """Record supervision of `wilayah` (a kecamatan or kab/kota): the verifikators, approvers and
    administrators of the wilayah directly above it."""
    return (wilayah.tingkat in (Tingkat.KECAMATAN, Tingkat.KABKOTA) and wilayah.induk_id is not None
            and _salah_satu(user, (Izin.VERIFIKASI, Izin.SETUJUI, Izin.KELOLA), wilayah.induk))


def boleh_menjawab(user, pembinaan: Pembinaan) -> bool:
    """Answer a follow-up: the operators, approvers and administrators of the supervised wilayah."""
    return _salah_satu(user, (Izin.ISI, Izin.SETUJUI, Izin.KELOLA), pembinaan.wilayah)


def pembinaan_diterima(wilayah: Wilayah, tahun: int):
    return (Pembinaan.objects.filter(wilayah=wilayah, tanggal__year=tahun)
            .select_related("wilayah", "laporan__tahapan", "oleh", "dijawab_oleh"))


def pembinaan_bawah(wilayah: Wilayah, tahun: int):
    return (Pembinaan.objects.filter(wilayah__induk=wilayah, tanggal__year=tahun)
            .select_related("wilayah", "laporan__tahapan", "oleh", "dijawab_oleh"))


def pembinaan_laporan(laporan: Laporan):
    """The supervision feedback recorded on a Laporan (shown on its page)."""
    return Pembinaan.objects.filter(laporan=laporan).select_related("oleh", "dijawab_oleh")


@dataclass
class BarisHitung:
    wilayah: Wilayah
    semester: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0})

    @property
    def total(self) -> int:
        return self.semester[1] + self.semester[2]

    @property
    def cukup(self) -> bool:
        return self.total >= MINIMUM_SETAHUN


def hitung_per_semester(wilayah: Wilayah, tahun: int) -> list[BarisHitung]:
    """Each wilayah directly below with its supervision count per semester (Pasal 9: at least
    twice a year). Two queries."""
    baris = {w.kode: BarisHitung(w) for w in Wilayah.objects.filter(induk=wilayah).order_by("kode")}
    for kode, tanggal in Pembinaan.objects.filter(wilayah__induk=wilayah, tanggal__year=tahun).values_list("wilayah_id", "tanggal"):
        baris[kode].semester[1 if tanggal.month <= 6 else 2] += 1
    return list(baris.values())


def laporan_pilihan(wilayah: Wilayah, tahun: int):
    """The Laporan of the wilayah below that a supervision record may point at."""
    return (Laporan.objects.filter(wilayah__induk=wilayah, tahun=tahun).select_related("wilayah", "tahapan")
            .order_by("wilayah_id", "tahapan__urutan"))


# --- semester reports (D91) ----------------------------------------------------------------------

def boleh_kirim(user, wilayah: Wilayah) -> bool:
    """Send a kab/kota's semester report: its approvers (Bappeda) and administrators."""
    return wilayah.tingkat == Tingkat.KABKOTA and _salah_satu(user, (Izin.SETUJUI, Izin.KELOLA), wilayah)


def boleh_putuskan(user, kiriman: LaporanSemester) -> bool:
    """Receive or return it: the verifikators, approvers and administrators of its provinsi."""
    return _salah_satu(user, (Izin.VERIFIKASI, Izin.SETUJUI, Izin.KELOLA), kiriman.wilayah.induk)


def _angka(v):
    return float(v) if isinstance(v, Decimal) else v


def isi_semester(wilayah: Wilayah, tahun: int, semester: int) -> dict:
    """The kab/kota's semester rekap now (what `kirim` stores): per kecamatan and in total, the
    approved kecamatan count, the realisation of APBDes/swadaya/swasta programs and the coverage
    numerator/denominator per indicator."""
    tahapan = TAHAPAN_SEMESTER[semester - 1]
    cakupan = cakupan_wilayah_bawah(wilayah=wilayah, tahun=tahun, tahapan_id=tahapan)
    realisasi = realisasi_per_wilayah_bawah(wilayah=wilayah, tahun=tahun, tahapan_id=tahapan)

    def baris(b, r: dict):
        return {"kode": b.wilayah.kode, "nama": b.wilayah.nama_lengkap, "disetujui": b.kecamatan_disetujui,
                "jumlah_kecamatan": b.jumlah_kecamatan, "anggaran": _angka(r.get("anggaran")),
                "realisasi": _angka(r.get("realisasi")),
                "cakupan": {c.item.kode: [c.pembilang, c.penyebut] for c in b.cakupan}}

    total = {k: sum((r[k] or 0 for r in realisasi.values()), Decimal(0)) if realisasi else None
             for k in ("anggaran", "realisasi")}
    return {"tahapan": tahapan, "indikator": [i.kode for i in cakupan.indikator],
            "baris": [baris(b, realisasi.get(b.wilayah.kode) or {}) for b in cakupan.baris],
            "total": baris(cakupan.total, total)}


def kiriman_wilayah(wilayah: Wilayah, tahun: int) -> dict[int, LaporanSemester | None]:
    ada = {k.semester: k for k in LaporanSemester.objects.filter(wilayah=wilayah, tahun=tahun)}
    return {s: ada.get(s) for s in (1, 2)}


@dataclass
class BarisKiriman:
    wilayah: Wilayah
    semester: dict[int, LaporanSemester | None]


def kiriman_bawah(wilayah: Wilayah, tahun: int) -> list[BarisKiriman]:
    """A provinsi's kab/kota with their semester reports of `tahun` (None: not sent)."""
    ada = defaultdict(dict)
    for k in LaporanSemester.objects.filter(wilayah__induk=wilayah, tahun=tahun):
        ada[k.wilayah_id][k.semester] = k
    return [BarisKiriman(w, {s: ada[w.kode].get(s) for s in (1, 2)})
            for w in Wilayah.objects.filter(induk=wilayah).order_by("kode")]


@dataclass
class BarisTabelKiriman:
    kode: str
    nama: str
    disetujui: int
    jumlah_kecamatan: int
    anggaran: float | None
    realisasi: float | None
    sel: list[tuple[int | None, float | None]]  # per indicator: (count for count-items, percentage otherwise)


def tabel_kiriman(isi: dict) -> tuple[list, list[BarisTabelKiriman]]:
    """The stored report as a table: the indicators (catalog items) and a row per kecamatan and the total."""
    from indikator.katalog import cakupan_persen, daftar_item
    from indikator.models import JenisPenyebut

    item = {i.kode: i for i in daftar_item()}
    kolom = [item[k] for k in isi.get("indikator", []) if k in item]
    hasil = []
    for b in [*isi.get("baris", []), *([isi["total"]] if isi.get("total") else [])]:
        sel = []
        for i in kolom:
            p, q = b["cakupan"].get(i.kode, [None, None])
            sel.append((p, None) if i.jenis_penyebut == JenisPenyebut.HITUNGAN else (None, cakupan_persen(p, q)))
        hasil.append(BarisTabelKiriman(b["kode"], b["nama"], b["disetujui"], b["jumlah_kecamatan"], b["anggaran"],
                                       b["realisasi"], sel))
    return kolom, hasil
