"""The trend of one indicator across periods and years from the rekap, drawn as SVG points with
its table (D97): shared by the staff rekap page and the public page (publikasi.grafik)."""
from dataclasses import dataclass

from aksi.choices import Periode
from indikator.katalog import Item
from wilayah.choices import Tingkat

from .models import Rekap
from .selectors import cakupan_sel, jumlah_desa_wilayah

URUT_PERIODE = {Periode.BASELINE: 0, Periode.SEMESTER_1: 1, Periode.SEMESTER_2: 2}
SINGKAT = {Periode.BASELINE: "Awal", Periode.SEMESTER_1: "Sem. 1", Periode.SEMESTER_2: "Sem. 2"}  # under the chart
LEBAR, TINGGI, KIRI, BAWAH, ATAS = 640, 220, 40, 40, 12  # the trend chart's box and margins (SVG units)


@dataclass
class Titik:
    label: str  # "Semester 1 2026"
    tahun: int
    periode: str
    persen: float | None
    singkat: str = ""
    x: float = 0
    y: float = 0


@dataclass
class Tren:
    item: Item
    titik: list[Titik]
    garis: str  # SVG polyline points of the values present
    sumbu_y: list[tuple[float, str]]  # (y, label) of the grid lines
    lebar: int = LEBAR
    tinggi: int = TINGGI


def tren_indikator(kode: str, item: Item) -> Tren | None:
    """The coverage of `item` in every (tahun, periode) the rekap holds for wilayah `kode`, oldest
    first, by the coverage API's formula (None for a desa, or with fewer than two points)."""
    tingkat = len(kode.split(".")) if kode else 0
    if tingkat >= Tingkat.DESA:
        return None
    jumlah: dict[tuple[int, str], dict[str, int]] = {}
    for th, p, kode_item, n in (Rekap.objects.filter(wilayah_kode=kode, item__in=[item.kode, *item.penyebut])
                                .values_list("tahun", "periode", "item", "jumlah")):
        jumlah.setdefault((th, p), {})[kode_item] = n
    if len(jumlah) < 2:
        return None
    desa = jumlah_desa_wilayah([kode]).get(kode, 0)
    titik = [Titik(f"{Periode(p).label} {th}", th, p, cakupan_sel(item, nilai, desa)[2], SINGKAT.get(p, p))
             for (th, p), nilai in sorted(jumlah.items(), key=lambda kv: (kv[0][0], URUT_PERIODE.get(kv[0][1], 9)))]
    maks = max(100.0, *(t.persen or 0 for t in titik))
    langkah = (LEBAR - KIRI - 40) / max(len(titik) - 1, 1)  # room on the right for the last label
    for i, t in enumerate(titik):
        t.x = round(KIRI + i * langkah, 1)
        t.y = round(TINGGI - BAWAH - (t.persen or 0) / maks * (TINGGI - BAWAH - ATAS), 1)
    garis = " ".join(f"{t.x},{t.y}" for t in titik if t.persen is not None)
    sumbu = [(round(TINGGI - BAWAH - v / maks * (TINGGI - BAWAH - ATAS), 1), f"{v}%") for v in (0, 25, 50, 75, 100) if v <= maks]
    return Tren(item, titik, garis, sumbu)
