"""The shared contract of every write to a document section of a Laporan part (BagianLaporan).

A write runs in one transaction with the Laporan and the document's part locked. It needs the
part fillable by the user now (operator of the part's unit, part in draft/dikembalikan, window
open: the one rule, `aksi.selectors.alasan_tidak_dapat_diisi`, imported from here by the
writers), else Ditolak names the part and the reason. Bad input raises ValidationError keyed
by field, in Bahasa Indonesia, all fields at once, and nothing is saved. A write bumps the part's `versi`; updates carry the `versi` the user loaded and a stale
one is refused, so nobody overwrites a change they have not seen (deletes and creates check it
when given). Each write leaves an audit row (old/new); a replaced or deleted file is removed from
storage only after commit.

`PenulisDokumen` holds the create/update/delete of one step's documents; a step subclasses it
with what depends on the step: whether a model is filled in a Laporan (`berlaku_untuk`), which
unit's part a model belongs to (`unit`), and the step's own input checks (`validasi`). The
helpers below it (`pesan_basi`, `ambil_terkunci`, `foto`, ...) serve other writers of parts
(penandaan, RAD, monev) as well.
"""
import datetime
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from inti.berkas import hapus_berkas_setelah_commit  # noqa: F401  (used here and by the document steps)
from inti.galat import Ditolak
from inti.services import audit_catat

from .models import BagianLaporan, Laporan
from .selectors import alasan_tidak_dapat_diisi

# --- what may be written: the rule is aksi.selectors.alasan_tidak_dapat_diisi (re-exported here) ---


def pesan_basi(bagian: BagianLaporan) -> str:
    """The refusal of a write made on a version of the part someone else has changed since."""
    pengubah = bagian.diubah_oleh
    oleh = (pengubah.get_full_name() or pengubah.get_username()) if pengubah else "pengguna lain"
    waktu = timezone.localtime(bagian.diubah_pada)
    return (f"Bagian {bagian.nama_unit} sudah diubah oleh {oleh} pada {waktu:%d-%m-%Y %H:%M} setelah Anda membukanya; "
            "muat ulang halaman, lalu ulangi perubahan Anda.")


def bagian_terkunci(laporan: Laporan, unit: str) -> BagianLaporan | None:
    """The part of `unit` (else the unit-less one), locked for update, with `laporan` attached."""
    bagian = {
        b.unit_id: b
        for b in BagianLaporan.objects.select_for_update(of=("self",)).select_related("unit", "diubah_oleh")
        .filter(Q(unit_id=unit) | Q(unit__isnull=True), laporan=laporan)
    }
    hasil = bagian.get(unit) or bagian.get(None)
    if hasil is not None:
        hasil.laporan = laporan
    return hasil


def ambil_terkunci(objek: models.Model, laporan: Laporan) -> models.Model:
    """The row again, locked and still in `laporan`; Ditolak when someone deleted it meanwhile."""
    terkini = type(objek).objects.select_for_update(of=("self",)).order_by().filter(pk=objek.pk, laporan=laporan).first()
    if terkini is None:
        raise Ditolak("Isian ini sudah dihapus; muat ulang halaman.")
    terkini.laporan = laporan
    return terkini


# --- audit snapshot --------------------------------------------------------------------------

_TIDAK_DIFOTO = {"id", "laporan", "dibuat_pada", "diubah_pada"}


def foto(objek: models.Model) -> dict:
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


def foto_dengan_m2m(objek: models.Model) -> dict:
    """`foto`, plus every many-to-many field by key."""
    hasil = foto(objek)
    if objek.pk:
        for field in objek._meta.many_to_many:
            hasil[field.name] = sorted(getattr(objek, field.name).values_list("pk", flat=True))
    return hasil


# --- validation ------------------------------------------------------------------------------

def periksa_semua(objek: models.Model, *, berkas: File | None, pasang_berkas: Callable[[models.Model, File], None],
                  m2m: Mapping[str, tuple[object | None, Callable[[object], list[str]]]]) -> dict[str, list[str]]:
    """Check everything at once, so the user sees every bad field: attach `berkas` (checked by
    `pasang_berkas`), `full_clean`, then each many-to-many value given (name: (value, check));
    returns the keys each check accepted, by field name."""
    salah: dict[str, list[str]] = {}
    hasil: dict[str, list[str]] = {}

    def kumpulkan(exc: ValidationError) -> None:
        for field, pesan in exc.message_dict.items():
            salah.setdefault(field, []).extend(pesan)

    if berkas is not None:
        try:
            pasang_berkas(objek, berkas)
        except ValidationError as exc:
            kumpulkan(exc)
    try:
        objek.full_clean()
    except ValidationError as exc:
        kumpulkan(exc)
    for nama, (nilai, periksa) in m2m.items():
        if nilai is not None:
            try:
                hasil[nama] = periksa(nilai)
            except ValidationError as exc:
                kumpulkan(exc)
    if salah:
        raise ValidationError(salah)
    return hasil


# --- the writes --------------------------------------------------------------------------------

class PenulisDokumen:
    """Create, update and delete of one step's document models under the contract above."""

    foto = staticmethod(foto_dengan_m2m)

    def berlaku_untuk(self, laporan: Laporan, model: type[models.Model]) -> bool:
        """Whether `laporan` carries `model` rows at all."""
        raise NotImplementedError

    def unit(self, laporan: Laporan, model: type[models.Model]) -> str:
        """The UnitKerja code of the part `model` rows of `laporan` belong to."""
        raise NotImplementedError

    def validasi(self, objek: models.Model, laporan: Laporan, berkas: File | None, **m2m) -> dict[str, list[str]]:
        """Check the row (raises ValidationError keyed by field); returns the many-to-many keys to set."""
        raise NotImplementedError

    def alasan(self, user, laporan: Laporan, bagian: BagianLaporan | None, model: type[models.Model]) -> str | None:
        """Why `user` may not write `model` rows in this part now (None: they may)."""
        return alasan_tidak_dapat_diisi(user, bagian, model)

    def berkas_tersimpan(self, objek: models.Model):
        """The stored file that goes with the row (deleted with it or replaced), if any; none by default."""

    @contextmanager
    def menulis(self, *, user, laporan: Laporan, model: type[models.Model], versi: int | None) -> Iterator[Laporan]:
        """Lock the Laporan and the model's part, check the user may write it, and bump its versi after."""
        with transaction.atomic():
            # of=self: lock the Laporan row only, never the shared Wilayah/Tahapan rows it joins.
            laporan = Laporan.objects.select_for_update(of=("self",)).select_related("wilayah", "tahapan").get(pk=laporan.pk)
            if not self.berlaku_untuk(laporan, model):
                raise Ditolak(f"{model._meta.verbose_name_plural.capitalize()} tidak diisi pada laporan {laporan}.")
            bagian = bagian_terkunci(laporan, self.unit(laporan, model))
            alasan = self.alasan(user, laporan, bagian, model)
            if alasan:
                raise Ditolak(alasan)
            if versi is not None and versi != bagian.versi:
                raise Ditolak(pesan_basi(bagian))
            yield laporan
            bagian.versi += 1
            bagian.diubah_oleh = user
            bagian.save(update_fields=["versi", "diubah_oleh", "diubah_pada"])

    def buat(self, *, user, laporan: Laporan, model: type[models.Model], isian: dict, aksi: str, versi: int | None = None,
             berkas: File | None = None, **m2m) -> models.Model:
        with self.menulis(user=user, laporan=laporan, model=model, versi=versi) as laporan:
            objek = model(laporan=laporan, **isian)
            kode = self.validasi(objek, laporan, berkas, **m2m)
            objek.save()
            for nama, nilai in kode.items():
                getattr(objek, nama).set(nilai)
            audit_catat(pengguna=user, aksi=aksi, objek=objek, wilayah_kode=laporan.wilayah_id, baru=self.foto(objek))
        return objek

    def ubah(self, *, user, objek: models.Model, isian: dict, aksi: str, versi: int, berkas: File | None = None,
             **m2m) -> models.Model:
        """Without `berkas` the stored file stays; a new one replaces (and deletes) the old one."""
        with self.menulis(user=user, laporan=objek.laporan, model=type(objek), versi=versi) as laporan:
            objek = ambil_terkunci(objek, laporan)
            lama = self.foto(objek)
            berkas_lama = self.berkas_tersimpan(objek) if berkas is not None else None
            for nama, nilai in isian.items():
                setattr(objek, nama, nilai)
            kode = self.validasi(objek, laporan, berkas, **m2m)
            objek.save()
            for nama, nilai in kode.items():
                getattr(objek, nama).set(nilai)
            audit_catat(pengguna=user, aksi=aksi, objek=objek, wilayah_kode=laporan.wilayah_id, lama=lama, baru=self.foto(objek))
            if berkas_lama:
                hapus_berkas_setelah_commit(berkas_lama)
        return objek

    def hapus(self, *, user, objek: models.Model, aksi: str, versi: int | None) -> None:
        model = type(objek)
        with self.menulis(user=user, laporan=objek.laporan, model=model, versi=versi) as laporan:
            objek = ambil_terkunci(objek, laporan)
            lama, pk = self.foto(objek), objek.pk
            berkas = self.berkas_tersimpan(objek)
            objek.delete()
            audit_catat(pengguna=user, aksi=aksi, objek_tipe=model._meta.label_lower, objek_id=str(pk),
                        wilayah_kode=laporan.wilayah_id, lama=lama)
            hapus_berkas_setelah_commit(berkas)
