"""Reads of the roll-up (Rekap): coverage per indicator, for one wilayah or a page of children.

Coverage = Σ numerator / Σ its denominator sasaran (both sums from Rekap, never an average of
percentages). F6-like items ("desa" denominator, 1 = the desa runs the program) = desa with 1 /
number of desa of the wilayah (all of them: a desa that did not report does not run it as far
as the rekap knows). C5-like items ("hitungan") are a count without percentage.
"""
from dataclasses import dataclass, field

from celery.result import AsyncResult
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum, When
from django.http import Http404

from aksi.choices import Periode, StatusLaporan
from aksi.models import Laporan, Siklus, Tahapan
from indikator.katalog import Item, cakupan_persen, daftar_item
from indikator.models import JenisPenyebut, NilaiDesa, NilaiTerbit
from wilayah.choices import PANJANG_KODE, Tingkat
from wilayah.lingkup import lingkup_baca, q_dalam
from wilayah.models import Wilayah
from wilayah.selectors import wilayah_ambil

from .models import KODE_NASIONAL, PengaturanRekap, Rekap

NAMA_NASIONAL = "Nasional"
TINGKAT_NASIONAL = 0  # the nation's Rekap rows
POLA_KODE_KECAMATAN = r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$"  # PP.KK.CC


# --- which values the roll-up counts --------------------------------------------------------------

def laporan_dihitung(*, tahun: int | None = None, periode: str | None = None,
                     sertakan_belum_disetujui: bool | None = None) -> QuerySet[Laporan]:
    """The kecamatan Laporan whose values the roll-up counts (the administrator's setting by default)."""
    if sertakan_belum_disetujui is None:
        sertakan_belum_disetujui = PengaturanRekap.ambil().sertakan_belum_disetujui
    tahapan = Tahapan.objects.exclude(periode="").filter(**({"periode": periode} if periode else {}))
    # one table, no joins (the incremental path probes it once per desa value); the kecamatan by
    # the shape of the code, which PostgreSQL estimates from the column's histogram — with
    # LENGTH(code) = 8 it guessed 0.5 % of the rows and read 5 million values by index
    qs = Laporan.objects.filter(
        wilayah__kode__regex=POLA_KODE_KECAMATAN, tahapan_id__in=list(tahapan.values_list("kode", flat=True)),
    )
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    if not sertakan_belum_disetujui:
        # approved, or reopened after approval: its last approved values still count (D88)
        qs = qs.filter(Q(status=StatusLaporan.DISETUJUI) | Q(direvisi=True))
        # the years whose cycle counts only what the level above accepted (D87)
        hanya_diterima = [th for th in Siklus.objects.filter(rekap_hanya_diterima=True).values_list("tahun", flat=True)
                          if tahun is None or th == tahun]
        if hanya_diterima:
            qs = qs.exclude(tahun__in=hanya_diterima, diterima_pada__isnull=True)
    return qs


def sumber_nilai(laporan: QuerySet[Laporan], *, sertakan_belum_disetujui: bool) -> list[tuple[type, QuerySet[Laporan]]]:
    """Where the counted values of `laporan` are read (D88): [(NilaiDesa, Laporan whose own values
    count), (NilaiTerbit, Laporan under revision: their last approved values)]. When the setting
    counts unapproved data, every Laporan's own values."""
    if sertakan_belum_disetujui:
        return [(NilaiDesa, laporan)]
    return [(NilaiDesa, laporan.filter(direvisi=False)), (NilaiTerbit, laporan.filter(direvisi=True))]


def nilai_dihitung(*, tahun: int | None = None, periode: str | None = None,
                   sertakan_belum_disetujui: bool | None = None, wilayah_kode: str = "") -> list[QuerySet]:
    """The desa values the roll-up counts, under `wilayah_kode` when given (a desa: that desa's
    values only): one queryset per source of `sumber_nilai` (NilaiDesa, then NilaiTerbit; the same
    fields), each a semi-join on its counted Laporan. Found through the kecamatan Laporan of the
    scope — the primary keys lead with the Laporan, and a value's desa always lies in its
    Laporan's kecamatan."""
    if sertakan_belum_disetujui is None:
        sertakan_belum_disetujui = PengaturanRekap.ambil().sertakan_belum_disetujui
    laporan = laporan_dihitung(tahun=tahun, periode=periode, sertakan_belum_disetujui=sertakan_belum_disetujui)
    desa = None
    panjang_kecamatan = PANJANG_KODE[Tingkat.KECAMATAN]
    if len(wilayah_kode) >= panjang_kecamatan:  # a kecamatan, or a desa and so its kecamatan
        laporan = laporan.filter(wilayah_id=wilayah_kode[:panjang_kecamatan])
        if len(wilayah_kode) > panjang_kecamatan:
            desa = wilayah_kode
    elif wilayah_kode:
        laporan = laporan.filter(q_dalam(wilayah_kode, "wilayah__kode", termasuk_diri=False))
    hasil = []
    for model, lap in sumber_nilai(laporan, sertakan_belum_disetujui=sertakan_belum_disetujui):
        nilai = model.objects.filter(laporan_id__in=lap.order_by().values("id"))
        hasil.append(nilai.filter(desa_id=desa) if desa else nilai)
    return hasil


def jumlah_desa_wilayah(kode: list[str]) -> dict[str, int]:
    """Number of desa/kelurahan of each wilayah code ('' = the nation: the sum over provinces)."""
    hasil = dict(Wilayah.objects.filter(kode__in=[k for k in kode if k]).values_list("kode", "jumlah_desa"))
    if KODE_NASIONAL in kode:
        hasil[KODE_NASIONAL] = Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).aggregate(n=Sum("jumlah_desa"))["n"] or 0
    return hasil


# --- the base of an aggregate: how much of the wilayah it covers --------------------------------

AMBANG_MEWAKILI_PERSEN = 80
"""An aggregate stands for its wilayah only when at least this share of the desa below it entered
a value; below it, pages say plainly that the figure does not yet represent the wilayah."""


@dataclass(frozen=True)
class Basis:
    """What an aggregate of a wilayah rests on (for one tahun and periode): the kecamatan whose
    counted Laporan has at least one desa value, and the desa with at least one counted value,
    each out of all that exist below the wilayah (a kecamatan counts itself; a desa has no
    kecamatan below it: None)."""

    kecamatan_tercakup: int | None
    kecamatan_total: int | None
    desa_tercakup: int
    desa_total: int
    kecamatan_diterima: int | None = None  # of the covered kecamatan, those its kab/kota accepted (D87)
    kecamatan_direvisi: int | None = None  # of the covered kecamatan, those under revision: last approved figures (D88)

    @property
    def persen_desa(self) -> float | None:
        return self.desa_tercakup * 100 / self.desa_total if self.desa_total else None

    @property
    def mewakili(self) -> bool:
        return bool(self.desa_total) and self.desa_tercakup * 100 >= AMBANG_MEWAKILI_PERSEN * self.desa_total


def basis_cakupan(kode: list[str], *, tahun: int, periode: str,
                  sertakan_belum_disetujui: bool | None = None) -> dict[str, Basis]:
    """The base (see `Basis`) of each wilayah code ('' = nasional, any level down to desa) for
    (tahun, periode), over the Laporan the roll-up counts (the administrator's setting unless
    given). One grouped query for all codes above desa — per counted kecamatan Laporan, its desa
    with a value, each probed on NilaiDesa's key (laporan, desa) — one for the desa codes, one for
    the totals; never a query per wilayah."""
    kode = list(dict.fromkeys(kode))
    panjang_kec = PANJANG_KODE[Tingkat.KECAMATAN]
    desa_kode = [k for k in kode if len(k) > panjang_kec]
    atas = [k for k in kode if len(k) <= panjang_kec]
    sertakan = (PengaturanRekap.ambil().sertakan_belum_disetujui if sertakan_belum_disetujui is None
                else sertakan_belum_disetujui)
    laporan = laporan_dihitung(tahun=tahun, periode=periode, sertakan_belum_disetujui=sertakan)
    tercakup: dict[str, list[int]] = {}  # code -> [kecamatan, desa, kecamatan accepted above, under revision]
    if atas:
        qs = laporan
        if KODE_NASIONAL not in atas:
            lingkup = Q(wilayah_id__in=[k for k in atas if len(k) == panjang_kec])
            akar = {k[:PANJANG_KODE[Tingkat.PROVINSI]] if len(atas) > 20 else k for k in atas if len(k) < panjang_kec}
            lingkup |= q_dalam(sorted(akar), "wilayah__kode", termasuk_diri=False)
            qs = qs.filter(lingkup)
        def desa_terisi(model):
            return (Wilayah.objects.filter(induk_id=OuterRef("wilayah_id"))
                    .filter(Exists(model.objects.filter(laporan_id=OuterRef(OuterRef("pk")), desa_id=OuterRef("kode"))))
                    .order_by().values("induk_id").annotate(n=Count("*")).values("n"))

        n = Subquery(desa_terisi(NilaiDesa))
        if not sertakan:  # a Laporan under revision covers what its last approved version did (D88)
            n = Case(When(direvisi=True, then=Subquery(desa_terisi(NilaiTerbit))), default=n)
        for kec, n, diterima, direvisi in qs.order_by().annotate(n=n).values_list("wilayah_id", "n", "diterima_pada", "direvisi"):
            if not n:
                continue  # an approved Laporan without any value covers nothing
            for k in {KODE_NASIONAL, *(kec[:PANJANG_KODE[t]] for t in (Tingkat.PROVINSI, Tingkat.KABKOTA, Tingkat.KECAMATAN))}:
                jumlah = tercakup.setdefault(k, [0, 0, 0, 0])
                jumlah[0] += 1
                jumlah[1] += n
                jumlah[2] += diterima is not None
                jumlah[3] += direvisi and not sertakan
    if desa_kode:
        ada = set()
        for model, lap in sumber_nilai(laporan.filter(wilayah_id__in={k[:panjang_kec] for k in desa_kode}),
                                       sertakan_belum_disetujui=sertakan):
            ada |= set(model.objects.filter(laporan__in=lap, desa_id__in=desa_kode).values_list("desa_id", flat=True).distinct())
        tercakup |= {k: [0, 1, 0, 0] for k in ada}
    total = {w["kode"]: w for w in Wilayah.objects.filter(kode__in=[k for k in kode if k])
             .values("kode", "tingkat", "jumlah_kecamatan", "jumlah_desa")}
    if KODE_NASIONAL in kode:
        semua = Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).aggregate(k=Sum("jumlah_kecamatan"), d=Sum("jumlah_desa"))
        total[KODE_NASIONAL] = {"tingkat": TINGKAT_NASIONAL, "jumlah_kecamatan": semua["k"] or 0, "jumlah_desa": semua["d"] or 0}
    hasil = {}
    for k in kode:
        w = total.get(k)
        if w is None:
            continue
        kec, desa, diterima, direvisi = tercakup.get(k, (0, 0, 0, 0))
        if w["tingkat"] == Tingkat.DESA:
            hasil[k] = Basis(None, None, desa, 1)
        else:
            hasil[k] = Basis(kec, 1 if w["tingkat"] == Tingkat.KECAMATAN else w["jumlah_kecamatan"], desa, w["jumlah_desa"],
                             diterima, direvisi)
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
    basis: Basis | None = None  # the kecamatan and desa the row's figures rest on

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
    def lingkup(self) -> str:
        """The wilayah's level in a sentence ("belum mewakili provinsi")."""
        return {TINGKAT_NASIONAL: "nasional", Tingkat.PROVINSI: "provinsi", Tingkat.KABKOTA: "kabupaten/kota",
                Tingkat.KECAMATAN: "kecamatan"}[self.tingkat]

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
        anak = list(Wilayah.objects.dalam(kode, termasuk_diri=False).filter(tingkat=tingkat + 1).order_by("kode"))

    semua_kode = [kode] + ([w.kode for w in anak] if tingkat != Tingkat.KECAMATAN else [])
    jumlah: dict[str, dict[str, tuple[int, int]]] = {k: {} for k in semua_kode}
    for k, item, n, desa in (Rekap.objects.filter(tahun=tahun, periode=periode, wilayah_kode__in=semua_kode)
                             .values_list("wilayah_kode", "item", "jumlah", "jumlah_desa")):
        jumlah[k][item] = (n, desa)
    if tingkat == Tingkat.KECAMATAN:  # desa rows straight from the values counted in the rekap
        for w in anak:
            jumlah[w.kode] = {}
        for nilai in nilai_dihitung(tahun=tahun, periode=periode, wilayah_kode=kode):
            for d, item, n in nilai.values_list("desa_id", "item", "nilai"):
                jumlah[d][item] = (n, 1)
    desa_wilayah = jumlah_desa_wilayah([kode]) | {w.kode: (1 if w.tingkat == Tingkat.DESA else w.jumlah_desa) for w in anak}
    basis = basis_cakupan([kode, *(w.kode for w in anak)], tahun=tahun, periode=periode)

    def baris(k: str, n: str, t: int) -> BarisRekap:
        per_item = jumlah.get(k, {})
        nilai = {i: v[0] for i, v in per_item.items()}
        return BarisRekap(
            kode=k, nama=n, tingkat=t, jumlah_desa=desa_wilayah.get(k, 0),
            terisi=sum(v[1] for i, v in per_item.items() if i in kode_katalog), jumlah_item=len(katalog),
            cakupan=[Sel(i, *cakupan_sel(i, nilai, desa_wilayah.get(k, 0))) for i in indikator],
            dapat_dibuka=t != Tingkat.DESA, basis=basis.get(k),
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


def rekap_bangun_ulang_progres(tugas_id: str) -> dict:
    """The state of a full rebuild task (`monev.rekap_bangun_ulang`) as its page shows it, read
    from Celery's result backend: status, langkah/total/persen, a sentence, and whether it ended."""
    hasil = AsyncResult(tugas_id)
    data = {"tugas": tugas_id, "status": hasil.state, "langkah": 0, "total": 0, "persen": 0, "keterangan": "Menunggu antrean",
            "selesai": hasil.ready(), "berhasil": hasil.successful()}
    if hasil.state == "PROGRESS" and isinstance(hasil.info, dict):
        data.update({k: hasil.info.get(k, data[k]) for k in ("langkah", "total", "persen", "keterangan")})
    elif hasil.state == "STARTED":
        data["keterangan"] = "Dimulai"
    elif hasil.successful():
        data.update(persen=100, keterangan=f"Selesai: {sum(hasil.result.values()):,} baris ditulis".replace(",", "."))
    elif hasil.failed():
        data["keterangan"] = "Gagal; lihat log pekerja Celery."
    return data
