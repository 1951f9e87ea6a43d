"""Before/after of an APBD perubahan Laporan (DOMAIN.md §4.3): its lines against the approved
murni lines they were copied from (`asal`), per line, per indicator and in total.

A removed line is kept with `dihapus=True` (after = 0), a line new in the revision has no `asal`
(before = 0). Before = the asal line's total, after = the line's own total. Everything is
computed with aggregate queries: a kab/kota has thousands of lines.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from aksi.models import Laporan
from indikator.models import IndikatorCapaian

from ..models import TAHAPAN_MURNI, RincianBelanja
from .anggaran import NOL

_RUPIAH = DecimalField(max_digits=19, decimal_places=2)
# A copy differs from its murni line when any of these differ.
KOLOM_BANDING = ("kode_subkegiatan", "kode_rekening", "uraian", "volume", "satuan", "harga_satuan", "total",
                 "indikator_id", "kelompok_id", "arah", "sumber_dana", "unit_id")


def laporan_murni_untuk(laporan_perubahan: Laporan) -> Laporan | None:
    """The murni Laporan a perubahan Laporan revises: same year, same wilayah."""
    return Laporan.objects.filter(
        tahun=laporan_perubahan.tahun, wilayah_id=laporan_perubahan.wilayah_id, tahapan_id=TAHAPAN_MURNI,
    ).first()


@dataclass
class Selisih:
    sebelum: Decimal = NOL
    sesudah: Decimal = NOL

    @property
    def selisih(self) -> Decimal:
        return self.sesudah - self.sebelum


@dataclass
class SelisihIndikator(Selisih):
    indikator: IndikatorCapaian | None = None


@dataclass
class SelisihPerubahan:
    """Before/after of an APBD perubahan Laporan.

    `baris` is a lazy queryset of the Laporan's lines annotated with `sebelum`, `sesudah`,
    `selisih` and `berubah` (paginate it); `per_indikator` and `total` are aggregates.
    `per_indikator` puts "before" under the murni line's indicator and "after" under the
    current one, so re-tagging a line moves its amount between indicators.
    """

    laporan: Laporan
    laporan_murni: Laporan | None
    baris: QuerySet
    per_indikator: list[SelisihIndikator] = field(default_factory=list)
    total: Selisih = field(default_factory=Selisih)
    jumlah_baris: int = 0
    jumlah_baru: int = 0
    jumlah_dihapus: int = 0
    jumlah_berubah: int = 0


def _ekspresi_sebelum():
    return Coalesce(F("asal__total"), Value(NOL), output_field=_RUPIAH)


def _ekspresi_sesudah():
    return Case(When(dihapus=True, then=Value(NOL)), default=F("total"), output_field=_RUPIAH)


def _q_berubah() -> Q:
    """A line changed in the revision: new, removed, or any compared field differs from its asal."""
    q = Q(asal__isnull=True) | Q(dihapus=True)
    for kolom in KOLOM_BANDING:
        q |= ~Q(**{kolom: F(f"asal__{kolom}")})
    return q


def baris_perubahan(laporan_perubahan: Laporan) -> QuerySet:
    return (
        RincianBelanja.objects.filter(laporan=laporan_perubahan)
        .select_related("unit", "indikator", "kelompok", "asal")
        .annotate(sebelum=_ekspresi_sebelum(), sesudah=_ekspresi_sesudah())
        .annotate(
            selisih=ExpressionWrapper(F("sesudah") - F("sebelum"), output_field=_RUPIAH),
            berubah=ExpressionWrapper(_q_berubah(), output_field=BooleanField()),
        )
    )


def selisih_perubahan(laporan_perubahan: Laporan, *, hanya_berubah: bool = False) -> SelisihPerubahan:
    """Before (asal values) / after (0 if dihapus) / difference per line, per indicator, in total."""
    semua = RincianBelanja.objects.filter(laporan=laporan_perubahan).order_by()
    sebelum = dict(
        semua.filter(asal__isnull=False).values_list("asal__indikator").annotate(n=Sum("asal__total"))
    )
    sesudah = dict(semua.filter(dihapus=False).values_list("indikator").annotate(n=Sum("total")))
    indikator = IndikatorCapaian.objects.filter(kode__in={*sebelum, *sesudah})  # catalog order
    per_indikator = [
        SelisihIndikator(sebelum=sebelum.get(i.kode, NOL), sesudah=sesudah.get(i.kode, NOL), indikator=i)
        for i in indikator
    ]
    hitung = semua.aggregate(  # aliases differ from field names: Django would read them as the aggregates
        n_baris=Count("id"),
        n_baru=Count("id", filter=Q(asal__isnull=True)),
        n_dihapus=Count("id", filter=Q(dihapus=True)),
        n_berubah=Count("id", filter=_q_berubah()),
    )
    baris = baris_perubahan(laporan_perubahan)
    if hanya_berubah:
        baris = baris.filter(_q_berubah())
    return SelisihPerubahan(
        laporan=laporan_perubahan,
        laporan_murni=laporan_murni_untuk(laporan_perubahan),
        baris=baris,
        per_indikator=per_indikator,
        total=Selisih(sebelum=sum(sebelum.values(), NOL), sesudah=sum(sesudah.values(), NOL)),
        jumlah_baris=hitung["n_baris"], jumlah_baru=hitung["n_baru"], jumlah_dihapus=hitung["n_dihapus"],
        jumlah_berubah=hitung["n_berubah"],
    )
