"""The choropleth of a public wilayah page (D96): the wilayah directly below coloured by one
indicator's coverage (or by their Tumbuh/Berkembang/Berdaya class), drawn as server-rendered
SVG from wilayah.BatasWilayah — light (no map library, no tiles), printable, working without
JavaScript (each region is a link; its <title> gives name and value), the same numbers as the
coverage API (`cakupan_publik_banyak`) and as the table under the map."""
from dataclasses import dataclass, field

from indikator.katalog import daftar_item
from inti.format import persen as persen_id
from penilaian.models import Kelas
from wilayah.choices import Tingkat
from wilayah.batas import bentuk_peta
from wilayah.models import BatasWilayah, Wilayah

from monev.models import Rekap
from monev.selectors import cakupan_sel

from .portal import CakupanPublik, pakai_rekap, anak_publik, cakupan_publik_banyak, kelas_anak

MODE_KELAS = "kelas"
LAPIS_KABKOTA = "kabkota"  # the national page's kab/kota layer
# coverage classes: upper bounds (exclusive) and their labels; the colours are in portal.css (.peta-k0 … .peta-k3)
AMBANG = (50, 70, 90)
LABEL_CAKUPAN = ("< 50%", "50–69,9%", "70–89,9%", "≥ 90%")
URUT_KELAS = (Kelas.TUMBUH, Kelas.BERKEMBANG, Kelas.BERDAYA)


@dataclass
class Daerah:
    wilayah: Wilayah
    d: str  # SVG path data ("" when the region has no outline)
    kelas: str  # CSS class of its fill ("peta-kosong": no data)
    label: str  # the value as read ("72,5 %", "Berkembang", "tidak ada data")
    nilai: float | None = None  # the number behind it (coverage %), for tests and hover


@dataclass
class Peta:
    judul: str
    viewbox: str
    daerah: list[Daerah]
    legenda: list[tuple[str, str]]  # (CSS class, label)
    tanpa_batas: list[Wilayah] = field(default_factory=list)
    pilihan: list[tuple[str, str]] = field(default_factory=list)  # (value, label) of the indicator choice
    dipilih: str = ""
    lapis: str = ""  # the national page: "" (provinsi) or "kabkota"


def _kelas_cakupan(persen: float | None) -> str:
    if persen is None:
        return "peta-kosong"
    return f"peta-k{sum(persen >= a for a in AMBANG)}"


def _persen_anak(anak: list[Wilayah], tingkat: int, item, cakupan: CakupanPublik) -> dict[str, float | None]:
    """{kode: coverage %} of one indicator for the children, as the coverage API computes it: from
    Rekap in one query (when the public figures come from Rekap), else through `cakupan_publik_banyak`."""
    if not cakupan.tahun:
        return {}
    if not pakai_rekap(tingkat):
        per_anak = cakupan_publik_banyak([w.kode for w in anak], cakupan.tahun, cakupan.periode)
        return {k: next((b.persen for b in c.baris if b.item.kode == item.kode), None) for k, c in per_anak.items()}
    jumlah: dict[str, dict[str, int]] = {}
    for kode, kode_item, n in (Rekap.objects.filter(wilayah_kode__in=[w.kode for w in anak], tahun=cakupan.tahun,
                                                    periode=cakupan.periode, item__in=[item.kode, *item.penyebut])
                               .values_list("wilayah_kode", "item", "jumlah")):
        jumlah.setdefault(kode, {})[kode_item] = n
    return {w.kode: cakupan_sel(item, jumlah.get(w.kode, {}), w.jumlah_desa)[2] for w in anak}


def peta_wilayah(wilayah: Wilayah | None, cakupan: CakupanPublik, pilih: str | None, lapis: str | None = None) -> Peta | None:
    """The map of `wilayah`'s children (the provinsi for the nation, or with `lapis="kabkota"` every
    kab/kota of the country), or None below the kab/kota (desa have no outline). `pilih`: an
    indicator code, or "kelas" for the score classes."""
    tingkat = Tingkat.PROVINSI if wilayah is None else wilayah.tingkat + 1
    if wilayah is None and lapis == LAPIS_KABKOTA:
        tingkat = Tingkat.KABKOTA
    if tingkat > Tingkat.KECAMATAN:
        return None
    anak = list(Wilayah.objects.filter(tingkat=Tingkat.KABKOTA).order_by("kode")) if tingkat == Tingkat.KABKOTA and wilayah is None \
        else list(anak_publik(wilayah))
    viewbox, jalur = bentuk_peta(anak, BatasWilayah.Detail.KASAR if wilayah is None else BatasWilayah.Detail.RINCI)
    capaian = [i for i in daftar_item() if i.jenis == "capaian" and i.cakupan]
    pilih = pilih if pilih == MODE_KELAS or any(i.kode == pilih for i in capaian) else capaian[0].kode
    pilihan = [(i.kode, f"{i.kode} — {i.nama}") for i in capaian] + [(MODE_KELAS, "Kelas penilaian (Tumbuh/Berkembang/Berdaya)")]
    daerah = []
    if pilih == MODE_KELAS:
        nilai = kelas_anak(wilayah)
        for w in anak:
            n = nilai.get(w.kode)
            daerah.append(Daerah(w, jalur.get(w.kode, ""), f"peta-{n.kelas}" if n else "peta-kosong",
                                 n.get_kelas_display() if n else "belum dinilai"))
        legenda = [(f"peta-{k.value}", k.label) for k in URUT_KELAS] + [("peta-kosong", "belum dinilai")]
        judul = "Kelas penilaian hasil monev"
    else:
        item = next(i for i in capaian if i.kode == pilih)
        per_anak = _persen_anak(anak, tingkat, item, cakupan)
        for w in anak:
            persen = per_anak.get(w.kode)
            label = "tidak ada data" if persen is None else persen_id(persen)
            daerah.append(Daerah(w, jalur.get(w.kode, ""), _kelas_cakupan(persen), label, persen))
        legenda = [(f"peta-k{i}", lbl) for i, lbl in enumerate(LABEL_CAKUPAN)] + [("peta-kosong", "tidak ada data")]
        judul = f"Cakupan {item.kode}: {item.nama}" + (f" · {cakupan.label_periode} {cakupan.tahun}" if cakupan.tahun else "")
    return Peta(judul, viewbox, daerah, legenda, [d.wilayah for d in daerah if not d.d], pilihan, pilih,
                lapis=LAPIS_KABKOTA if wilayah is None and tingkat == Tingkat.KABKOTA else "")
