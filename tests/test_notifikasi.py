"""Notifications (issue 15, item 2): whoever must act next is told in the portal and by e-mail,
delivered over real SMTP to a server this test starts (aiosmtpd on a free loopback port); a mail
server that is down never stops a transition, and the mail goes out once it is back."""
import email
import socket

import pytest
from aiosmtpd.controller import Controller

from aksi.models import RiwayatLaporan
from aksi.services import bagian_ajukan, bagian_kembalikan, bagian_verifikasi
from indikator.models import NilaiDesa
from notifikasi.models import Notifikasi, StatusSurel
from notifikasi.services import pengaturan_ubah
from notifikasi.tasks import buat_untuk_transisi, kirim_ulang_surel
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG

pytestmark = pytest.mark.django_db


class _Kotak:
    """An SMTP handler that keeps every message it receives."""

    def __init__(self):
        self.pesan = []

    async def handle_DATA(self, server, session, envelope):
        self.pesan.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback; Django sends to it."""
    kotak = _Kotak()
    port = _port_bebas()
    server = Controller(kotak, hostname="127.0.0.1", port=port)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    kotak.port = port
    yield kotak
    server.stop()


@pytest.fixture
def tim_bersurel(tim):
    for nama, user in tim.items():
        user.email = f"{nama}@contoh.go.id"
        user.save(update_fields=["email"])
    return tim


def _isi(laporan):
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").last()
    NilaiDesa.objects.create(laporan=laporan, desa=desa, item="S01", nilai=3)


def _bagian(laporan, unit):
    return laporan.bagian.get(unit_id=unit)


def test_a_submitted_part_reaches_its_verifikator_in_the_portal_and_by_smtp(
        laporan_kedurang, tim_bersurel, smtp, django_capture_on_commit_callbacks):
    tim = tim_bersurel
    _isi(laporan_kedurang)
    with django_capture_on_commit_callbacks(execute=True):
        bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"), catatan="isian awal")
    n = Notifikasi.objects.get()
    assert n.penerima == tim["ver_setcam"] and n.surel == StatusSurel.TERKIRIM
    assert "diajukan" in n.judul and "Kedurang" in n.judul and n.url == f"/aksi/laporan/{laporan_kedurang.pk}/"
    [(kepada, pesan)] = smtp.pesan
    assert kepada == ["ver_setcam@contoh.go.id"] and pesan["Subject"] == n.judul
    assert f"/aksi/laporan/{laporan_kedurang.pk}/" in pesan.get_payload(decode=True).decode()


def test_a_returned_part_tells_its_operators_the_reason_and_the_approver_hears_when_all_are_verified(
        laporan_kedurang, tim_bersurel, smtp, django_capture_on_commit_callbacks):
    tim = tim_bersurel
    _isi(laporan_kedurang)
    with django_capture_on_commit_callbacks(execute=True):
        bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"))
        bagian_kembalikan(user=tim["ver_setcam"], bagian=_bagian(laporan_kedurang, "setcam"), alasan="Desa terakhir kosong.")
    kembali = Notifikasi.objects.get(penerima=tim["op_setcam"])
    assert "Alasan: Desa terakhir kosong." in kembali.isi
    assert "Desa terakhir kosong." in smtp.pesan[-1][1].get_payload(decode=True).decode()
    with django_capture_on_commit_callbacks(execute=True):
        for unit in ("setcam", "puskesmas", "plkb"):
            bagian_ajukan(user=tim[f"op_{unit}"], bagian=_bagian(laporan_kedurang, unit), catatan="siap")
            bagian_verifikasi(user=tim[f"ver_{unit}"], bagian=_bagian(laporan_kedurang, unit))
    ke_camat = Notifikasi.objects.filter(penerima=tim["camat"])
    assert ke_camat.count() == 1 and "menunggu persetujuan" in ke_camat.get().isi  # once, when the last part is verified
    assert not Notifikasi.objects.filter(penerima=tim["ver_plkb"], judul__contains="Setcam").exists()


def test_a_mail_server_that_is_down_stops_nothing_and_the_mail_goes_out_when_it_is_back(
        laporan_kedurang, tim_bersurel, smtp, settings, django_capture_on_commit_callbacks):
    tim = tim_bersurel
    settings.EMAIL_PORT = _port_bebas()  # nothing listens there
    _isi(laporan_kedurang)
    with django_capture_on_commit_callbacks(execute=True):
        bagian = bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"))
    assert bagian.status == "diajukan"  # the transition stands
    n = Notifikasi.objects.get()
    assert n.surel == StatusSurel.GAGAL and n.surel_galat and not smtp.pesan
    settings.EMAIL_PORT = smtp.port  # the server is back: the beat task sends it
    assert kirim_ulang_surel() == 1
    n.refresh_from_db()
    assert n.surel == StatusSurel.TERKIRIM and len(smtp.pesan) == 1
    assert kirim_ulang_surel() == 0  # never twice


def test_a_transition_notifies_once_and_a_user_may_turn_email_off(
        laporan_kedurang, tim_bersurel, smtp, django_capture_on_commit_callbacks):
    tim = tim_bersurel
    pengaturan_ubah(user=tim["ver_setcam"], surel=False)
    _isi(laporan_kedurang)
    with django_capture_on_commit_callbacks(execute=True):
        bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"))
    riwayat = RiwayatLaporan.objects.get(transisi="ajukan")
    assert buat_untuk_transisi(riwayat.pk) == 0  # a rerun creates nothing
    n = Notifikasi.objects.get()
    assert n.surel == StatusSurel.TIDAK and not smtp.pesan


def test_the_notification_page_badge_and_marking_read(laporan_kedurang, tim_bersurel, klien_dengan,
                                                      django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    tim = tim_bersurel
    _isi(laporan_kedurang)
    with django_capture_on_commit_callbacks(execute=True):
        bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"))
    n = Notifikasi.objects.get()
    klien = klien_dengan(tim["ver_setcam"])
    halaman = klien.get("/notifikasi/").content.decode()
    assert n.judul in halaman and 'data-testid="jumlah-notifikasi"' in halaman
    jawaban = klien.post(f"/notifikasi/{n.pk}/baca/")
    assert jawaban.status_code == 302 and jawaban["Location"] == n.url
    n.refresh_from_db()
    assert n.dibaca_pada is not None
    assert 'data-testid="jumlah-notifikasi"' not in klien.get("/notifikasi/").content.decode()
    # someone else's notification does not exist for another user (the same client, logged in again)
    assert klien_dengan(tim["ver_plkb"]).post(f"/notifikasi/{n.pk}/baca/").status_code == 404


# --- reminders and the weekly digest (beat tasks, called at fixed clock times) -------------------

def _jendela_analisis(mulai, selesai):
    from aksi.models import Jadwal

    Jadwal.objects.filter(siklus_id=2026, tahapan_id="analisis-situasi", tingkat=3).update(mulai=mulai, selesai=selesai)


def test_reminders_go_out_once_per_threshold_to_the_operators_of_parts_not_submitted(laporan_kedurang, tim_bersurel, smtp):
    import datetime

    from notifikasi.tasks import pengingat_harian

    from aksi.jadwal import hari_ini

    tim = tim_bersurel
    TUTUP = hari_ini() + datetime.timedelta(days=30)  # open today, so the operator can still submit
    _jendela_analisis(TUTUP - datetime.timedelta(days=60), TUTUP)
    assert pengingat_harian(str(TUTUP - datetime.timedelta(days=7))) == 3  # setcam, puskesmas, plkb
    assert pengingat_harian(str(TUTUP - datetime.timedelta(days=7))) == 0  # the same day again: nothing
    assert pengingat_harian(str(TUTUP - datetime.timedelta(days=6))) == 0  # not a threshold
    assert {n.penerima for n in Notifikasi.objects.filter(jenis="pengingat")} == {tim["op_setcam"], tim["op_puskesmas"], tim["op_plkb"]}
    assert "7 hari lagi" in Notifikasi.objects.filter(jenis="pengingat").first().judul and len(smtp.pesan) == 3
    _isi(laporan_kedurang)
    bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"))
    assert pengingat_harian(str(TUTUP - datetime.timedelta(days=3))) == 2  # the submitted part is done
    assert not Notifikasi.objects.filter(jenis="pengingat", penerima=tim["op_setcam"], judul__startswith="3 hari").exists()
    assert pengingat_harian(str(TUTUP + datetime.timedelta(days=1))) == 0  # closed


def test_a_step_nobody_opened_is_announced_to_the_operators_of_its_units(siklus_terbuka, tim_bersurel, smtp):
    import datetime

    from aksi.jadwal import hari_ini
    from aksi.models import Jadwal, Laporan, TahapanUnit
    from notifikasi.tasks import pengingat_harian

    tim = tim_bersurel
    TUTUP = hari_ini() + datetime.timedelta(days=30)
    Jadwal.objects.filter(siklus_id=2026).update(mulai=TUTUP - datetime.timedelta(days=400), selesai=TUTUP - datetime.timedelta(days=200))
    _jendela_analisis(TUTUP - datetime.timedelta(days=60), TUTUP)  # only analisis situasi is open, and not opened
    assert not Laporan.objects.exists()
    pengisi = set(TahapanUnit.objects.filter(tahapan_id="analisis-situasi", tingkat=3).values_list("unit_id", flat=True))
    operator = {tim[f"op_{u}"] for u in ("setcam", "puskesmas", "plkb") if u in pengisi}
    assert pengingat_harian(str(TUTUP - datetime.timedelta(days=3))) == len(operator) > 0
    assert pengingat_harian(str(TUTUP - datetime.timedelta(days=3))) == 0  # once per threshold and day
    n = Notifikasi.objects.filter(jenis="pengingat").first()
    assert "belum dibuka" in n.judul and n.url == f"/aksi/buka/2026/analisis-situasi/{KEC_KEDURANG}/"
    assert {x.penerima for x in Notifikasi.objects.filter(jenis="pengingat")} == operator  # verifikators are not told
    assert len(smtp.pesan) == len(operator)


def test_the_weekly_digest_lists_exactly_the_idle_parts_of_the_wilayah_below(laporan_kedurang, tim_bersurel, beri_peran, settings):
    import datetime

    from aksi.models import BagianLaporan
    from django.utils import timezone

    from notifikasi.tasks import ringkasan_mingguan

    from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_TETANGGA, TAHUN
    from .factories import LaporanFactory

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTIFIKASI_HARI_DIAM = 14
    hari = datetime.date(2026, 7, 6)  # a Monday
    lama = timezone.make_aware(datetime.datetime(2026, 6, 1, 9))
    BagianLaporan.objects.filter(laporan=laporan_kedurang).exclude(unit_id="plkb").update(diubah_pada=lama)
    LaporanFactory(tahun=TAHUN, wilayah=Wilayah.objects.get(kode=KEC_TETANGGA))  # fresh: not idle
    bappeda = beri_peran("approver", KAB_BENGKULU_SELATAN)
    lain = beri_peran("approver", KAB_LAIN)
    assert ringkasan_mingguan(str(hari)) == 1
    n = Notifikasi.objects.get(jenis="ringkasan")
    assert n.penerima == bappeda and "2 bagian diam lebih dari 14 hari" in n.judul
    assert len(n.isi.splitlines()) == 2 and all("Kedurang" in baris for baris in n.isi.splitlines())
    assert not Notifikasi.objects.filter(penerima=lain).exists()
    assert ringkasan_mingguan(str(hari + datetime.timedelta(days=2))) == 0  # once a week


def test_complaints_reach_their_handlers_and_the_answer_reaches_the_complainant(
        siklus_terbuka, beri_peran, smtp, django_capture_on_commit_callbacks):
    from pengaduan.services import pengaduan_jawab, pengaduan_kirim, pengaduan_tugaskan

    camat = beri_peran("approver", KEC_KEDURANG)
    camat.email = "camat@contoh.go.id"
    camat.save(update_fields=["email"])
    petugas = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    with django_capture_on_commit_callbacks(execute=True):
        p = pengaduan_kirim(nama="Warga", kontak="warga@contoh.id", wilayah=Wilayah.objects.get(kode=KEC_KEDURANG),
                            topik="gizi", isi="PMT tidak dibagikan bulan ini.")
    baru = Notifikasi.objects.get(jenis="pengaduan_kirim")
    assert baru.penerima == camat and p.kode in baru.judul and smtp.pesan[-1][0] == ["camat@contoh.go.id"]
    with django_capture_on_commit_callbacks(execute=True):
        p = pengaduan_tugaskan(user=camat, pengaduan=p, petugas=petugas)
    assert Notifikasi.objects.get(jenis="pengaduan_tugaskan").penerima == petugas
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_jawab(user=petugas, pengaduan=p, jawaban="PMT dibagikan ulang Senin depan.")
    kepada, pesan = smtp.pesan[-1]
    assert kepada == ["warga@contoh.id"] and "PMT dibagikan ulang Senin depan." in pesan.get_payload(decode=True).decode()
    assert f"kode={p.kode}" in pesan.get_payload(decode=True).decode()
