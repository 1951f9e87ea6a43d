"""Writes of budget tagging (DOMAIN.md §4.2, §4.3, §8): SIPD spending lines (RincianBelanja)
tagged to an indicator, a kelompok sasaran and what they are aimed at.

A line belongs to the part (BagianLaporan) of its unit: each OPD tags its own lines at kab/kota
and provinsi, the Setcam part at kecamatan. Every write runs in one transaction with the
Laporan and that part locked, needs the part fillable by the user now
(`aksi.selectors.bagian_dapat_diisi`: operator of the unit, draft/dikembalikan, window open,
Laporan not approved), checks the part's `versi` when given (always on updates), bumps it
after, and leaves an audit row. Bad input raises ValidationError keyed by field (single line)
or IsianTidakValid listing every row's problems (bulk); nothing is saved then.

Rules on a line: every text and amount is required, amounts are ≥ 0 with at most two decimals,
total = round(volume × harga satuan, 2), and the kelompok sasaran is the indicator's own.
On an APBD perubahan Laporan a line copied from APBD murni (`asal`) is never deleted: it is
marked `dihapus` so before/after stays visible; a line new in the revision is deleted.
"""
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from aksi.dokumen import alasan_tidak_dapat_diisi, bagian_terkunci, foto, pesan_basi
from aksi.models import BagianLaporan, Laporan
from aksi.selectors import SEMUA_UNIT, unit_peran
from inti.galat import Ditolak, IsianTidakValid, Kesalahan
from inti.services import audit_catat
from wilayah.choices import Peran
from wilayah.lingkup import lingkup_baca
from wilayah.models import UnitKerja

from ..isian import (
    KOLOM_ISIAN,
    LABEL,
    jenis_penandaan,
    katalog,
    normalkan_isian,
    periksa_isian,
    perubahan,
    siap_simpan,
)
from ..models import RincianBelanja
from ..selectors import laporan_murni_untuk
from .perubahan import KOLOM_SALIN, perubahan_mulai

UKURAN_BATCH = 1000
MODE_IMPOR = ("ganti", "tambah")  # replace the unit's lines, or add to them




# --- which part a line belongs to ---------------------------------------------------------------

def periksa_laporan(user, laporan: Laporan) -> None:
    if jenis_penandaan(laporan) is None:
        raise Ditolak(f"Rincian belanja hanya ditandai pada laporan penandaan, bukan pada {laporan.tahapan}.")
    if not lingkup_baca(user).mencakup(laporan.wilayah_id):
        raise Ditolak("Laporan ini di luar lingkup wilayah Anda.")


def unit_rincian(user, laporan: Laporan, unit: UnitKerja | str | None = None) -> str:
    """The unit (OPD) code a new line of `user` belongs to.

    An operator restricted to one unit with a part here gets that unit; a Laporan with a single
    part gets that part's unit; otherwise (operator without unit, administrator) the unit must
    be named. Whether the user may fill that unit's part is checked when writing.
    """
    bagian = {b.unit_id: b for b in laporan.bagian.select_related("unit")}
    if unit is not None:
        kode = unit.pk if isinstance(unit, UnitKerja) else str(unit).strip()
        if kode not in bagian:
            nama = UnitKerja.objects.filter(pk=kode).values_list("singkatan", flat=True).first()
            if nama is None or None not in bagian:  # only a part without unit takes any (existing) unit
                raise Ditolak(f"{nama or kode} tidak memiliki bagian pada laporan ini; yang mengisi: {_daftar_bagian(bagian)}.")
        return kode
    milik = unit_peran(user, laporan.wilayah, Peran.OPERATOR)
    if milik is SEMUA_UNIT:
        kandidat = set(bagian) - {None}
    else:
        kandidat = set(milik) if None in bagian else set(milik) & set(bagian)
    if len(kandidat) == 1:
        return kandidat.pop()
    if milik is not SEMUA_UNIT and not kandidat:
        if milik:
            nama = ", ".join(sorted(UnitKerja.objects.filter(pk__in=milik).values_list("singkatan", flat=True)))
            raise Ditolak(f"Unit Anda ({nama}) tidak mengisi penandaan ini; yang mengisi: {_daftar_bagian(bagian)}.")
        raise Ditolak(f"Hanya operator {laporan.wilayah.nama_lengkap} yang dapat menandai rincian belanja laporan ini.")
    raise Ditolak("Pilih unit/OPD pemilik rincian belanja ini.")


def _daftar_bagian(bagian: dict) -> str:
    return ", ".join(b.nama_unit for b in bagian.values()) or "tidak ada"


@contextmanager
def _menulis(*, user, laporan: Laporan, unit_id: str, versi: int | None) -> Iterator[tuple[Laporan, BagianLaporan]]:
    """Lock the Laporan and the unit's part, check the user may write it, and bump its versi after."""
    with transaction.atomic():
        # of=self: lock the Laporan row only, never the shared Wilayah/Tahapan rows it joins.
        laporan = Laporan.objects.select_for_update(of=("self",)).select_related("wilayah", "tahapan").get(pk=laporan.pk)
        bagian = bagian_terkunci(laporan, unit_id)
        if bagian is None:
            raise Ditolak("Unit ini tidak memiliki bagian pada laporan ini.")
        alasan = alasan_tidak_dapat_diisi(user, bagian, RincianBelanja)
        if alasan:
            raise Ditolak(alasan)
        if versi is not None and versi != bagian.versi:
            raise Ditolak(pesan_basi(bagian))
        yield laporan, bagian
        bagian.versi += 1
        bagian.diubah_oleh = user if getattr(user, "is_authenticated", False) else None
        bagian.save(update_fields=["versi", "diubah_oleh", "diubah_pada"])


def _ambil_terkunci(rincian: RincianBelanja, laporan: Laporan) -> RincianBelanja:
    terkini = RincianBelanja.objects.select_for_update(of=("self",)).filter(pk=rincian.pk, laporan=laporan).first()
    if terkini is None:
        raise Ditolak("Rincian belanja ini sudah dihapus; muat ulang halaman.")
    terkini.laporan = laporan
    return terkini


def _tolak_bila_salah(salah: dict[str, str]) -> None:
    if salah:
        raise ValidationError({nama: pesan[:1].upper() + pesan[1:] + "." for nama, pesan in salah.items()})


def _pengguna(user):
    return user if getattr(user, "is_authenticated", False) else None


# --- one line ------------------------------------------------------------------------------------

def rincian_buat(*, user, laporan: Laporan, unit: UnitKerja | str | None = None, versi: int | None = None,
                 **isian) -> RincianBelanja:
    """Tag a new spending line in the part of `unit` (default: the user's own unit)."""
    periksa_laporan(user, laporan)
    unit_id = unit_rincian(user, laporan, unit)
    data = normalkan_isian(isian)
    _mulai_perubahan_bila_kosong(user, laporan)
    with _menulis(user=user, laporan=laporan, unit_id=unit_id, versi=versi) as (laporan, _):
        _tolak_bila_salah(periksa_isian(data, katalog()))
        rincian = RincianBelanja(laporan=laporan, unit_id=unit_id, dibuat_oleh=_pengguna(user), **siap_simpan(data))
        rincian.save()
        audit_catat(pengguna=user, aksi="rincian_buat", objek=rincian, wilayah_kode=laporan.wilayah_id, baru=foto(rincian))
    return rincian


def rincian_ubah(*, user, rincian: RincianBelanja, versi: int, **isian) -> RincianBelanja:
    """Change a line's fields (not its unit, nor its murni origin `asal`)."""
    laporan = rincian.laporan
    periksa_laporan(user, laporan)
    data = normalkan_isian(isian)
    with _menulis(user=user, laporan=laporan, unit_id=rincian.unit_id, versi=versi) as (laporan, _):
        rincian = _ambil_terkunci(rincian, laporan)
        if rincian.dihapus:
            raise Ditolak("Rincian belanja ini sudah dihapus pada perubahan APBD; pulihkan dulu bila ingin mengubahnya.")
        lama = foto(rincian)
        gabungan = {kolom: getattr(rincian, kolom) for kolom in KOLOM_ISIAN} | data
        _tolak_bila_salah(periksa_isian(gabungan, katalog()))
        for kolom, nilai in siap_simpan(data).items():
            setattr(rincian, kolom, nilai)
        rincian.save()
        audit_catat(pengguna=user, aksi="rincian_ubah", objek=rincian, wilayah_kode=laporan.wilayah_id,
                    lama=lama, baru=foto(rincian))
    return rincian


def rincian_hapus(*, user, rincian: RincianBelanja, versi: int | None = None) -> None:
    """Delete a line; on APBD perubahan a line copied from murni is kept and marked `dihapus`."""
    laporan = rincian.laporan
    periksa_laporan(user, laporan)
    with _menulis(user=user, laporan=laporan, unit_id=rincian.unit_id, versi=versi) as (laporan, _):
        rincian = _ambil_terkunci(rincian, laporan)
        lama = foto(rincian)
        if perubahan(laporan) and rincian.asal_id:
            if rincian.dihapus:
                raise Ditolak("Rincian belanja ini sudah ditandai dihapus pada perubahan APBD.")
            rincian.dihapus = True
            rincian.save(update_fields=["dihapus", "diubah_pada"])
            audit_catat(pengguna=user, aksi="rincian_hapus", objek=rincian, wilayah_kode=laporan.wilayah_id,
                        lama=lama, baru=foto(rincian))
            return
        pk = rincian.pk
        rincian.delete()
        audit_catat(pengguna=user, aksi="rincian_hapus", objek_tipe=RincianBelanja._meta.label_lower, objek_id=str(pk),
                    wilayah_kode=laporan.wilayah_id, lama=lama)


def rincian_pulihkan(*, user, rincian: RincianBelanja, versi: int | None = None) -> RincianBelanja:
    """Undo `rincian_hapus` of a murni line on APBD perubahan."""
    laporan = rincian.laporan
    periksa_laporan(user, laporan)
    with _menulis(user=user, laporan=laporan, unit_id=rincian.unit_id, versi=versi) as (laporan, _):
        rincian = _ambil_terkunci(rincian, laporan)
        if not rincian.dihapus:
            raise Ditolak("Rincian belanja ini tidak dihapus.")
        rincian.dihapus = False
        rincian.save(update_fields=["dihapus", "diubah_pada"])
        audit_catat(pengguna=user, aksi="rincian_pulihkan", objek=rincian, wilayah_kode=laporan.wilayah_id,
                    lama={"dihapus": True}, baru={"dihapus": False})
    return rincian


# --- a unit's lines at once (SIPD import) ----------------------------------------------------------

@dataclass(frozen=True)
class HasilImpor:
    unit: str
    dihapus: int  # lines of the unit removed (mode "ganti")
    dibuat: int  # lines created from the file
    ditandai_dihapus: int  # perubahan: murni lines absent from the file, kept as dihapus
    total: Decimal  # sum of the imported lines' totals


def rincian_impor(*, user, laporan: Laporan, unit: UnitKerja | str | None, baris: list[dict], mode: str = "ganti",
                  versi: int | None = None, sumber: str = "", sudah_diperiksa: bool = False) -> HasilImpor:
    """Write many lines of one unit in one transaction: all or nothing.

    mode "ganti" replaces the unit's lines of this Laporan, "tambah" adds to them. Each row of
    `baris` takes the keywords of `rincian_buat` (indikator/kelompok as code or object) plus an
    optional "_lokasi" naming where the row came from for error messages. Invalid rows raise
    IsianTidakValid listing every problem. `sudah_diperiksa`: the caller (the SIPD reader) has just
    run `periksa_isian` on every row with cell locations; the rows are not checked twice.

    On APBD perubahan, "ganti" re-links each row to the approved murni line with the same
    subkegiatan, kode rekening and uraian (as `asal`), and keeps murni lines missing from the
    file as `dihapus`, so before/after survives a re-import.
    """
    if mode not in MODE_IMPOR:
        raise ValueError(f"mode impor '{mode}' tidak dikenal")
    periksa_laporan(user, laporan)
    unit_id = unit_rincian(user, laporan, unit)
    kat = None if sudah_diperiksa else katalog()
    data, salah = [], []
    for nomor, mentah in enumerate(baris, start=1):
        mentah = dict(mentah)
        lokasi = mentah.pop("_lokasi", f"baris {nomor}")
        isian = normalkan_isian(mentah)
        if kat is not None:
            masalah = periksa_isian(isian, kat)
            salah.extend(Kesalahan(f"{LABEL[nama]}: {pesan}", lokasi=lokasi) for nama, pesan in masalah.items())
        data.append(isian)
    if salah:
        raise IsianTidakValid(salah)
    _mulai_perubahan_bila_kosong(user, laporan)
    oleh = _pengguna(user)
    with _menulis(user=user, laporan=laporan, unit_id=unit_id, versi=versi) as (laporan, bagian):
        milik_unit = RincianBelanja.objects.filter(laporan=laporan, unit_id=unit_id)
        lama = milik_unit.aggregate(jumlah=Count("id"), total=Sum("total", filter=Q(dihapus=False)))
        if mode == "ganti":
            _hapus_semua(milik_unit)
        baru = [RincianBelanja(laporan=laporan, unit_id=unit_id, dibuat_oleh=oleh, **siap_simpan(isian)) for isian in data]
        sisa_murni = _hubungkan_murni(laporan, unit_id, baru, oleh) if mode == "ganti" and perubahan(laporan) else []
        RincianBelanja.objects.bulk_create(baru + sisa_murni, batch_size=UKURAN_BATCH)
        hasil = HasilImpor(
            unit=unit_id, dihapus=lama["jumlah"] if mode == "ganti" else 0, dibuat=len(baru),
            ditandai_dihapus=len(sisa_murni), total=sum((r.total for r in baru), Decimal(0)),
        )
        audit_catat(
            pengguna=user, aksi="rincian_impor", objek=bagian, wilayah_kode=laporan.wilayah_id,
            lama={"jumlah": lama["jumlah"], "total": str(lama["total"] or 0)},
            baru={"mode": mode, "sumber": sumber, "jumlah": len(baru), "ditandai_dihapus": len(sisa_murni),
                  "total": str(hasil.total)},
        )
    return hasil


def _hapus_semua(qs) -> None:
    """Delete many lines in two statements. QuerySet.delete() would first load every row to apply
    `asal`'s on_delete=SET_NULL in Python (~0.5 s for 5,000 lines); this does the same in SQL."""
    meta = RincianBelanja._meta
    if [r.remote_field.name for r in meta.related_objects] != ["asal"]:  # another model points here: let Django collect
        qs.delete()
        return
    RincianBelanja.objects.filter(asal__in=qs.values("pk")).update(asal=None)
    sql, params = qs.values("pk").query.sql_with_params()
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {qn(meta.db_table)} WHERE {qn(meta.pk.column)} IN ({sql})", params)


def _mulai_perubahan_bila_kosong(user, laporan: Laporan) -> None:
    """An APBD perubahan Laporan starts as a copy of the approved murni lines of EVERY unit
    (services.perubahan.perubahan_mulai, which does nothing once the Laporan has lines): start it
    before the first line is written, so one OPD's first write cannot leave the others uncopied."""
    if not perubahan(laporan) or RincianBelanja.objects.filter(laporan=laporan).exists():
        return
    try:
        perubahan_mulai(user=user, laporan_perubahan=laporan)
    except Ditolak:
        pass  # no approved murni tagging: the revision starts empty, every line is new


def _kunci_cocok(kode_subkegiatan: str, kode_rekening: str, uraian: str) -> tuple[str, str, str]:
    return kode_subkegiatan.strip(), kode_rekening.strip(), " ".join(uraian.split()).casefold()


def _hubungkan_murni(laporan: Laporan, unit_id: str, baru: list[RincianBelanja], oleh) -> list[RincianBelanja]:
    """Set `asal` of the new perubahan lines from the approved murni lines of the unit; return
    the murni lines left unmatched as `dihapus` copies."""
    murni = laporan_murni_untuk(laporan)
    if murni is None or not murni.disetujui:
        return []
    calon: dict[tuple, deque] = defaultdict(deque)
    for nilai in RincianBelanja.objects.filter(laporan=murni, unit_id=unit_id).order_by("id").values("id", *KOLOM_SALIN):
        calon[_kunci_cocok(nilai["kode_subkegiatan"], nilai["kode_rekening"], nilai["uraian"])].append(nilai)
    for rincian in baru:
        antrian = calon.get(_kunci_cocok(rincian.kode_subkegiatan, rincian.kode_rekening, rincian.uraian))
        if antrian:
            rincian.asal_id = antrian.popleft()["id"]
    sisa = []
    for antrian in calon.values():
        for nilai in antrian:
            asal_id = nilai.pop("id")
            sisa.append(RincianBelanja(laporan=laporan, asal_id=asal_id, dihapus=True, dibuat_oleh=oleh, **nilai))
    return sisa
