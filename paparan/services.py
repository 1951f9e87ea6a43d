"""Writes of an OPD's achievements (D93) under aksi.dokumen's contract: the row's OPD part locked
and fillable by the user, a stale versi refused, every field checked at once, audited."""
from django.core.exceptions import ValidationError

from aksi.dokumen import PenulisDokumen, foto
from aksi.models import Laporan

from .models import CapaianOPD
from .selectors import berlaku_untuk

KOLOM = ("indikator", "intervensi", "satuan", "target", "realisasi", "anggaran", "realisasi_anggaran", "kendala")


class _Penulis(PenulisDokumen):
    """The part is the row's OPD, given per write."""

    foto = staticmethod(foto)

    def __init__(self, unit_id: str):
        self.unit_id = unit_id

    def berlaku_untuk(self, laporan, model):
        return berlaku_untuk(laporan) and laporan.bagian.filter(unit_id=self.unit_id).exists()

    def unit(self, laporan, model):
        return self.unit_id

    def validasi(self, objek, laporan, berkas, **m2m):
        try:
            objek.full_clean(exclude=["laporan"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        return {}


def capaian_buat(*, user, laporan: Laporan, unit: str, versi: int | None = None, **isian) -> CapaianOPD:
    return _Penulis(unit).buat(user=user, laporan=laporan, model=CapaianOPD, aksi="capaian_opd_buat", versi=versi,
                               isian={"unit_id": unit, **{k: isian.get(k) for k in KOLOM if k in isian}})


def capaian_ubah(*, user, objek: CapaianOPD, versi: int, **isian) -> CapaianOPD:
    return _Penulis(objek.unit_id).ubah(user=user, objek=objek, aksi="capaian_opd_ubah", versi=versi,
                                        isian={k: isian[k] for k in KOLOM if k in isian})


def capaian_hapus(*, user, objek: CapaianOPD, versi: int | None = None) -> None:
    _Penulis(objek.unit_id).hapus(user=user, objek=objek, aksi="capaian_opd_hapus", versi=versi)
