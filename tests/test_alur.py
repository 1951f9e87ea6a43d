"""The shared workflow: parts per unit, transitions, windows, read-only approval, versions."""
import datetime

import pytest

from aksi.choices import StatusBagian, StatusLaporan
from aksi.models import Jadwal, PerpanjanganJadwal, RiwayatLaporan
from aksi.services import (
    Ditolak,
    bagian_ajukan,
    bagian_kembalikan,
    bagian_verifikasi,
    jadwal_perpanjang,
    laporan_buka_kembali,
    laporan_setujui,
)
from indikator.models import NilaiDesa
from isian.services import nilai_simpan
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA

pytestmark = pytest.mark.django_db


@pytest.fixture
def tim(beri_peran):
    """Operators and verifikators of the three kecamatan units, the Camat, and outsiders."""
    t = {f"op_{u}": beri_peran("operator", KEC_KEDURANG, unit=u) for u in ("setcam", "puskesmas", "plkb")}
    t |= {f"ver_{u}": beri_peran("verifikator", KEC_KEDURANG, unit=u) for u in ("setcam", "puskesmas", "plkb")}
    t["camat"] = beri_peran("approver", KEC_KEDURANG)
    t["op_tetangga"] = beri_peran("operator", KEC_TETANGGA, unit="puskesmas")
    t["pemantau_kab"] = beri_peran("pemantau", KAB_BENGKULU_SELATAN)
    t["admin_kab"] = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    return t


@pytest.fixture
def laporan_kedurang(laporan_kedurang):
    """One value per unit in the last desa: an empty part is not submitted without a note (issue 13)."""
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").last()
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=laporan_kedurang, desa=desa, item=i, nilai=1) for i in ("S01", "S04", "S06")])
    return laporan_kedurang


def _bagian(laporan, unit):
    return laporan.bagian.get(unit_id=unit)


def _ajukan_dan_verifikasi_semua(laporan, tim):
    for unit in ("setcam", "puskesmas", "plkb"):
        bagian_ajukan(user=tim[f"op_{unit}"], bagian=_bagian(laporan, unit))
        bagian_verifikasi(user=tim[f"ver_{unit}"], bagian=_bagian(laporan, unit))


def test_a_kecamatan_laporan_has_one_part_per_unit(laporan_kedurang):
    assert sorted(laporan_kedurang.bagian.values_list("unit_id", flat=True)) == ["plkb", "puskesmas", "setcam"]
    assert laporan_kedurang.status == StatusLaporan.DRAFT


def test_parts_move_to_approval_and_every_step_is_logged(laporan_kedurang, tim):
    lap = laporan_kedurang
    bagian_ajukan(user=tim["op_puskesmas"], bagian=_bagian(lap, "puskesmas"))
    lap.refresh_from_db()
    assert lap.status == StatusLaporan.DRAFT  # other parts still draft
    _ajukan_dan_verifikasi_semua_kecuali = [("setcam"), ("plkb")]
    for unit in _ajukan_dan_verifikasi_semua_kecuali:
        bagian_ajukan(user=tim[f"op_{unit}"], bagian=_bagian(lap, unit))
    lap.refresh_from_db()
    assert lap.status == StatusLaporan.DIAJUKAN
    for unit in ("setcam", "puskesmas", "plkb"):
        bagian_verifikasi(user=tim[f"ver_{unit}"], bagian=_bagian(lap, unit))
    lap.refresh_from_db()
    assert lap.status == StatusLaporan.DIVERIFIKASI
    laporan_setujui(user=tim["camat"], laporan=lap)
    lap.refresh_from_db()
    assert lap.status == StatusLaporan.DISETUJUI and lap.disetujui_oleh == tim["camat"]
    log = list(RiwayatLaporan.objects.filter(laporan=lap).values_list("transisi", "dari", "ke"))
    assert len(log) == 7 and log[-1] == ("setujui", "diverifikasi", "disetujui")
    assert all(r.oleh_id for r in RiwayatLaporan.objects.filter(laporan=lap))


@pytest.mark.parametrize(
    ("pelaku", "aksi", "unit"),
    [
        ("ver_puskesmas", "ajukan", "puskesmas"),  # wrong role
        ("op_plkb", "ajukan", "puskesmas"),  # operator of another unit
        ("op_tetangga", "ajukan", "puskesmas"),  # other wilayah
        ("pemantau_kab", "ajukan", "puskesmas"),  # read-only supervisor
        ("op_puskesmas", "verifikasi", "puskesmas"),  # operator cannot verify
        ("camat", "verifikasi", "puskesmas"),  # approver is not the unit's verifikator
        ("ver_plkb", "verifikasi", "puskesmas"),  # verifikator of another unit
    ],
)
def test_wrong_role_unit_or_wilayah_is_refused(laporan_kedurang, tim, pelaku, aksi, unit):
    bagian = _bagian(laporan_kedurang, unit)
    if aksi == "verifikasi":
        bagian_ajukan(user=tim[f"op_{unit}"], bagian=bagian)
    fungsi = {"ajukan": bagian_ajukan, "verifikasi": bagian_verifikasi}[aksi]
    sebelum = RiwayatLaporan.objects.count()
    with pytest.raises(Ditolak):
        fungsi(user=tim[pelaku], bagian=bagian)
    assert RiwayatLaporan.objects.count() == sebelum


def test_wrong_state_transitions_are_refused(laporan_kedurang, tim):
    lap = laporan_kedurang
    with pytest.raises(Ditolak, match="hanya yang diajukan"):
        bagian_verifikasi(user=tim["ver_puskesmas"], bagian=_bagian(lap, "puskesmas"))
    with pytest.raises(Ditolak, match="semua bagian harus diverifikasi"):
        laporan_setujui(user=tim["camat"], laporan=lap)
    with pytest.raises(Ditolak, match="hanya laporan yang disetujui"):
        laporan_buka_kembali(user=tim["camat"], laporan=lap, alasan="salah")
    bagian_ajukan(user=tim["op_puskesmas"], bagian=_bagian(lap, "puskesmas"))
    with pytest.raises(Ditolak, match="hanya draf atau yang dikembalikan"):
        bagian_ajukan(user=tim["op_puskesmas"], bagian=_bagian(lap, "puskesmas"))
    _ajukan_dan_verifikasi_semua_sisanya(lap, tim)
    laporan_setujui(user=tim["camat"], laporan=lap)
    with pytest.raises(Ditolak):
        laporan_setujui(user=tim["camat"], laporan=lap)
    with pytest.raises(Ditolak, match="sudah disetujui"):
        bagian_kembalikan(user=tim["ver_plkb"], bagian=_bagian(lap, "plkb"), alasan="x")


def _ajukan_dan_verifikasi_semua_sisanya(lap, tim):
    for unit in ("setcam", "puskesmas", "plkb"):
        b = _bagian(lap, unit)
        if b.status in (StatusBagian.DRAFT, StatusBagian.DIKEMBALIKAN):
            bagian_ajukan(user=tim[f"op_{unit}"], bagian=b)
            b.refresh_from_db()
        if b.status == StatusBagian.DIAJUKAN:
            bagian_verifikasi(user=tim[f"ver_{unit}"], bagian=b)


def test_approver_cannot_approve_another_kecamatan(laporan_kedurang, tim, beri_peran):
    _ajukan_dan_verifikasi_semua(laporan_kedurang, tim)
    camat_tetangga = beri_peran("approver", KEC_TETANGGA)
    with pytest.raises(Ditolak, match="Camat"):
        laporan_setujui(user=camat_tetangga, laporan=laporan_kedurang)


def test_returning_needs_a_reason_and_goes_back_to_the_operator(laporan_kedurang, tim):
    lap = laporan_kedurang
    bagian = _bagian(lap, "puskesmas")
    bagian_ajukan(user=tim["op_puskesmas"], bagian=bagian)
    with pytest.raises(Ditolak, match="Alasan wajib"):
        bagian_kembalikan(user=tim["ver_puskesmas"], bagian=bagian, alasan="  ")
    bagian_kembalikan(user=tim["ver_puskesmas"], bagian=bagian, alasan="A2 desa Batu Ampar tidak masuk akal")
    bagian.refresh_from_db()
    lap.refresh_from_db()
    assert bagian.status == StatusBagian.DIKEMBALIKAN and lap.status == StatusLaporan.DIKEMBALIKAN
    assert RiwayatLaporan.objects.filter(laporan=lap, transisi="kembalikan").get().catatan.startswith("A2 desa")
    bagian_ajukan(user=tim["op_puskesmas"], bagian=bagian)  # fixed and resubmitted


def test_camat_returns_one_verified_part_with_a_reason(laporan_kedurang, tim):
    _ajukan_dan_verifikasi_semua(laporan_kedurang, tim)
    bagian_kembalikan(user=tim["camat"], bagian=_bagian(laporan_kedurang, "plkb"), alasan="E2 belum lengkap")
    laporan_kedurang.refresh_from_db()
    assert laporan_kedurang.status == StatusLaporan.DIKEMBALIKAN
    assert _bagian(laporan_kedurang, "setcam").status == StatusBagian.DIVERIFIKASI


def test_closed_window_refuses_submission_and_edits_until_extended(laporan_kedurang, tim):
    Jadwal.objects.update(mulai=datetime.date(2026, 1, 1), selesai=datetime.date(2026, 1, 31))
    with pytest.raises(Ditolak, match="Jadwal sudah tertutup"):
        bagian_ajukan(user=tim["op_puskesmas"], bagian=_bagian(laporan_kedurang, "puskesmas"))
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).first()
    with pytest.raises(Ditolak):
        nilai_simpan(user=tim["op_puskesmas"], laporan=laporan_kedurang, isian={(desa.kode, "S04"): "5"},
                     versi={"puskesmas": 1})
    assert not NilaiDesa.objects.filter(desa=desa, item="S04").exists()
    jadwal = Jadwal.objects.get(siklus_id=2026, tahapan_id="analisis-situasi", tingkat=3)
    with pytest.raises(Ditolak):
        jadwal_perpanjang(oleh=tim["op_puskesmas"], jadwal=jadwal, wilayah=laporan_kedurang.wilayah,
                          selesai=datetime.date(2100, 1, 1), alasan="banjir")
    jadwal_perpanjang(oleh=tim["admin_kab"], jadwal=jadwal, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN),
                      selesai=datetime.date(2100, 1, 1), alasan="Banjir di Kedurang")
    assert PerpanjanganJadwal.objects.count() == 1
    bagian_ajukan(user=tim["op_puskesmas"], bagian=_bagian(laporan_kedurang, "puskesmas"))


def test_reopening_returns_every_part_and_allows_edits_outside_the_window(laporan_kedurang, tim):
    _ajukan_dan_verifikasi_semua(laporan_kedurang, tim)
    laporan_setujui(user=tim["camat"], laporan=laporan_kedurang)
    Jadwal.objects.update(mulai=datetime.date(2026, 1, 1), selesai=datetime.date(2026, 1, 31))
    with pytest.raises(Ditolak, match="Alasan wajib"):
        laporan_buka_kembali(user=tim["camat"], laporan=laporan_kedurang, alasan="")
    with pytest.raises(Ditolak):
        laporan_buka_kembali(user=tim["op_setcam"], laporan=laporan_kedurang, alasan="ingin ubah")
    laporan_buka_kembali(user=tim["admin_kab"], laporan=laporan_kedurang, alasan="Koreksi data dinkes")
    laporan_kedurang.refresh_from_db()
    assert laporan_kedurang.status == StatusLaporan.DIKEMBALIKAN and laporan_kedurang.dibuka_kembali
    assert set(laporan_kedurang.bagian.values_list("status", flat=True)) == {StatusBagian.DIKEMBALIKAN}
    bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"))


def test_laporan_page_shows_only_the_actions_the_user_may_take(client, laporan_kedurang, tim):
    client.force_login(tim["op_puskesmas"])
    halaman = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/").content.decode()
    assert "Ajukan Puskesmas" in halaman and "Ajukan PLKB" not in halaman and "Verifikasi" not in halaman
    client.force_login(tim["op_tetangga"])
    assert client.get(f"/aksi/laporan/{laporan_kedurang.pk}/").status_code == 404
    assert client.post(f"/aksi/laporan/{laporan_kedurang.pk}/setujui/").status_code == 404


def test_transition_refused_through_the_page_says_why(client, laporan_kedurang, tim):
    client.force_login(tim["camat"])
    jawaban = client.post(f"/aksi/laporan/{laporan_kedurang.pk}/setujui/", {"konfirmasi": "on"}, follow=True)
    assert "semua bagian harus diverifikasi" in jawaban.content.decode()
    laporan_kedurang.refresh_from_db()
    assert laporan_kedurang.status == StatusLaporan.DRAFT


def test_open_creates_the_laporan_on_first_use_only_in_scope(client, siklus_terbuka, tim):
    client.force_login(tim["op_puskesmas"])
    jawaban = client.get(f"/aksi/buka/2026/analisis-situasi/{KEC_KEDURANG}/")
    assert jawaban.status_code == 302 and "/aksi/laporan/" in jawaban.url
    assert client.get(f"/aksi/buka/2026/analisis-situasi/{KEC_TETANGGA}/").status_code == 404
    assert "Analisis situasi" in client.get("/aksi/").content.decode()


def test_pantau_lists_kecamatan_with_state_and_complete_desa(client, laporan_kedurang, tim):
    client.force_login(tim["pemantau_kab"])
    halaman = client.get(f"/aksi/pantau/2026/analisis-situasi/{KAB_BENGKULU_SELATAN}/").content.decode()
    assert "Kecamatan Kedurang" in halaman and "Draf" in halaman and "Belum dibuka" in halaman
    assert "0 / 19" in halaman
