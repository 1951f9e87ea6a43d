"""Writes of the Pra-musrenbang documents: create, update and delete, one set per model.

The same contract as services_analisis: every write runs in one transaction with the Laporan
and the document's part locked; the part must be fillable by the user now (operator of the
level's unit — Setcam at kecamatan, Bappeda above —, part in draft/dikembalikan, window open:
`aksi.selectors.bagian_dapat_diisi`), else AksiDitolak says why. Bad input raises ValidationError
keyed by field, in Bahasa Indonesia, all fields at once, and nothing is saved. A write bumps the
part's `versi`; updates carry the `versi` the user loaded and a stale one is refused. Each write
leaves an audit row (old/new). The signed Berita Acara is checked by content (inti.berkas).

The reason, stale-version message, audit snapshot and row lock are services_analisis' own;
only what depends on the step (which part, which step, lokasi below any level, indicators,
the file field) lives here.
"""
import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q

from indikator.models import IndikatorCapaian
from inti.berkas import MAKS_UNGGAH_BAWAAN, jenis_berkas
from inti.services import audit_catat
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

from .models import BagianLaporan, Laporan
from .models_musrenbang import (
    AgendaMusrenbang, BeritaAcara, DeklarasiKomitmen, DokumenMusrenbang, EvaluasiKinerjaOPD, Penghargaan, RencanaProgram,
)
from .services import AksiDitolak
from .services_analisis import _ambil_terkunci, _hapus_berkas_setelah_commit, _pesan_basi, alasan_tidak_dapat_diisi
from .services_analisis import _foto as _foto_kolom

Lokasi = Iterable[Wilayah | str]
DaftarIndikator = Iterable[IndikatorCapaian | str]


# --- what may be written ---------------------------------------------------------------------

def berlaku_untuk(laporan: Laporan, model: type[DokumenMusrenbang]) -> bool:
    return laporan.tahapan_id == model.TAHAPAN and laporan.wilayah.tingkat in model.TINGKAT


def _bagian_terkunci(laporan: Laporan, model: type[DokumenMusrenbang]) -> BagianLaporan | None:
    unit = model.unit_di(laporan.wilayah.tingkat)
    bagian = {
        b.unit_id: b
        for b in BagianLaporan.objects.select_for_update(of=("self",)).select_related("unit", "diubah_oleh")
        .filter(Q(unit_id=unit) | Q(unit__isnull=True), laporan=laporan)
    }
    hasil = bagian.get(unit) or bagian.get(None)
    if hasil is not None:
        hasil.laporan = laporan
    return hasil


@contextmanager
def _menulis(*, user, laporan: Laporan, model: type[DokumenMusrenbang], versi: int | None) -> Iterator[Laporan]:
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


def _validasi(objek: DokumenMusrenbang, laporan: Laporan, *, lokasi: Lokasi | None, indikator: DaftarIndikator | None,
              berkas: File | None) -> dict[str, list[str]]:
    """Check everything at once, so the user sees every bad field; returns the M2M codes to set."""
    salah: dict[str, list[str]] = {}
    m2m: dict[str, list[str]] = {}

    def kumpulkan(exc: ValidationError) -> None:
        for field, pesan in exc.message_dict.items():
            salah.setdefault(field, []).extend(pesan)

    if berkas is not None:
        try:
            _pasang_berkas(objek, berkas)
        except ValidationError as exc:
            kumpulkan(exc)
    try:
        objek.full_clean()
    except ValidationError as exc:
        kumpulkan(exc)
    for nama, nilai, periksa in (("indikator", indikator, _kode_indikator), ("lokasi", lokasi, lambda v: _kode_lokasi(laporan, v))):
        if nilai is not None:
            try:
                m2m[nama] = periksa(nilai)
            except ValidationError as exc:
                kumpulkan(exc)
    if salah:
        raise ValidationError(salah)
    return m2m


def _foto(objek: DokumenMusrenbang) -> dict:
    """services_analisis' snapshot of the columns, plus every many-to-many field by key."""
    hasil = _foto_kolom(objek)
    if objek.pk:
        for field in objek._meta.many_to_many:
            hasil[field.name] = sorted(getattr(objek, field.name).values_list("pk", flat=True))
    return hasil


def _berkas_tersimpan(objek: DokumenMusrenbang):
    field = type(objek).BERKAS
    berkas = getattr(objek, field) if field else None
    return berkas or None


# --- the three writes, for any document model --------------------------------------------------

def _buat(*, user, laporan: Laporan, model: type[DokumenMusrenbang], isian: dict, aksi: str, versi: int | None = None,
          lokasi: Lokasi | None = None, indikator: DaftarIndikator | None = None,
          berkas: File | None = None) -> DokumenMusrenbang:
    with _menulis(user=user, laporan=laporan, model=model, versi=versi) as laporan:
        objek = model(laporan=laporan, **isian)
        m2m = _validasi(objek, laporan, lokasi=lokasi, indikator=indikator, berkas=berkas)
        objek.save()
        for nama, kode in m2m.items():
            getattr(objek, nama).set(kode)
        audit_catat(pengguna=user, aksi=aksi, objek=objek, wilayah_kode=laporan.wilayah_id, baru=_foto(objek))
    return objek


def _ubah(*, user, objek: DokumenMusrenbang, isian: dict, aksi: str, versi: int, lokasi: Lokasi | None = None,
          indikator: DaftarIndikator | None = None, berkas: File | None = None) -> DokumenMusrenbang:
    model = type(objek)
    with _menulis(user=user, laporan=objek.laporan, model=model, versi=versi) as laporan:
        objek = _ambil_terkunci(objek, laporan)
        lama = _foto(objek)
        berkas_lama = _berkas_tersimpan(objek) if berkas is not None else None
        for nama, nilai in isian.items():
            setattr(objek, nama, nilai)
        m2m = _validasi(objek, laporan, lokasi=lokasi, indikator=indikator, berkas=berkas)
        objek.save()
        for nama, kode in m2m.items():
            getattr(objek, nama).set(kode)
        audit_catat(pengguna=user, aksi=aksi, objek=objek, wilayah_kode=laporan.wilayah_id, lama=lama, baru=_foto(objek))
        if berkas_lama:
            _hapus_berkas_setelah_commit(berkas_lama)
    return objek


def _hapus(*, user, objek: DokumenMusrenbang, aksi: str, versi: int | None) -> None:
    model = type(objek)
    with _menulis(user=user, laporan=objek.laporan, model=model, versi=versi) as laporan:
        objek = _ambil_terkunci(objek, laporan)
        lama, pk = _foto(objek), objek.pk
        berkas = _berkas_tersimpan(objek)
        objek.delete()
        audit_catat(pengguna=user, aksi=aksi, objek_tipe=model._meta.label_lower, objek_id=str(pk),
                    wilayah_kode=laporan.wilayah_id, lama=lama)
        _hapus_berkas_setelah_commit(berkas)


# --- every level ---------------------------------------------------------------------------------

class IsianAgenda(TypedDict):
    urutan: int
    topik: str
    uraian: str


def agenda_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianAgenda]) -> AgendaMusrenbang:
    return _buat(user=user, laporan=laporan, model=AgendaMusrenbang, isian=isian, versi=versi, aksi="agenda_musrenbang_buat")


def agenda_ubah(*, user, agenda: AgendaMusrenbang, versi: int, **isian: Unpack[IsianAgenda]) -> AgendaMusrenbang:
    return _ubah(user=user, objek=agenda, isian=isian, versi=versi, aksi="agenda_musrenbang_ubah")


def agenda_hapus(*, user, agenda: AgendaMusrenbang, versi: int | None = None) -> None:
    _hapus(user=user, objek=agenda, versi=versi, aksi="agenda_musrenbang_hapus")


class IsianRencana(TypedDict):
    nama: str
    kategori: str
    perkiraan_anggaran: Decimal
    sumber_dana: str
    unit_pelaksana: NotRequired[UnitKerja | None]


def rencana_buat(*, user, laporan: Laporan, indikator: DaftarIndikator, lokasi: Lokasi = (), versi: int | None = None,
                 **isian: Unpack[IsianRencana]) -> RencanaProgram:
    """A planned program: at least one indicator; lokasi are regions directly below (desa of a kecamatan)."""
    return _buat(user=user, laporan=laporan, model=RencanaProgram, isian=isian, indikator=indikator, lokasi=lokasi,
                 versi=versi, aksi="rencana_program_buat")


def rencana_ubah(*, user, rencana: RencanaProgram, versi: int, indikator: DaftarIndikator | None = None,
                 lokasi: Lokasi | None = None, **isian: Unpack[IsianRencana]) -> RencanaProgram:
    """`indikator`/`lokasi` None keep the stored ones; an empty indicator list is refused."""
    return _ubah(user=user, objek=rencana, isian=isian, indikator=indikator, lokasi=lokasi, versi=versi,
                 aksi="rencana_program_ubah")


def rencana_hapus(*, user, rencana: RencanaProgram, versi: int | None = None) -> None:
    _hapus(user=user, objek=rencana, versi=versi, aksi="rencana_program_hapus")


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
    return _buat(user=user, laporan=laporan, model=BeritaAcara, isian=isian, berkas=berkas_ttd or None, versi=versi,
                 aksi="berita_acara_musrenbang_buat")


def berita_acara_ubah(*, user, berita_acara: BeritaAcara, versi: int, berkas_ttd: File | None = None,
                      **isian: Unpack[IsianBeritaAcara]) -> BeritaAcara:
    """Without `berkas_ttd` the stored scan stays; a new file replaces (and deletes) the old one."""
    return _ubah(user=user, objek=berita_acara, isian=isian, berkas=berkas_ttd or None, versi=versi,
                 aksi="berita_acara_musrenbang_ubah")


def berita_acara_hapus(*, user, berita_acara: BeritaAcara, versi: int | None = None) -> None:
    _hapus(user=user, objek=berita_acara, versi=versi, aksi="berita_acara_musrenbang_hapus")


# --- kab/kota and provinsi -------------------------------------------------------------------------

class IsianEvaluasi(TypedDict):
    unit: UnitKerja
    capaian: str
    catatan: NotRequired[str]
    nilai: NotRequired[Decimal | None]


def evaluasi_opd_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianEvaluasi]) -> EvaluasiKinerjaOPD:
    return _buat(user=user, laporan=laporan, model=EvaluasiKinerjaOPD, isian=isian, versi=versi, aksi="evaluasi_opd_buat")


def evaluasi_opd_ubah(*, user, evaluasi: EvaluasiKinerjaOPD, versi: int, **isian: Unpack[IsianEvaluasi]) -> EvaluasiKinerjaOPD:
    return _ubah(user=user, objek=evaluasi, isian=isian, versi=versi, aksi="evaluasi_opd_ubah")


def evaluasi_opd_hapus(*, user, evaluasi: EvaluasiKinerjaOPD, versi: int | None = None) -> None:
    _hapus(user=user, objek=evaluasi, versi=versi, aksi="evaluasi_opd_hapus")


class IsianKomitmen(TypedDict):
    tanggal: datetime.date
    penandatangan: str
    isi: str


def komitmen_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianKomitmen]) -> DeklarasiKomitmen:
    return _buat(user=user, laporan=laporan, model=DeklarasiKomitmen, isian=isian, versi=versi, aksi="komitmen_buat")


def komitmen_ubah(*, user, komitmen: DeklarasiKomitmen, versi: int, **isian: Unpack[IsianKomitmen]) -> DeklarasiKomitmen:
    return _ubah(user=user, objek=komitmen, isian=isian, versi=versi, aksi="komitmen_ubah")


def komitmen_hapus(*, user, komitmen: DeklarasiKomitmen, versi: int | None = None) -> None:
    _hapus(user=user, objek=komitmen, versi=versi, aksi="komitmen_hapus")


class IsianPenghargaan(TypedDict):
    penerima: str
    jenis: str
    alasan: str


def penghargaan_buat(*, user, laporan: Laporan, versi: int | None = None, **isian: Unpack[IsianPenghargaan]) -> Penghargaan:
    return _buat(user=user, laporan=laporan, model=Penghargaan, isian=isian, versi=versi, aksi="penghargaan_buat")


def penghargaan_ubah(*, user, penghargaan: Penghargaan, versi: int, **isian: Unpack[IsianPenghargaan]) -> Penghargaan:
    return _ubah(user=user, objek=penghargaan, isian=isian, versi=versi, aksi="penghargaan_ubah")


def penghargaan_hapus(*, user, penghargaan: Penghargaan, versi: int | None = None) -> None:
    _hapus(user=user, objek=penghargaan, versi=versi, aksi="penghargaan_hapus")
