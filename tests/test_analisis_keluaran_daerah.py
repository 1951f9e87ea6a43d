"""The kab/kota and provinsi analisis situasi outputs (issue 16, item 1; D95): problems with their
causes, recommendations and proposals (Bappeda's part), budget targets vs achievement per
indicator and OPD with an Excel round trip, the problems and proposals of the kecamatan below by
indicator, and all of it in the PDF."""
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from analisis.models import MasalahLayanan, TargetAnggaran, UsulanProgram
from analisis.pdf import html_analisis_situasi
from analisis.services import masalah_buat, rekomendasi_buat, usulan_buat
from inti.galat import Ditolak
from inti.models import CatatanAudit
from wilayah.models import UnitKerja, Wilayah

from .analisis_bantu import _indikator, _laporan, _url, _versi, lap_kab, lap_kec, siklus  # noqa: F401
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def bappeda(beri_peran):
    return beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda")


def _usulan(**ubah) -> dict:
    return {"indikator": _indikator("A1"), "nama": "PMT lokal berbasis pangan desa", "volume": Decimal(40), "satuan": "paket",
            "perkiraan_anggaran": Decimal(120_000_000), "sumber_dana": "apbd_kabkota"} | ubah


def test_bappeda_writes_the_kab_kota_problems_causes_recommendations_and_proposals(lap_kab, bappeda, beri_peran):  # noqa: F811
    m = masalah_buat(user=bappeda, laporan=lap_kab, indikator=_indikator("A1"), sisi="ketersediaan",
                     uraian="PMT tidak sampai ke 4 kecamatan", penyebab="Anggaran distribusi tidak ditandai")
    assert m.bagian.unit_id == "bappeda" and m.penyebab.startswith("Anggaran")
    rekomendasi_buat(user=bappeda, laporan=lap_kab, indikator=None, uraian="Tandai distribusi PMT di RKPD")
    kec = Wilayah.objects.get(kode=KEC_KEDURANG)
    u = usulan_buat(user=bappeda, laporan=lap_kab, lokasi=[kec], **_usulan())
    assert list(u.lokasi.values_list("kode", flat=True)) == [KEC_KEDURANG]  # located in a kecamatan below
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).first()
    with pytest.raises(ValidationError, match="Bukan wilayah di bawah Kabupaten Bengkulu Selatan"):
        usulan_buat(user=bappeda, laporan=lap_kab, lokasi=[desa], **_usulan())
    with pytest.raises(Ditolak, match="Bappeda"):  # another OPD does not write Bappeda's part
        masalah_buat(user=beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes"), laporan=lap_kab,
                     indikator=_indikator("A1"), sisi="penerima", uraian="x")


def test_the_budget_targets_page_and_its_excel_round_trip(lap_kab, bappeda, klien_dengan):  # noqa: F811
    klien = klien_dengan(bappeda)
    jawab = klien.post(_url("target-anggaran", lap_kab), {"indikator": "A1", "unit": "dinkes", "target": "250.000.000",
                                                          "capaian": "198.500.000", "versi": _versi(lap_kab, "bappeda")})
    assert jawab.status_code in (200, 302)
    t = TargetAnggaran.objects.get(laporan=lap_kab)
    assert (t.indikator_id, t.unit_id, t.target, round(t.persen)) == ("A1", "dinkes", 250_000_000, 79)

    unduh = klien.get(_url("target-anggaran-xlsx", lap_kab))
    assert unduh["Content-Type"] == XLSX
    buku = openpyxl.load_workbook(io.BytesIO(b"".join(unduh.streaming_content)))
    ws = buku["Target anggaran"]
    assert [c.value for c in ws[1]][:4] == ["Kode indikator", "OPD", "Target anggaran (Rp)", "Capaian/realisasi (Rp)"]
    assert [c.value for c in ws[2]][:4] == ["A1", "Dinkes", 250000000, 198500000]
    ws.append(["F1", "PUPR", 400_000_000, 380_000_000, "SPAM desa"])
    ws["D2"] = 210_000_000
    keluar = io.BytesIO()
    buku.save(keluar)
    jawab = klien.post(_url("target-anggaran-unggah", lap_kab), {
        "berkas": SimpleUploadedFile("target.xlsx", keluar.getvalue(), content_type=XLSX), "versi": _versi(lap_kab, "bappeda")})
    assert jawab.status_code == 302
    assert dict(TargetAnggaran.objects.filter(laporan=lap_kab).values_list("unit_id", "capaian")) == {
        "dinkes": Decimal(210_000_000), "pupr": Decimal(380_000_000)}
    assert CatatanAudit.objects.filter(aksi="target_anggaran_impor").count() == 1


def _unggah(klien, laporan, baris: list[list]):
    buku = openpyxl.Workbook()
    ws = buku.active
    ws.title = "Target anggaran"
    ws.append(["Kode indikator", "OPD", "Target anggaran (Rp)", "Capaian/realisasi (Rp)", "Keterangan"])
    for b in baris:
        ws.append(b)
    keluar = io.BytesIO()
    buku.save(keluar)
    return klien.post(_url("target-anggaran-unggah", laporan), {
        "berkas": SimpleUploadedFile("target.xlsx", keluar.getvalue(), content_type=XLSX)})


def test_a_bad_upload_names_every_problem_and_saves_nothing(lap_kab, bappeda, klien_dengan):  # noqa: F811
    klien = klien_dengan(bappeda)
    TargetAnggaran.objects.create(laporan=lap_kab, indikator_id="A2", unit_id="dinkes", target=1, capaian=1)
    jawab = _unggah(klien, lap_kab, [
        ["Z9", "Dinkes", 100, 50, ""],  # unknown indicator
        ["A1", "Dinas Antah", 100, 50, ""],  # unknown OPD
        ["A1", "Dinkes", -5, 50, ""],  # negative
        ["A2", "Dinkes", "seratus", 50, ""],  # not a number
        ["A3", "Dinkes", "=100*2", 50, ""],  # a formula
        ["A4", "Dinkes", 100, 50, ""], ["A4", "Dinkes", 100, 60, ""],  # twice
    ])
    isi = jawab.content.decode()
    assert jawab.status_code == 400
    for pesan in ("kode indikator tidak dikenal: &#x27;Z9&#x27;", "OPD tidak dikenal", "Target anggaran tidak boleh negatif",
                  "Target anggaran", "sel berisi rumus", "A4 Dinkes sudah ada di baris 7"):
        assert pesan in isi, pesan
    assert "baris 2" in isi and "kolom A" in isi
    assert list(TargetAnggaran.objects.filter(laporan=lap_kab).values_list("indikator_id", flat=True)) == ["A2"]
    pdf = klien.post(_url("target-anggaran-unggah", lap_kab), {"berkas": SimpleUploadedFile("x.xlsx", b"%PDF-1.7 bukan excel")})
    assert pdf.status_code == 400 and "berkas PDF" in pdf.content.decode()


def test_the_kecamatan_problems_and_proposals_below_by_indicator_and_the_pdf(lap_kab, lap_kec, bappeda, op_setcam, klien_dengan):  # noqa: F811
    masalah_buat(user=op_setcam, laporan=lap_kec, indikator=_indikator("A1"), sisi="penerima", uraian="Ibu hamil KEK enggan datang",
                 penyebab="Jarak posyandu jauh")
    masalah_buat(user=op_setcam, laporan=lap_kec, indikator=_indikator("A1"), sisi="ketersediaan", uraian="Stok PMT habis")
    usulan_buat(user=op_setcam, laporan=lap_kec, **_usulan())
    tetangga = _laporan(KEC_TETANGGA)
    MasalahLayanan.objects.create(laporan=tetangga, indikator=_indikator("A1"), sisi="penerima", uraian="Draf tetangga")
    Laporan.objects.filter(pk=lap_kec.pk).update(status=StatusLaporan.DISETUJUI)
    klien = klien_dengan(bappeda)
    halaman = klien.get(_url("masalah-bawah", lap_kab)).content.decode()
    bagian_a1 = halaman.split('data-indikator="A1"')[1].split("</section>")[0]
    assert "2 masalah (penerima layanan 1, ketersediaan layanan 1, tata kelola 0) · 1 usulan · dari 1 wilayah" in bagian_a1
    assert "Jarak posyandu jauh" in bagian_a1 and "Draf tetangga" not in halaman
    assert klien.get(_url("masalah-bawah", lap_kec)).status_code == 404  # a kecamatan has no kecamatan below

    masalah_buat(user=bappeda, laporan=lap_kab, indikator=_indikator("A1"), sisi="tata_kelola", uraian="Koordinasi lemah",
                 penyebab="Tim percepatan belum rapat")
    usulan_buat(user=bappeda, laporan=lap_kab, lokasi=[Wilayah.objects.get(kode=KEC_KEDURANG)], **_usulan())
    TargetAnggaran.objects.create(laporan=lap_kab, indikator_id="A1", unit=UnitKerja.objects.get(pk="dinkes"),
                                  target=200_000_000, capaian=150_000_000)
    html = html_analisis_situasi(lap_kab)
    for teks in ("6. Masalah, kendala dan penyebabnya", "Tim percepatan belum rapat", "7. Rekomendasi",
                 "8. Usulan program/kegiatan", "PMT lokal berbasis pangan desa", "Kedurang",
                 "9. Target dan capaian anggaran per indikator dan OPD", "Rp200.000.000"):
        assert teks in html, teks
    assert UsulanProgram.objects.filter(laporan=lap_kab).count() == 1
