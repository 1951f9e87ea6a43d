"""Writes of regulasi and publikasi.

Regulasi rows belong to the "regulasi" Laporan and are written with the Pra-musrenbang
document writer (musrenbang.services.penulis, under the aksi.dokumen contract): the part
must be fillable by the user now (operator, part in draf/dikembalikan, window open), the part's
version is checked and bumped,
the file is checked by content, and every write is audited. Only the publish flag is the
approver's own write, outside the part: it changes what the public sees, not the data.

Publikasi are not data of a step: a row is written by an operator or the approver of its
wilayah while it is a draft, and published or withdrawn by the approver (one function per
transition, audited, row locked, stale versions refused).
"""
import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from aksi.dokumen import ambil_terkunci, foto, hapus_berkas_setelah_commit
from aksi.models import Laporan
from musrenbang.services import penulis
from inti.galat import Ditolak
from inti.services import audit_catat
from inti.unggah import GAMBAR, PDF, maks_unggah, pasang_berkas, periksa_berkas
from wilayah.choices import Izin, Tingkat
from wilayah.models import Wilayah
from wilayah.selectors import boleh_bertindak

from .models import Publikasi, Regulasi, StatusPublikasi


def nama_penyetuju(wilayah: Wilayah) -> str:
    return "Camat" if wilayah.tingkat == Tingkat.KECAMATAN else "Bappeda"


# --- regulasi --------------------------------------------------------------------------------------

def _pdf_regulasi(berkas: File | None) -> File | None:
    """PDF only (the shared document check also takes JPEG/PNG scans); checked again on save."""
    if berkas:
        periksa_berkas(berkas, field="berkas", nama="Dokumen regulasi", boleh=PDF, maks=maks_unggah("AKSI_MAKS_UNGGAH_DOKUMEN"))
    return berkas or None


def regulasi_buat(*, user, laporan: Laporan, jenis: str, nomor: str, tanggal: datetime.date, judul: str,
                  berkas: File | None, tahapan_terkait=None, versi: int | None = None) -> Regulasi:
    """A regulation document of the wilayah's "regulasi" Laporan; the form must exist at its
    level (refused on field `jenis`) and `berkas` must be a PDF by content."""
    isian = {"jenis": jenis, "nomor": nomor, "tanggal": tanggal, "judul": judul, "tahapan_terkait": tahapan_terkait}
    return penulis.buat(user=user, laporan=laporan, model=Regulasi, isian=isian, berkas=_pdf_regulasi(berkas), versi=versi,
                 aksi="regulasi_buat")


def regulasi_ubah(*, user, regulasi: Regulasi, versi: int, berkas: File | None = None, **isian) -> Regulasi:
    """Without `berkas` the stored PDF stays; a new one replaces (and deletes) it after commit."""
    return penulis.ubah(user=user, objek=regulasi, isian=isian, berkas=_pdf_regulasi(berkas), versi=versi, aksi="regulasi_ubah")


def regulasi_hapus(*, user, regulasi: Regulasi, versi: int | None = None) -> None:
    penulis.hapus(user=user, objek=regulasi, versi=versi, aksi="regulasi_hapus")


def regulasi_terbitkan(*, user, regulasi: Regulasi, terbit: bool = True) -> Regulasi:
    """The approver marks a document published (or withdraws it). It appears on public pages
    only while its Laporan is also approved, so reopening the Laporan hides it again."""
    with transaction.atomic():
        laporan = Laporan.objects.select_for_update(of=("self",)).select_related("wilayah", "tahapan").get(pk=regulasi.laporan_id)
        if not boleh_bertindak(user, Izin.SETUJUI, laporan.wilayah):
            raise Ditolak(f"Hanya penyetuju ({nama_penyetuju(laporan.wilayah)}) {laporan.wilayah.nama_lengkap} "
                              "yang dapat menerbitkan dokumen regulasinya.")
        objek = ambil_terkunci(regulasi, laporan)
        if objek.dipublikasikan == terbit:
            return objek
        lama = foto(objek)
        objek.dipublikasikan = terbit
        objek.dipublikasikan_pada = timezone.now() if terbit else None
        objek.dipublikasikan_oleh = user if terbit else None
        objek.save(update_fields=["dipublikasikan", "dipublikasikan_pada", "dipublikasikan_oleh", "diubah_pada"])
        audit_catat(pengguna=user, aksi="regulasi_terbitkan" if terbit else "regulasi_tarik", objek=objek,
                    wilayah_kode=laporan.wilayah_id, lama=lama, baru=foto(objek))
    return objek


# --- publikasi -------------------------------------------------------------------------------------

def boleh_menulis_publikasi(user, wilayah: Wilayah) -> bool:
    return boleh_bertindak(user, Izin.ISI, wilayah) or boleh_bertindak(user, Izin.SETUJUI, wilayah)


def _wajib_penulis(user, wilayah: Wilayah) -> None:
    if not boleh_menulis_publikasi(user, wilayah):
        raise Ditolak(f"Hanya operator atau penyetuju {wilayah.nama_lengkap} yang dapat menulis publikasinya.")


def _wajib_penyetuju(user, wilayah: Wilayah, tindakan: str) -> None:
    if not boleh_bertindak(user, Izin.SETUJUI, wilayah):
        raise Ditolak(f"Hanya penyetuju ({nama_penyetuju(wilayah)}) {wilayah.nama_lengkap} yang dapat {tindakan} publikasi ini.")


def _slug(judul: str, acak: bool = False) -> str:
    dasar = slugify(judul)[:80].strip("-") or "publikasi"
    if acak or Publikasi.objects.filter(slug=dasar).exists():
        return f"{dasar}-{secrets.token_hex(3)}"
    return dasar


def _validasi(objek: Publikasi, *, gambar: File | None, lampiran: File | None) -> None:
    """Every bad field at once (files by content), as a ValidationError keyed by field."""
    salah: dict[str, list[str]] = {}
    periksa = (
        ("gambar", gambar, "Gambar", GAMBAR, maks_unggah("PUBLIKASI_MAKS_GAMBAR", 2 * 1024 * 1024)),
        ("lampiran", lampiran, "Lampiran", PDF, maks_unggah("AKSI_MAKS_UNGGAH_DOKUMEN")),
    )
    for field, berkas, nama, boleh, maks in periksa:
        if berkas is not None:
            try:
                pasang_berkas(objek, field, berkas, nama=nama, boleh=boleh, maks=maks)
            except ValidationError as exc:
                salah.setdefault(field, []).extend(exc.message_dict[field])
    try:
        objek.full_clean(exclude=["slug"])
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            salah.setdefault(field, []).extend(pesan)
    if salah:
        raise ValidationError(salah)


def _simpan_baru(objek: Publikasi) -> None:
    """Save with a unique slug; a concurrent twin title gets a random suffix."""
    objek.slug = _slug(objek.judul)
    try:
        with transaction.atomic():
            objek.save()
    except IntegrityError:
        objek.slug = _slug(objek.judul, acak=True)
        objek.save()


def publikasi_buat(*, user, wilayah: Wilayah, judul: str, jenis: str, isi: str = "", keterangan_gambar: str = "",
                   gambar: File | None = None, lampiran: File | None = None) -> Publikasi:
    """A draft by an operator or the approver of `wilayah`; gambar PNG/JPEG, lampiran PDF (by content)."""
    _wajib_penulis(user, wilayah)
    with transaction.atomic():
        objek = Publikasi(wilayah=wilayah, judul=judul, jenis=jenis, isi=isi, keterangan_gambar=keterangan_gambar,
                          dibuat_oleh=user, diubah_oleh=user)
        _validasi(objek, gambar=gambar or None, lampiran=lampiran or None)
        _simpan_baru(objek)
        audit_catat(pengguna=user, aksi="publikasi_buat", objek=objek, wilayah_kode=wilayah.kode, baru=foto(objek))
    return objek


def _kunci(publikasi: Publikasi) -> Publikasi:
    objek = Publikasi.objects.select_for_update(of=("self",)).select_related("wilayah", "diubah_oleh").filter(pk=publikasi.pk).first()
    if objek is None:
        raise Ditolak("Publikasi ini sudah dihapus; muat ulang halaman.")
    return objek


def _pesan_basi(objek: Publikasi) -> str:
    oleh = (objek.diubah_oleh.get_full_name() or objek.diubah_oleh.get_username()) if objek.diubah_oleh else "pengguna lain"
    return (f"Publikasi ini sudah diubah oleh {oleh} pada {timezone.localtime(objek.diubah_pada):%d-%m-%Y %H:%M} "
            "setelah Anda membukanya; muat ulang halaman, lalu ulangi perubahan Anda.")


def _wajib_draf(objek: Publikasi, tindakan: str) -> None:
    if objek.terbit:
        raise Ditolak(f"Publikasi sudah terbit; minta penyetuju menariknya ke draf dulu sebelum {tindakan}.")


def publikasi_ubah(*, user, publikasi: Publikasi, versi: int, gambar: File | None = None, lampiran: File | None = None,
                   hapus_gambar: bool = False, hapus_lampiran: bool = False, **isian) -> Publikasi:
    """Change a draft. Files: a new one replaces the old, `hapus_*` removes it (deleted after commit)."""
    with transaction.atomic():
        objek = _kunci(publikasi)
        _wajib_penulis(user, objek.wilayah)
        _wajib_draf(objek, "mengubahnya")
        if versi != objek.versi:
            raise Ditolak(_pesan_basi(objek))
        lama = foto(objek)
        dibuang = []
        for field, baru, hapus in (("gambar", gambar, hapus_gambar), ("lampiran", lampiran, hapus_lampiran)):
            if (baru or hapus) and getattr(objek, field):
                dibuang.append(getattr(objek, field))
            if hapus and not baru:
                setattr(objek, field, "")
        for nama, nilai in isian.items():
            setattr(objek, nama, nilai)
        _validasi(objek, gambar=gambar or None, lampiran=lampiran or None)
        objek.versi += 1
        objek.diubah_oleh = user
        objek.save()
        audit_catat(pengguna=user, aksi="publikasi_ubah", objek=objek, wilayah_kode=objek.wilayah_id, lama=lama, baru=foto(objek))
        for berkas in dibuang:
            hapus_berkas_setelah_commit(berkas)
    return objek


def publikasi_hapus(*, user, publikasi: Publikasi, versi: int | None = None) -> None:
    with transaction.atomic():
        objek = _kunci(publikasi)
        _wajib_penulis(user, objek.wilayah)
        _wajib_draf(objek, "menghapusnya")
        if versi is not None and versi != objek.versi:
            raise Ditolak(_pesan_basi(objek))
        lama, pk, berkas = foto(objek), objek.pk, [objek.gambar, objek.lampiran]
        objek.delete()
        audit_catat(pengguna=user, aksi="publikasi_hapus", objek_tipe="publikasi.publikasi", objek_id=str(pk),
                    wilayah_kode=objek.wilayah_id, lama=lama)
        for b in berkas:
            hapus_berkas_setelah_commit(b)


def publikasi_terbitkan(*, user, publikasi: Publikasi) -> Publikasi:
    """draf -> terbit, by the wilayah's approver: from now on it is on the public pages."""
    with transaction.atomic():
        objek = _kunci(publikasi)
        _wajib_penyetuju(user, objek.wilayah, "menerbitkan")
        if objek.terbit:
            raise Ditolak("Publikasi ini sudah terbit.")
        lama = foto(objek)
        objek.status = StatusPublikasi.TERBIT
        objek.diterbitkan_pada = timezone.now()
        objek.diterbitkan_oleh = user
        objek.save(update_fields=["status", "diterbitkan_pada", "diterbitkan_oleh", "diubah_pada"])
        audit_catat(pengguna=user, aksi="publikasi_terbitkan", objek=objek, wilayah_kode=objek.wilayah_id, lama=lama,
                    baru=foto(objek))
    return objek


def publikasi_tarik(*, user, publikasi: Publikasi, alasan: str) -> Publikasi:
    """terbit -> draf, by the approver, with a reason: off the public pages, editable again."""
    alasan = (alasan or "").strip()
    with transaction.atomic():
        objek = _kunci(publikasi)
        _wajib_penyetuju(user, objek.wilayah, "menarik")
        if not objek.terbit:
            raise Ditolak("Publikasi ini belum terbit.")
        if not alasan:
            raise Ditolak("Alasan menarik publikasi wajib diisi.")
        lama = foto(objek)
        objek.status = StatusPublikasi.DRAF
        objek.diterbitkan_pada = None
        objek.diterbitkan_oleh = None
        objek.save(update_fields=["status", "diterbitkan_pada", "diterbitkan_oleh", "diubah_pada"])
        audit_catat(pengguna=user, aksi="publikasi_tarik", objek=objek, wilayah_kode=objek.wilayah_id, lama=lama,
                    baru={**foto(objek), "alasan": alasan})
    return objek
