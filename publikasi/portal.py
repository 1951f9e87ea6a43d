"""Reads for the public portal: only approved data, for anyone, no login.

Coverage comes from the Rekap table (approved kecamatan Laporan) for nasional → kecamatan,
and from the approved desa values themselves for one desa. When an administrator lets the
rekap include unapproved data, the portal does not use Rekap but sums approved desa values
directly, so the public never sees unapproved numbers.

Every aggregate states its base (`monev.selectors.Basis`): the kecamatan and desa with approved
values out of all that exist below the wilayah; below `AMBANG_MEWAKILI_PERSEN` of its desa the
page says plainly that the figure does not yet represent the wilayah. Step progress counts the
approved Laporan against every wilayah that must report (`kemajuan_tahapan`). Workflow data
(Laporan) is read through the public selectors of `aksi.publik` only.

Scores (Tumbuh / Berkembang / Berdaya) are public only for a year whose "penilaian" Laporan of
the wilayah is approved (`penilaian.selectors.nilai_penilaian_publik`, the same gate as
the anonymous API). Regulasi and publikasi come from the public selectors of
`publikasi.selectors` (approved and published only).
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import QueryDict

from aksi.choices import Periode
from analisis.models import HasilPengukuran, TargetPrevalensi
from aksi.publik import (
    jumlah_laporan_disetujui,
    laporan_publik,
    siklus_ada,
    tahapan_publik,
)
from indikator.katalog import Item, daftar_item
from monev.models import KODE_NASIONAL, PengaturanRekap, Rekap
from indikator.models import JenisIntervensi
from monev.selectors import Basis, basis_cakupan, cakupan_sel, jumlah_desa_wilayah, nilai_dihitung
from penilaian.models import (
    CATATAN_RUMUS,
    JENIS_TAHAPAN,
    TINGKAT_DINILAI,
    NilaiPenilaian,
    RincianNilai,
)
from penilaian.selectors import nilai_penilaian_publik
from wilayah.choices import Tingkat
from wilayah.models import Wilayah, kode_leluhur

from .models import Publikasi, Regulasi
from .selectors import publikasi_terbit, regulasi_publik

URUTAN_PERIODE = {Periode.BASELINE: 0, Periode.SEMESTER_1: 1, Periode.SEMESTER_2: 2}


@dataclass
class BarisCakupan:
    item: Item
    pembilang: int | None
    penyebut: int | None
    persen: float | None


@dataclass
class CakupanPublik:
    kode: str
    tahun: int | None = None
    periode: str | None = None
    baris: list[BarisCakupan] = field(default_factory=list)
    basis: Basis | None = None  # the kecamatan and desa these figures rest on (approved values)

    @property
    def label_periode(self) -> str:
        return Periode(self.periode).label if self.periode else ""

    def per_intervensi(self) -> list[tuple[str, list[tuple[str, list[BarisCakupan]]]]]:
        """(intervention type, [(kelompok, rows)]) — spesifik first, as Pasal 7 lists them (D92)."""
        hasil: dict[str, dict[str, list[BarisCakupan]]] = {}
        for b in self.baris:
            jenis = JenisIntervensi(b.item.intervensi or JenisIntervensi.SPESIFIK).label
            hasil.setdefault(jenis, {}).setdefault(f"{b.item.kelompok}. {b.item.kelompok_nama}", []).append(b)
        return [(jenis, list(kelompok.items())) for jenis, kelompok in hasil.items()]


def _terakhir(pasangan) -> tuple[int, str] | None:
    pasangan = list(pasangan)
    return max(pasangan, key=lambda tp: (tp[0], URUTAN_PERIODE.get(tp[1], 0))) if pasangan else None


def pakai_rekap(tingkat: int) -> bool:
    return tingkat < Tingkat.DESA and not PengaturanRekap.ambil().sertakan_belum_disetujui


def cakupan_publik(kode: str, tahun: int | None = None, periode: str | None = None) -> CakupanPublik:
    """Coverage of the 31 indicators in a wilayah ('' = nasional) for the latest approved period
    (or the one asked for), with its base: the same numbers the public API returns."""
    return cakupan_publik_banyak([kode], tahun, periode)[kode]


def cakupan_publik_banyak(kode: list[str], tahun: int | None = None, periode: str | None = None) -> dict[str, CakupanPublik]:
    """`cakupan_publik` of several wilayah: the coverage of each, and the bases of all of them from
    one grouped query per (tahun, periode) they show (monev.selectors.basis_cakupan).

    From Rekap a wilayah's result, base included, is cached under the time its rows were last
    recomputed, so a recompute shows at once and busy reporting weeks cost one small query per
    request."""
    hasil: dict[str, CakupanPublik] = {}
    kunci: dict[str, str | None] = {}
    for k in kode:
        hasil[k], kunci[k] = _cakupan_tersimpan(k, tahun, periode)
    tanpa_basis: dict[tuple[int, str], list[str]] = defaultdict(list)
    for k, c in hasil.items():
        if c.tahun and c.basis is None:
            tanpa_basis[c.tahun, c.periode].append(k)
    for (th, p), daftar in tanpa_basis.items():
        basis = basis_cakupan(daftar, tahun=th, periode=p, sertakan_belum_disetujui=False)
        for k in daftar:
            hasil[k].basis = basis.get(k)
            if kunci[k]:
                cache.set(kunci[k], hasil[k], 3600)
    return hasil


def _cakupan_tersimpan(kode: str, tahun: int | None, periode: str | None) -> tuple[CakupanPublik, str | None]:
    """One wilayah's coverage (its base when cached with it) and its cache key (None: not kept)."""
    tingkat = len(kode.split(".")) if kode else 0
    dari_rekap = pakai_rekap(tingkat)
    if not dari_rekap:
        return _cakupan(kode, tingkat, tahun, periode, dari_rekap), None
    terakhir = Rekap.objects.filter(wilayah_kode=kode).aggregate(t=Max("dihitung_pada"))["t"]
    kunci = f"portal:cakupan:{kode}:{tahun}:{periode}:{terakhir.timestamp() if terakhir else 0}"
    hasil = cache.get(kunci)
    if hasil is None:
        hasil = _cakupan(kode, tingkat, tahun, periode, dari_rekap)
        cache.set(kunci, hasil, 3600)
    return hasil, kunci


def _cakupan(kode: str, tingkat: int, tahun: int | None, periode: str | None, pakai_rekap: bool) -> CakupanPublik:
    if pakai_rekap:
        rekap = Rekap.objects.filter(wilayah_kode=kode)
        if tahun is None:
            pilihan = _terakhir(rekap.values_list("tahun", "periode").distinct())
            if pilihan is None:
                return CakupanPublik(kode)
            tahun, periode = pilihan
        jumlah = dict(rekap.filter(tahun=tahun, periode=periode).values_list("item", "jumlah"))
    else:
        sumber = nilai_dihitung(sertakan_belum_disetujui=False, wilayah_kode=kode)  # published, under kode (D88)
        if tahun is None:
            pilihan = _terakhir({p for nilai in sumber
                                 for p in nilai.values_list("laporan__tahun", "laporan__tahapan__periode").distinct()})
            if pilihan is None:
                return CakupanPublik(kode)
            tahun, periode = pilihan
        jumlah = {}
        for nilai in sumber:  # a Laporan's values come from one source only: the sums never overlap
            for item, n in (nilai.filter(laporan__tahun=tahun, laporan__tahapan__periode=periode).order_by()
                            .values("item").annotate(n=Sum("nilai")).values_list("item", "n")):
                jumlah[item] = jumlah.get(item, 0) + n
    desa = 1 if tingkat == Tingkat.DESA else jumlah_desa_wilayah([kode]).get(kode, 0)
    baris = [BarisCakupan(i, *cakupan_sel(i, jumlah, desa)) for i in daftar_item() if i.jenis == "capaian"]
    return CakupanPublik(kode, tahun, periode, baris)


@dataclass
class Prevalensi:
    tahun_ukur: int
    diukur: int
    stunting: int
    target: list[tuple[int, float, str]]  # (tahun, target %, sumber)

    @property
    def persen(self) -> float | None:
        return self.stunting * 100 / self.diukur if self.diukur else None


def _analisis_disetujui(kode: str):
    return laporan_publik(tahapan="analisis-situasi", wilayah_kode=kode)


def prevalensi_publik(wilayah: Wilayah | None) -> Prevalensi | None:
    """Stunting prevalence from the August measurement entered in the latest approved analisis
    situasi of the wilayah (kab/kota, provinsi) or of its parent (kecamatan), with the prevalence
    targets of the nearest approved analisis situasi."""
    if wilayah is None:
        return None
    if wilayah.tingkat in (Tingkat.PROVINSI, Tingkat.KABKOTA):
        ukur = HasilPengukuran.objects.filter(laporan__in=_analisis_disetujui(wilayah.kode))
    elif wilayah.tingkat == Tingkat.KECAMATAN:
        ukur = HasilPengukuran.objects.filter(laporan__in=_analisis_disetujui(wilayah.induk_id), wilayah=wilayah)
    else:
        return None
    tahun = ukur.order_by("-laporan__tahun").values_list("laporan__tahun", flat=True).first()
    if tahun is None:
        return None
    jumlah = ukur.filter(laporan__tahun=tahun).aggregate(d=Sum("jumlah_diukur"), s=Sum("jumlah_stunting"))
    kode = [wilayah.kode, *reversed(kode_leluhur(wilayah.kode))]
    target = []
    for k in kode:
        target = list(TargetPrevalensi.objects.filter(laporan__in=_analisis_disetujui(k))
                      .order_by("tahun_target").values_list("tahun_target", "target_persen", "sumber"))
        if target:
            break
    return Prevalensi(tahun - 1, jumlah["d"] or 0, jumlah["s"] or 0, target)


LABEL_TINGKAT = {Tingkat.PROVINSI: "provinsi", Tingkat.KABKOTA: "kabupaten/kota", Tingkat.KECAMATAN: "kecamatan"}


@dataclass
class KemajuanTingkat:
    """One level of a step: approved Laporan against every wilayah of that level that must report."""
    tingkat: int
    disetujui: int
    wajib: int

    @property
    def label(self) -> str:
        return LABEL_TINGKAT[self.tingkat]


@dataclass
class KemajuanTahapan:
    nama: str
    tingkat: list[KemajuanTingkat]  # the lowest level that runs the step first

    @property
    def utama(self) -> KemajuanTingkat:
        return self.tingkat[0]

    @property
    def lainnya(self) -> list[KemajuanTingkat]:
        return self.tingkat[1:]


def kemajuan_tahapan(wilayah: Wilayah | None, tahun: int) -> list[KemajuanTahapan]:
    """Per step of the year (every step once the year's cycle exists, else the steps with a
    Laporan): at each level that runs it, from the lowest up to the wilayah, the approved Laporan
    under the wilayah against ALL the wilayah of that level below it (from Wilayah's precomputed
    counts) — "1 dari 129 kecamatan", not "1 dari 2 laporan". Three queries; none for a desa."""
    tingkat_wilayah = wilayah.tingkat if wilayah is not None else 0
    if tingkat_wilayah >= Tingkat.DESA:
        return []
    disetujui = jumlah_laporan_disetujui(tahun=tahun, wilayah_kode=wilayah.kode if wilayah is not None else None)
    dibuka = {t for t, _ in disetujui}
    if wilayah is None:
        prov = Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).aggregate(
            p=Count("kode"), k=Sum("jumlah_kabkota"), c=Sum("jumlah_kecamatan"))
        wajib = {Tingkat.PROVINSI: prov["p"], Tingkat.KABKOTA: prov["k"] or 0, Tingkat.KECAMATAN: prov["c"] or 0}
    else:
        wajib = {Tingkat.KABKOTA: wilayah.jumlah_kabkota, Tingkat.KECAMATAN: wilayah.jumlah_kecamatan}
        wajib[wilayah.tingkat] = 1  # the wilayah itself at its own level
    semua = siklus_ada(tahun)
    hasil = []
    for tahapan in tahapan_publik():
        if not (semua or tahapan.kode in dibuka):
            continue
        tingkat = [t for t in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI)
                   if t >= tingkat_wilayah and tahapan.berlaku_di(t)]
        if tingkat:
            hasil.append(KemajuanTahapan(tahapan.nama, [
                KemajuanTingkat(t, disetujui.get((tahapan.kode, t), 0), wajib[t]) for t in tingkat]))
    return hasil


def anak_publik(wilayah: Wilayah | None):
    return Wilayah.objects.filter(tingkat=Tingkat.PROVINSI) if wilayah is None else wilayah.anak.order_by("kode")


# --- penilaian (Tumbuh / Berkembang / Berdaya) -------------------------------------------------------

@dataclass
class KelompokNilai:
    """A group of components: one step (its selesai/disetujui/tepat waktu/lengkap parts), or coverage,
    regulasi, publikasi. `maks` is the most the group can contribute to the total."""
    nama: str
    kontribusi: Decimal
    maks: Decimal

    @property
    def persen(self) -> int:
        return round(self.kontribusi * 100 / self.maks) if self.maks else 0


@dataclass
class PenilaianPublik:
    nilai: NilaiPenilaian
    rincian: list[RincianNilai]
    kelompok: list[KelompokNilai]
    catatan_rumus: str = CATATAN_RUMUS


def penilaian_publik(wilayah: Wilayah | None) -> PenilaianPublik | None:
    """The latest public score of a wilayah (see the module's doc) with its breakdown, or None."""
    if wilayah is None or wilayah.tingkat not in TINGKAT_DINILAI:
        return None
    nilai = nilai_penilaian_publik().filter(wilayah=wilayah).select_related("aturan").order_by("-tahun").first()
    if nilai is None:
        return None
    rincian = list(nilai.rincian.order_by("urutan", "id"))
    total_bobot = sum((r.bobot for r in rincian), Decimal(0))
    nama_tahapan = dict(tahapan_publik().values_list("kode", "nama"))
    kelompok: dict[str, KelompokNilai] = {}
    for r in rincian:
        kode_tahapan = (r.bukti or {}).get("tahapan") if r.jenis in JENIS_TAHAPAN else None
        nama = nama_tahapan.get(kode_tahapan, kode_tahapan) if kode_tahapan else r.get_jenis_display()
        k = kelompok.setdefault(nama, KelompokNilai(nama, Decimal(0), Decimal(0)))
        k.kontribusi += r.kontribusi
        k.maks += r.bobot * 100 / total_bobot if total_bobot else Decimal(0)
    for k in kelompok.values():
        k.maks = k.maks.quantize(Decimal("0.01"))
    return PenilaianPublik(nilai, rincian, list(kelompok.values()))


def kelas_anak(wilayah: Wilayah | None) -> dict[str, NilaiPenilaian]:
    """{kode: latest public score} of the wilayah's children (the provinces for nasional)."""
    tingkat = Tingkat.PROVINSI if wilayah is None else wilayah.tingkat + 1
    if tingkat not in TINGKAT_DINILAI:
        return {}
    qs = nilai_penilaian_publik().filter(tingkat=tingkat)
    if wilayah is not None:
        qs = qs.filter(wilayah__induk=wilayah)
    hasil: dict[str, NilaiPenilaian] = {}
    for n in qs.order_by("wilayah_id", "-tahun").only("wilayah_id", "tahun", "kelas", "total"):
        hasil.setdefault(n.wilayah_id, n)
    return hasil


def anak_dengan_kelas(wilayah: Wilayah | None, kelas: dict[str, NilaiPenilaian] | None = None) -> list[tuple[Wilayah, NilaiPenilaian | None]]:
    """The drill-down list: each child with its latest public score (None when it has none);
    `kelas`: `kelas_anak(wilayah)` when the caller has read it already."""
    kelas = kelas_anak(wilayah) if kelas is None else kelas
    return [(w, kelas.get(w.kode)) for w in anak_publik(wilayah)]


# --- regulasi and publikasi ----------------------------------------------------------------------------

@dataclass
class DokumenPublik:
    """Published regulasi and publikasi made in a wilayah and below (for a desa: by its kecamatan)."""
    pembuat: Wilayah | None
    regulasi: list[Regulasi]
    jumlah_regulasi: int
    publikasi: list[Publikasi]
    jumlah_publikasi: int
    kueri: str  # the wilayah filter of the public lists (provinsi=…&kabkota=…&kecamatan=…)


def dokumen_publik(wilayah: Wilayah | None, batas: int = 5) -> DokumenPublik:
    pembuat = wilayah
    if wilayah is not None and wilayah.tingkat == Tingkat.DESA:
        pembuat = wilayah.induk  # desa do not issue regulasi or publikasi here; their kecamatan does
    kode = pembuat.kode if pembuat else None
    regulasi = regulasi_publik(wilayah_kode=kode)
    publikasi = publikasi_terbit(wilayah_kode=kode)
    kueri = QueryDict(mutable=True)
    if kode:
        bagian = kode.split(".")
        for nama, n in (("provinsi", 1), ("kabkota", 2), ("kecamatan", 3)):
            if len(bagian) >= n:
                kueri[nama] = ".".join(bagian[:n])
    return DokumenPublik(pembuat, list(regulasi[:batas]), regulasi.count(), list(publikasi[:batas]), publikasi.count(),
                         kueri.urlencode())


NASIONAL = KODE_NASIONAL
