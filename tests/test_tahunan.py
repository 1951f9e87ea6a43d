"""The annual report (issue 16, item 8; D94): asked for on the portal, made by a Celery task, one PDF
per wilayah and year; its numbers are the rekap's, the budget summary's and the proposals page's."""
import pytest

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from indikator.models import IndikatorCapaian
from inti.models import CatatanAudit
from inti.format import persen, rupiah
from monev.selectors import rekap_cakupan
from penandaan.services import rincian_buat
from tahunan.choices import StatusBuat
from tahunan.models import LaporanTahunan
from tahunan.pdf import html_laporan_tahunan
from tahunan.selectors import isi_laporan
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, TAHUN
from .penandaan_bantu import isian
from .pdf import jumlah_halaman
from .test_basis_publik import satu_kecamatan  # noqa: F401  (an approved Kedurang with values, rolled up)
from .test_usulan import _laporan

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia(satu_kecamatan, beri_peran):  # noqa: F811
    """Kedurang's values (rolled up) and Kab. Bengkulu Selatan's approved APBD murni: A2 Rp2.500.000, F1 Rp1.000.000."""
    murni = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)
    op = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")
    rincian_buat(user=op, laporan=murni, **isian())
    rincian_buat(user=op, laporan=murni, **isian(kode_rekening="5.1.02.01.01.0099", indikator=IndikatorCapaian.objects.get(pk="F1"),
                                                 kelompok="F", volume=1, harga_satuan=1_000_000, total=1_000_000))
    Laporan.objects.filter(pk=murni.pk).update(status=StatusLaporan.DISETUJUI)
    return Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN)


def test_the_report_is_asked_for_made_by_the_task_and_downloaded_in_scope(dunia, beri_peran, client, media,
                                                                           django_capture_on_commit_callbacks):
    client.force_login(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    url = f"/laporan-tahunan/{KAB_BENGKULU_SELATAN}/{TAHUN}/"
    assert "Belum pernah dibuat." in client.get(url).content.decode()
    assert client.get(f"{url}unduh/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # the Celery task (eager here) runs after the commit
        assert client.post(url).status_code == 302
    lap = LaporanTahunan.objects.get(wilayah_id=KAB_BENGKULU_SELATAN, tahun=TAHUN)
    assert lap.status == StatusBuat.SELESAI and CatatanAudit.objects.filter(aksi="laporan_tahunan_minta").count() == 1
    assert "Unduh PDF" in client.get(f"{url}status/").content.decode()
    pdf = b"".join(client.get(f"{url}unduh/").streaming_content)
    assert pdf.startswith(b"%PDF") and jumlah_halaman(pdf) >= 2
    # made again on request: the same row, a new file
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert LaporanTahunan.objects.count() == 1
    client.force_login(beri_peran("pemantau", KAB_LAIN))
    assert client.get(url).status_code == 404 and client.get(f"{url}unduh/").status_code == 404


def test_the_reports_numbers_equal_the_rekap_budget_and_proposals_pages(dunia):
    isi = isi_laporan(dunia, TAHUN)
    rekap = rekap_cakupan(wilayah_kode=KAB_BENGKULU_SELATAN, tahun=TAHUN, periode="baseline")
    for baris in isi.cakupan:  # column 1: baseline of the year
        assert baris.nilai[1] == rekap[baris.item.kode], baris.item.kode
    assert any(b.nilai[1][2] is not None for b in isi.cakupan)
    anggaran = {a.label: (a.murni, a.perubahan) for a in isi.anggaran}
    assert anggaran == {"Intervensi spesifik": (2_500_000, 0), "Intervensi sensitif": (1_000_000, 0)}
    assert isi.total_murni == 3_500_000
    html = html_laporan_tahunan(dunia, TAHUN)
    a1 = rekap["A1"][2]
    assert persen(a1) in html.split('data-item="A1"')[1].split("</tr>")[0]
    assert rupiah(2_500_000) in html and rupiah(3_500_000) in html
    assert html.index("Intervensi spesifik") < html.index('data-item="A1"') < html.index("Intervensi sensitif")
