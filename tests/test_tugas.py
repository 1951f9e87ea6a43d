"""Tugas saya (issue 15, item 1): every role sees on its home page what waits for it, with the
step, wilayah, state, return reason, closing date and days left; supervisors see the late and
returned Laporan below; the navigation counts the user's own tasks."""
import datetime

import pytest

from aksi.jadwal import hari_ini
from aksi.models import Jadwal, PerpanjanganJadwal
from aksi.services import bagian_ajukan, bagian_kembalikan, bagian_verifikasi
from indikator.models import NilaiDesa
from pengaduan.services import pengaduan_kirim
from tugas.selectors import tugas_saya
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import LaporanFactory

pytestmark = pytest.mark.django_db


def _jenis(user, **kw) -> list[tuple[str, str]]:
    return [(t.jenis, t.unit) for t in tugas_saya(user, **kw).milik if t.tahapan is None or t.tahapan.kode == "analisis-situasi"]


def _isi(laporan, unit_item: str):
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").last()
    NilaiDesa.objects.create(laporan=laporan, desa=desa, item=unit_item, nilai=3)


def _bagian(laporan, unit):
    return laporan.bagian.get(unit_id=unit)


def test_a_step_not_yet_opened_is_the_operators_task_while_its_window_is_open(siklus_terbuka, tim):
    tugas = [t for t in tugas_saya(tim["op_setcam"]).milik if t.jenis == "buka"]
    assert "analisis-situasi" in {t.tahapan.kode for t in tugas}
    assert all(t.wilayah.kode == KEC_KEDURANG and t.url.startswith("/aksi/buka/") for t in tugas)
    assert not [t for t in tugas_saya(tim["ver_setcam"]).milik if t.jenis == "buka"]  # verifikators do not open


def test_each_role_sees_its_step_of_the_part_workflow(laporan_kedurang, tim):
    lap = laporan_kedurang
    assert {u for j, u in _jenis(tim["op_setcam"]) if j == "isi"} == {_bagian(lap, "setcam").unit.singkatan}
    assert {u for j, u in _jenis(tim["op_puskesmas"]) if j == "isi"} == {_bagian(lap, "puskesmas").unit.singkatan}
    assert not [j for j, _ in _jenis(tim["ver_setcam"])]

    _isi(lap, "S01")
    bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(lap, "setcam"), catatan="isian awal")
    assert [j for j, _ in _jenis(tim["ver_setcam"])] == ["verifikasi"]
    assert not [j for j, _ in _jenis(tim["ver_plkb"])]  # another unit's verifikator
    assert "isi" not in [j for j, _ in _jenis(tim["op_setcam"])]  # submitted: nothing to fill

    bagian_kembalikan(user=tim["ver_setcam"], bagian=_bagian(lap, "setcam"), alasan="Angka desa terakhir belum lengkap.")
    perbaiki = [t for t in tugas_saya(tim["op_setcam"]).milik if t.jenis == "perbaiki"]
    assert len(perbaiki) == 1 and perbaiki[0].alasan == "Angka desa terakhir belum lengkap."
    assert perbaiki[0].keadaan == "Dikembalikan" and perbaiki[0].url == f"/aksi/laporan/{lap.pk}/"

    for unit in ("setcam", "puskesmas", "plkb"):
        bagian = _bagian(lap, unit)
        if bagian.status != "diajukan":
            bagian_ajukan(user=tim[f"op_{unit}"], bagian=bagian, catatan="lengkap menurut kami")
        bagian_verifikasi(user=tim[f"ver_{unit}"], bagian=_bagian(lap, unit))
    assert [j for j, _ in _jenis(tim["camat"])] == ["setujui"]
    assert not [j for j, _ in _jenis(tim["op_setcam"]) if j != "buka"]


def test_the_closing_date_counts_extensions_and_days_left(laporan_kedurang, tim):
    hari = hari_ini()
    jadwal = Jadwal.objects.get(siklus_id=TAHUN, tahapan_id="analisis-situasi", tingkat=3)
    Jadwal.objects.filter(pk=jadwal.pk).update(mulai=hari - datetime.timedelta(days=10), selesai=hari + datetime.timedelta(days=2))
    tugas = next(t for t in tugas_saya(tim["op_setcam"]).milik if t.tahapan and t.tahapan.kode == "analisis-situasi")
    assert tugas.tutup == hari + datetime.timedelta(days=2) and tugas.sisa_hari == 2 and tugas.mendesak
    # an extension granted to the kabupaten reaches its kecamatan
    PerpanjanganJadwal.objects.create(jadwal=jadwal, wilayah_id=KAB_BENGKULU_SELATAN, selesai=hari + datetime.timedelta(days=9),
                                      alasan="banjir")
    tugas = next(t for t in tugas_saya(tim["op_setcam"]).milik if t.tahapan and t.tahapan.kode == "analisis-situasi")
    assert tugas.sisa_hari == 9 and not tugas.mendesak
    # closed: nothing the operator can do any more (the supervisor sees it late)
    Jadwal.objects.filter(pk=jadwal.pk).update(mulai=hari - datetime.timedelta(days=30), selesai=hari - datetime.timedelta(days=20))
    PerpanjanganJadwal.objects.all().delete()
    assert not [t for t in tugas_saya(tim["op_setcam"]).milik if t.tahapan and t.tahapan.kode == "analisis-situasi"]


def test_a_supervisor_sees_the_late_and_returned_laporan_below_and_nothing_outside(laporan_kedurang, tim, beri_peran):
    hari = hari_ini()
    Jadwal.objects.filter(siklus_id=TAHUN, tahapan_id="analisis-situasi", tingkat=3).update(
        mulai=hari - datetime.timedelta(days=40), selesai=hari - datetime.timedelta(days=5))
    tetangga = LaporanFactory(tahun=TAHUN, wilayah=Wilayah.objects.get(kode=KEC_TETANGGA))
    _isi(laporan_kedurang, "S01")
    Jadwal.objects.filter(siklus_id=TAHUN, tahapan_id="analisis-situasi", tingkat=3).update(selesai=hari + datetime.timedelta(days=5))
    bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"))
    bagian_kembalikan(user=tim["ver_setcam"], bagian=_bagian(laporan_kedurang, "setcam"), alasan="Lengkapi.")
    Jadwal.objects.filter(siklus_id=TAHUN, tahapan_id="analisis-situasi", tingkat=3).update(selesai=hari - datetime.timedelta(days=5))

    bappeda = beri_peran("approver", KAB_BENGKULU_SELATAN)
    d = tugas_saya(bappeda)
    baris = {(t.jenis, t.wilayah.kode) for t in d.pengawasan if t.tahapan.kode == "analisis-situasi" and t.tahun == TAHUN}
    assert ("dikembalikan", KEC_KEDURANG) in baris and ("terlambat", KEC_TETANGGA) in baris
    lambat = next(t for t in d.pengawasan if t.wilayah.kode == KEC_TETANGGA and t.tahapan.kode == "analisis-situasi")
    assert lambat.sisa_hari == -5 and lambat.url == f"/aksi/laporan/{tetangga.pk}/"
    assert d.jumlah_pengawasan["terlambat"] >= 1 and d.jumlah_pengawasan["dikembalikan"] == 1
    # a supervisor of another kabupaten sees none of it; an operator supervises nothing
    lain = tugas_saya(beri_peran("approver", KAB_LAIN))
    assert not {t.wilayah.kode for t in lain.pengawasan} & {KEC_KEDURANG, KEC_TETANGGA}
    assert not tugas_saya(tim["op_setcam"]).pengawasan


def test_complaints_wait_for_their_handlers(siklus_terbuka, beri_peran):
    camat = beri_peran("approver", KEC_KEDURANG)
    p = pengaduan_kirim(nama="Warga", kontak="0812-3456-7890", wilayah=Wilayah.objects.get(kode=KEC_KEDURANG),
                        topik="gizi", isi="PMT di posyandu tidak dibagikan bulan ini.")
    tugas = [t for t in tugas_saya(camat).milik if t.jenis == "pengaduan"]
    assert [t.url for t in tugas] == [f"/publikasi/pengaduan/{p.pk}/"]
    assert not [t for t in tugas_saya(beri_peran("approver", KEC_TETANGGA)).milik if t.jenis == "pengaduan"]


def test_the_home_page_lists_the_tasks_and_the_navigation_counts_them(laporan_kedurang, tim, klien_dengan):
    _isi(laporan_kedurang, "S01")
    bagian_ajukan(user=tim["op_setcam"], bagian=_bagian(laporan_kedurang, "setcam"))
    bagian_kembalikan(user=tim["ver_setcam"], bagian=_bagian(laporan_kedurang, "setcam"), alasan="Desa X kosong.")
    halaman = klien_dengan(tim["op_setcam"]).get("/").content.decode()
    assert 'data-testid="tugas-perbaiki"' in halaman and "Alasan: Desa X kosong." in halaman
    jumlah = len(tugas_saya(tim["op_setcam"]).milik)
    assert f'data-testid="jumlah-tugas" title="Tugas menunggu Anda">{jumlah}<' in halaman
    kosong = klien_dengan(tim["ver_plkb"]).get("/").content.decode()
    assert 'data-testid="tugas-kosong"' in kosong and 'data-testid="jumlah-tugas"' not in kosong
