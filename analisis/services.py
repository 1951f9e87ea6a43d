"""Writes of the Analisis situasi documents: create, update and delete, one set per model.

The contract (locks, who may write when, stale versions, audit, file cleanup) is aksi.dokumen's;
here is only what depends on the step: a model is filled in the "analisis" Laporan of its levels
(`TINGKAT`) and belongs to the part of its fixed unit (`UNIT`); lokasi are desa/kelurahan of the
kecamatan; the meeting minutes (notulen) are checked by content (inti.berkas).
"""
import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File

from aksi import dokumen
from aksi.models import DokumenBagian, Laporan
from indikator.models import IndikatorCapaian
from inti.berkas import MAKS_UNGGAH_BAWAAN, jenis_berkas
from inti.services import audit_catat
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

from .models import (
    TAHAPAN_ANALISIS, HasilPengukuran, MasalahLayanan, ProgramKegiatan, Rapat, Rekomendasi,
    TargetAnggaran, TargetCakupan, TargetPrevalensi, UsulanProgram,
)

Lokasi = Iterable[Wilayah | str]


def berlaku_untuk(laporan: Laporan, model: type[DokumenBagian]) -> bool:
    return laporan.tahapan_id == TAHAPAN_ANALISIS and laporan.wilayah.tingkat in model.TINGKAT


# --- validation ------------------------------------------------------------------------------

def _kode_desa(laporan: Laporan, lokasi: Lokasi) -> list[str]:
    """The codes of `lokasi`; each must be a wilayah directly below the Laporan's: a desa/kelurahan
    of a kecamatan, a kecamatan of a kab/kota, a kab/kota of a provinsi (D95)."""
    kode = {w.kode if isinstance(w, Wilayah) else str(w) for w in lokasi}
    if not kode:
        return []
    sah = set(Wilayah.objects.filter(induk_id=laporan.wilayah_id, kode__in=kode).values_list("kode", flat=True))
    salah = sorted(kode - sah)
    if salah:
        nama = dict(Wilayah.objects.filter(kode__in=salah).values_list("kode", "nama"))
        daftar = ", ".join(f"{nama.get(k, k)} ({k})" for k in salah)
        jenis = "desa/kelurahan" if laporan.wilayah.tingkat == Tingkat.KECAMATAN else "wilayah di bawah"
        raise ValidationError({"lokasi": f"Bukan {jenis} {laporan.wilayah.nama_lengkap}: {daftar}."})
    return sorted(sah)


def _pasang_notulen(objek: DokumenBagian, berkas: File) -> None:
    """The file's real type from its first bytes ('pdf', 'jpg', 'png'); refuses others and big ones."""
    maks = getattr(settings, "AKSI_MAKS_UNGGAH_DOKUMEN", MAKS_UNGGAH_BAWAAN)
    berkas.name = f"notulen.{jenis_berkas(berkas, field='notulen', maks=maks, nama='Notulen')}"
    objek.notulen = berkas


class PenulisAnalisis(dokumen.PenulisDokumen):
    """The Analisis situasi documents: the unit of each model at the level, lokasi below, notulen of a Rapat."""

    foto = staticmethod(dokumen.foto)

    def berlaku_untuk(self, laporan: Laporan, model: type[DokumenBagian]) -> bool:
        return berlaku_untuk(laporan, model)

    def unit(self, laporan: Laporan, model: type[DokumenBagian]) -> str:
        return model.unit_di(laporan.wilayah.tingkat)

    def validasi(self, objek: DokumenBagian, laporan: Laporan, berkas: File | None, *,
                 lokasi: Lokasi | None = None) -> dict[str, list[str]]:
        return dokumen.periksa_semua(objek, berkas=berkas, pasang_berkas=_pasang_notulen,
                                     m2m={"lokasi": (lokasi, lambda v: _kode_desa(laporan, v))})

    def berkas_tersimpan(self, objek: DokumenBagian):
        return objek.notulen if isinstance(objek, Rapat) and objek.notulen else None


_penulis = PenulisAnalisis()


# --- kecamatan (Setcam part) ---------------------------------------------------------------------

class IsianProgram(TypedDict):
    indikator: IndikatorCapaian
    nama: str
    volume: Decimal
    satuan: str
    anggaran: Decimal
    sumber_dana: str
    pelaksana: NotRequired[str]


def program_buat(*, user, laporan: Laporan, lokasi: Lokasi = (), versi: int | None = None,
                 **isian: Unpack[IsianProgram]) -> ProgramKegiatan:
    return _penulis.buat(user=user, laporan=laporan, model=ProgramKegiatan, isian=isian, lokasi=lokasi, versi=versi, aksi="program_buat")


def program_ubah(*, user, program: ProgramKegiatan, versi: int, lokasi: Lokasi | None = None,
                 **isian: Unpack[IsianProgram]) -> ProgramKegiatan:
    return _penulis.ubah(user=user, objek=program, isian=isian, lokasi=lokasi, versi=versi, aksi="program_ubah")


def program_hapus(*, user, program: ProgramKegiatan, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=program, versi=versi, aksi="program_hapus")


class IsianMasalah(TypedDict):
    indikator: IndikatorCapaian
    sisi: str
    uraian: str
    penyebab: NotRequired[str]


def masalah_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianMasalah]) -> MasalahLayanan:
    return _penulis.buat(user=user, laporan=laporan, model=MasalahLayanan, isian=isian, versi=versi, aksi="masalah_buat")


def masalah_ubah(*, user, masalah: MasalahLayanan, versi: int, **isian: Unpack[IsianMasalah]) -> MasalahLayanan:
    return _penulis.ubah(user=user, objek=masalah, isian=isian, versi=versi, aksi="masalah_ubah")


def masalah_hapus(*, user, masalah: MasalahLayanan, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=masalah, versi=versi, aksi="masalah_hapus")


class IsianRekomendasi(TypedDict):
    indikator: IndikatorCapaian | None
    uraian: str


def rekomendasi_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianRekomendasi]) -> Rekomendasi:
    return _penulis.buat(user=user, laporan=laporan, model=Rekomendasi, isian=isian, versi=versi, aksi="rekomendasi_buat")


def rekomendasi_ubah(*, user, rekomendasi: Rekomendasi, versi: int, **isian: Unpack[IsianRekomendasi]) -> Rekomendasi:
    return _penulis.ubah(user=user, objek=rekomendasi, isian=isian, versi=versi, aksi="rekomendasi_ubah")


def rekomendasi_hapus(*, user, rekomendasi: Rekomendasi, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=rekomendasi, versi=versi, aksi="rekomendasi_hapus")


class IsianUsulan(TypedDict):
    indikator: IndikatorCapaian
    nama: str
    volume: Decimal
    satuan: str
    perkiraan_anggaran: Decimal
    sumber_dana: str


def usulan_buat(*, user, laporan: Laporan, lokasi: Lokasi = (), versi: int | None = None,
                **isian: Unpack[IsianUsulan]) -> UsulanProgram:
    return _penulis.buat(user=user, laporan=laporan, model=UsulanProgram, isian=isian, lokasi=lokasi, versi=versi, aksi="usulan_buat")


def usulan_ubah(*, user, usulan: UsulanProgram, versi: int, lokasi: Lokasi | None = None,
                **isian: Unpack[IsianUsulan]) -> UsulanProgram:
    return _penulis.ubah(user=user, objek=usulan, isian=isian, lokasi=lokasi, versi=versi, aksi="usulan_ubah")


def usulan_hapus(*, user, usulan: UsulanProgram, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=usulan, versi=versi, aksi="usulan_hapus")


# --- kab/kota and provinsi (Dinkes and Bappeda parts) ------------------------------------------

class IsianPengukuran(TypedDict):
    wilayah: Wilayah
    jumlah_diukur: int
    jumlah_stunting: int


def pengukuran_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianPengukuran]) -> HasilPengukuran:
    return _penulis.buat(user=user, laporan=laporan, model=HasilPengukuran, isian=isian, versi=versi, aksi="pengukuran_buat")


def pengukuran_ubah(*, user, pengukuran: HasilPengukuran, versi: int, **isian: Unpack[IsianPengukuran]) -> HasilPengukuran:
    return _penulis.ubah(user=user, objek=pengukuran, isian=isian, versi=versi, aksi="pengukuran_ubah")


def pengukuran_hapus(*, user, pengukuran: HasilPengukuran, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=pengukuran, versi=versi, aksi="pengukuran_hapus")


class IsianTargetPrevalensi(TypedDict):
    tahun_target: int
    sumber: str
    target_persen: Decimal


def target_prevalensi_buat(*, user, laporan: Laporan, versi: int | None = None,
                           **isian: Unpack[IsianTargetPrevalensi]) -> TargetPrevalensi:
    return _penulis.buat(user=user, laporan=laporan, model=TargetPrevalensi, isian=isian, versi=versi, aksi="target_prevalensi_buat")


def target_prevalensi_ubah(*, user, target: TargetPrevalensi, versi: int,
                           **isian: Unpack[IsianTargetPrevalensi]) -> TargetPrevalensi:
    return _penulis.ubah(user=user, objek=target, isian=isian, versi=versi, aksi="target_prevalensi_ubah")


def target_prevalensi_hapus(*, user, target: TargetPrevalensi, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=target, versi=versi, aksi="target_prevalensi_hapus")


class IsianTargetCakupan(TypedDict):
    indikator: IndikatorCapaian
    target_persen: Decimal


def target_cakupan_buat(*, user, laporan: Laporan, versi: int | None = None,
                        **isian: Unpack[IsianTargetCakupan]) -> TargetCakupan:
    return _penulis.buat(user=user, laporan=laporan, model=TargetCakupan, isian=isian, versi=versi, aksi="target_cakupan_buat")


def target_cakupan_ubah(*, user, target: TargetCakupan, versi: int, **isian: Unpack[IsianTargetCakupan]) -> TargetCakupan:
    return _penulis.ubah(user=user, objek=target, isian=isian, versi=versi, aksi="target_cakupan_ubah")


def target_cakupan_hapus(*, user, target: TargetCakupan, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=target, versi=versi, aksi="target_cakupan_hapus")


class IsianRapat(TypedDict):
    jenis: str
    tanggal: datetime.date
    peserta: str
    catatan: NotRequired[str]


def rapat_buat(*, user, laporan: Laporan, notulen: File | None = None, versi: int | None = None,
               **isian: Unpack[IsianRapat]) -> Rapat:
    """A meeting; `notulen` (PDF/JPEG/PNG by content, at most AKSI_MAKS_UNGGAH_DOKUMEN bytes) is optional."""
    return _penulis.buat(user=user, laporan=laporan, model=Rapat, isian=isian, berkas=notulen or None, versi=versi, aksi="rapat_buat")


def rapat_ubah(*, user, rapat: Rapat, versi: int, notulen: File | None = None, **isian: Unpack[IsianRapat]) -> Rapat:
    """Without `notulen` the stored minutes stay; a new file replaces (and deletes) the old one."""
    return _penulis.ubah(user=user, objek=rapat, isian=isian, berkas=notulen or None, versi=versi, aksi="rapat_ubah")


def rapat_hapus(*, user, rapat: Rapat, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=rapat, versi=versi, aksi="rapat_hapus")


# --- kab/kota and provinsi: budget target and achievement per indicator and OPD (D95) ---------------

class IsianTargetAnggaran(TypedDict):
    indikator: IndikatorCapaian
    unit: UnitKerja
    target: Decimal
    capaian: Decimal
    keterangan: NotRequired[str]


def target_anggaran_buat(*, user, laporan: Laporan, versi: int | None = None,
                         **isian: Unpack[IsianTargetAnggaran]) -> TargetAnggaran:
    return _penulis.buat(user=user, laporan=laporan, model=TargetAnggaran, isian=isian, versi=versi, aksi="target_anggaran_buat")


def target_anggaran_ubah(*, user, target: TargetAnggaran, versi: int, **isian: Unpack[IsianTargetAnggaran]) -> TargetAnggaran:
    return _penulis.ubah(user=user, objek=target, isian=isian, versi=versi, aksi="target_anggaran_ubah")


def target_anggaran_hapus(*, user, target: TargetAnggaran, versi: int | None = None) -> None:
    _penulis.hapus(user=user, objek=target, versi=versi, aksi="target_anggaran_hapus")


def target_anggaran_impor(*, user, laporan: Laporan, baris: list[dict], versi: int | None = None) -> int:
    """Replace every budget target of the Laporan by the rows of an xlsx (`analisis.excel`): all or
    nothing, each bad row named; the part locked, checked and versioned like a single write."""
    with _penulis.menulis(user=user, laporan=laporan, model=TargetAnggaran, versi=versi) as terkunci:
        lama = TargetAnggaran.objects.filter(laporan=terkunci).count()
        TargetAnggaran.objects.filter(laporan=terkunci).delete()
        TargetAnggaran.objects.bulk_create([TargetAnggaran(laporan=terkunci, **{k: v for k, v in b.items() if k != "lokasi"})
                                            for b in baris])
        audit_catat(pengguna=user, aksi="target_anggaran_impor", objek=terkunci, wilayah_kode=terkunci.wilayah_id,
                    lama={"baris": lama}, baru={"baris": len(baris)})
    return len(baris)

