"""Published numbers are stable (issue 16, item 2; D88): reopening an approved kecamatan Laporan
keeps its last approved figures — and every ancestor's — on the public pages, the API and the
rekap, marked as under revision, until the new version is approved; the superseded version stays
readable (history, CSV)."""
import csv
import io

import pytest

from aksi.models import Laporan
from aksi.services import laporan_buka_kembali, laporan_kembalikan_atas
from indikator.models import NilaiDesa, NilaiTerbit, VersiTerbit
from isian.services import nilai_simpan
from monev.services import rekap_bangun_ulang
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .factories import LaporanFactory
from .tinjauan_bantu import orang, setujui  # noqa: F401  (orang: a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def terbit(siklus_terbuka, orang, django_capture_on_commit_callbacks):
    """Kedurang's analisis situasi approved with A1 = 40 of S07 = 50 in its last desa, rolled up."""
    lap = LaporanFactory(tahun=TAHUN, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").last()
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=lap, desa=desa, item=i, nilai=n)
                                   for i, n in (("S01", 9), ("S07", 50), ("S06", 7), ("A1", 40))])
    with django_capture_on_commit_callbacks(execute=True):
        lap = setujui(lap, orang)
    rekap_bangun_ulang(tahun=TAHUN)
    return lap, desa


def _a1(client, kode):
    baris = client.get(f"/api/v1/cakupan/?wilayah={kode}&tahun={TAHUN}&periode=baseline").json()
    baris = baris.get("results", baris) if isinstance(baris, dict) else baris
    return next((b["pembilang"], b["penyebut"]) for b in baris if b["indikator"] == "A1")


def test_reopening_keeps_the_last_approved_figures_public_until_the_new_version_is_approved(
        terbit, orang, client, django_capture_on_commit_callbacks):
    lap, desa = terbit
    leluhur = [KEC_KEDURANG, KAB_BENGKULU_SELATAN, "17", ""]
    sebelum = {k: _a1(client, k) for k in leluhur}
    assert sebelum[KEC_KEDURANG] == (40, 50)
    assert "Sedang direvisi" not in client.get(f"/publik/wilayah/{KEC_KEDURANG}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        laporan_buka_kembali(user=orang["camat"], laporan=lap, alasan="Sasaran balita salah hitung")
    lap = Laporan.objects.get(pk=lap.pk)
    assert lap.direvisi and NilaiTerbit.objects.filter(laporan=lap).count() == 4
    # the operator corrects the values of the reopened Laporan
    nilai_simpan(user=orang["op_puskesmas"], laporan=lap, isian={(desa.kode, "S07"): 80, (desa.kode, "A1"): 60},
                 versi={b.unit_id: b.versi for b in lap.bagian.all()})
    with django_capture_on_commit_callbacks(execute=True):
        rekap_bangun_ulang(tahun=TAHUN)  # even a full rebuild keeps the published figures
    assert {k: _a1(client, k) for k in leluhur} == sebelum
    for kode in (KEC_KEDURANG, KAB_BENGKULU_SELATAN, desa.kode):
        halaman = client.get(f"/publik/wilayah/{kode}/").content.decode()
        assert "Belum ada data cakupan" not in halaman, kode
    halaman = client.get(f"/publik/wilayah/{KEC_KEDURANG}/").content.decode()
    assert 'data-testid="direvisi"' in halaman and "Laporan kecamatan ini sedang direvisi" in halaman
    kab = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/").content.decode()
    assert "Laporan 1 kecamatan sedang direvisi" in kab
    # the superseded version is listed with its reason; its values download as CSV
    versi = VersiTerbit.objects.get(laporan=lap)
    assert versi.alasan == "Sasaran balita salah hitung" and versi.jumlah_nilai == 4
    assert "Sasaran balita salah hitung" in halaman and f"/publik/wilayah/{KEC_KEDURANG}/versi/{versi.pk}.csv" in halaman
    unduh = client.get(f"/publik/wilayah/{KEC_KEDURANG}/versi/{versi.pk}.csv")
    baris = list(csv.reader(io.StringIO(unduh.content.decode("utf-8-sig"))))
    assert baris[0] == ["Kode desa", "Desa", "Item", "Nilai"] and [desa.kode, desa.nama, "A1", "40"] in baris
    assert client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/versi/{versi.pk}.csv").status_code == 404

    # approved again: the new figures everywhere, nothing under revision, the history kept
    with django_capture_on_commit_callbacks(execute=True):
        lap = setujui(Laporan.objects.get(pk=lap.pk), orang)
    assert not lap.direvisi and not NilaiTerbit.objects.filter(laporan=lap).exists()
    assert _a1(client, KEC_KEDURANG) == (60, 80)
    assert _a1(client, "")[0] - sebelum[""][0] == 20
    halaman = client.get(f"/publik/wilayah/{KEC_KEDURANG}/").content.decode()
    assert 'data-testid="direvisi"' not in halaman and 'data-testid="versi-terbit"' in halaman


def test_a_return_by_the_level_above_also_keeps_the_figures(terbit, orang, client, django_capture_on_commit_callbacks):
    lap, _ = terbit
    sebelum = _a1(client, KAB_BENGKULU_SELATAN)
    with django_capture_on_commit_callbacks(execute=True):
        laporan_kembalikan_atas(user=orang["ver_kab"], laporan=lap, alasan="Cek ulang A1")
    assert _a1(client, KAB_BENGKULU_SELATAN) == sebelum
    client.force_login(orang["op_setcam"])
    halaman = client.get(f"/aksi/laporan/{lap.pk}/").content.decode()
    assert "Laporan ini sedang direvisi" in halaman and "Cek ulang A1" in halaman
