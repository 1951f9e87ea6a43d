"""Reads of the workflow, scoped to the user through wilayah.selectors.lingkup_baca."""
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from wilayah.choices import Izin, Peran
from wilayah.models import Penugasan
from wilayah.selectors import boleh_bertindak, lingkup_baca

from .choices import STATUS_DAPAT_DIUBAH, StatusBagian, StatusLaporan
from .jadwal import jendela_terbuka
from .models import BagianLaporan, Laporan

SEMUA_UNIT = None  # an operator/verifikator without unit serves every part


def laporan_dapat_dibaca(user) -> QuerySet[Laporan]:
    return lingkup_baca(user).saring(Laporan.objects.select_related("wilayah", "tahapan"), "wilayah_id")


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
