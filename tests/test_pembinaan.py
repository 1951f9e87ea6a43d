"""Supervision and the semester report between levels (issue 16, items 3 and 5; D90, D91): the
kab/kota records visits with findings and follow-up on a kecamatan (and its Laporan); the
kecamatan answers; a count per semester; the kab/kota sends its semester rekap to the provinsi,
which receives it or returns it with a reason. Every transition, the illegal ones, foreign → 404."""
import datetime

import pytest

from aksi.models import Tahapan
from aksi.services import laporan_ambil_atau_buat
from inti.galat import Ditolak
from inti.models import CatatanAudit
from pembinaan.choices import StatusKiriman
from pembinaan.models import LaporanSemester, Pembinaan
from pembinaan.services import laporan_semester_kirim, laporan_semester_putuskan, pembinaan_jawab
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orang(beri_peran):
    return {"ver_kab": beri_peran("verifikator", KAB_BENGKULU_SELATAN), "bappeda": beri_peran("approver", KAB_BENGKULU_SELATAN),
            "op_kab": beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes"),
            "camat": beri_peran("approver", KEC_KEDURANG), "camat_tetangga": beri_peran("approver", KEC_TETANGGA),
            "ver_kab_lain": beri_peran("verifikator", KAB_LAIN), "ver_prov": beri_peran("verifikator", "17"),
            "bappeda_lain": beri_peran("approver", KAB_LAIN)}


def _catat(client, **ubah):
    data = {"catat": "1", "wilayah": KEC_KEDURANG, "jenis": "pembinaan", "tanggal": f"{TAHUN}-03-10",
            "temuan": "Data sasaran ibu hamil belum dipadankan dengan register kohort.",
            "tindak_lanjut": "Padankan data S07 dengan kohort Puskesmas.", "batas": f"{TAHUN}-04-10"} | ubah
    return client.post(f"/pembinaan/{KAB_BENGKULU_SELATAN}/{TAHUN}/", data)


def test_the_kab_kota_records_a_visit_the_kecamatan_answers_and_the_count_shows_who_was_supervised(
        siklus_terbuka, orang, client):
    lap = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                                  tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    client.force_login(orang["ver_kab"])
    assert _catat(client, laporan=lap.pk).status_code == 302
    assert _catat(client, tanggal=f"{TAHUN}-08-02", batas=f"{TAHUN}-09-01", jenis="pengawasan").status_code == 302
    p = Pembinaan.objects.get(tanggal=datetime.date(TAHUN, 3, 10))
    assert p.laporan == lap and p.oleh == orang["ver_kab"] and CatatanAudit.objects.filter(aksi="pembinaan_catat").count() == 2
    halaman = client.get(f"/pembinaan/{KAB_BENGKULU_SELATAN}/{TAHUN}/").content.decode()
    baris = halaman.split(f'data-kode="{KEC_KEDURANG}"')[1].split("</tr>")[0]
    assert '<td class="text-end">1</td><td class="text-end">1</td>' in baris and ">2<" in baris  # one per semester
    assert "0 (kurang)" in halaman.split(f'data-kode="{KEC_TETANGGA}"')[1].split("</tr>")[0]

    # the kecamatan sees it on its page and on the Laporan, and answers the follow-up
    client.force_login(orang["camat"])
    assert "Padankan data S07 dengan kohort Puskesmas." in client.get(f"/aksi/laporan/{lap.pk}/").content.decode()
    halaman = client.get(f"/pembinaan/{KEC_KEDURANG}/{TAHUN}/").content.decode()
    assert "Data sasaran ibu hamil belum dipadankan" in halaman and f'name="jawab" value="{p.pk}"' in halaman
    jawab = client.post(f"/pembinaan/{KEC_KEDURANG}/{TAHUN}/", {"jawab": p.pk, "jawaban": "Sudah dipadankan 15 April."})
    assert jawab.status_code == 302
    p.refresh_from_db()
    assert p.selesai and p.dijawab_oleh == orang["camat"] and p.keadaan(datetime.date(TAHUN, 5, 1)) == "Selesai"
    with pytest.raises(Ditolak, match="sudah dijawab"):
        pembinaan_jawab(oleh=orang["camat"], pembinaan=p, jawaban="lagi")
    lain = Pembinaan.objects.get(tanggal=datetime.date(TAHUN, 8, 2))
    assert lain.keadaan(datetime.date(TAHUN, 9, 2)) == "Terlambat"
    with pytest.raises(Ditolak, match="Hanya operator, penyetuju atau administrator Kecamatan Kedurang"):
        pembinaan_jawab(oleh=orang["camat_tetangga"], pembinaan=lain, jawaban="Bukan urusan kami")
    # another kecamatan, another kab/kota: the pages are not theirs
    client.force_login(orang["camat_tetangga"])
    assert client.get(f"/pembinaan/{KEC_KEDURANG}/{TAHUN}/").status_code == 404
    client.force_login(orang["ver_kab_lain"])
    assert client.get(f"/pembinaan/{KAB_BENGKULU_SELATAN}/{TAHUN}/").status_code == 404


def test_bad_supervision_input_is_refused_with_the_field_named(siklus_terbuka, orang, client):
    client.force_login(orang["ver_kab"])
    salah = _catat(client, batas=f"{TAHUN}-03-01").content.decode()
    assert "Batas tindak lanjut tidak boleh sebelum tanggal kunjungan." in salah
    assert "Temuan wajib diisi." in _catat(client, temuan=" ").content.decode()
    assert "Tanggal kunjungan/tinjauan tidak valid" in _catat(client, tanggal="kemarin").content.decode()
    assert "Wilayah itu bukan wilayah di bawah Anda." in _catat(client, wilayah="17.02.01").content.decode()
    assert "tidak boleh di masa depan" in _catat(client, tanggal="2100-01-01", batas="2100-02-01").content.decode()
    client.force_login(orang["op_kab"])  # an operator supervises nobody: no form, a post saves nothing
    assert 'name="catat"' not in client.get(f"/pembinaan/{KAB_BENGKULU_SELATAN}/{TAHUN}/").content.decode()
    _catat(client)
    assert not Pembinaan.objects.exists()


def test_the_semester_report_goes_up_is_returned_with_a_reason_sent_again_and_received(siklus_terbuka, orang, client):
    kab = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN)
    with pytest.raises(Ditolak, match="Hanya penyetuju atau administrator Kabupaten Bengkulu Selatan"):
        laporan_semester_kirim(oleh=orang["op_kab"], wilayah=kab, tahun=TAHUN, semester=1)
    client.force_login(orang["bappeda"])
    assert client.post(f"/pembinaan/semester/{KAB_BENGKULU_SELATAN}/{TAHUN}/", {"semester": 1, "catatan": "S1"}).status_code == 302
    k = LaporanSemester.objects.get(wilayah=kab, tahun=TAHUN, semester=1)
    assert k.status == StatusKiriman.DIKIRIM and len(k.isi["baris"]) == kab.anak.count() and k.isi["total"]["kode"] == kab.kode
    jawab = client.post(f"/pembinaan/semester/{KAB_BENGKULU_SELATAN}/{TAHUN}/", {"semester": 1})
    assert jawab.status_code == 400 and "sudah dikirim" in jawab.content.decode()
    assert client.get(f"/pembinaan/semester/kiriman/{k.pk}/").status_code == 200  # the sender reads what it sent
    assert client.post(f"/pembinaan/semester/kiriman/{k.pk}/", {"terima": "1"}).status_code == 302
    assert LaporanSemester.objects.get(pk=k.pk).status == StatusKiriman.DIKIRIM  # not the sender's decision

    # the provinsi sees who has and has not reported, returns it with a reason
    client.force_login(orang["ver_prov"])
    halaman = client.get(f"/pembinaan/semester/17/{TAHUN}/").content.decode()
    assert "Dikirim, menunggu diterima" in halaman and "Belum melapor" in halaman
    with pytest.raises(Ditolak, match="Alasan dikembalikan wajib diisi"):
        laporan_semester_putuskan(oleh=orang["ver_prov"], kiriman=k, terima=False, alasan="")
    client.post(f"/pembinaan/semester/kiriman/{k.pk}/", {"terima": "0", "alasan": "Realisasi APBDes belum lengkap"})
    k.refresh_from_db()
    assert (k.status, k.alasan) == (StatusKiriman.DIKEMBALIKAN, "Realisasi APBDes belum lengkap")
    with pytest.raises(Ditolak, match="hanya laporan yang dikirim"):
        laporan_semester_putuskan(oleh=orang["ver_prov"], kiriman=k, terima=True)

    # the kab/kota reads the reason and sends again; the provinsi receives it
    client.force_login(orang["bappeda"])
    assert "Realisasi APBDes belum lengkap" in client.get(f"/pembinaan/semester/{KAB_BENGKULU_SELATAN}/{TAHUN}/").content.decode()
    laporan_semester_kirim(oleh=orang["bappeda"], wilayah=kab, tahun=TAHUN, semester=1)
    k = laporan_semester_putuskan(oleh=orang["ver_prov"], kiriman=LaporanSemester.objects.get(pk=k.pk), terima=True)
    assert k.status == StatusKiriman.DITERIMA and k.alasan == ""
    assert CatatanAudit.objects.filter(aksi__startswith="laporan_semester_").count() == 4
    # another kab/kota's people do not see it
    client.force_login(orang["bappeda_lain"])
    assert client.get(f"/pembinaan/semester/kiriman/{k.pk}/").status_code == 404
    assert client.get(f"/pembinaan/semester/{KAB_BENGKULU_SELATAN}/{TAHUN}/").status_code == 404


def test_follow_ups_and_reports_to_receive_wait_in_tugas_saya(siklus_terbuka, orang, client):
    from tugas.selectors import tugas_saya

    client.force_login(orang["ver_kab"])
    _catat(client, batas="2100-01-01")
    tugas = [t for t in tugas_saya(orang["camat"]).milik if t.jenis == "tindak-lanjut"]
    assert [(t.wilayah.kode, t.keadaan, t.tutup) for t in tugas] == [(KEC_KEDURANG, "Menunggu tindak lanjut", datetime.date(2100, 1, 1))]
    assert tugas[0].url == f"/pembinaan/{KEC_KEDURANG}/{TAHUN}/"
    assert not [t for t in tugas_saya(orang["camat_tetangga"]).milik if t.jenis == "tindak-lanjut"]
    pembinaan_jawab(oleh=orang["camat"], pembinaan=Pembinaan.objects.get(), jawaban="Sudah.")
    assert not [t for t in tugas_saya(orang["camat"]).milik if t.jenis == "tindak-lanjut"]

    k = laporan_semester_kirim(oleh=orang["bappeda"], wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), tahun=TAHUN, semester=2)
    tugas = [t for t in tugas_saya(orang["ver_prov"]).milik if t.jenis == "laporan-semester"]
    assert [(t.wilayah.kode, t.url) for t in tugas] == [(KAB_BENGKULU_SELATAN, f"/pembinaan/semester/kiriman/{k.pk}/")]
    laporan_semester_putuskan(oleh=orang["ver_prov"], kiriman=k, terima=True)
    assert not [t for t in tugas_saya(orang["ver_prov"]).milik if t.jenis == "laporan-semester"]
