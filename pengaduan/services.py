"""Writes of the public complaints: filing (anyone), assigning and answering/closing (staff).

Filing stores the complainant's name and contact for staff only; the audit row of a filing
names the code, wilayah and topic but no personal data. Staff writes lock the row, check the
user may handle complaints of that wilayah (selectors.boleh_menangani) and are audited.
"""
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from inti.galat import Ditolak
from inti.services import audit_catat
from inti.unggah import DOKUMEN, maks_unggah, pasang_berkas
from wilayah.models import Wilayah

from .models import Pengaduan, StatusPengaduan, kode_baru, normalkan_kontak
from .selectors import boleh_menangani


# After-commit hooks of complaint events ("kirim", "tugaskan", "jawab"), e.g. notifications: the
# apps above register in their AppConfig.ready(); pengaduan never imports them.
_SETELAH: list[Callable] = []


def saat_berubah(fungsi: Callable) -> None:
    """Register `fungsi(pengaduan, peristiwa)`, called after the commit of every complaint event."""
    if fungsi not in _SETELAH:
        _SETELAH.append(fungsi)


def _kabarkan(objek: Pengaduan, peristiwa: str) -> None:
    for fungsi in _SETELAH:
        transaction.on_commit(lambda fungsi=fungsi: fungsi(objek, peristiwa), robust=True)


def _jejak(objek: Pengaduan) -> dict:
    """What the audit keeps of a complaint: never the name, contact or text of the complainant."""
    return {
        "kode": objek.kode, "wilayah": objek.wilayah_id, "topik": objek.topik, "status": objek.status,
        "petugas": objek.petugas_id, "jawaban": objek.jawaban,
    }


def pengaduan_kirim(*, nama: str, kontak: str, wilayah: Wilayah, topik: str, isi: str,
                    lampiran: File | None = None) -> Pengaduan:
    """File a complaint (no login). Bad fields raise ValidationError keyed by field, all at once;
    the attachment must be PDF/JPEG/PNG by content and at most PENGADUAN_MAKS_LAMPIRAN bytes."""
    salah: dict[str, list[str]] = {}
    objek = Pengaduan(nama=(nama or "").strip(), wilayah=wilayah, topik=topik, isi=(isi or "").strip())
    try:
        objek.kontak = normalkan_kontak(kontak)
    except ValidationError as exc:
        salah |= exc.message_dict
    if lampiran:
        try:
            pasang_berkas(objek, "lampiran", lampiran, nama="Lampiran", boleh=DOKUMEN,
                          maks=maks_unggah("PENGADUAN_MAKS_LAMPIRAN", 5 * 1024 * 1024))
        except ValidationError as exc:
            salah |= exc.message_dict
    objek.kode = kode_baru()
    try:
        objek.full_clean(exclude=["kode", *salah])
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            salah.setdefault(field, []).extend(pesan)
    if salah:
        raise ValidationError(salah)
    for _ in range(5):  # a repeated code is ~impossible; the unique constraint has the last word
        try:
            with transaction.atomic():
                objek.save()
                audit_catat(pengguna=None, aksi="pengaduan_kirim", objek=objek, wilayah_kode=objek.wilayah_id,
                            baru=_jejak(objek))
                _kabarkan(objek, "kirim")
            return objek
        except IntegrityError:
            objek.pk, objek.kode = None, kode_baru()
    raise RuntimeError("Tidak dapat membuat kode pelacakan yang unik.")


def _kunci(user, pengaduan: Pengaduan) -> Pengaduan:
    objek = Pengaduan.objects.select_for_update(of=("self",)).select_related("wilayah").get(pk=pengaduan.pk)
    if not boleh_menangani(user, objek):
        raise Ditolak(f"Anda tidak berwenang menangani pengaduan di {objek.wilayah.nama_lengkap}.")
    if objek.selesai:
        raise Ditolak("Pengaduan ini sudah ditutup.")
    return objek


def pengaduan_tugaskan(*, user, pengaduan: Pengaduan, petugas) -> Pengaduan:
    """Give the complaint to a staff member who may handle it (None: nobody); a new one becomes 'diproses'."""
    with transaction.atomic():
        objek = _kunci(user, pengaduan)
        if petugas is not None and not boleh_menangani(petugas, objek):
            nama = petugas.get_full_name() or petugas.get_username()
            raise Ditolak(f"{nama} tidak bertugas di {objek.wilayah.nama_lengkap} atau wilayah di atasnya.")
        lama = _jejak(objek)
        objek.petugas = petugas
        if petugas is not None and objek.status == StatusPengaduan.BARU:
            objek.status = StatusPengaduan.DIPROSES
        objek.versi += 1
        objek.save(update_fields=["petugas", "status", "versi", "diubah_pada"])
        audit_catat(pengguna=user, aksi="pengaduan_tugaskan", objek=objek, wilayah_kode=objek.wilayah_id, lama=lama,
                    baru=_jejak(objek))
        if petugas is not None:
            _kabarkan(objek, "tugaskan")
    return objek


def pengaduan_jawab(*, user, pengaduan: Pengaduan, jawaban: str, tutup: bool = False, versi: int | None = None) -> Pengaduan:
    """Write (or correct) the public answer; `tutup` also closes the complaint. An answer given
    by someone else since the page was opened is never overwritten silently."""
    jawaban = (jawaban or "").strip()
    with transaction.atomic():
        objek = _kunci(user, pengaduan)
        if not jawaban:
            raise ValidationError({"jawaban": "Tulis jawaban untuk pelapor (tampil di halaman pelacakan)."})
        if versi is not None and versi != objek.versi:
            raise Ditolak("Pengaduan ini sudah diubah petugas lain setelah Anda membukanya; muat ulang halaman, "
                              "lalu periksa jawabannya.")
        lama = _jejak(objek)
        sekarang = timezone.now()
        if jawaban != objek.jawaban:
            objek.jawaban, objek.dijawab_pada, objek.dijawab_oleh = jawaban, sekarang, user
        objek.status = StatusPengaduan.DIJAWAB
        if tutup:
            objek.status, objek.ditutup_pada, objek.ditutup_oleh = StatusPengaduan.SELESAI, sekarang, user
        objek.versi += 1
        objek.save()
        audit_catat(pengguna=user, aksi="pengaduan_tutup" if tutup else "pengaduan_jawab", objek=objek,
                    wilayah_kode=objek.wilayah_id, lama=lama, baru=_jejak(objek))
        _kabarkan(objek, "jawab")
    return objek
