"""Budget reads (DOMAIN.md §8), scoped through wilayah.lingkup.lingkup_baca.

`tahun` is always the BUDGET year (tahun anggaran). APBD murni and perubahan tags of year Y
live in the Laporan of year Y; the planning tags for year Y are made in July of Y-1, in the
penandaan-perencanaan Laporan of year Y-1 (`tahun_laporan`).

A wilayah's budget includes its whole subtree: a kab/kota sees its own lines plus those of its
kecamatan (prefix match on the Laporan's wilayah code). Only approved Laporan count unless
`termasuk_belum_disetujui` is set; lines removed in an APBD perubahan (`dihapus`) never count.
All totals are GROUP BY queries.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, QuerySet, Sum
from django.http import Http404

from aksi.choices import StatusLaporan
from aksi.choices import SumberDana
from indikator.models import IndikatorCapaian, JenisIntervensi, KelompokSasaran
from wilayah.lingkup import LINGKUP_PUBLIK, lingkup_baca, q_dalam
from wilayah.models import Wilayah

from ..models import KODE_TAHAPAN, ArahSasaran, JenisPenandaan, RincianBelanja

KOLOM_WILAYAH = "laporan__wilayah__kode"
NOL = Decimal("0.00")


def jenis_penandaan(jenis) -> JenisPenandaan:
    """The kind from a value such as 'murni'; ValueError on anything else."""
    return JenisPenandaan(jenis)


def tahun_laporan(jenis, tahun: int) -> int:
    """The year of the Laporan holding the tags of budget year `tahun`."""
    return tahun - 1 if jenis_penandaan(jenis) == JenisPenandaan.PERENCANAAN else tahun


def rincian_dasar(*, user, wilayah: Wilayah, tahun: int, jenis, termasuk_belum_disetujui: bool = False) -> QuerySet:
    """Every counted line of one kind and budget year in the wilayah's subtree, within the user's scope."""
    jenis = jenis_penandaan(jenis)
    if getattr(user, "is_authenticated", False):
        lingkup = lingkup_baca(user)
    else:  # the public reads approved tags of every wilayah, nothing else
        lingkup, termasuk_belum_disetujui = LINGKUP_PUBLIK, False
    if not lingkup.mencakup(wilayah.kode):
        raise Http404("Wilayah tidak ditemukan.")
    qs = RincianBelanja.objects.filter(
        q_dalam(wilayah.kode, KOLOM_WILAYAH),
        laporan__tahun=tahun_laporan(jenis, tahun), laporan__tahapan_id=KODE_TAHAPAN[jenis],
    )
    qs = lingkup.saring(qs, KOLOM_WILAYAH)
    if not termasuk_belum_disetujui:
        qs = qs.filter(laporan__status=StatusLaporan.DISETUJUI)
    if jenis == JenisPenandaan.PERUBAHAN:
        qs = qs.filter(dihapus=False)
    return qs


# --- summary -----------------------------------------------------------------------------------

@dataclass
class BarisAnggaran:
    """One group of a breakdown: its key (the GET parameter value), label, lines and total."""

    kode: str
    label: str
    total: Decimal = NOL
    jumlah_baris: int = 0
    objek: object = None
    persen: Decimal | None = None


@dataclass
class RingkasAnggaran:
    wilayah: Wilayah
    tahun: int
    jenis: JenisPenandaan
    termasuk_belum_disetujui: bool
    total: Decimal = NOL
    jumlah_baris: int = 0
    jumlah_laporan: int = 0
    per_intervensi: list[BarisAnggaran] = field(default_factory=list)  # spesifik / sensitif (D92)
    per_indikator: list[BarisAnggaran] = field(default_factory=list)
    per_kelompok: list[BarisAnggaran] = field(default_factory=list)
    per_arah: list[BarisAnggaran] = field(default_factory=list)
    per_sumber_dana: list[BarisAnggaran] = field(default_factory=list)

    @property
    def tahun_laporan(self) -> int:
        return tahun_laporan(self.jenis, self.tahun)


def _per(qs: QuerySet, kolom: str) -> dict[str, tuple[Decimal, int]]:
    return {
        r[kolom]: (r["jumlah"], r["n"])
        for r in qs.order_by().values(kolom).annotate(jumlah=Sum("total"), n=Count("id"))
    }


def _susun(jumlah: dict, daftar: list[tuple[str, str, object]], total: Decimal) -> list[BarisAnggaran]:
    """Rows in catalog/choice order, every entry listed (a zero shows an unfunded target)."""
    hasil = []
    for kode, label, objek in daftar:
        nilai, n = jumlah.get(kode, (NOL, 0))
        persen = nilai * 100 / total if total else None
        hasil.append(BarisAnggaran(kode, label, nilai, n, objek, persen))
    return hasil


def anggaran_ringkas(*, user, wilayah: Wilayah, tahun: int, jenis, termasuk_belum_disetujui: bool = False) -> RingkasAnggaran:
    """Tagged budget of one kind and budget year in a wilayah and everything below it:
    totals per intervention type (spesifik/sensitif), indicator, kelompok sasaran, arah and sumber dana."""
    jenis = jenis_penandaan(jenis)
    qs = rincian_dasar(user=user, wilayah=wilayah, tahun=tahun, jenis=jenis,
                       termasuk_belum_disetujui=termasuk_belum_disetujui)
    semua = qs.order_by().aggregate(jumlah=Sum("total"), n=Count("id"), n_laporan=Count("laporan", distinct=True))
    total = semua["jumlah"] or NOL
    indikator = [(i.kode, f"{i.kode} {i.pembilang}", i) for i in IndikatorCapaian.objects.select_related("kelompok")]
    kelompok = [(k.kode, f"{k.kode}. {k.nama}", k) for k in KelompokSasaran.objects.all()]
    return RingkasAnggaran(
        wilayah=wilayah, tahun=tahun, jenis=jenis, termasuk_belum_disetujui=termasuk_belum_disetujui,
        total=total, jumlah_baris=semua["n"], jumlah_laporan=semua["n_laporan"],
        per_intervensi=_susun(_per(qs, "kelompok__jenis_intervensi"), [(k, lbl, None) for k, lbl in JenisIntervensi.choices],
                              total),
        per_indikator=_susun(_per(qs, "indikator"), indikator, total),
        per_kelompok=_susun(_per(qs, "kelompok"), kelompok, total),
        per_arah=_susun(_per(qs, "arah"), [(k, lbl, None) for k, lbl in ArahSasaran.choices], total),
        per_sumber_dana=_susun(_per(qs, "sumber_dana"), [(k, lbl, None) for k, lbl in SumberDana.choices], total),
    )


def anggaran_rincian(
    *, user, wilayah: Wilayah, tahun: int, jenis, indikator: str | None = None, kelompok: str | None = None,
    arah: str | None = None, sumber_dana: str | None = None, termasuk_belum_disetujui: bool = False,
) -> QuerySet[RincianBelanja]:
    """The lines behind a total of `anggaran_ringkas` (drill-down), ordered by wilayah then SIPD code."""
    qs = rincian_dasar(user=user, wilayah=wilayah, tahun=tahun, jenis=jenis,
                       termasuk_belum_disetujui=termasuk_belum_disetujui)
    saring = {"indikator_id": indikator, "kelompok_id": kelompok, "arah": arah, "sumber_dana": sumber_dana}
    qs = qs.filter(**{k: v for k, v in saring.items() if v})
    return qs.select_related("laporan__wilayah", "unit", "indikator", "kelompok").order_by(
        "laporan__wilayah_id", *RincianBelanja._meta.ordering,
    )


# --- planning vs APBD --------------------------------------------------------------------------

@dataclass
class RencanaApbd:
    rencana: Decimal = NOL
    apbd: Decimal = NOL

    @property
    def selisih(self) -> Decimal:
        """Funded minus planned: negative when the APBD gives less than planned."""
        return self.apbd - self.rencana

    @property
    def persen_didanai(self) -> Decimal | None:
        return self.apbd * 100 / self.rencana if self.rencana else None


@dataclass
class IndikatorRencana(RencanaApbd):
    indikator: IndikatorCapaian | None = None


@dataclass
class SubkegiatanRencana(RencanaApbd):
    wilayah: Wilayah | None = None
    kode: str = ""
    nama: str = ""

    @property
    def direncanakan(self) -> bool:
        return self.rencana > 0

    @property
    def didanai(self) -> bool:
        return self.apbd > 0


@dataclass
class PerbandinganRencana:
    wilayah: Wilayah
    tahun: int
    per_indikator: list[IndikatorRencana]
    per_subkegiatan: list[SubkegiatanRencana]
    total: RencanaApbd

    @property
    def tahun_perencanaan(self) -> int:
        return self.tahun - 1

    @property
    def subkegiatan_direncanakan(self) -> int:
        return sum(1 for s in self.per_subkegiatan if s.direncanakan)

    @property
    def subkegiatan_didanai(self) -> int:
        return sum(1 for s in self.per_subkegiatan if s.direncanakan and s.didanai)

    @property
    def persen_subkegiatan_didanai(self) -> Decimal | None:
        n = self.subkegiatan_direncanakan
        return Decimal(self.subkegiatan_didanai * 100) / n if n else None


def rencana_vs_apbd(*, user, wilayah: Wilayah, tahun: int, termasuk_belum_disetujui: bool = False) -> PerbandinganRencana:
    """Planning tags made in tahun-1 for budget year `tahun` against the APBD murni tags of `tahun`,
    per indicator and per subkegiatan. A subkegiatan is matched within its own wilayah (SIPD codes
    are a national nomenclature: the same code in two kecamatan is two different budgets)."""
    bersama = {"user": user, "wilayah": wilayah, "tahun": tahun, "termasuk_belum_disetujui": termasuk_belum_disetujui}
    rencana = rincian_dasar(jenis=JenisPenandaan.PERENCANAAN, **bersama).order_by()
    apbd = rincian_dasar(jenis=JenisPenandaan.MURNI, **bersama).order_by()

    r_ind = dict(rencana.values_list("indikator").annotate(n=Sum("total")))
    a_ind = dict(apbd.values_list("indikator").annotate(n=Sum("total")))
    per_indikator = [
        IndikatorRencana(rencana=r_ind.get(i.kode, NOL), apbd=a_ind.get(i.kode, NOL), indikator=i)
        for i in IndikatorCapaian.objects.filter(kode__in={*r_ind, *a_ind})
    ]

    kunci = ("laporan__wilayah_id", "kode_subkegiatan")
    r_sub = {(r["laporan__wilayah_id"], r["kode_subkegiatan"]): r
             for r in rencana.values(*kunci).annotate(n=Sum("total"), nama=Max("nama_subkegiatan"))}
    a_sub = {(r["laporan__wilayah_id"], r["kode_subkegiatan"]): r
             for r in apbd.values(*kunci).annotate(n=Sum("total"), nama=Max("nama_subkegiatan"))}
    nama_wilayah = Wilayah.objects.in_bulk({w for w, _ in (*r_sub, *a_sub)})
    per_subkegiatan = []
    for w, kode in sorted({*r_sub, *a_sub}):
        r, a = r_sub.get((w, kode)), a_sub.get((w, kode))
        per_subkegiatan.append(SubkegiatanRencana(
            rencana=r["n"] if r else NOL, apbd=a["n"] if a else NOL,
            wilayah=nama_wilayah.get(w), kode=kode, nama=(r or a)["nama"],
        ))
    total = RencanaApbd(rencana=sum(r_ind.values(), NOL), apbd=sum(a_ind.values(), NOL))
    return PerbandinganRencana(wilayah, tahun, per_indikator, per_subkegiatan, total)
