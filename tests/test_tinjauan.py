"""The review by the level above (issue 16, item 2; D87): after a kecamatan Laporan is approved its
kab/kota accepts it, or returns it with a reason, which reopens it for the kecamatan; provinsi
does the same for a kab/kota. The roll-up counts approved data, or per year only accepted data;
Pantau shows the review progress. Every transition, the illegal ones, and foreign wilayah."""
import pytest

from aksi.choices import StatusBagian, StatusLaporan, StatusTinjauan, Transisi
from aksi.models import Laporan, RiwayatLaporan, Tahapan
from aksi.services import (
    Ditolak,
    laporan_kembalikan_atas,
    laporan_terima,
    siklus_atur_rekap,
)
from indikator.models import NilaiDesa
from inti.models import CatatanAudit
from monev.models import Rekap
from monev.selectors import basis_cakupan
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .factories import LaporanFactory
from .tinjauan_bantu import orang, setujui  # noqa: F401  (orang: a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def disetujui(siklus_terbuka, orang):
    """Kedurang's analisis situasi, one value per unit in its last desa, approved by the camat."""
    lap = LaporanFactory(tahun=TAHUN, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").last()
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=lap, desa=desa, item=i, nilai=3) for i in ("S01", "S04", "S06")])
    return setujui(lap, orang)


def test_the_kab_kota_accepts_an_approved_kecamatan_laporan(disetujui, orang):
    assert disetujui.tinjauan == StatusTinjauan.MENUNGGU and disetujui.get_tinjauan_display() == "Menunggu tinjauan"
    lap = laporan_terima(user=orang["ver_kab"], laporan=disetujui, catatan="Lengkap")
    assert lap.tinjauan == StatusTinjauan.DITERIMA and lap.diterima_oleh == orang["ver_kab"]
    assert lap.status == StatusLaporan.DISETUJUI  # still approved, still read-only
    r = RiwayatLaporan.objects.filter(laporan=lap).last()
    assert (r.transisi, r.catatan, r.oleh) == (Transisi.TERIMA, "Lengkap", orang["ver_kab"])
    assert CatatanAudit.objects.filter(aksi="laporan_terima", objek_id=str(lap.pk)).exists()
    with pytest.raises(Ditolak, match="sudah diterima"):
        laporan_terima(user=orang["bappeda_kab"], laporan=lap)


@pytest.mark.parametrize("pelaku", ["camat", "ver_kab_lain", "pemantau_kab", "ver_prov", "op_setcam"])
def test_only_the_verifikator_or_approver_of_the_kab_kota_reviews(disetujui, orang, pelaku):
    with pytest.raises(Ditolak, match="Hanya verifikator atau penyetuju Kabupaten Bengkulu Selatan"):
        laporan_terima(user=orang[pelaku], laporan=disetujui)
    with pytest.raises(Ditolak):
        laporan_kembalikan_atas(user=orang[pelaku], laporan=disetujui, alasan="x")
    assert Laporan.objects.get(pk=disetujui.pk).tinjauan == StatusTinjauan.MENUNGGU


def test_a_laporan_not_approved_cannot_be_reviewed(siklus_terbuka, orang):
    lap = LaporanFactory(tahun=TAHUN, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    assert lap.tinjauan == StatusTinjauan.TIDAK_ADA
    with pytest.raises(Ditolak, match="berstatus draf; hanya laporan yang disetujui dapat ditinjau"):
        laporan_terima(user=orang["ver_kab"], laporan=lap)
    with pytest.raises(Ditolak, match="hanya laporan yang disetujui"):
        laporan_kembalikan_atas(user=orang["ver_kab"], laporan=lap, alasan="Belum lengkap")


def test_a_return_needs_a_reason_and_reopens_the_laporan_for_the_kecamatan(disetujui, orang, client):
    with pytest.raises(Ditolak, match="Alasan"):
        laporan_kembalikan_atas(user=orang["ver_kab"], laporan=disetujui, alasan="  ")
    lap = laporan_kembalikan_atas(user=orang["ver_kab"], laporan=disetujui, alasan="Sasaran balita desa terakhir tidak wajar")
    assert lap.status == StatusLaporan.DIKEMBALIKAN and lap.dibuka_kembali and lap.tinjauan == StatusTinjauan.TIDAK_ADA
    assert set(lap.bagian.values_list("status", flat=True)) == {StatusBagian.DIKEMBALIKAN}
    # the kecamatan's operator reads the reason and who gave it on the Laporan page
    client.force_login(orang["op_puskesmas"])
    halaman = client.get(f"/aksi/laporan/{lap.pk}/").content.decode()
    assert "Dikembalikan Kabupaten Bengkulu Selatan" in halaman and "Sasaran balita desa terakhir tidak wajar" in halaman
    # fixed and approved again: waiting for a new review (an acceptance is of one approval)
    lap = setujui(Laporan.objects.get(pk=lap.pk), orang)
    assert lap.tinjauan == StatusTinjauan.MENUNGGU
    lap = laporan_terima(user=orang["bappeda_kab"], laporan=lap)
    # an accepted Laporan may still be returned (the level above changes its mind, with a reason)
    lap = laporan_kembalikan_atas(user=orang["bappeda_kab"], laporan=lap, alasan="Salah ketik S04")
    assert lap.status == StatusLaporan.DIKEMBALIKAN and lap.tinjauan == StatusTinjauan.TIDAK_ADA
    assert lap.diterima_pada  # the acceptance of the version that stays published while revised (D88)


def test_the_provinsi_reviews_a_kab_kota_and_nobody_reviews_a_provinsi(siklus_terbuka, beri_peran):
    tahapan = Tahapan.objects.get(pk="analisis-situasi")
    kab = Laporan.objects.create(tahun=TAHUN, tahapan=tahapan, wilayah_id=KAB_BENGKULU_SELATAN, status=StatusLaporan.DISETUJUI)
    prov = Laporan.objects.create(tahun=TAHUN, tahapan=tahapan, wilayah_id="17", status=StatusLaporan.DISETUJUI)
    ver_prov = beri_peran("verifikator", "17")
    with pytest.raises(Ditolak):
        laporan_terima(user=beri_peran("approver", KAB_BENGKULU_SELATAN), laporan=kab)  # not its own
    assert laporan_terima(user=ver_prov, laporan=kab).tinjauan == StatusTinjauan.DITERIMA
    assert prov.tinjauan == StatusTinjauan.TIDAK_ADA
    with pytest.raises(Ditolak, match="tidak ditinjau tingkat atas"):
        laporan_terima(user=ver_prov, laporan=prov)


def test_the_pages_offer_the_review_only_to_reviewers_and_foreign_wilayah_answer_404(disetujui, orang, client):
    url = f"/aksi/laporan/{disetujui.pk}/"
    client.force_login(orang["ver_kab"])
    halaman = client.get(url).content.decode()
    assert f'href="{url}terima/"' in halaman and f'href="{url}kembalikan-atas/"' in halaman
    assert "Menunggu tinjauan" in halaman
    assert client.get(f"{url}terima/").status_code == 200  # the confirmation page
    jawab = client.post(f"{url}terima/", {"catatan": "", "konfirmasi": "on"})
    assert jawab.status_code == 302 and Laporan.objects.get(pk=disetujui.pk).diterima_pada
    client.force_login(orang["camat"])
    halaman = client.get(url).content.decode()
    assert "terima/" not in halaman and "kembalikan-atas/" not in halaman and "Diterima" in halaman
    jawab = client.post(f"{url}kembalikan-atas/", {"alasan": "coba", "konfirmasi": "on"})
    assert jawab.status_code == 400 and Laporan.objects.get(pk=disetujui.pk).disetujui
    client.force_login(orang["ver_kab_lain"])
    assert client.get(f"{url}terima/").status_code == 404
    assert client.post(f"{url}kembalikan-atas/", {"alasan": "x", "konfirmasi": "on"}).status_code == 404


def test_pantau_shows_review_progress(disetujui, orang, client):
    client.force_login(orang["ver_kab"])
    url = f"/aksi/pantau/{TAHUN}/analisis-situasi/{KAB_BENGKULU_SELATAN}/"
    halaman = client.get(url).content.decode()
    assert "<strong>0</strong> diterima" in halaman and "<strong>1</strong> disetujui dan menunggu tinjauan" in halaman
    laporan_terima(user=orang["ver_kab"], laporan=disetujui)
    halaman = client.get(url).content.decode()
    assert "<strong>1</strong> diterima" in halaman and "<strong>0</strong> disetujui dan menunggu tinjauan" in halaman
    jumlah = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN).anak.count()
    assert f"<strong>{jumlah - 1}</strong> belum disetujui" in halaman


def test_the_rekap_counts_approved_or_only_accepted_data_per_year(
        disetujui, orang, django_capture_on_commit_callbacks, beri_peran):
    from monev.services import rekap_bangun_ulang

    def s01():
        return Rekap.objects.filter(wilayah_kode=KEC_KEDURANG, tahun=TAHUN, periode="baseline", item="S01") \
            .values_list("jumlah", flat=True).first()

    rekap_bangun_ulang(tahun=TAHUN)
    assert s01() == 3  # approved counts (the default)
    basis = basis_cakupan([KAB_BENGKULU_SELATAN], tahun=TAHUN, periode="baseline")[KAB_BENGKULU_SELATAN]
    assert (basis.kecamatan_tercakup, basis.kecamatan_diterima) == (1, 0)  # the review state beside the number
    with pytest.raises(Ditolak, match="administrator pusat"):
        siklus_atur_rekap(oleh=orang["bappeda_kab"], tahun=TAHUN, hanya_diterima=True)
    admin = beri_peran("administrator", None)
    assert siklus_atur_rekap(oleh=admin, tahun=TAHUN, hanya_diterima=True) is True
    assert siklus_atur_rekap(oleh=admin, tahun=TAHUN, hanya_diterima=True) is False  # nothing changed
    rekap_bangun_ulang(tahun=TAHUN)
    assert s01() is None  # approved but not accepted: not counted this year
    with django_capture_on_commit_callbacks(execute=True):  # the acceptance rolls the kecamatan up again
        laporan_terima(user=orang["ver_kab"], laporan=disetujui)
    assert s01() == 3
    basis = basis_cakupan([KAB_BENGKULU_SELATAN], tahun=TAHUN, periode="baseline")[KAB_BENGKULU_SELATAN]
    assert (basis.kecamatan_tercakup, basis.kecamatan_diterima) == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):  # a return keeps the accepted figures public (D88)
        laporan_kembalikan_atas(user=orang["ver_kab"], laporan=disetujui, alasan="Periksa lagi")
    assert s01() == 3
    basis = basis_cakupan([KAB_BENGKULU_SELATAN], tahun=TAHUN, periode="baseline")[KAB_BENGKULU_SELATAN]
    assert (basis.kecamatan_tercakup, basis.kecamatan_diterima, basis.kecamatan_direvisi) == (1, 1, 1)


def test_the_reviewers_are_told_and_see_the_laporan_in_tugas_saya_the_kecamatan_hears_the_answer(disetujui, orang):
    from notifikasi.models import Notifikasi
    from notifikasi.services import notifikasi_transisi
    from tugas.selectors import tugas_saya

    setuju = RiwayatLaporan.objects.filter(laporan=disetujui, transisi=Transisi.SETUJUI).last()
    penerima = {n.penerima for n in notifikasi_transisi(setuju)}
    assert {orang["ver_kab"], orang["bappeda_kab"]} <= penerima and orang["ver_kab_lain"] not in penerima
    n = Notifikasi.objects.get(riwayat=setuju, penerima=orang["ver_kab"])
    assert "Tinjauan Kabupaten Bengkulu Selatan menunggu" in n.isi
    tugas = [t for t in tugas_saya(orang["ver_kab"]).milik if t.jenis == "tinjau"]
    assert [(t.wilayah.kode, t.keadaan, t.url) for t in tugas] == [(KEC_KEDURANG, "Menunggu tinjauan", f"/aksi/laporan/{disetujui.pk}/")]
    assert not [t for t in tugas_saya(orang["ver_kab_lain"]).milik if t.jenis == "tinjau"]

    laporan_kembalikan_atas(user=orang["ver_kab"], laporan=disetujui, alasan="Periksa S04")
    kembali = RiwayatLaporan.objects.filter(laporan=disetujui, transisi=Transisi.KEMBALIKAN_ATAS).get()
    pesan = {n.penerima: n for n in notifikasi_transisi(kembali)}
    assert {orang["op_setcam"], orang["camat"]} <= set(pesan)
    assert pesan[orang["camat"]].judul.startswith("Laporan dikembalikan Kabupaten Bengkulu Selatan")
    assert "Alasan: Periksa S04" in pesan[orang["op_setcam"]].isi
    assert not [t for t in tugas_saya(orang["ver_kab"]).milik if t.jenis == "tinjau"]  # nothing to review now
    assert any(t.jenis == "perbaiki" and t.alasan == "Periksa S04" for t in tugas_saya(orang["op_setcam"]).milik)


def test_pantau_charts_the_steps_progress_over_its_window(disetujui, orang, client):
    """Issue 17, item 2 (D102): per day, how many wilayah below had submitted and had their Laporan
    approved — a chart and its table; here Kedurang submitted and was approved today."""
    from django.utils import timezone

    client.force_login(orang["ver_kab"])
    halaman = client.get(f"/aksi/pantau/{TAHUN}/analisis-situasi/{KAB_BENGKULU_SELATAN}/").content.decode()
    bagian = halaman.split('data-testid="kemajuan-harian"')[1].split("</section>")[0]
    jumlah = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN).anak.count()
    assert f"(dari {jumlah})" in bagian and bagian.count("<polyline") == 2
    hari_ini = timezone.localdate().strftime("%d-%m-%Y")
    assert f'<tr><td>{hari_ini}</td><td class="text-end">1</td><td class="text-end">1</td></tr>' in bagian
