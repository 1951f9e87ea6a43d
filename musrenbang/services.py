"""Writes of the Pra-musrenbang documents: create, update and delete, one set per model.

The contract (locks, who may write when, stale versions, audit, file cleanup) is aksi.dokumen's;
here is only what depends on the step: a model is filled in the Laporan of its step (`TAHAPAN`)
and levels, and belongs to the part of its level's unit (Setcam at kecamatan, Bappeda above:
`unit_di`); lokasi are regions directly below the wilayah, indicators must exist, and the
model's file field (`BERKAS`, e.g. the signed Berita Acara) is checked by content (inti.berkas).
publikasi's regulasi documents are written through `penulis` too.
"""
import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File

from aksi.dokumen import PenulisDokumen, periksa_semua
from aksi.models import Laporan
from indikator.models import IndikatorCapaian
from inti.berkas import MAKS_UNGGAH_BAWAAN, jenis_berkas
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

from .models import (
    AgendaMusrenbang, BeritaAcara, DeklarasiKomitmen, DokumenMusrenbang, EvaluasiKinerjaOPD, Penghargaan, RencanaProgram,
)

Lokasi = Iterable[Wilayah | str]
DaftarIndikator = Iterable[IndikatorCapaian | str]


def berlaku_untuk(laporan: Laporan, model: type[DokumenMusrenbang]) -> bool:
    return laporan.tahapan_id == model.TAHAPAN and laporan.wilayah.tingkat in model.TINGKAT


# --- validation ------------------------------------------------------------------------------

def label_wilayah_bawah(laporan: Laporan) -> str:
    """'desa/kelurahan' under a kecamatan, 'kecamatan' under a kab/kota, 'kabupaten/kota' under a provinsi."""
    return Tingkat(laporan.wilayah.tingkat + 1).label.lower()


def _kode_lokasi(laporan: Laporan, lokasi: Lokasi) -> list[str]:
    """The codes of `lokasi`; each must be a region directly below the Laporan's wilayah."""
    kode = {w.kode if isinstance(w, Wilayah) else str(w) for w in lokasi}
    if not kode:
        return []
    sah = set(Wilayah.objects.filter(induk_id=laporan.wilayah_id, kode__in=kode).values_list("kode", flat=True))
    salah = sorted(kode - sah)
    if salah:
        nama = dict(Wilayah.objects.filter(kode__in=salah).values_list("kode", "nama"))
        daftar = ", ".join(f"{nama.get(k, k)} ({k})" for k in salah)
        raise ValidationError({"lokasi": f"Bukan {label_wilayah_bawah(laporan)} di {laporan.wilayah.nama_lengkap}: {daftar}."})
    return sorted(sah)


def _kode_indikator(indikator: DaftarIndikator) -> list[str]:
    kode = {i.kode if isinstance(i, IndikatorCapaian) else str(i) for i in indikator}
    if not kode:
        raise ValidationError({"indikator": "Pilih paling sedikit satu indikator."})
    sah = set(IndikatorCapaian.objects.filter(kode__in=kode).values_list("kode", flat=True))
    salah = sorted(kode - sah)
    if salah:
        raise ValidationError({"indikator": f"Indikator tidak dikenal: {', '.join(salah)}."})
    return sorted(sah)


def _pasang_berkas(objek: DokumenMusrenbang, berkas: File) -> None:
    field = type(objek).BERKAS
    nama = str(objek._meta.get_field(field).verbose_name).capitalize()
    maks = getattr(settings, "AKSI_MAKS_UNGGAH_DOKUMEN", MAKS_UNGGAH_BAWAAN)
    berkas.name = f"{field}.{jenis_berkas(berkas, field=field, maks=maks, nama=nama)}"
    setattr(objek, field, berkas)


class PenulisMusrenbang(PenulisDokumen):
    """Documents of a step whose part is the level's unit (DokumenMusrenbang and its kin)."""

    def berlaku_untuk(self, laporan: Laporan, model: type[DokumenMusrenbang]) -> bool:
        return berlaku_untuk(laporan, model)

    def unit(self, laporan: Laporan, model: type[DokumenMusrenbang]) -> str:
        return model.unit_di(laporan.wilayah.tingkat)

    def validasi(self, objek: DokumenMusrenbang, laporan: Laporan, berkas: File | None, *, lokasi: Lokasi | None = None,
                 indikator: DaftarIndikator | None = None) -> dict[str, list[str]]:
        return periksa_semua(objek, berkas=berkas, pasang_berkas=_pasang_berkas, m2m={
            "indikator": (indikator, _kode_indikator), "lokasi": (lokasi, lambda v: _kode_lokasi(laporan, v)),
        })

    def berkas_tersimpan(self, objek: DokumenMusrenbang):
        field = type(objek).BERKAS
        berkas = getattr(objek, field) if field else None
        return berkas or None


penulis = PenulisMusrenbang()


# --- every level ---------------------------------------------------------------------------------

class IsianAgenda(TypedDict):
    urutan: int
    topik: str
    uraian: str


def agenda_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianAgenda]) -> AgendaMusrenbang:
    return penulis.buat(user=user, laporan=laporan, model=AgendaMusrenbang, isian=isian, versi=versi, aksi="agenda_musrenbang_buat")


def agenda_ubah(*, user, agenda: AgendaMusrenbang, versi: int, **isian: Unpack[IsianAgenda]) -> AgendaMusrenbang:
    return penulis.ubah(user=user, objek=agenda, isian=isian, versi=versi, aksi="agenda_musrenbang_ubah")


def agenda_hapus(*, user, agenda: AgendaMusrenbang, versi: int | None = None) -> None:
    penulis.hapus(user=user, objek=agenda, versi=versi, aksi="agenda_musrenbang_hapus")


class IsianRencana(TypedDict):
    nama: str
    kategori: str
    perkiraan_anggaran: Decimal
    sumber_dana: str
    unit_pelaksana: NotRequired[UnitKerja | None]


def rencana_buat(*, user, laporan: Laporan, indikator: DaftarIndikator, lokasi: Lokasi = (), versi: int | None = None,
                 **isian: Unpack[IsianRencana]) -> RencanaProgram:
    """A planned program: at least one indicator; lokasi are regions directly below (desa of a kecamatan)."""
    return penulis.buat(user=user, laporan=laporan, model=RencanaProgram, isian=isian, indikator=indikator, lokasi=lokasi,
                 versi=versi, aksi="rencana_program_buat")


def rencana_ubah(*, user, rencana: RencanaProgram, versi: int, indikator: DaftarIndikator | None = None,
                 lokasi: Lokasi | None = None, **isian: Unpack[IsianRencana]) -> RencanaProgram:
    """`indikator`/`lokasi` None keep the stored ones; an empty indicator list is refused."""
    return penulis.ubah(user=user, objek=rencana, isian=isian, indikator=indikator, lokasi=lokasi, versi=versi,
                 aksi="rencana_program_ubah")


def rencana_hapus(*, user, rencana: RencanaProgram, versi: int | None = None) -> None:
    penulis.hapus(user=user, objek=rencana, versi=versi, aksi="rencana_program_hapus")


class IsianBeritaAcara(TypedDict):
    tanggal: datetime.date
    tempat: str
    pimpinan_rapat: str
    jabatan_pimpinan: NotRequired[str]
    jumlah_peserta: int
    perwakilan_peserta: NotRequired[str]
    catatan: NotRequired[str]


def berita_acara_buat(*, user, laporan: Laporan, berkas_ttd: File | None = None, versi: int | None = None,
                      **isian: Unpack[IsianBeritaAcara]) -> BeritaAcara:
    """The Berita Acara (one per Laporan); `berkas_ttd`, the signed scan (PDF/JPEG/PNG by content,
    at most AKSI_MAKS_UNGGAH_DOKUMEN bytes), is usually added later with berita_acara_ubah."""
    return penulis.buat(user=user, laporan=laporan, model=BeritaAcara, isian=isian, berkas=berkas_ttd or None, versi=versi,
                 aksi="berita_acara_musrenbang_buat")


def berita_acara_ubah(*, user, berita_acara: BeritaAcara, versi: int, berkas_ttd: File | None = None,
                      **isian: Unpack[IsianBeritaAcara]) -> BeritaAcara:
    """Without `berkas_ttd` the stored scan stays; a new file replaces (and deletes) the old one."""
    return penulis.ubah(user=user, objek=berita_acara, isian=isian, berkas=berkas_ttd or None, versi=versi,
                 aksi="berita_acara_musrenbang_ubah")


def berita_acara_hapus(*, user, berita_acara: BeritaAcara, versi: int | None = None) -> None:
    penulis.hapus(user=user, objek=berita_acara, versi=versi, aksi="berita_acara_musrenbang_hapus")


# --- kab/kota and provinsi -------------------------------------------------------------------------

class IsianEvaluasi(TypedDict):
    unit: UnitKerja
    capaian: str
    catatan: NotRequired[str]
    nilai: NotRequired[Decimal | None]


def evaluasi_opd_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianEvaluasi]) -> EvaluasiKinerjaOPD:
    return penulis.buat(user=user, laporan=laporan, model=EvaluasiKinerjaOPD, isian=isian, versi=versi, aksi="evaluasi_opd_buat")


def evaluasi_opd_ubah(*, user, evaluasi: EvaluasiKinerjaOPD, versi: int, **isian: Unpack[IsianEvaluasi]) -> EvaluasiKinerjaOPD:
    return penulis.ubah(user=user, objek=evaluasi, isian=isian, versi=versi, aksi="evaluasi_opd_ubah")


def evaluasi_opd_hapus(*, user, evaluasi: EvaluasiKinerjaOPD, versi: int | None = None) -> None:
    penulis.hapus(user=user, objek=evaluasi, versi=versi, aksi="evaluasi_opd_hapus")


class IsianKomitmen(TypedDict):
    tanggal: datetime.date
    penandatangan: str
    isi: str


def komitmen_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianKomitmen]) -> DeklarasiKomitmen:
    return penulis.buat(user=user, laporan=laporan, model=DeklarasiKomitmen, isian=isian, versi=versi, aksi="komitmen_buat")


def komitmen_ubah(*, user, komitmen: DeklarasiKomitmen, versi: int, **isian: Unpack[IsianKomitmen]) -> DeklarasiKomitmen:
    return penulis.ubah(user=user, objek=komitmen, isian=isian, versi=versi, aksi="komitmen_ubah")


def komitmen_hapus(*, user, komitmen: DeklarasiKomitmen, versi: int | None = None) -> None:
    penulis.hapus(user=user, objek=komitmen, versi=versi, aksi="komitmen_hapus")


class IsianPenghargaan(TypedDict):
    penerima: str
    jenis: str
    alasan: str


def penghargaan_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianPenghargaan]) -> Penghargaan:
    return penulis.buat(user=user, laporan=laporan, model=Penghargaan, isian=isian, versi=versi, aksi="penghargaan_buat")


def penghargaan_ubah(*, user, penghargaan: Penghargaan, versi: int, **isian: Unpack[IsianPenghargaan]) -> Penghargaan:
    return penulis.ubah(user=user, objek=penghargaan, isian=isian, versi=versi, aksi="penghargaan_ubah")


def penghargaan_hapus(*, user, penghargaan: Penghargaan, versi: int | None = None) -> None:
    penulis.hapus(user=user, objek=penghargaan, versi=versi, aksi="penghargaan_hapus")
