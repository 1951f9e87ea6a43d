"""Reads of the roll-up (Rekap): coverage per indicator, for one wilayah or a page of children.

Coverage = Σ numerator / Σ its denominator sasaran (both sums from Rekap, never an average of
percentages). F6-like items ("desa" denominator, 1 = the desa runs the program) = desa with 1 /
number of desa of the wilayah (all of them: a desa that did not report does not run it as far
as the rekap knows). C5-like items ("hitungan") are a count without percentage.
"""
from dataclasses import dataclass, field

from django.db.models import Sum
from django.http import Http404

from aksi.choices import Periode
from indikator.katalog import Item, cakupan_persen, daftar_item
from indikator.models import JenisPenyebut
from wilayah.choices import PANJANG_KODE, Tingkat
from wilayah.models import Wilayah
from wilayah.selectors import lingkup_baca, wilayah_ambil

from .models import KODE_NASIONAL, Rekap
from .rekap import TINGKAT_NASIONAL, nilai_dihitung

NAMA_NASIONAL = "Nasional"


def jumlah_desa_wilayah(kode: list[str]) -> dict[str, int]:
    """Number of desa/kelurahan of each wilayah code ('' = the nation: the sum over provinces)."""
    hasil = dict(Wilayah.objects.filter(kode__in=[k for k in kode if k]).values_list("kode", "jumlah_desa"))
    if KODE_NASIONAL in kode:
        hasil[KODE_NASIONAL] = Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).aggregate(n=Sum("jumlah_desa"))["n"] or 0
    return hasil


def cakupan_sel(item: Item, jumlah: dict[str, int], jumlah_desa: int) -> tuple[int | None, int | None, float | None]:
    """(pembilang, penyebut, persen) of one indicator from a wilayah's sums per item."""
    pembilang = jumlah.get(item.kode)
    if item.jenis_penyebut == JenisPenyebut.HITUNGAN:
        return pembilang, None, None
    if item.jenis_penyebut == JenisPenyebut.DESA:
        penyebut = jumlah_desa or None
    else:
        ada = [jumlah[s] for s in item.penyebut if s in jumlah]
        penyebut = sum(ada) if ada else None
    return pembilang, penyebut, cakupan_persen(pembilang, penyebut)


def rekap_cakupan(*, wilayah_kode: str, tahun: int, periode: str) -> dict[str, tuple[int | None, int | None, float | None]]:
    """Coverage of every capaian indicator of one wilayah ('' = nasional) for (tahun, periode):
    item code -> (pembilang, penyebut, persen). None where nothing was entered; C5-like
    items have no penyebut and no persen. Not scoped: callers check the user's scope."""
    jumlah = dict(Rekap.objects.filter(wilayah_kode=wilayah_kode, tahun=tahun, periode=periode).values_list("item", "jumlah"))
    desa = jumlah_desa_wilayah([wilayah_kode]).get(wilayah_kode, 0)
    return {i.kode: cakupan_sel(i, jumlah, desa) for i in daftar_item() if i.jenis == "capaian"}


# --- the page's table ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Sel:
    item: Item
    pembilang: int | None
    penyebut: int | None
    persen: float | None

    @property
    def hitungan(self) -> bool:
        return self.item.jenis_penyebut == JenisPenyebut.HITUNGAN


@dataclass(frozen=True)
class BarisRekap:
    kode: str
    nama: str
    tingkat: int
    jumlah_desa: int
    terisi: int  # (desa, item) pairs with a value, catalog items only
    jumlah_item: int
    cakupan: list[Sel]
    dapat_dibuka: bool = False  # a wilayah with its own rekap page (not a desa)

    @property
    def kelengkapan(self) -> float | None:
        """Share of desa × items filled, in %."""
        semua = self.jumlah_desa * self.jumlah_item
        return self.terisi * 100 / semua if semua else None


@dataclass(frozen=True)
class TabelRekap:
    kode: str
    nama: str
    tingkat: int
    tahun: int
    periode: str
    indikator: list[Item]
    total: BarisRekap
    baris: list[BarisRekap]  # the children: provinsi, kab/kota, kecamatan or desa
    leluhur: list[tuple[str, str, bool]] = field(default_factory=list)  # (kode, nama, in scope), top first

    @property
    def tingkat_anak(self) -> str:
        return {TINGKAT_NASIONAL: "Provinsi", Tingkat.PROVINSI: "Kabupaten/kota",
                Tingkat.KABKOTA: "Kecamatan", Tingkat.KECAMATAN: "Desa/kelurahan"}[self.tingkat]


def rekap_wilayah(*, user, wilayah_kode: str) -> tuple[str, str, int]:
    """(kode, nama, tingkat) of a wilayah the user may read; '' = nasional (nation-wide readers
    only). Anything else answers 404, like a missing wilayah. Desa have no rekap of their own."""
    if wilayah_kode == KODE_NASIONAL:
        if not lingkup_baca(user).semua:
            raise Http404("Wilayah tidak ditemukan.")
        return KODE_NASIONAL, NAMA_NASIONAL, TINGKAT_NASIONAL
    wilayah = wilayah_ambil(user=user, kode=wilayah_kode)
    if wilayah.tingkat == Tingkat.DESA:
        raise Http404("Rekap tersedia untuk kecamatan ke atas.")
    return wilayah.kode, wilayah.nama_lengkap, wilayah.tingkat


def rekap_tabel(*, user, wilayah_kode: str, tahun: int, periode: str) -> TabelRekap:
    """The wilayah's coverage per indicator and its children's, scoped with lingkup_baca (404
    outside). Children of a kecamatan are its desa, read from the counted desa values."""
    kode, nama, tingkat = rekap_wilayah(user=user, wilayah_kode=wilayah_kode)
    katalog = daftar_item()
    indikator = [i for i in katalog if i.jenis == "capaian"]
    kode_katalog = {i.kode for i in katalog}
    if tingkat == TINGKAT_NASIONAL:
        anak = list(Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).order_by("kode"))
    else:
        anak = list(Wilayah.objects.filter(kode__startswith=f"{kode}.", tingkat=tingkat + 1).order_by("kode"))

    semua_kode = [kode] + ([w.kode for w in anak] if tingkat != Tingkat.KECAMATAN else [])
    jumlah: dict[str, dict[str, tuple[int, int]]] = {k: {} for k in semua_kode}
    for k, item, n, desa in (Rekap.objects.filter(tahun=tahun, periode=periode, wilayah_kode__in=semua_kode)
                             .values_list("wilayah_kode", "item", "jumlah", "jumlah_desa")):
        jumlah[k][item] = (n, desa)
    if tingkat == Tingkat.KECAMATAN:  # desa rows straight from the values counted in the rekap
        for w in anak:
            jumlah[w.kode] = {}
        for d, item, n in (nilai_dihitung(tahun=tahun, periode=periode, wilayah_kode=kode)
                           .values_list("desa_id", "item", "nilai")):
            jumlah[d][item] = (n, 1)
    desa_wilayah = jumlah_desa_wilayah([kode]) | {w.kode: (1 if w.tingkat == Tingkat.DESA else w.jumlah_desa) for w in anak}

    def baris(k: str, n: str, t: int) -> BarisRekap:
        per_item = jumlah.get(k, {})
        nilai = {i: v[0] for i, v in per_item.items()}
        return BarisRekap(
            kode=k, nama=n, tingkat=t, jumlah_desa=desa_wilayah.get(k, 0),
            terisi=sum(v[1] for i, v in per_item.items() if i in kode_katalog), jumlah_item=len(katalog),
            cakupan=[Sel(i, *cakupan_sel(i, nilai, desa_wilayah.get(k, 0))) for i in indikator],
            dapat_dibuka=t != Tingkat.DESA,
        )

    lingkup = lingkup_baca(user)
    leluhur = [(KODE_NASIONAL, NAMA_NASIONAL, lingkup.semua)] if tingkat != TINGKAT_NASIONAL else []
    if tingkat > Tingkat.PROVINSI:
        for w in Wilayah.objects.filter(kode__in=[kode[:PANJANG_KODE[t]] for t in range(Tingkat.PROVINSI, tingkat)]).order_by("tingkat"):
            leluhur.append((w.kode, w.nama_lengkap, lingkup.mencakup(w.kode)))
    return TabelRekap(
        kode=kode, nama=nama, tingkat=tingkat, tahun=tahun, periode=periode, indikator=indikator,
        total=baris(kode, nama, tingkat), baris=[baris(w.kode, w.nama_lengkap, w.tingkat) for w in anak], leluhur=leluhur,
    )


def kelengkapan_per_periode(*, wilayah_kode: str, tahun: int) -> dict[str, float | None]:
    """Completeness (% of desa × items filled) of one wilayah for each periode (step) of a year."""
    katalog = [i.kode for i in daftar_item()]
    desa = jumlah_desa_wilayah([wilayah_kode]).get(wilayah_kode, 0)
    terisi = dict(Rekap.objects.filter(wilayah_kode=wilayah_kode, tahun=tahun, item__in=katalog).order_by()
                  .values("periode").annotate(n=Sum("jumlah_desa")).values_list("periode", "n"))
    semua = desa * len(katalog)
    return {p: (terisi.get(p, 0) * 100 / semua if semua else None) for p in Periode.values}


def tahun_rekap() -> list[int]:
    """Years that have a rekap, newest first (for the page's year choice)."""
    # every rebuilt (tahun, periode) has the nation's rows: a primary-key lookup, not a scan
    return list(Rekap.objects.filter(wilayah_kode=KODE_NASIONAL).order_by("-tahun").values_list("tahun", flat=True).distinct())

