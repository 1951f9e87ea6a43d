"""Writes of the yearly realisation of RAD outputs through the shared workflow (its reads:
rad.selectors).

The RAD progress of a year is the Laporan of (tahun, tahapan "rad", the regulation's wilayah). Its
parts are generated from the logframe, not from TahapanUnit: one part per agency that leads an
output with a target that year (`bagian_rad_pada_laporan_baru`, the step's `saat_dibuat` hook in
the aksi.langkah registry, and `bagian_rad_lengkapi` when outputs are added later). Each RealisasiKeluaran belongs to the part
of its output's lead agency, so only that agency's operator writes it (or an operator without
unit, who serves every part as everywhere else), its verifikator verifies it and Bappeda approves
the whole Laporan — with the same window, state and version checks as the Analisis situasi
documents (`aksi.dokumen.alasan_tidak_dapat_diisi`).
"""
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from aksi.dokumen import (
    alasan_tidak_dapat_diisi,
    hapus_berkas_setelah_commit,
    pesan_basi,
)
from aksi.models import BagianLaporan, Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat, laporan_tambah_bagian
from inti.berkas import MAKS_UNGGAH_BAWAAN, jenis_berkas
from inti.galat import Ditolak
from inti.services import audit_catat

from ..choices import TAHAPAN_RAD, StatusRealisasi
from ..models import Keluaran, RealisasiKeluaran, RegulasiRAD, TargetTahunan
from ..selectors import unit_penanggung_jawab

# --- the Laporan and its parts -------------------------------------------------------------------

def bagian_rad_pada_laporan_baru(laporan: Laporan, user=None) -> None:
    """The `saat_dibuat` hook of the RAD step (rad/apps.py): a new RAD Laporan gets one part per
    lead agency.

    With no RAD outputs for that wilayah and year it refuses (the creation rolls back), so a
    kecamatan or a region without its own RAD never gets an empty RAD Laporan.
    """
    unit = unit_penanggung_jawab(laporan.wilayah_id, laporan.tahun)
    if not unit:
        raise Ditolak(f"Belum ada Rencana Aksi Daerah {laporan.wilayah.nama_lengkap} dengan target tahun {laporan.tahun}; "
                          "buat atau impor logframe-nya dulu.")
    ada = set(laporan.bagian.order_by().values_list("unit_id", flat=True))
    laporan.bagian.filter(unit__isnull=True).delete()  # the unit-less part laporan_ambil_atau_buat made
    BagianLaporan.objects.bulk_create([BagianLaporan(laporan=laporan, unit_id=u) for u in sorted(unit - ada)])


def bagian_rad_lengkapi(*, user, laporan: Laporan) -> int:
    """Add parts for agencies that lead outputs added after the Laporan was created; returns how many.

    Through the kernel's transition `aksi.services.laporan_tambah_bagian`: a Laporan waiting for
    verification or approval goes back to draft (a returned one stays returned); an approved one
    is left alone, it is locked.
    """
    unit = unit_penanggung_jawab(laporan.wilayah_id, laporan.tahun)
    if laporan.disetujui or not unit - set(laporan.bagian.order_by().values_list("unit_id", flat=True)):
        return 0  # the usual case, without taking the Laporan's lock
    return len(laporan_tambah_bagian(user=user, laporan=laporan, unit=unit))


def laporan_rad_buka(*, user, regulasi: RegulasiRAD, tahun: int) -> Laporan:
    """The RAD Laporan of `tahun` for the regulation's wilayah, created on first use, parts complete."""
    if tahun not in regulasi.daftar_tahun:
        raise Ditolak(f"Tahun {tahun} di luar periode RAD {regulasi.tahun_mulai}–{regulasi.tahun_selesai}.")
    tahapan = Tahapan.objects.filter(pk=TAHAPAN_RAD).first()
    if tahapan is None:
        raise Ditolak("Tahapan RAD belum dimuat; jalankan manage.py loaddata rad_tahapan (atau muat_rad_bengkulu).")
    laporan = laporan_ambil_atau_buat(user=user, tahun=tahun, tahapan=tahapan, wilayah=regulasi.wilayah)
    bagian_rad_lengkapi(user=user, laporan=laporan)
    return laporan


# --- writes ----------------------------------------------------------------------------------------

def _kunci(user, laporan: Laporan, keluaran: Keluaran, versi: int | None) -> tuple[Laporan, BagianLaporan]:
    laporan = Laporan.objects.select_for_update(of=("self",)).select_related("wilayah", "tahapan").get(pk=laporan.pk)
    bagian = (BagianLaporan.objects.select_for_update(of=("self",)).select_related("unit", "diubah_oleh")
              .filter(laporan=laporan, unit_id=keluaran.penanggung_jawab_id).order_by().first())
    if bagian is not None:
        bagian.laporan = laporan
    alasan = alasan_tidak_dapat_diisi(user, bagian, RealisasiKeluaran)
    if alasan:
        raise Ditolak(alasan)
    if versi is not None and versi != bagian.versi:
        raise Ditolak(pesan_basi(bagian))
    return laporan, bagian


def _naikkan_versi(bagian: BagianLaporan, user) -> None:
    bagian.versi += 1
    bagian.diubah_oleh = user
    bagian.save(update_fields=["versi", "diubah_oleh", "diubah_pada"])


def _foto(r: RealisasiKeluaran) -> dict:
    return {"keluaran": r.keluaran_id, "tahun": r.tahun, "jumlah": None if r.jumlah is None else str(r.jumlah),
            "status": r.status, "catatan": r.catatan, "bukti": r.bukti.name or ""}


def _periksa(r: RealisasiKeluaran, target: TargetTahunan, bukti: File | None) -> None:
    """Every bad field at once, keyed by field, in Bahasa Indonesia."""
    salah: dict[str, list[str]] = {}
    if bukti is not None:
        try:
            maks = getattr(settings, "AKSI_MAKS_UNGGAH_DOKUMEN", MAKS_UNGGAH_BAWAAN)
            bukti.name = f"bukti.{jenis_berkas(bukti, field='bukti', maks=maks, nama='Bukti dukung')}"
            r.bukti = bukti
        except ValidationError as exc:
            salah |= exc.message_dict
    if r.jumlah is None and target.jumlah is not None and r.status != StatusRealisasi.BELUM:
        satuan = r.keluaran.satuan
        salah.setdefault("jumlah", []).append(
            f"Isi jumlah realisasi dalam {satuan} (target {target.tahun}: {target.jumlah.normalize():f} {satuan}"
            f"{', kumulatif s.d. tahun ini' if target.kumulatif else ''}).")
    if r.status == StatusRealisasi.SELESAI and not r.bukti:
        salah.setdefault("bukti", []).append("Keluaran yang dinyatakan selesai/tercapai wajib disertai bukti dukung (PDF, JPEG atau PNG).")
    try:
        r.full_clean(exclude=["laporan", "keluaran", "bukti"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for nama, pesan in exc.message_dict.items():
            salah.setdefault(nama, []).extend(pesan)
    if salah:
        raise ValidationError(salah)


def realisasi_simpan(*, user, laporan: Laporan, keluaran: Keluaran, versi: int | None, jumlah: Decimal | None,
                     status: str, catatan: str = "", bukti: File | None = None) -> RealisasiKeluaran:
    """Record (or change) the realisation of `keluaran` in the Laporan's year. `bukti` replaces the
    stored evidence (the old file is deleted after commit); without it the stored one stays."""
    if laporan.tahapan_id != TAHAPAN_RAD or keluaran.regulasi.wilayah_id != laporan.wilayah_id:
        raise Ditolak("Keluaran ini bukan bagian dari Rencana Aksi Daerah laporan tersebut.")
    target = TargetTahunan.objects.filter(keluaran=keluaran, tahun=laporan.tahun).order_by().first()
    if target is None:
        raise Ditolak(f"Keluaran {keluaran.uraian[:60]} tidak memiliki target tahun {laporan.tahun}.")
    with transaction.atomic():
        laporan, bagian = _kunci(user, laporan, keluaran, versi)
        r = RealisasiKeluaran.objects.select_for_update(of=("self",)).filter(keluaran=keluaran, tahun=laporan.tahun).order_by().first()
        lama = _foto(r) if r else None
        bukti_lama = r.bukti if r and r.bukti and bukti is not None else None
        if r is None:
            r = RealisasiKeluaran(keluaran=keluaran, tahun=laporan.tahun, laporan=laporan)
        r.keluaran = keluaran
        r.jumlah, r.status, r.catatan, r.diubah_oleh = jumlah, status, (catatan or "").strip(), user
        _periksa(r, target, bukti)
        r.save()
        _naikkan_versi(bagian, user)
        audit_catat(pengguna=user, aksi="rad_realisasi_simpan", objek=r, wilayah_kode=laporan.wilayah_id, lama=lama, baru=_foto(r))
        if bukti_lama:
            hapus_berkas_setelah_commit(bukti_lama)
    return r


def realisasi_hapus(*, user, realisasi: RealisasiKeluaran, versi: int | None) -> None:
    with transaction.atomic():
        _, bagian = _kunci(user, realisasi.laporan, realisasi.keluaran, versi)
        r = RealisasiKeluaran.objects.select_for_update(of=("self",)).filter(pk=realisasi.pk).order_by().first()
        if r is None:
            raise Ditolak("Realisasi ini sudah dihapus; muat ulang halaman.")
        lama, pk, bukti = _foto(r), r.pk, r.bukti if r.bukti else None
        r.delete()
        _naikkan_versi(bagian, user)
        audit_catat(pengguna=user, aksi="rad_realisasi_hapus", objek_tipe="rad.realisasikeluaran", objek_id=str(pk),
                    wilayah_kode=realisasi.laporan.wilayah_id, lama=lama)
        hapus_berkas_setelah_commit(bukti)
