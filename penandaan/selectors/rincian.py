"""Reads about the lines of one penandaan Laporan for its pages: which part a unit's lines
belong to, and why a user may not write them now."""
from django.db.models import Q

from aksi.dokumen import alasan_tidak_dapat_diisi
from aksi.models import BagianLaporan, Laporan

from ..models import RincianBelanja


def bagian_rincian(laporan: Laporan, unit_id: str) -> BagianLaporan | None:
    """The part a unit's lines belong to: the unit's part, else the Laporan's part without unit."""
    qs = laporan.bagian.select_related("unit", "diubah_oleh").filter(Q(unit_id=unit_id) | Q(unit__isnull=True))
    bagian = {b.unit_id: b for b in qs}
    hasil = bagian.get(unit_id) or bagian.get(None)
    if hasil is not None:
        hasil.laporan = laporan
    return hasil


def alasan_tidak_dapat_diubah(user, laporan: Laporan, unit_id: str) -> str | None:
    """Why `user` may not write the lines of `unit_id` now (None: they may). For pages."""
    bagian = bagian_rincian(laporan, unit_id)
    if bagian is None:
        return "Unit ini tidak memiliki bagian pada laporan ini."
    return alasan_tidak_dapat_diisi(user, bagian, RincianBelanja)
