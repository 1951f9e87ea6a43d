"""Reads of the proposal tracker (D89): the kecamatan proposals of a subtree and year, how far
each went (from its links to approved lines), and what a Laporan's page may link."""
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from aksi.choices import StatusLaporan
from analisis.models import UsulanProgram
from penandaan.models import RealisasiProgram, RincianBelanja
from wilayah.choices import Tingkat
from wilayah.lingkup import q_dalam

from .choices import TAHAP_PENANDAAN, TAHAPAN_USULAN, StatusUsulan
from .models import TautanUsulan



def _terbit(awalan: str) -> Q:
    return Q(**{f"{awalan}__status": StatusLaporan.DISETUJUI}) | Q(**{f"{awalan}__direvisi": True})


def usulan_wilayah(kode: str, tahun: int) -> QuerySet[UsulanProgram]:
    """The proposals of the kecamatan in `kode`'s subtree (itself when a kecamatan) from their
    analisis situasi of `tahun`, approved (or under revision: the approved version stays)."""
    return (UsulanProgram.objects.filter(_terbit("laporan"), q_dalam(kode, "laporan__wilayah__kode"),
                                         laporan__tahapan_id="analisis-situasi", laporan__tahun=tahun,
                                         laporan__wilayah__tingkat=Tingkat.KECAMATAN)
            .select_related("laporan__wilayah", "indikator").prefetch_related("lokasi")
            .order_by("indikator__urutan", "laporan__wilayah_id", "id"))


@dataclass
class BarisUsulan:
    usulan: UsulanProgram
    status: int = StatusUsulan.DIUSULKAN
    tautan: list[TautanUsulan] = field(default_factory=list)  # every link, approved lines or not

    @property
    def label(self) -> str:
        return StatusUsulan(self.status).label


def _tahap(t: TautanUsulan, lanjut: set[int]) -> int | None:
    """The stage one link shows, or None while its line's Laporan is not approved."""
    baris = t.rincian or t.realisasi
    lap = baris.laporan
    if not (lap.status == StatusLaporan.DISETUJUI or lap.direvisi):
        return None
    if t.realisasi_id:
        return StatusUsulan.TEREALISASI if t.realisasi.realisasi > 0 else None
    if t.rincian.dihapus:
        return None
    tahap = TAHAP_PENANDAAN.get(lap.tahapan_id)
    if tahap == StatusUsulan.MURNI and t.rincian_id in lanjut:
        return StatusUsulan.PERUBAHAN  # carried into the approved APBD perubahan unchanged or revised
    return tahap


def status_usulan(usulan: list[UsulanProgram]) -> list[BarisUsulan]:
    """Each proposal with its links and the furthest stage an approved linked line reached.
    Three queries whatever the number of proposals."""
    tautan = defaultdict(list)
    for t in (TautanUsulan.objects.filter(usulan__in=[u.pk for u in usulan])
              .select_related("rincian__laporan__tahapan", "rincian__laporan__wilayah", "rincian__unit",
                              "realisasi__laporan__wilayah")):
        tautan[t.usulan_id].append(t)
    murni = {t.rincian_id for ts in tautan.values() for t in ts if t.rincian_id}
    lanjut = set(RincianBelanja.objects.filter(_terbit("laporan"), asal_id__in=murni, dihapus=False,
                                               laporan__tahapan_id="penandaan-perubahan")
                 .values_list("asal_id", flat=True)) if murni else set()
    hasil = []
    for u in usulan:
        tahap = [s for t in tautan[u.pk] if (s := _tahap(t, lanjut)) is not None]
        hasil.append(BarisUsulan(u, max(tahap, default=StatusUsulan.DIUSULKAN), tautan[u.pk]))
    return hasil


@dataclass
class KelompokIndikator:
    indikator: object
    baris: list[BarisUsulan]


def per_indikator(baris: list[BarisUsulan]) -> list[KelompokIndikator]:
    kelompok: dict[str, KelompokIndikator] = {}
    for b in baris:
        kelompok.setdefault(b.usulan.indikator_id, KelompokIndikator(b.usulan.indikator, [])).baris.append(b)
    return list(kelompok.values())


def hitung_status(baris: list[BarisUsulan]) -> list[tuple[str, int]]:
    """(label, count) of every stage, in order, for the page's summary."""
    n = Counter(b.status for b in baris)
    return [(s.label, n.get(s.value, 0)) for s in StatusUsulan]


# --- a Laporan's page --------------------------------------------------------------------------

def tahun_usulan(laporan) -> int:
    return laporan.tahun - TAHAPAN_USULAN[laporan.tahapan_id]


def baris_laporan(laporan) -> list:
    """The rows of `laporan` a proposal can be linked to: its tagged lines, or its realisations."""
    if laporan.tahapan_id in TAHAP_PENANDAAN:
        return list(RincianBelanja.objects.filter(laporan=laporan, dihapus=False).select_related("unit", "indikator"))
    if laporan.tahapan_id.startswith("capaian-semester"):
        return list(RealisasiProgram.objects.filter(laporan=laporan).select_related("indikator"))
    return []


def tahun_terakhir(kode: str) -> int | None:
    """The latest year with published proposals in `kode`'s subtree."""
    return (UsulanProgram.objects.filter(_terbit("laporan"), q_dalam(kode, "laporan__wilayah__kode"),
                                         laporan__tahapan_id="analisis-situasi")
            .order_by("-laporan__tahun").values_list("laporan__tahun", flat=True).first())
