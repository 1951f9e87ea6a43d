"""Reads of the workflow, scoped to the user through wilayah.selectors.lingkup_baca."""
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from indikator.katalog import daftar_item
from indikator.models import NilaiDesa

from wilayah.choices import Izin, Peran
from wilayah.models import Penugasan
from wilayah.selectors import boleh_bertindak, lingkup_baca

from .choices import STATUS_DAPAT_DIUBAH, StatusBagian, StatusLaporan
from .jadwal import jendela_terbuka
from .models import BagianLaporan, Laporan, Siklus, Tahapan

SEMUA_UNIT = None  # an operator/verifikator without unit serves every part


def laporan_dapat_dibaca(user) -> QuerySet[Laporan]:
    return lingkup_baca(user).saring(Laporan.objects.select_related("wilayah", "tahapan"), "wilayah__kode")


def laporan_ambil(*, user, pk: int) -> Laporan:
    try:
        return laporan_dapat_dibaca(user).get(pk=pk)
    except Laporan.DoesNotExist as exc:
        raise Http404("Laporan tidak ditemukan.") from exc


def unit_peran(user, wilayah, peran: str) -> set[str] | None:
    """The units a user serves in a role at a wilayah: None = every unit, empty = no such role."""
    if user.is_superuser:
        return SEMUA_UNIT
    unit = set(Penugasan.objects.filter(user=user, wilayah=wilayah, peran=peran).values_list("unit_id", flat=True))
    if None in unit:
        return SEMUA_UNIT
    return unit


def melayani_unit(user, bagian: BagianLaporan, peran: str, izin: str) -> bool:
    """Whether the user holds `peran` (through its permission) for this part's unit."""
    if not boleh_bertindak(user, izin, bagian.laporan.wilayah):
        return False
    unit = unit_peran(user, bagian.laporan.wilayah, peran)
    return unit is SEMUA_UNIT or bagian.unit_id in unit or bagian.unit_id is None


def bagian_dapat_diisi(user, bagian: BagianLaporan) -> bool:
    return (
        bagian.status in STATUS_DAPAT_DIUBAH
        and not bagian.laporan.disetujui
        and melayani_unit(user, bagian, Peran.OPERATOR, Izin.ISI)
        and jendela_terbuka(bagian.laporan)
    )


@dataclass
class AksiPengguna:
    """What the current user may do on a Laporan, for the page's buttons."""

    isi: list[BagianLaporan] = field(default_factory=list)
    ajukan: list[BagianLaporan] = field(default_factory=list)
    verifikasi: list[BagianLaporan] = field(default_factory=list)
    kembalikan: list[BagianLaporan] = field(default_factory=list)
    setujui: bool = False
    buka_kembali: bool = False

    @property
    def ada(self) -> bool:
        return bool(self.isi or self.verifikasi or self.kembalikan or self.setujui or self.buka_kembali)


def aksi_pengguna(user, laporan: Laporan) -> AksiPengguna:
    aksi = AksiPengguna()
    bagian = list(laporan.bagian.select_related("unit", "laporan__wilayah"))
    boleh_setujui = boleh_bertindak(user, Izin.SETUJUI, laporan.wilayah)
    for b in bagian:
        if bagian_dapat_diisi(user, b):
            aksi.isi.append(b)
            aksi.ajukan.append(b)
        verifikator = not laporan.disetujui and melayani_unit(user, b, Peran.VERIFIKATOR, Izin.VERIFIKASI)
        if verifikator and b.status == StatusBagian.DIAJUKAN:
            aksi.verifikasi.append(b)
        if (verifikator and b.status in (StatusBagian.DIAJUKAN, StatusBagian.DIVERIFIKASI)) or (
            boleh_setujui and not laporan.disetujui and b.status == StatusBagian.DIVERIFIKASI
        ):
            aksi.kembalikan.append(b)
    aksi.setujui = boleh_setujui and laporan.status == StatusLaporan.DIVERIFIKASI
    aksi.buka_kembali = laporan.disetujui and (boleh_setujui or boleh_bertindak(user, Izin.KELOLA, laporan.wilayah))
    return aksi


@dataclass
class BarisPantau:
    wilayah: object
    laporan: Laporan | None
    desa_lengkap: int

    @property
    def persen_lengkap(self) -> float | None:
        return self.desa_lengkap * 100 / self.wilayah.jumlah_desa if self.wilayah.jumlah_desa else None


def pantau_tahapan(*, wilayah, tahapan, tahun: int) -> list[BarisPantau]:
    """The wilayah directly below, each with its Laporan of the step and how many of its desa
    have every per-desa item filled (from the kecamatan Laporan of that step)."""
    anak = list(wilayah.anak.order_by("kode"))
    laporan = {
        lap.wilayah_id: lap
        for lap in Laporan.objects.filter(tahun=tahun, tahapan=tahapan, wilayah__in=anak).select_related("wilayah")
    }
    lengkap: dict[str, int] = {}
    if tahapan.periode:
        jumlah_item = len(daftar_item())
        desa_lengkap = (
            # through the kecamatan Laporan of the scope (the primary key leads with the Laporan)
            NilaiDesa.objects.filter(laporan__in=Laporan.objects.filter(
                Q(wilayah_id=wilayah.kode) | Q(wilayah__kode__startswith=f"{wilayah.kode}."), tahun=tahun, tahapan=tahapan,
            ).values("id"))
            .values("desa_id").annotate(n=Count("*")).filter(n__gte=jumlah_item).values_list("desa_id", flat=True)
        )
        panjang = len(wilayah.kode) + 3  # child code: parent + ".NN"
        for kode in desa_lengkap:
            lengkap[kode[:panjang]] = lengkap.get(kode[:panjang], 0) + 1
    return [BarisPantau(w, laporan.get(w.kode), lengkap.get(w.kode, 0)) for w in anak]


@dataclass
class KelompokLaporan:
    wilayah: object
    tahun: int
    baris: list[tuple[object, Laporan | None]]


def laporan_saya(user) -> list[KelompokLaporan]:
    """For each wilayah the user is assigned to, the steps of the active cycles and their Laporan."""
    wilayah = {p.wilayah_id: p.wilayah for p in Penugasan.objects.filter(user=user, wilayah__isnull=False).select_related("wilayah")}
    tahun = list(Siklus.objects.filter(aktif=True).values_list("tahun", flat=True))
    tahapan = list(Tahapan.objects.all())
    ada = {
        (lap.tahun, lap.tahapan_id, lap.wilayah_id): lap
        for lap in Laporan.objects.filter(tahun__in=tahun, wilayah_id__in=wilayah)
    }
    hasil = []
    for t in tahun:
        for kode, w in sorted(wilayah.items()):
            baris = [(th, ada.get((t, th.kode, kode))) for th in tahapan if th.berlaku_di(w.tingkat)]
            hasil.append(KelompokLaporan(w, t, baris))
    return hasil
