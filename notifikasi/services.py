"""Writes of notifications: one per (transition, user), the e-mail that goes with it, marking read,
the user's e-mail choice. A failing mail server never touches the transition: notifications are
made after its commit, by a Celery task, and a failed e-mail is recorded and sent again later."""
import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aksi.choices import Transisi
from inti.services import audit_catat

from .models import Notifikasi, PengaturanNotifikasi, StatusSurel
from .selectors import penerima_transisi, surel_aktif

BATAS_PERCOBAAN = 10


def _pesan(riwayat) -> tuple[str, str]:
    """(title, body) in Bahasa Indonesia: what happened and what to do."""
    lap = riwayat.laporan
    bagian = f"Bagian {riwayat.bagian.nama_unit} " if riwayat.bagian_id else ""
    tentang = f"{lap.tahapan.nama} {lap.tahun}, {lap.wilayah.nama_lengkap}"
    oleh = (riwayat.oleh.get_full_name() or riwayat.oleh.get_username()) if riwayat.oleh else "sistem"
    atas = lap.wilayah.induk.nama_lengkap if lap.wilayah.induk_id else "tingkat atas"
    judul, isi = {
        Transisi.AJUKAN: (f"{bagian}diajukan: {tentang}", "Isian menunggu verifikasi Anda."),
        Transisi.VERIFIKASI: (f"Semua bagian terverifikasi: {tentang}", "Laporan menunggu persetujuan Anda."),
        Transisi.KEMBALIKAN: (f"{bagian}dikembalikan: {tentang}", "Perbaiki isian lalu ajukan lagi."),
        Transisi.SETUJUI: (f"Laporan disetujui: {tentang}", "Laporan sudah disetujui dan hanya dapat dibaca."),
        Transisi.BUKA_KEMBALI: (f"Laporan dibuka kembali: {tentang}", "Laporan dapat diisi lagi."),
        Transisi.KEMBALIKAN_ATAS: (f"Laporan dikembalikan {atas}: {tentang}",
                                   "Laporan dibuka kembali: perbaiki isian, ajukan, verifikasi dan setujui lagi."),
        Transisi.TERIMA: (f"Laporan diterima {atas}: {tentang}", "Tinjauan tingkat atas selesai."),
    }[riwayat.transisi]
    if riwayat.transisi == Transisi.SETUJUI and lap.ditinjau_atas:
        isi += f" Tinjauan {atas} menunggu: terima, atau kembalikan dengan alasan."
    if riwayat.catatan:
        alasan = riwayat.transisi in (Transisi.KEMBALIKAN, Transisi.BUKA_KEMBALI, Transisi.KEMBALIKAN_ATAS)
        isi += f"\n{'Alasan' if alasan else 'Catatan'}: {riwayat.catatan}"
    return judul, f"{isi}\nOleh: {oleh}."


def notifikasi_transisi(riwayat) -> list[Notifikasi]:
    """The notifications of one transition (idempotent: a rerun creates nothing twice)."""
    penerima = penerima_transisi(riwayat)
    if not penerima:
        return []
    judul, isi = _pesan(riwayat)
    url = reverse("aksi:laporan", args=[riwayat.laporan_id])
    dibuat = []
    with transaction.atomic():
        for user in penerima:
            surel = StatusSurel.MENUNGGU if user.email and surel_aktif(user) else StatusSurel.TIDAK
            n, baru = Notifikasi.objects.get_or_create(riwayat=riwayat, penerima=user, defaults={
                "jenis": f"{'bagian' if riwayat.bagian_id else 'laporan'}_{riwayat.transisi}", "judul": judul[:200],
                "isi": isi, "url": url, "surel": surel,
            })
            if baru:
                dibuat.append(n)
    return dibuat


def surel_kirim(notifikasi: Notifikasi) -> bool:
    """Send the e-mail of a notification; a failure is recorded (and raised again for the task's
    retry). True when sent."""
    n = Notifikasi.objects.select_related("penerima").get(pk=notifikasi.pk)
    if n.surel not in (StatusSurel.MENUNGGU, StatusSurel.GAGAL):
        return n.surel == StatusSurel.TERKIRIM
    isi = f"{n.isi}\n\nBuka: {settings.PORTAL_URL}{n.url}\n\n" \
          "Surel ini dikirim oleh Portal Aksi Konvergensi. Atur notifikasi di halaman Notifikasi."
    try:
        send_mail(n.judul, isi, None, [n.penerima.email], fail_silently=False)
    except Exception as exc:
        Notifikasi.objects.filter(pk=n.pk).update(surel=StatusSurel.GAGAL, surel_percobaan=n.surel_percobaan + 1,
                                                  surel_galat=f"{type(exc).__name__}: {exc}"[:300])
        raise
    Notifikasi.objects.filter(pk=n.pk).update(surel=StatusSurel.TERKIRIM, surel_percobaan=n.surel_percobaan + 1, surel_galat="")
    return True


def notifikasi_baca(*, user, pk: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read; returns how many changed."""
    qs = Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(dibaca_pada=timezone.now())


def pengaturan_ubah(*, user, surel: bool) -> PengaturanNotifikasi:
    with transaction.atomic():
        p, _ = PengaturanNotifikasi.objects.select_for_update().get_or_create(pengguna=user)
        lama = p.surel
        p.surel = surel
        p.save(update_fields=["surel"])
        audit_catat(pengguna=user, aksi="notifikasi_pengaturan", objek=p, lama={"surel": lama}, baru={"surel": surel})
    return p


# --- scheduled messages (beat) --------------------------------------------------------------------

BATAS_BARIS_RINGKASAN = 50


def _buat_terjadwal(*, user, kunci: str, jenis: str, judul: str, isi: str, url: str) -> Notifikasi | None:
    """One scheduled message, once: a second call with the same key creates nothing."""
    surel = StatusSurel.MENUNGGU if user.email and surel_aktif(user) else StatusSurel.TIDAK
    n, baru = Notifikasi.objects.get_or_create(kunci=kunci, defaults={
        "penerima": user, "jenis": jenis, "judul": judul[:200], "isi": isi, "url": url, "surel": surel})
    return n if baru else None


def pengingat_harian(hari) -> list[Notifikasi]:
    """Reminders to the operators of every part not yet submitted whose window closes in 7, 3 or
    1 days, and of every step nobody has opened yet at their wilayah with such a window (one per
    part or step, user, threshold and day; a rerun of the day sends nothing twice)."""
    from aksi.models import Siklus

    from .selectors import bagian_belum_diajukan, langkah_belum_dibuka_pengingat, operator_bagian

    tahun = list(Siklus.objects.filter(aktif=True).values_list("tahun", flat=True))
    dibuat = []
    for bagian, sisa in bagian_belum_diajukan(hari, tahun):
        lap = bagian.laporan
        tutup = hari + datetime.timedelta(days=sisa)
        judul = (f"{sisa} hari lagi: bagian {bagian.nama_unit} {lap.tahapan.nama} {lap.tahun}, "
                 f"{lap.wilayah.nama_lengkap} belum diajukan")
        isi = f"Jadwal ditutup {tutup:%d-%m-%Y}. Lengkapi isian lalu ajukan ke verifikator."
        for user in operator_bagian(bagian):
            n = _buat_terjadwal(user=user, kunci=f"pengingat:{hari.isoformat()}:{sisa}:{bagian.pk}:{user.pk}",
                                jenis="pengingat", judul=judul, isi=isi, url=reverse("aksi:laporan", args=[lap.pk]))
            if n is not None:
                dibuat.append(n)
    for langkah, penerima in langkah_belum_dibuka_pengingat(hari, tahun):
        sisa = (langkah.tutup - hari).days
        judul = f"{sisa} hari lagi: {langkah.tahapan.nama} {langkah.tahun}, {langkah.wilayah.nama_lengkap} belum dibuka"
        isi = f"Jadwal ditutup {langkah.tutup:%d-%m-%Y} dan belum ada yang membuka tahapan ini. Buka, isi, lalu ajukan ke verifikator."
        url = reverse("aksi:buka", args=[langkah.tahun, langkah.tahapan.kode, langkah.wilayah.kode])
        for user in penerima:
            kunci = f"pengingat-buka:{hari.isoformat()}:{sisa}:{langkah.tahun}:{langkah.tahapan.kode}:{langkah.wilayah.kode}:{user.pk}"
            n = _buat_terjadwal(user=user, kunci=kunci, jenis="pengingat", judul=judul, isi=isi, url=url)
            if n is not None:
                dibuat.append(n)
    return dibuat


def ringkasan_mingguan(hari) -> list[Notifikasi]:
    """To each approver and administrator of a kab/kota or provinsi, once a week: the parts below
    idle for more than NOTIFIKASI_HARI_DIAM days (not verified, Laporan not approved)."""
    from aksi.models import Siklus

    from .selectors import bagian_diam_di_bawah, pengawas_ringkasan

    tahun = list(Siklus.objects.filter(aktif=True).values_list("tahun", flat=True))
    batas_hari = settings.NOTIFIKASI_HARI_DIAM
    sejak = timezone.make_aware(datetime.datetime.combine(hari - datetime.timedelta(days=batas_hari), datetime.time()))
    tahun_iso, minggu, _ = hari.isocalendar()
    dibuat = []
    for p in pengawas_ringkasan():
        diam = bagian_diam_di_bawah(p.wilayah_id, tahun, sejak)
        if not diam:
            continue
        baris = [f"- {b.laporan.wilayah.nama_lengkap}: {b.laporan.tahapan.nama} {b.laporan.tahun}, bagian {b.nama_unit}, "
                 f"{b.get_status_display().lower()} sejak {timezone.localtime(b.diubah_pada):%d-%m-%Y}"
                 for b in diam[:BATAS_BARIS_RINGKASAN]]
        if len(diam) > BATAS_BARIS_RINGKASAN:
            baris.append(f"… dan {len(diam) - BATAS_BARIS_RINGKASAN} bagian lain.")
        judul = f"Ringkasan mingguan {p.wilayah.nama_lengkap}: {len(diam)} bagian diam lebih dari {batas_hari} hari"
        n = _buat_terjadwal(user=p.user, kunci=f"ringkasan:{tahun_iso}-W{minggu:02d}:{p.wilayah_id}:{p.user_id}",
                            jenis="ringkasan", judul=judul, isi="\n".join(baris), url=reverse("beranda"))
        if n is not None:
            dibuat.append(n)
    return dibuat


# --- complaints -----------------------------------------------------------------------------------

def notifikasi_pengaduan(pengaduan, peristiwa: str) -> list[Notifikasi]:
    """A new complaint → the approvers and administrators of its wilayah; an assigned one → its
    handler. Keyed, so a rerun creates nothing twice."""
    from .selectors import penangan_pengaduan

    url = reverse("pengaduan:detail", args=[pengaduan.pk])
    tentang = f"{pengaduan.get_topik_display()}, {pengaduan.wilayah.nama_lengkap}"
    if peristiwa == "kirim":
        penerima, judul = penangan_pengaduan(pengaduan), f"Pengaduan baru {pengaduan.kode}: {tentang}"
        isi = "Tugaskan petugas atau jawab pengaduan ini."
    elif peristiwa == "tugaskan" and pengaduan.petugas_id:
        penerima, judul = [pengaduan.petugas], f"Pengaduan {pengaduan.kode} ditugaskan kepada Anda: {tentang}"
        isi = "Jawab pelapor; jawaban tampil di halaman pelacakan."
    else:
        return []
    dibuat = []
    for user in penerima:
        n = _buat_terjadwal(user=user, kunci=f"pengaduan:{pengaduan.pk}:{peristiwa}:{pengaduan.versi}:{user.pk}",
                            jenis=f"pengaduan_{peristiwa}", judul=judul, isi=isi, url=url)
        if n is not None:
            dibuat.append(n)
    return dibuat


def surel_pelapor(pengaduan) -> bool:
    """The answer to a complainant who left an e-mail address (a phone number gets nothing: the
    tracking page shows the answer). Raises on a mail failure, for the task's retry."""
    if "@" not in (pengaduan.kontak or "") or not pengaduan.jawaban:
        return False
    lacak = f"{settings.PORTAL_URL}{reverse('pengaduan:lacak')}?kode={pengaduan.kode}"
    send_mail(f"Jawaban pengaduan {pengaduan.kode}",
              f"Pengaduan Anda ({pengaduan.get_topik_display()}) sudah dijawab petugas:\n\n{pengaduan.jawaban}\n\n"
              f"Lihat di halaman pelacakan: {lacak}", None, [pengaduan.kontak], fail_silently=False)
    return True
