"""Writes of supervision (D90) and semester reports (D91): scoped, atomic, audited."""
import datetime

from django.db import transaction
from django.utils import timezone

from aksi.models import Laporan
from inti.galat import Ditolak
from inti.services import audit_catat
from wilayah.models import Wilayah

from .choices import StatusKiriman
from .models import LaporanSemester, Pembinaan
from .selectors import boleh_kirim, boleh_membina, boleh_menjawab, boleh_putuskan, isi_semester


def _wajib(teks: str, nama: str) -> str:
    teks = (teks or "").strip()
    if not teks:
        raise Ditolak(f"{nama} wajib diisi.")
    return teks


def pembinaan_catat(*, oleh, wilayah: Wilayah, jenis: str, tanggal: datetime.date, temuan: str, tindak_lanjut: str,
                    batas: datetime.date, laporan: Laporan | None = None) -> Pembinaan:
    if not boleh_membina(oleh, wilayah):
        raise Ditolak(f"Hanya verifikator, penyetuju atau administrator {wilayah.induk.nama_lengkap if wilayah.induk_id else 'tingkat atas'} "
                      f"yang dapat mencatat pembinaan {wilayah.nama_lengkap}.")
    if laporan is not None and laporan.wilayah_id != wilayah.kode:
        raise Ditolak("Laporan itu bukan laporan wilayah yang dibina.")
    if batas < tanggal:
        raise Ditolak("Batas tindak lanjut tidak boleh sebelum tanggal kunjungan.")
    if tanggal > timezone.localdate():
        raise Ditolak("Tanggal kunjungan tidak boleh di masa depan.")
    with transaction.atomic():
        p = Pembinaan.objects.create(wilayah=wilayah, laporan=laporan, jenis=jenis, tanggal=tanggal, batas=batas, oleh=oleh,
                                     temuan=_wajib(temuan, "Temuan"), tindak_lanjut=_wajib(tindak_lanjut, "Tindak lanjut"))
        audit_catat(pengguna=oleh, aksi="pembinaan_catat", objek=p, wilayah_kode=wilayah.kode,
                    baru={"jenis": jenis, "tanggal": tanggal.isoformat(), "batas": batas.isoformat(), "laporan": laporan and laporan.pk})
    return p


def pembinaan_jawab(*, oleh, pembinaan: Pembinaan, jawaban: str) -> Pembinaan:
    """The supervised wilayah answers the follow-up; once answered it is closed."""
    jawaban = _wajib(jawaban, "Jawaban tindak lanjut")
    with transaction.atomic():
        p = Pembinaan.objects.select_for_update(of=("self",)).select_related("wilayah").get(pk=pembinaan.pk)
        if not boleh_menjawab(oleh, p):
            raise Ditolak(f"Hanya operator, penyetuju atau administrator {p.wilayah.nama_lengkap} yang dapat menjawab.")
        if p.selesai:
            raise Ditolak("Tindak lanjut ini sudah dijawab.")
        p.jawaban, p.dijawab_oleh, p.dijawab_pada = jawaban, oleh, timezone.now()
        p.save(update_fields=["jawaban", "dijawab_oleh", "dijawab_pada"])
        audit_catat(pengguna=oleh, aksi="pembinaan_jawab", objek=p, wilayah_kode=p.wilayah_id, baru={"jawaban": jawaban})
    return p


# --- semester reports -----------------------------------------------------------------------------

def laporan_semester_kirim(*, oleh, wilayah: Wilayah, tahun: int, semester: int, catatan: str = "") -> LaporanSemester:
    """Send (or, after a return, send again) the kab/kota's semester rekap as it stands now."""
    if semester not in (1, 2):
        raise Ditolak("Semester harus 1 atau 2.")
    if not boleh_kirim(oleh, wilayah):
        raise Ditolak(f"Hanya penyetuju atau administrator {wilayah.nama_lengkap} yang dapat mengirim laporan semester.")
    with transaction.atomic():
        k = LaporanSemester.objects.select_for_update().filter(wilayah=wilayah, tahun=tahun, semester=semester).first()
        if k is not None and k.status != StatusKiriman.DIKEMBALIKAN:
            raise Ditolak(f"Laporan semester {semester} {tahun} sudah dikirim ({k.get_status_display().lower()}).")
        lama = k.status if k else None
        k = k or LaporanSemester(wilayah=wilayah, tahun=tahun, semester=semester)
        k.status, k.isi, k.catatan = StatusKiriman.DIKIRIM, isi_semester(wilayah, tahun, semester), catatan.strip()
        k.dikirim_oleh, k.dikirim_pada, k.diputuskan_oleh, k.diputuskan_pada = oleh, timezone.now(), None, None
        k.save()
        audit_catat(pengguna=oleh, aksi="laporan_semester_kirim", objek=k, wilayah_kode=wilayah.kode,
                    lama={"status": lama}, baru={"status": k.status, "catatan": k.catatan})
    return k


def laporan_semester_putuskan(*, oleh, kiriman: LaporanSemester, terima: bool, alasan: str = "") -> LaporanSemester:
    """The provinsi receives the report, or returns it with a reason (the kab/kota sends again)."""
    if not terima:
        alasan = _wajib(alasan, "Alasan dikembalikan")
    with transaction.atomic():
        k = LaporanSemester.objects.select_for_update(of=("self",)).select_related("wilayah").get(pk=kiriman.pk)
        if not boleh_putuskan(oleh, k):
            raise Ditolak(f"Hanya verifikator, penyetuju atau administrator {k.wilayah.induk.nama_lengkap} yang dapat memutuskan.")
        if k.status != StatusKiriman.DIKIRIM:
            raise Ditolak(f"Laporan ini berstatus {k.get_status_display().lower()}; hanya laporan yang dikirim dapat diterima "
                          "atau dikembalikan.")
        lama = k.status
        k.status = StatusKiriman.DITERIMA if terima else StatusKiriman.DIKEMBALIKAN
        k.alasan = "" if terima else alasan
        k.diputuskan_oleh, k.diputuskan_pada = oleh, timezone.now()
        k.save(update_fields=["status", "alasan", "diputuskan_oleh", "diputuskan_pada"])
        audit_catat(pengguna=oleh, aksi="laporan_semester_" + ("terima" if terima else "kembalikan"), objek=k,
                    wilayah_kode=k.wilayah_id, lama={"status": lama}, baru={"status": k.status, "alasan": k.alasan})
    return k
