"""Writes of the semester realisation of APBDes / swadaya / swasta programs (kecamatan, Setcam
part): one row at a time, in the part's transaction, versioned and audited."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from aksi.models import BagianLaporan, Laporan
from aksi.selectors import bagian_dapat_diisi
from inti.galat import Ditolak
from inti.services import audit_catat
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from ..models import TAHAPAN_SEMESTER, RealisasiProgram
from ..selectors import bagian_realisasi

_KOLOM = ("indikator_id", "nama", "sumber_dana", "anggaran", "realisasi", "volume", "satuan", "desa_id", "masalah")


def _kunci_bagian(user, laporan: Laporan, versi: int | None) -> BagianLaporan:
    if laporan.tahapan_id not in TAHAPAN_SEMESTER:
        raise Ditolak("Realisasi program hanya diisi pada identifikasi capaian layanan semester 1 dan 2.")
    bagian = BagianLaporan.objects.select_for_update(of=("self",)).select_related("unit", "laporan__wilayah").get(
        pk=bagian_realisasi(laporan).pk
    )
    if not bagian_dapat_diisi(user, bagian):
        raise Ditolak(
            f"Anda tidak dapat mengubah bagian {bagian.nama_unit}: bagian itu berstatus "
            f"{bagian.get_status_display().lower()}, di luar jadwal, atau bukan unit Anda."
        )
    if versi is not None and versi != bagian.versi:
        raise Ditolak(f"Bagian {bagian.nama_unit} sudah diubah orang lain setelah Anda membukanya; muat ulang halaman.")
    return bagian


def _ringkas(obj: RealisasiProgram) -> dict:
    return {k: str(getattr(obj, k)) if getattr(obj, k) is not None else None for k in _KOLOM}


def _periksa(obj: RealisasiProgram, laporan: Laporan) -> None:
    salah = {}
    if obj.desa_id and not Wilayah.objects.filter(kode=obj.desa_id, induk_id=laporan.wilayah_id, tingkat=Tingkat.DESA).exists():
        salah["desa"] = f"Bukan desa/kelurahan di {laporan.wilayah.nama_lengkap}."
    if obj.realisasi is not None and obj.anggaran is not None and obj.realisasi > obj.anggaran:
        salah["realisasi"] = f"Realisasi ({obj.realisasi:,.0f}) melebihi anggaran ({obj.anggaran:,.0f}).".replace(",", ".")
    try:
        obj.full_clean(exclude=["laporan"])
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            salah.setdefault(field, " ".join(pesan))
    if salah:
        raise ValidationError(salah)


def realisasi_simpan(*, user, laporan: Laporan, versi: int | None, baris: RealisasiProgram | None = None, **isian) -> RealisasiProgram:
    """Create (baris=None) or update one realisation row; all-or-nothing, audited, versioned."""
    with transaction.atomic():
        bagian = _kunci_bagian(user, laporan, versi)
        obj = baris or RealisasiProgram(laporan=laporan)
        lama = _ringkas(obj) if baris else None
        for field, nilai in isian.items():
            setattr(obj, field, nilai)
        _periksa(obj, laporan)
        obj.save()
        _naikkan_versi(bagian, user)
        audit_catat(pengguna=user, aksi="realisasi_ubah" if baris else "realisasi_buat", objek=obj,
                    wilayah_kode=laporan.wilayah_id, lama=lama, baru=_ringkas(obj))
    return obj


def realisasi_hapus(*, user, baris: RealisasiProgram, versi: int | None) -> None:
    with transaction.atomic():
        bagian = _kunci_bagian(user, baris.laporan, versi)
        lama, pk = _ringkas(baris), baris.pk
        baris.delete()
        _naikkan_versi(bagian, user)
        audit_catat(pengguna=user, aksi="realisasi_hapus", objek_tipe="penandaan.realisasiprogram", objek_id=str(pk),
                    wilayah_kode=bagian.laporan.wilayah_id, lama=lama)


def _naikkan_versi(bagian: BagianLaporan, user) -> None:
    bagian.versi += 1
    bagian.diubah_oleh = user
    bagian.diubah_pada = timezone.now()
    bagian.save(update_fields=["versi", "diubah_oleh", "diubah_pada"])
