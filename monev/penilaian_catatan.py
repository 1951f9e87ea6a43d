"""Writes of the monitoring notes (CatatanMonev) of the step-"penilaian" Laporan.

The same contract as aksi.dokumen: every write runs in one
transaction with the Laporan and the notes' part locked; the part must be fillable by the user
now (an operator of the wilayah — the part has no unit —, part in draft/dikembalikan, window
open or Laporan reopened), else Ditolak says why. Bad input raises ValidationError keyed by
field, and nothing is saved. A write bumps the part's `versi`; updates carry the `versi` the user
loaded and a stale one is refused. Each write leaves an audit row (old/new). Submitting,
verifying and approving the notes is the ordinary Laporan workflow (aksi.services): the Camat
approves at kecamatan, Bappeda above.
"""
from django.core.exceptions import ValidationError

from aksi.choices import STATUS_DAPAT_DIUBAH
from aksi.dokumen import PenulisDokumen, alasan_tidak_dapat_diisi, ambil_terkunci, foto
from aksi.models import BagianLaporan, Laporan, Tahapan
from aksi.selectors import melayani_unit
from inti.services import audit_catat
from wilayah.choices import Izin, Peran

from .models_penilaian import TAHAPAN_PENILAIAN, CatatanMonev


def berlaku_untuk(laporan: Laporan) -> bool:
    return laporan.tahapan_id == TAHAPAN_PENILAIAN and laporan.wilayah.tingkat in CatatanMonev.TINGKAT


def bagian_catatan(laporan: Laporan) -> BagianLaporan | None:
    """The part the notes belong to: the part without unit (no TahapanUnit for "penilaian")."""
    return CatatanMonev.bagian_laporan(laporan)


def _alasan(user, laporan: Laporan, bagian: BagianLaporan | None) -> str | None:
    alasan = alasan_tidak_dapat_diisi(user, bagian, CatatanMonev)
    if (alasan and bagian is not None and not laporan.disetujui and bagian.status in STATUS_DAPAT_DIUBAH
            and not melayani_unit(user, bagian, Peran.OPERATOR, Izin.ISI)):
        return f"Catatan monev hanya dapat diisi oleh operator {laporan.wilayah.nama_lengkap}."  # the part has no unit
    return alasan


def alasan_tidak_dapat_menulis(user, laporan: Laporan) -> str | None:
    """Why `user` may not write notes in this Laporan now (None: they may). For pages and refusals."""
    if not berlaku_untuk(laporan):
        return f"Catatan monev hanya diisi pada laporan Penilaian hasil monev, bukan pada {laporan}."
    return _alasan(user, laporan, bagian_catatan(laporan))


class _PenulisCatatan(PenulisDokumen):
    """aksi.dokumen's lock/check/version contract for the notes (their part has no unit)."""

    def berlaku_untuk(self, laporan, model):
        return berlaku_untuk(laporan)

    def unit(self, laporan, model):
        return CatatanMonev.UNIT

    def alasan(self, user, laporan, bagian, model):
        return _alasan(user, laporan, bagian)


_penulis = _PenulisCatatan()


def _menulis(*, user, laporan: Laporan, versi: int | None):
    return _penulis.menulis(user=user, laporan=laporan, model=CatatanMonev, versi=versi)


def _isian(tahapan_dipantau: Tahapan | str | None, masalah: str, tindak_lanjut: str) -> dict:
    kode = tahapan_dipantau.kode if isinstance(tahapan_dipantau, Tahapan) else (tahapan_dipantau or "")
    if kode and not Tahapan.objects.filter(pk=kode).exists():
        raise ValidationError({"tahapan_dipantau": f"Tahapan tidak dikenal: {kode}."})
    return {"tahapan_dipantau_id": kode or None, "masalah": (masalah or "").strip(), "tindak_lanjut": (tindak_lanjut or "").strip()}


def _validasi(objek: CatatanMonev) -> None:
    try:
        objek.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


def catatan_buat(*, user, laporan: Laporan, tahapan_dipantau: Tahapan | str, masalah: str, tindak_lanjut: str = "",
                 versi: int | None = None) -> CatatanMonev:
    isian = _isian(tahapan_dipantau, masalah, tindak_lanjut)
    with _menulis(user=user, laporan=laporan, versi=versi) as laporan:
        objek = CatatanMonev(laporan=laporan, **isian)
        _validasi(objek)
        objek.save()
        audit_catat(pengguna=user, aksi="catatan_monev_buat", objek=objek, wilayah_kode=laporan.wilayah_id, baru=foto(objek))
    return objek


def catatan_ubah(*, user, catatan: CatatanMonev, versi: int, tahapan_dipantau: Tahapan | str, masalah: str,
                 tindak_lanjut: str = "") -> CatatanMonev:
    isian = _isian(tahapan_dipantau, masalah, tindak_lanjut)
    with _menulis(user=user, laporan=catatan.laporan, versi=versi) as laporan:
        objek = ambil_terkunci(catatan, laporan)
        lama = foto(objek)
        for nama, nilai in isian.items():
            setattr(objek, nama, nilai)
        _validasi(objek)
        objek.save()
        audit_catat(pengguna=user, aksi="catatan_monev_ubah", objek=objek, wilayah_kode=laporan.wilayah_id,
                    lama=lama, baru=foto(objek))
    return objek


def catatan_hapus(*, user, catatan: CatatanMonev, versi: int | None = None) -> None:
    with _menulis(user=user, laporan=catatan.laporan, versi=versi) as laporan:
        objek = ambil_terkunci(catatan, laporan)
        lama, pk = foto(objek), objek.pk
        objek.delete()
        audit_catat(pengguna=user, aksi="catatan_monev_hapus", objek_tipe=CatatanMonev._meta.label_lower, objek_id=str(pk),
                    wilayah_kode=laporan.wilayah_id, lama=lama)
