"""Reads of the OPD achievements (D93)."""
from dataclasses import dataclass, field

from aksi.models import BagianLaporan, Laporan
from aksi.selectors import alasan_tidak_dapat_diisi
from wilayah.choices import Tingkat

from .models import CapaianOPD


def berlaku_untuk(laporan: Laporan) -> bool:
    return laporan.tahapan_id == "penilaian" and laporan.wilayah.tingkat in (Tingkat.KABKOTA, Tingkat.PROVINSI)


@dataclass
class BagianOPD:
    bagian: BagianLaporan
    alasan: str | None  # why the user may not fill it (None: they may)
    baris: list[CapaianOPD] = field(default_factory=list)


def capaian_per_opd(user, laporan: Laporan) -> list[BagianOPD]:
    """Every OPD part of the Laporan (Bappeda's included) with its rows and whether `user` may fill it."""
    bagian = [b for b in laporan.bagian.select_related("unit", "diubah_oleh") if b.unit_id]
    baris: dict[str, list[CapaianOPD]] = {}
    for c in CapaianOPD.objects.filter(laporan=laporan).select_related("indikator"):
        baris.setdefault(c.unit_id, []).append(c)
    hasil = []
    for b in bagian:
        b.laporan = laporan
        hasil.append(BagianOPD(b, alasan_tidak_dapat_diisi(user, b, CapaianOPD), baris.get(b.unit_id, [])))
    return hasil
