"""Coverage of the wilayah directly below a kab/kota or provinsi (read-only).

One computation for the Analisis situasi overview page, the kab/kota and provinsi PDF and the
semester rekap: for every child wilayah, the coverage of each capaian indicator computed from
the desa values of the APPROVED kecamatan Laporan under it (same tahun and tahapan only),
summed with GROUP BY on the code prefix, so the number of queries does not grow with the
number of regions or desa:

- coverage = Σ numerator / Σ the indicator's denominator sasaran (not an average of %);
- C5-like items (jenis penyebut "hitungan") are a count, without a percentage;
- F6-like items (jenis penyebut "desa") = desa with value 1 / desa of the approved kecamatan.

A child without any approved kecamatan has empty cells (shown as "–"). Each row carries its base:
approved kecamatan of all kecamatan under it, desa with a value of all desa under it. Rounding is left to
the `format_id` filters (half up), so every page shows the same figures.
"""
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from indikator.katalog import Item, cakupan_persen, daftar_item
from indikator.models import JenisPenyebut, NilaiDesa
from wilayah.choices import PANJANG_KODE, Tingkat
from wilayah.lingkup import q_dalam
from wilayah.models import UnitKerja, Wilayah


@dataclass(frozen=True)
class Cakupan:
    """One indicator in one wilayah: numerator (a count for C5-like items) over denominator."""

    item: Item
    pembilang: int | None = None
    penyebut: int | None = None

    @property
    def hitungan(self) -> bool:
        return self.item.jenis_penyebut == JenisPenyebut.HITUNGAN

    @property
    def persen(self) -> float | None:
        return None if self.hitungan else cakupan_persen(self.pembilang, self.penyebut)


@dataclass(frozen=True)
class BarisCakupan:
    """A child wilayah (or, for the total row, the wilayah itself) with its coverage per indicator."""

    wilayah: Wilayah
    laporan: Laporan | None  # the child's own Laporan of this step; None when not opened (and on the total)
    kecamatan_disetujui: int  # approved kecamatan Laporan under it
    jumlah_kecamatan: int  # kecamatan under it (1 for a kecamatan)
    cakupan: list[Cakupan]
    desa_tercakup: int = 0  # desa under it with at least one value in an approved kecamatan Laporan
    desa_total: int = 0  # all desa under it: with kecamatan_disetujui / jumlah_kecamatan, the base of the row


@dataclass(frozen=True)
class CakupanBawah:
    wilayah: Wilayah
    indikator: list[Item]  # the capaian items, in catalog order: the columns of every row
    baris: list[BarisCakupan]
    total: BarisCakupan

    @property
    def matriks(self) -> list[tuple[Item, list[Cakupan], Cakupan]]:
        """Transposed: per indicator, its cell in every child and the total cell."""
        return [(item, [b.cakupan[i] for b in self.baris], self.total.cakupan[i]) for i, item in enumerate(self.indikator)]

    @property
    def kelompok(self) -> list[tuple[str, int]]:
        """Column groups for a header row: ("A. <kelompok>", number of indicators)."""
        return [(label, len(list(anggota)))
                for label, anggota in groupby(self.indikator, key=lambda i: f"{i.kelompok}. {i.kelompok_nama}")]


def cakupan_wilayah_bawah(*, wilayah: Wilayah, tahun: int, tahapan_id: str) -> CakupanBawah:
    """The children of a kab/kota or provinsi `wilayah` with their own Laporan of (tahun, tahapan)
    and their coverage from the approved kecamatan Laporan of that step. A constant number of queries."""
    panjang = PANJANG_KODE[wilayah.tingkat + 1]
    anak = list(Wilayah.objects.filter(induk_id=wilayah.kode).order_by("kode"))
    laporan_anak = {
        lap.wilayah_id: lap
        for lap in Laporan.objects.filter(tahun=tahun, tahapan_id=tahapan_id, wilayah_id__in=[w.kode for w in anak])
    }
    disetujui = Laporan.objects.filter(
        q_dalam(wilayah.kode, "wilayah__kode", termasuk_diri=False),
        tahun=tahun, tahapan_id=tahapan_id, status=StatusLaporan.DISETUJUI, wilayah__tingkat=Tingkat.KECAMATAN,
    )
    jumlah_disetujui = {r["kode_anak"]: r["n"] for r in _per_anak(disetujui, "wilayah_id", panjang, n=Count("id"))}
    desa_disetujui = Wilayah.objects.filter(tingkat=Tingkat.DESA, induk_id__in=disetujui.values("wilayah_id"))
    jumlah_desa = {r["kode_anak"]: r["n"] for r in _per_anak(desa_disetujui, "kode", panjang, n=Count("kode"))}
    desa_tercakup = {r["kode_anak"]: r["n"] for r in _per_anak(NilaiDesa.objects.filter(laporan__in=disetujui), "desa_id", panjang,
                                                                n=Count("desa_id", distinct=True))}
    nilai: dict[str, dict[str, tuple[int, int]]] = {}  # child -> item -> (Σ value, desa with value 1)
    for r in _per_anak(NilaiDesa.objects.filter(laporan__in=disetujui), "desa_id", panjang, "item",
                       jumlah=Sum("nilai"), ya=Count("nilai", filter=Q(nilai=1))):
        nilai.setdefault(r["kode_anak"], {})[r["item"]] = (r["jumlah"], r["ya"])

    indikator = [i for i in daftar_item() if i.jenis == "capaian"]
    baris = []
    for w in anak:
        n_disetujui = jumlah_disetujui.get(w.kode, 0)
        if n_disetujui:
            cakupan = [_cakupan(i, nilai.get(w.kode, {}), jumlah_desa.get(w.kode, 0)) for i in indikator]
        else:
            cakupan = [Cakupan(i) for i in indikator]
        jumlah_kecamatan = 1 if w.tingkat == Tingkat.KECAMATAN else w.jumlah_kecamatan
        baris.append(BarisCakupan(w, laporan_anak.get(w.kode), n_disetujui, jumlah_kecamatan, cakupan,
                                  desa_tercakup.get(w.kode, 0), w.jumlah_desa))

    total = BarisCakupan(
        wilayah, None, sum(b.kecamatan_disetujui for b in baris), sum(b.jumlah_kecamatan for b in baris),
        [Cakupan(item, _jumlah(b.cakupan[k].pembilang for b in baris), _jumlah(b.cakupan[k].penyebut for b in baris))
         for k, item in enumerate(indikator)],
        sum(b.desa_tercakup for b in baris), sum(b.desa_total for b in baris),
    )
    return CakupanBawah(wilayah, indikator, baris, total)


def _per_anak(qs, kolom: str, panjang: int, *kunci: str, **agregat):
    """GROUP BY the child's code (the first `panjang` characters of `kolom`) and `kunci`."""
    return qs.order_by().annotate(kode_anak=Substr(kolom, 1, panjang)).values("kode_anak", *kunci).annotate(**agregat)


def _cakupan(item: Item, nilai: dict[str, tuple[int, int]], jumlah_desa: int) -> Cakupan:
    """One child's cell, given it has approved kecamatan: `nilai` is item -> (Σ value, desa with 1)."""
    if item.jenis_penyebut == JenisPenyebut.DESA:
        return Cakupan(item, nilai.get(item.kode, (0, 0))[1], jumlah_desa)
    pembilang = nilai[item.kode][0] if item.kode in nilai else None
    if item.jenis_penyebut == JenisPenyebut.HITUNGAN:
        return Cakupan(item, pembilang)
    return Cakupan(item, pembilang, _jumlah(nilai[s][0] for s in item.penyebut if s in nilai))


def _jumlah(angka) -> int | None:
    """Sum that stays None when every term is None (nothing entered is not zero)."""
    hasil = None
    for a in angka:
        if a is not None:
            hasil = a if hasil is None else hasil + a
    return hasil


def unit_opd(tingkat: int):
    """The OPD a kab/kota (provinsi) budget target may name: the units working at that level."""
    bidang = "di_kecamatan" if tingkat == Tingkat.KECAMATAN else "di_daerah"
    return UnitKerja.objects.filter(**{bidang: True}).order_by("urutan", "kode")



@dataclass
class MasalahUsulanIndikator:
    """One indicator's problems and proposals in the approved analyses of the wilayah directly below."""

    indikator: object
    masalah: list
    usulan: list

    @property
    def per_sisi(self) -> list[tuple[str, int]]:
        from .models import SisiMasalah

        return [(label, sum(1 for m in self.masalah if m.sisi == kode)) for kode, label in SisiMasalah.choices]

    @property
    def wilayah(self) -> int:
        """How many wilayah below name this indicator at all."""
        return len({m.laporan.wilayah_id for m in self.masalah} | {u.laporan.wilayah_id for u in self.usulan})


def masalah_usulan_bawah(laporan: Laporan) -> list[MasalahUsulanIndikator]:
    """For a kab/kota (provinsi) analisis situasi: the problems and proposals of the approved (or
    under revision, D88) analyses of the kecamatan (kab/kota) directly below, of the same year, by
    indicator — what the level's own problems and proposals draw on (D95). Two queries."""
    from .models import MasalahLayanan, UsulanProgram

    bawah = dict(laporan__tahapan_id=laporan.tahapan_id, laporan__tahun=laporan.tahun,
                 laporan__wilayah__induk_id=laporan.wilayah_id)
    terbit = Q(laporan__status=StatusLaporan.DISETUJUI) | Q(laporan__direvisi=True)
    hasil: dict[str, MasalahUsulanIndikator] = {}
    for m in MasalahLayanan.objects.filter(terbit, **bawah).select_related("indikator", "laporan__wilayah"):
        hasil.setdefault(m.indikator_id, MasalahUsulanIndikator(m.indikator, [], [])).masalah.append(m)
    for u in UsulanProgram.objects.filter(terbit, **bawah).select_related("indikator", "laporan__wilayah"):
        hasil.setdefault(u.indikator_id, MasalahUsulanIndikator(u.indikator, [], [])).usulan.append(u)
    return sorted(hasil.values(), key=lambda x: (x.indikator.urutan, x.indikator.kode))
