"""The desa sheet (issue 17, item 3; D98): one A4 page per desa from the public desa page — its
coverage beside the kecamatan and kab/kota, its gaps, the money aimed at it."""
from decimal import Decimal

import pytest

from aksi.choices import SumberDana
from analisis.models import ProgramKegiatan
from inti.format import persen
from publikasi.lembar_desa import html_lembar_desa

from .conftest import KEC_KEDURANG
from .pdf import jumlah_halaman
from .test_basis_publik import satu_kecamatan  # noqa: F401  (Kedurang approved: 4 desa with S04 10, A2 2)

pytestmark = pytest.mark.django_db


def test_the_desa_sheet_is_one_page_with_its_coverage_gaps_and_programs(satu_kecamatan, client):  # noqa: F811
    from indikator.selectors import desa_laporan
    from wilayah.models import Wilayah

    desa = Wilayah.objects.get(kode=list(desa_laporan(satu_kecamatan))[0])
    program = ProgramKegiatan.objects.create(laporan=satu_kecamatan, indikator_id="A2", nama="Kelas ibu hamil", volume=12,
                                             satuan="kali", anggaran=Decimal(4_500_000), sumber_dana=SumberDana.APBDES)
    program.lokasi.add(desa)
    halaman = client.get(f"/publik/wilayah/{desa.kode}/").content.decode()
    assert f'href="/publik/wilayah/{desa.kode}/lembar-desa.pdf"' in halaman
    html = html_lembar_desa(desa)
    baris = html.split('data-item="A2"')[1].split("</tr>")[0]
    assert persen(20) in baris and 'class="senjang"' in html.split('data-item="A2"')[0][-30:]  # 20% < 70%: a gap
    assert "Kelas ibu hamil" in html and "Rp4.500.000" in html
    pdf = client.get(f"/publik/wilayah/{desa.kode}/lembar-desa.pdf")
    isi = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert pdf["Content-Type"] == "application/pdf" and jumlah_halaman(isi) == 1
    assert client.get(f"/publik/wilayah/{KEC_KEDURANG}/lembar-desa.pdf").status_code == 404


def test_the_documents_are_tagged_pdf_ua(satu_kecamatan):  # noqa: F811
    """Screen readers can read the portal's PDFs (issue 17, item 5; D100): PDF/UA-1 with a structure tree and a language."""
    from analisis.pdf import dokumen_analisis_situasi
    from indikator.selectors import desa_laporan
    from publikasi.lembar_desa import pdf_lembar_desa
    from wilayah.models import Wilayah

    from .pdf import tertandai

    assert tertandai(dokumen_analisis_situasi(satu_kecamatan))
    assert tertandai(pdf_lembar_desa(Wilayah.objects.get(kode=list(desa_laporan(satu_kecamatan))[0])))


def test_grid_headers_show_a_short_readable_name_under_each_code(siklus_terbuka, klien_dengan, beri_peran):
    """Issue 17, item 4: not only the code in the narrow headers of the entry grid."""
    from indikator.katalog import daftar_item

    from .factories import LaporanFactory
    from wilayah.models import Wilayah

    a1 = next(i for i in daftar_item() if i.kode == "A1")
    assert a1.nama_pendek == "ibu hamil KEK mendapat…" and len(a1.nama_pendek) <= 23
    lap = LaporanFactory(wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    halaman = klien_dengan(beri_peran("operator", KEC_KEDURANG)).get(f"/aksi/laporan/{lap.pk}/isian/").content.decode()
    kepala = halaman.split('<th data-k="A1"')[1].split("</th>")[0]
    assert '<small class="nama-kolom">ibu hamil KEK mendapat…</small>' in kepala


def test_an_empty_export_still_carries_its_column_headers(client):
    """Issue 17, item 6: a list with no rows downloads as its header, not as an empty file."""
    jawab = client.get("/api/v1/regulasi/?format=csv&wilayah=99")
    isi = jawab.content.decode("utf-8-sig").strip()
    assert jawab.status_code == 200 and isi and "," in isi.splitlines()[0] and len(isi.splitlines()) == 1
