"""Charts of the public wilayah page (issue 17, item 2; D97), drawn on the server as SVG (no chart
library) with their numbers beside them as tables: the trend of one indicator across periods and
years, the coverage targets of the wilayah, and the spread of the score classes below it."""
from collections import Counter

from aksi.choices import StatusLaporan
from analisis.models import TargetCakupan
from indikator.katalog import Item
from monev.grafik import tren_indikator as tren_rekap
from penilaian.models import Kelas
from wilayah.models import Wilayah, kode_leluhur

from .portal import kelas_anak, pakai_rekap

def tren_indikator(kode: str, item: Item):
    """The public trend (monev.grafik.tren_indikator) where the public figures come from the rekap."""
    tingkat = len(kode.split(".")) if kode else 0
    return tren_rekap(kode, item) if pakai_rekap(tingkat) else None


def target_cakupan(wilayah: Wilayah | None, tahun: int | None) -> dict[str, float]:
    """{indicator: target %} of the nearest approved analisis situasi of `tahun` — the wilayah's own
    (kab/kota, provinsi), else its kab/kota's or provinsi's (a kecamatan, a desa takes its kab/kota's)."""
    if wilayah is None or not tahun:
        return {}
    for kode in [wilayah.kode, *reversed(kode_leluhur(wilayah.kode))]:
        target = dict(TargetCakupan.objects.filter(
            laporan__wilayah_id=kode, laporan__tahun=tahun, laporan__tahapan_id="analisis-situasi",
            laporan__status=StatusLaporan.DISETUJUI).values_list("indikator_id", "target_persen"))
        if target:
            return {k: float(v) for k, v in target.items()}
    return {}


def sebaran_kelas(wilayah: Wilayah | None, kelas: dict | None = None) -> list[tuple[str, str, int, float]]:
    """(class code, label, count, share %) of the latest public classes of the wilayah below
    (`kelas`: `kelas_anak(wilayah)` when the caller has read it already)."""
    n = Counter(v.kelas for v in (kelas_anak(wilayah) if kelas is None else kelas).values())
    total = sum(n.values())
    if not total:
        return []
    return [(k.value, k.label, n.get(k.value, 0), n.get(k.value, 0) * 100 / total)
            for k in (Kelas.TUMBUH, Kelas.BERKEMBANG, Kelas.BERDAYA)]
