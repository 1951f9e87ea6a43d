"""Writes of the Analisis situasi documents: create, update and delete, one set per model.

Every write runs in one transaction with the Laporan and the document's part (BagianLaporan)
locked. It needs the part fillable by the user now (operator of the part's unit, part in
draft/dikembalikan, window open: `aksi.selectors.bagian_dapat_diisi`), else AksiDitolak
names the part and the reason. Bad input raises ValidationError keyed by field, in Bahasa
Indonesia, and nothing is saved. A write bumps the part's `versi`; updates carry the `versi`
the user loaded and a stale one is refused, so nobody overwrites a change they have not
seen (deletes and creates check it when given). Each write leaves an audit row (old/new).
"""
import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from indikator.models import IndikatorCapaian
from inti.berkas import MAKS_UNGGAH_BAWAAN, jenis_berkas
from inti.services import audit_catat
from wilayah.choices import Izin, Peran, Tingkat
from wilayah.models import Wilayah

from .choices import STATUS_DAPAT_DIUBAH
from .jadwal import jendela_terbuka, keterangan_jendela
from .models import BagianLaporan, Laporan
from .models_analisis import (
    TAHAPAN_ANALISIS, DokumenAnalisis, HasilPengukuran, MasalahLayanan, ProgramKegiatan, Rapat, Rekomendasi,
    TargetCakupan, TargetPrevalensi, UsulanProgram,
)
from .selectors import bagian_dapat_diisi, melayani_unit
from .services import AksiDitolak

Lokasi = Iterable[Wilayah | str]


# --- what may be written ---------------------------------------------------------------------

def alasan_tidak_dapat_diisi(user, bagian: BagianLaporan | None, model: type[DokumenAnalisis]) -> str | None:
    """Why `user` may not write `model` rows in this part now (None: they may). For pages and refusals."""
    if bagian is None:
        return f"Laporan ini tidak memiliki bagian untuk {model._meta.verbose_name_plural}."
    if bagian_dapat_diisi(user, bagian):
        return None
    laporan, nama = bagian.laporan, bagian.nama_unit
    if laporan.disetujui:
        return f"Laporan sudah disetujui; bagian {nama} hanya dapat dibaca."
    if bagian.status not in STATUS_DAPAT_DIUBAH:
        return (f"Bagian {nama} berstatus {bagian.get_status_display().lower()}; "
                "hanya bagian berstatus draf atau dikembalikan yang dapat diubah.")
    if not melayani_unit(user, bagian, Peran.OPERATOR, Izin.ISI):
        return f"Bagian {nama} hanya dapat diisi oleh operator {nama} {laporan.wilayah.nama_lengkap}."
    if not jendela_terbuka(laporan):
        return f"Jadwal sudah tertutup; bagian {nama} tidak dapat diubah. {keterangan_jendela(laporan)}"
    return f"Bagian {nama} tidak dapat diubah saat ini."


def berlaku_untuk(laporan: Laporan, model: type[DokumenAnalisis]) -> bool:
    return laporan.tahapan_id == TAHAPAN_ANALISIS and laporan.wilayah.tingkat in model.TINGKAT


def _pesan_basi(bagian: BagianLaporan) -> str:
    pengubah = bagian.diubah_oleh
    oleh = (pengubah.get_full_name() or pengubah.get_username()) if pengubah else "pengguna lain"
    waktu = timezone.localtime(bagian.diubah_pada)
    return (f"Bagian {bagian.nama_unit} sudah diubah oleh {oleh} pada {waktu:%d-%m-%Y %H:%M} setelah Anda membukanya; "
            "muat ulang halaman, lalu ulangi perubahan Anda.")


def _bagian_terkunci(laporan: Laporan, model: type[DokumenAnalisis]) -> BagianLaporan | None:
    bagian = {
        b.unit_id: b
        for b in BagianLaporan.objects.select_for_update(of=("self",)).select_related("unit", "diubah_oleh")
        .filter(Q(unit_id=model.UNIT) | Q(unit__isnull=True), laporan=laporan)
    }
    hasil = bagian.get(model.UNIT) or bagian.get(None)
    if hasil is not None:
        hasil.laporan = laporan
    return hasil


@contextmanager
def _menulis(*, user, laporan: Laporan, model: type[DokumenAnalisis], versi: int | None) -> Iterator[Laporan]:
    """Lock the Laporan and the model's part, check the user may write it, and bump its versi after."""
    with transaction.atomic():
        # of=self: lock the Laporan row only, never the shared Wilayah/Tahapan rows it joins.
        laporan = Laporan.objects.select_for_update(of=("self",)).select_related("wilayah", "tahapan").get(pk=laporan.pk)
        if not berlaku_untuk(laporan, model):
            raise AksiDitolak(f"{model._meta.verbose_name_plural.capitalize()} tidak diisi pada laporan {laporan}.")
        bagian = _bagian_terkunci(laporan, model)
        alasan = alasan_tidak_dapat_diisi(user, bagian, model)
        if alasan:
            raise AksiDitolak(alasan)
        if versi is not None and versi != bagian.versi:
            raise AksiDitolak(_pesan_basi(bagian))
        yield laporan
        bagian.versi += 1
        bagian.diubah_oleh = user
        bagian.save(update_fields=["versi", "diubah_oleh", "diubah_pada"])


# --- validation ------------------------------------------------------------------------------

def _kode_desa(laporan: Laporan, lokasi: Lokasi) -> list[str]:
    """The desa codes of `lokasi`; each must be a desa/kelurahan of the Laporan's kecamatan."""
    kode = {w.kode if isinstance(w, Wilayah) else str(w) for w in lokasi}
    if not kode:
        return []
    sah = set(Wilayah.objects.filter(induk_id=laporan.wilayah_id, tingkat=Tingkat.DESA, kode__in=kode).values_list("kode", flat=True))
    salah = sorted(kode - sah)
    if salah:
        nama = dict(Wilayah.objects.filter(kode__in=salah).values_list("kode", "nama"))
        daftar = ", ".join(f"{nama.get(k, k)} ({k})" for k in salah)
        raise ValidationError({"lokasi": f"Bukan desa/kelurahan di {laporan.wilayah.nama_lengkap}: {daftar}."})
    return sorted(sah)


def _jenis_berkas(berkas: File) -> str:
    """The file's real type from its first bytes ('pdf', 'jpg', 'png'); refuses others and big ones."""
    maks = getattr(settings, "AKSI_MAKS_UNGGAH_DOKUMEN", MAKS_UNGGAH_BAWAAN)
    return jenis_berkas(berkas, field="notulen", maks=maks, nama="Notulen")


def _validasi(objek: DokumenAnalisis, laporan: Laporan, lokasi: Lokasi | None, berkas: File | None) -> list[str] | None:
    """Check everything at once, so the user sees every bad field; returns the desa codes of `lokasi`."""
    salah: dict[str, list[str]] = {}
    kode_lokasi = None
    if berkas is not None:
        try:
            berkas.name = f"notulen.{_jenis_berkas(berkas)}"
            objek.notulen = berkas
        except ValidationError as exc:
            salah |= exc.message_dict
    try:
        objek.full_clean()
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            salah.setdefault(field, []).extend(pesan)
    if lokasi is not None:
        try:
            kode_lokasi = _kode_desa(laporan, lokasi)
        except ValidationError as exc:
            salah |= exc.message_dict
    if salah:
        raise ValidationError(salah)
    return kode_lokasi


# --- audit snapshot --------------------------------------------------------------------------

_TIDAK_DIFOTO = {"id", "laporan", "dibuat_pada", "diubah_pada"}


def _foto(objek: DokumenAnalisis) -> dict:
    """The row as JSON for the audit trail (Decimal/date as text, a file by its stored name)."""
    hasil = {}
    for field in objek._meta.concrete_fields:
        if field.name in _TIDAK_DIFOTO:
            continue
        nilai = getattr(objek, field.attname)
        if isinstance(field, models.FileField):
            nilai = nilai.name or ""
        elif isinstance(nilai, Decimal | datetime.date):
            nilai = str(nilai)
        hasil[field.name] = nilai
    if hasattr(objek, "lokasi") and objek.pk:
        hasil["lokasi"] = sorted(objek.lokasi.values_list("kode", flat=True))
    return hasil


# --- the three writes, for any document model --------------------------------------------------

def _buat(*, user, laporan: Laporan, model: type[DokumenAnalisis], isian: dict, aksi: str, versi: int | None = None,
          lokasi: Lokasi | None = None, berkas: File | None = None) -> DokumenAnalisis:
    with _menulis(user=user, laporan=laporan, model=model, versi=versi) as laporan:
        objek = model(laporan=laporan, **isian)
        kode_lokasi = _validasi(objek, laporan, lokasi, berkas)
        objek.save()
        if kode_lokasi is not None:
            objek.lokasi.set(kode_lokasi)
        audit_catat(pengguna=user, aksi=aksi, objek=objek, wilayah_kode=laporan.wilayah_id, baru=_foto(objek))
    return objek


def _ambil_terkunci(objek: DokumenAnalisis, laporan: Laporan) -> DokumenAnalisis:
    terkini = type(objek).objects.select_for_update(of=("self",)).order_by().filter(pk=objek.pk, laporan=laporan).first()
    if terkini is None:
        raise AksiDitolak("Isian ini sudah dihapus; muat ulang halaman.")
    terkini.laporan = laporan
    return terkini


def _hapus_berkas_setelah_commit(berkas) -> None:
    if berkas:
        storage, nama = berkas.storage, berkas.name
        transaction.on_commit(lambda: storage.delete(nama))


def _ubah(*, user, objek: DokumenAnalisis, isian: dict, aksi: str, versi: int, lokasi: Lokasi | None = None,
          berkas: File | None = None) -> DokumenAnalisis:
    model = type(objek)
    with _menulis(user=user, laporan=objek.laporan, model=model, versi=versi) as laporan:
        objek = _ambil_terkunci(objek, laporan)
        lama = _foto(objek)
        berkas_lama = objek.notulen if berkas is not None and isinstance(objek, Rapat) and objek.notulen else None
        for nama, nilai in isian.items():
            setattr(objek, nama, nilai)
        kode_lokasi = _validasi(objek, laporan, lokasi, berkas)
        objek.save()
        if kode_lokasi is not None:
            objek.lokasi.set(kode_lokasi)
        audit_catat(pengguna=user, aksi=aksi, objek=objek, wilayah_kode=laporan.wilayah_id, lama=lama, baru=_foto(objek))
        if berkas_lama:
            _hapus_berkas_setelah_commit(berkas_lama)
    return objek


def _hapus(*, user, objek: DokumenAnalisis, aksi: str, versi: int | None) -> None:
    model = type(objek)
    with _menulis(user=user, laporan=objek.laporan, model=model, versi=versi) as laporan:
        objek = _ambil_terkunci(objek, laporan)
        lama, pk = _foto(objek), objek.pk
        berkas = objek.notulen if isinstance(objek, Rapat) and objek.notulen else None
        objek.delete()
        audit_catat(pengguna=user, aksi=aksi, objek_tipe=model._meta.label_lower, objek_id=str(pk),
                    wilayah_kode=laporan.wilayah_id, lama=lama)
        _hapus_berkas_setelah_commit(berkas)


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
    return _buat(user=user, laporan=laporan, model=ProgramKegiatan, isian=isian, lokasi=lokasi, versi=versi, aksi="program_buat")


def program_ubah(*, user, program: ProgramKegiatan, versi: int, lokasi: Lokasi | None = None,
                 **isian: Unpack[IsianProgram]) -> ProgramKegiatan:
    return _ubah(user=user, objek=program, isian=isian, lokasi=lokasi, versi=versi, aksi="program_ubah")


def program_hapus(*, user, program: ProgramKegiatan, versi: int | None = None) -> None:
    _hapus(user=user, objek=program, versi=versi, aksi="program_hapus")


class IsianMasalah(TypedDict):
    indikator: IndikatorCapaian
    sisi: str
    uraian: str


def masalah_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianMasalah]) -> MasalahLayanan:
    return _buat(user=user, laporan=laporan, model=MasalahLayanan, isian=isian, versi=versi, aksi="masalah_buat")


def masalah_ubah(*, user, masalah: MasalahLayanan, versi: int, **isian: Unpack[IsianMasalah]) -> MasalahLayanan:
    return _ubah(user=user, objek=masalah, isian=isian, versi=versi, aksi="masalah_ubah")


def masalah_hapus(*, user, masalah: MasalahLayanan, versi: int | None = None) -> None:
    _hapus(user=user, objek=masalah, versi=versi, aksi="masalah_hapus")


class IsianRekomendasi(TypedDict):
    indikator: IndikatorCapaian | None
    uraian: str


def rekomendasi_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianRekomendasi]) -> Rekomendasi:
    return _buat(user=user, laporan=laporan, model=Rekomendasi, isian=isian, versi=versi, aksi="rekomendasi_buat")


def rekomendasi_ubah(*, user, rekomendasi: Rekomendasi, versi: int, **isian: Unpack[IsianRekomendasi]) -> Rekomendasi:
    return _ubah(user=user, objek=rekomendasi, isian=isian, versi=versi, aksi="rekomendasi_ubah")


def rekomendasi_hapus(*, user, rekomendasi: Rekomendasi, versi: int | None = None) -> None:
    _hapus(user=user, objek=rekomendasi, versi=versi, aksi="rekomendasi_hapus")


class IsianUsulan(TypedDict):
    indikator: IndikatorCapaian
    nama: str
    volume: Decimal
    satuan: str
    perkiraan_anggaran: Decimal
    sumber_dana: str


def usulan_buat(*, user, laporan: Laporan, lokasi: Lokasi = (), versi: int | None = None,
                **isian: Unpack[IsianUsulan]) -> UsulanProgram:
    return _buat(user=user, laporan=laporan, model=UsulanProgram, isian=isian, lokasi=lokasi, versi=versi, aksi="usulan_buat")


def usulan_ubah(*, user, usulan: UsulanProgram, versi: int, lokasi: Lokasi | None = None,
                **isian: Unpack[IsianUsulan]) -> UsulanProgram:
    return _ubah(user=user, objek=usulan, isian=isian, lokasi=lokasi, versi=versi, aksi="usulan_ubah")


def usulan_hapus(*, user, usulan: UsulanProgram, versi: int | None = None) -> None:
    _hapus(user=user, objek=usulan, versi=versi, aksi="usulan_hapus")


# --- kab/kota and provinsi (Dinkes and Bappeda parts) ------------------------------------------

class IsianPengukuran(TypedDict):
    wilayah: Wilayah
    jumlah_diukur: int
    jumlah_stunting: int


def pengukuran_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianPengukuran]) -> HasilPengukuran:
    return _buat(user=user, laporan=laporan, model=HasilPengukuran, isian=isian, versi=versi, aksi="pengukuran_buat")


def pengukuran_ubah(*, user, pengukuran: HasilPengukuran, versi: int, **isian: Unpack[IsianPengukuran]) -> HasilPengukuran:
    return _ubah(user=user, objek=pengukuran, isian=isian, versi=versi, aksi="pengukuran_ubah")


def pengukuran_hapus(*, user, pengukuran: HasilPengukuran, versi: int | None = None) -> None:
    _hapus(user=user, objek=pengukuran, versi=versi, aksi="pengukuran_hapus")


class IsianTargetPrevalensi(TypedDict):
    tahun_target: int
    sumber: str
    target_persen: Decimal


def target_prevalensi_buat(*, user, laporan: Laporan, versi: int | None = None,
                           **isian: Unpack[IsianTargetPrevalensi]) -> TargetPrevalensi:
    return _buat(user=user, laporan=laporan, model=TargetPrevalensi, isian=isian, versi=versi, aksi="target_prevalensi_buat")


def target_prevalensi_ubah(*, user, target: TargetPrevalensi, versi: int,
                           **isian: Unpack[IsianTargetPrevalensi]) -> TargetPrevalensi:
    return _ubah(user=user, objek=target, isian=isian, versi=versi, aksi="target_prevalensi_ubah")


def target_prevalensi_hapus(*, user, target: TargetPrevalensi, versi: int | None = None) -> None:
    _hapus(user=user, objek=target, versi=versi, aksi="target_prevalensi_hapus")


class IsianTargetCakupan(TypedDict):
    indikator: IndikatorCapaian
    target_persen: Decimal


def target_cakupan_buat(*, user, laporan: Laporan, versi: int | None = None,
                        **isian: Unpack[IsianTargetCakupan]) -> TargetCakupan:
    return _buat(user=user, laporan=laporan, model=TargetCakupan, isian=isian, versi=versi, aksi="target_cakupan_buat")


def target_cakupan_ubah(*, user, target: TargetCakupan, versi: int, **isian: Unpack[IsianTargetCakupan]) -> TargetCakupan:
    return _ubah(user=user, objek=target, isian=isian, versi=versi, aksi="target_cakupan_ubah")


def target_cakupan_hapus(*, user, target: TargetCakupan, versi: int | None = None) -> None:
    _hapus(user=user, objek=target, versi=versi, aksi="target_cakupan_hapus")


class IsianRapat(TypedDict):
    jenis: str
    tanggal: datetime.date
    peserta: str
    catatan: NotRequired[str]


def rapat_buat(*, user, laporan: Laporan, notulen: File | None = None, versi: int | None = None,
               **isian: Unpack[IsianRapat]) -> Rapat:
    """A meeting; `notulen` (PDF/JPEG/PNG by content, at most AKSI_MAKS_UNGGAH_DOKUMEN bytes) is optional."""
    return _buat(user=user, laporan=laporan, model=Rapat, isian=isian, berkas=notulen or None, versi=versi, aksi="rapat_buat")


def rapat_ubah(*, user, rapat: Rapat, versi: int, notulen: File | None = None, **isian: Unpack[IsianRapat]) -> Rapat:
    """Without `notulen` the stored minutes stay; a new file replaces (and deletes) the old one."""
    return _ubah(user=user, objek=rapat, isian=isian, berkas=notulen or None, versi=versi, aksi="rapat_ubah")


def rapat_hapus(*, user, rapat: Rapat, versi: int | None = None) -> None:
    _hapus(user=user, objek=rapat, versi=versi, aksi="rapat_hapus")
