"""Formulas never cross the portal's borders.

In: a formula cell in any uploaded workbook (desa grid template, RAD logframe, SIPD lines) is an
error naming sheet, row and column, never read as empty or as its cached value, and nothing is
saved. Out: every CSV and xlsx the portal writes neutralises user text a spreadsheet would run
(OWASP "CSV Injection": text starting with =, +, -, @, tab or CR) — CSV cells get a leading
apostrophe, xlsx cells stay the exact text as a string cell (never a formula), numbers stay numbers.
"""
import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from indikator.models import IndikatorCapaian, NilaiDesa
from inti.ekspor import sel_aman, sel_xlsx
from inti.galat import IsianTidakValid
from isian.excel import baca_unggahan, buat_templat, impor_excel
from isian.services import kunci_versi, nilai_simpan
from penandaan.models import RincianBelanja
from penandaan.sipd import KOLOM, LEMBAR, impor_sipd
from publikasi.models import (
    JenisPublikasi,
    JenisRegulasi,
    Publikasi,
    Regulasi,
    StatusPublikasi,
)
from rad.ekspor import dasbor_xlsx
from rad.excel import buat_logframe_xlsx, impor_logframe
from rad.models import Keluaran, RegulasiRAD
from rad.selectors import dasbor_rad
from rad.services import regulasi_simpan
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# What a user types into a title or a description field to make a spreadsheet run something.
RACUN = ['=HYPERLINK("http://x","y")', "+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"]
RACUN_SATU_BARIS = RACUN[:4]  # survive readers that fold whitespace
RACUN_XLSX = [t.replace("\r", "\n") for t in RACUN]  # XML reads a raw CR in text back as LF


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _tanpa_batas(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/min", "user": "100000/min"})


# --- checks of what a download holds -----------------------------------------------------------------

def _baris_csv(jawaban) -> list[dict]:
    assert jawaban.status_code == 200, jawaban.content[:300]
    return list(csv.DictReader(io.StringIO(jawaban.content.decode("utf-8-sig"), newline="")))


def _csv_aman(nilai: str) -> str:
    """The CSV cell starts with an apostrophe and holds the typed text after it."""
    assert nilai.startswith("'"), repr(nilai)
    assert nilai[1:] in RACUN, repr(nilai)
    return nilai[1:]


def _tanpa_rumus(isi: bytes) -> None:
    """No worksheet of the file holds a formula element at all."""
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
        for nama in arsip.namelist():
            if nama.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >/]", arsip.read(nama)), nama


def _sel_racun(isi: bytes, lembar: str | None = None) -> list:
    """Every cell whose value is one of RACUN, each checked to be a string cell that Excel keeps as
    text when it is edited (quote prefix)."""
    buku = openpyxl.load_workbook(io.BytesIO(isi))
    ws = buku[lembar] if lembar else buku.active
    sel = [c for baris in ws.iter_rows() for c in baris if isinstance(c.value, str) and c.value in RACUN_XLSX]
    for c in sel:
        assert (c.data_type, c.quotePrefix) == ("s", True), (c.coordinate, c.value, c.data_type, c.quotePrefix)
    return sel


# --- the shared function --------------------------------------------------------------------------------

def test_sel_aman_prefixes_dangerous_text_and_leaves_numbers_alone():
    for teks in RACUN:
        assert sel_aman(teks) == "'" + teks
    assert sel_aman("=") == "'="
    for biasa in ("Posyandu aktif", "", "1.234", "12,5", "'=sudah", " =spasi dulu"):
        assert sel_aman(biasa) == biasa
    # numbers, and text that is exactly a plain number (a serialised decimal), stay as they are
    for angka in (-1, 0, 2.5, -2.5, Decimal("-12.50"), "-12.50", "-3", None, True):
        assert sel_aman(angka) == angka


def test_sel_xlsx_writes_text_cells_and_numbers():
    buku = openpyxl.Workbook(write_only=True)
    ws = buku.create_sheet("x")
    ws.append([sel_xlsx(ws, v) for v in [*RACUN, -1, -2.5, "biasa"]])
    isi = io.BytesIO()
    buku.save(isi)
    _tanpa_rumus(isi.getvalue())
    baris = next(openpyxl.load_workbook(io.BytesIO(isi.getvalue()))["x"].iter_rows())
    assert [c.value for c in baris[:len(RACUN)]] == RACUN_XLSX
    assert all(c.data_type == "s" and c.quotePrefix for c in baris[:len(RACUN)])
    assert [(c.value, c.data_type) for c in baris[len(RACUN):]] == [(-1, "n"), (-2.5, "n"), ("biasa", "s")]


# --- API downloads (anonymous) --------------------------------------------------------------------------

def _laporan(kode_tahapan: str, kode: str, status: str | None = None) -> Laporan:
    laporan = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                                      tahapan=Tahapan.objects.get(pk=kode_tahapan), wilayah=Wilayah.objects.get(kode=kode))
    if status:
        Laporan.objects.filter(pk=laporan.pk).update(status=status)
    return laporan


def test_publikasi_csv_and_xlsx_neutralise_typed_formulas(siklus_terbuka):
    for n, judul in enumerate(RACUN):
        Publikasi.objects.create(wilayah_id=KEC_KEDURANG, jenis=JenisPublikasi.BERITA, judul=judul, slug=f"racun-{n}",
                                 isi=judul, status=StatusPublikasi.TERBIT, diterbitkan_pada=timezone.now())
    anonim = APIClient()
    baris = _baris_csv(anonim.get("/api/v1/publikasi/", {"format": "csv"}))
    assert sorted(_csv_aman(b["judul"]) for b in baris) == sorted(RACUN)
    assert all(b["id"].isdigit() for b in baris)  # numbers are not prefixed

    xlsx = anonim.get("/api/v1/publikasi/", {"format": "xlsx"})
    assert xlsx.status_code == 200
    _tanpa_rumus(xlsx.content)
    sel = _sel_racun(xlsx.content)
    assert sorted(c.value for c in sel) == sorted(RACUN_XLSX * 2)  # judul and isi, text kept exactly
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    kolom_id = [c.value for c in ws[1]].index("id")
    assert all(ws.cell(r, kolom_id + 1).data_type == "n" for r in range(2, ws.max_row + 1))


def test_regulasi_csv_and_xlsx_neutralise_typed_formulas(siklus_terbuka):
    laporan = _laporan("regulasi", KEC_KEDURANG, StatusLaporan.DISETUJUI)
    for n, judul in enumerate(RACUN):
        Regulasi.objects.create(laporan=laporan, jenis=JenisRegulasi.SURAT_EDARAN, nomor=f"400/{n}", tanggal=datetime.date(2026, 3, 1),
                                judul=judul, berkas=SimpleUploadedFile("berkas.pdf", PDF), dipublikasikan=True,
                                dipublikasikan_pada=timezone.now())
    anonim = APIClient()
    baris = _baris_csv(anonim.get("/api/v1/regulasi/", {"format": "csv"}))
    assert sorted(_csv_aman(b["judul"]) for b in baris) == sorted(RACUN)
    xlsx = anonim.get("/api/v1/regulasi/", {"format": "xlsx"})
    _tanpa_rumus(xlsx.content)
    assert sorted(c.value for c in _sel_racun(xlsx.content)) == sorted(RACUN_XLSX)


# --- RAD: dashboard xlsx and logframe xlsx --------------------------------------------------------------

@pytest.fixture(scope="module")
def _rad_bengkulu_dimuat(dunia_modul):
    call_command("muat_rad_bengkulu", verbosity=0)  # once per module; every test rolls back to it


@pytest.fixture
def rad_bengkulu(_rad_bengkulu_dimuat, db):
    return RegulasiRAD.objects.get(wilayah_id="17", nomor="45", tahun=2025)


def _racuni_keluaran(regulasi) -> list[Keluaran]:
    keluaran = list(Keluaran.objects.filter(regulasi=regulasi, target__tahun=2026).distinct().order_by("pk")[:len(RACUN_SATU_BARIS)])
    for k, teks in zip(keluaran, RACUN_SATU_BARIS, strict=True):
        Keluaran.objects.filter(pk=k.pk).update(uraian=teks, satuan=teks)
    return keluaran


def test_rad_dashboard_xlsx_neutralises_typed_formulas(rad_bengkulu):
    _racuni_keluaran(rad_bengkulu)
    isi = dasbor_xlsx(dasbor_rad(regulasi=rad_bengkulu, tahun=2026, hari=datetime.date(2026, 6, 1)))
    _tanpa_rumus(isi)
    assert sorted(c.value for c in _sel_racun(isi, "Target vs realisasi")) == sorted(RACUN_SATU_BARIS * 2)


def test_rad_logframe_xlsx_neutralises_typed_formulas_and_round_trips_them_exactly(rad_bengkulu, beri_peran):
    _racuni_keluaran(rad_bengkulu)
    isi = buat_logframe_xlsx(rad_bengkulu)
    _tanpa_rumus(isi)
    sel = _sel_racun(isi, "Logframe")
    assert sorted(c.value for c in sel) == sorted(RACUN_SATU_BARIS * 2)
    assert all(not c.value.startswith("'") for c in sel)
    # the download is also the import template: the text comes back exactly as typed
    admin = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    kab = regulasi_simpan(user=admin, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), nomor="12", tahun=2026,
                          judul="Perbup uji", tahun_mulai=2025, tahun_selesai=2029)
    impor_logframe(user=admin, regulasi=kab, berkas=SimpleUploadedFile("l.xlsx", isi))
    for teks in RACUN_SATU_BARIS:
        assert Keluaran.objects.filter(regulasi=kab, uraian=teks, satuan=teks).count() == 1, teks


# --- penandaan: the budget lines export -----------------------------------------------------------------

def test_anggaran_xlsx_export_neutralises_typed_formulas(siklus_terbuka, beri_peran, klien_dengan):
    laporan = _laporan("penandaan-apbd", KEC_KEDURANG)
    ind = IndikatorCapaian.objects.get(pk="A2")
    for n, teks in enumerate(RACUN):
        RincianBelanja.objects.create(
            laporan=laporan, unit_id=laporan.bagian.first().unit_id, kode_program="1.02.02", nama_program=teks,
            kode_kegiatan="1.02.02.2.02", nama_kegiatan="Layanan", kode_subkegiatan="1.02.02.2.02.0001",
            nama_subkegiatan="Layanan ibu hamil", kode_rekening=f"5.1.02.01.01.{n:04d}", uraian=teks,
            volume=Decimal(1), satuan="paket", harga_satuan=Decimal(1000), total=Decimal(1000),
            indikator=ind, kelompok_id=ind.kelompok_id, arah="layanan", sumber_dana="apbdes")
    klien = klien_dengan(beri_peran("operator", KEC_KEDURANG))
    jawab = klien.get(reverse("penandaan:anggaran-ekspor"), {"wilayah": KEC_KEDURANG, "tahun": TAHUN, "semua": "1"})
    assert jawab.status_code == 200
    isi = b"".join(jawab.streaming_content)
    _tanpa_rumus(isi)
    sel = _sel_racun(isi)
    assert sorted(c.value for c in sel) == sorted(RACUN_XLSX * 2)  # uraian and nama program
    ws = openpyxl.load_workbook(io.BytesIO(isi)).active
    kolom_total = [c.value for c in ws[1]].index("Total (Rp)")
    assert {ws.cell(r, kolom_total + 1).data_type for r in range(2, ws.max_row + 1)} == {"n"}


# --- indikator: the grid template ---------------------------------------------------------------------

@pytest.fixture
def laporan(laporan_kedurang):
    return laporan_kedurang


@pytest.fixture
def operator(beri_peran):
    return beri_peran("operator", KEC_KEDURANG)


@pytest.fixture
def desa():
    return list(Wilayah.objects.filter(induk_id=KEC_KEDURANG, tingkat=Tingkat.DESA).order_by("kode").values_list("kode", flat=True))


def test_grid_template_writes_desa_names_as_text(laporan, desa, operator):
    Wilayah.objects.filter(kode=desa[0]).update(nama="=HYPERLINK(\"http://x\",\"y\")")
    Wilayah.objects.filter(kode=desa[1]).update(nama="@SUM(A1)")
    isi = buat_templat(laporan)
    _tanpa_rumus(isi)
    assert sorted(c.value for c in _sel_racun(isi, "Data Desa")) == sorted(['=HYPERLINK("http://x","y")', "@SUM(A1)"])
    # and the template still uploads (names are not read back)
    isian, _, _, _ = baca_unggahan(SimpleUploadedFile("t.xlsx", isi, content_type=XLSX), laporan)
    assert all(v is None for v in isian.values())


# --- uploads: a formula cell is an error, nothing is saved ----------------------------------------------

def _simpan(wb) -> bytes:
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _dengan_nilai_tersimpan(isi: bytes, nilai: str) -> bytes:
    """What Excel writes: the formula with its last computed value cached next to it."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as asal, zipfile.ZipFile(keluaran, "w") as tujuan:
        for item in asal.infolist():
            data = asal.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb"(<f>[^<]*</f>)<v\s*/?>(</v>)?", rb"\1<v>" + nilai.encode() + rb"</v>", data)
            tujuan.writestr(item, data)
    return keluaran.getvalue()


def test_grid_upload_refuses_formula_cells_and_saves_nothing(laporan, operator, desa):
    versi = {kunci_versi(b.unit_id): b.versi for b in laporan.bagian.all()}
    nilai_simpan(user=operator, laporan=laporan, isian={(desa[0], "A2"): 7, (desa[1], "S01"): 900}, versi=versi)
    sebelum = set(NilaiDesa.objects.filter(laporan=laporan).values_list("desa_id", "item", "nilai"))
    wb = openpyxl.load_workbook(io.BytesIO(buat_templat(laporan)))
    ws = wb["Data Desa"]
    kepala = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Kode desa")
    kolom = {ws.cell(kepala, c).value: c for c in range(1, ws.max_column + 1)}
    baris = {ws.cell(r, 1).value: r for r in range(kepala + 1, ws.max_row + 1)}
    ws.cell(baris[desa[0]], kolom["A2"], "=1+1")
    ws.cell(baris[desa[1]], kolom["S01"], '=HYPERLINK("http://x","y")')
    ws.cell(baris[desa[2]], kolom["S04"], 12)  # a valid change in the same file is not saved either
    isi = _dengan_nilai_tersimpan(_simpan(wb), "2")  # Excel's cached results do not make it acceptable
    with pytest.raises(IsianTidakValid) as exc:
        impor_excel(user=operator, laporan=laporan, berkas=SimpleUploadedFile("t.xlsx", isi, content_type=XLSX))
    pesan = [str(k) for k in exc.value.kesalahan]
    huruf = {k: openpyxl.utils.get_column_letter(c) for k, c in kolom.items() if k}
    assert any(p.startswith(f"lembar 'Data Desa', baris {baris[desa[0]]}, kolom {huruf['A2']} (A2): sel berisi rumus '=1+1'")
               for p in pesan), pesan
    assert any(p.startswith(f"lembar 'Data Desa', baris {baris[desa[1]]}, kolom {huruf['S01']} (S01): sel berisi rumus")
               for p in pesan), pesan
    assert set(NilaiDesa.objects.filter(laporan=laporan).values_list("desa_id", "item", "nilai")) == sebelum


def test_grid_upload_refuses_a_formula_in_the_hidden_meta_sheet(laporan):
    wb = openpyxl.load_workbook(io.BytesIO(buat_templat(laporan)))
    wb["meta"]["B2"] = "=1+1"
    with pytest.raises(IsianTidakValid) as exc:
        baca_unggahan(SimpleUploadedFile("t.xlsx", _simpan(wb), content_type=XLSX), laporan)
    assert str(exc.value.kesalahan[0]).startswith("lembar 'meta', baris 2, kolom B: sel berisi rumus")


@pytest.fixture
def rad_kab(rad_bengkulu, beri_peran):
    admin = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    regulasi = regulasi_simpan(user=admin, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), nomor="12", tahun=2026,
                               judul="Perbup uji", tahun_mulai=2026, tahun_selesai=2029)
    return admin, regulasi


def test_logframe_upload_refuses_formula_cells_and_saves_nothing(rad_kab):
    admin, regulasi = rad_kab
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Logframe"
    ws.append(["Pilar", "Nama Pilar", "Strategi Pencapaian", "Instrumen", "Keluaran", "Satuan", "2026", "2027", "2028", "2029",
               "Kumulatif", "Penanggung Jawab", "Pendukung"])
    ws.append([1, "Komitmen", "S", "I", '=HYPERLINK("http://x","y")', "dokumen", "=1+1", 1, 1, 1, "", "bappeda", ""])
    ws.append([None, None, None, None, "Keluaran baik", "dokumen", 1, 1, 1, 1, "", "bappeda", ""])
    with pytest.raises(IsianTidakValid) as exc:
        impor_logframe(user=admin, regulasi=regulasi, berkas=SimpleUploadedFile("l.xlsx", _dengan_nilai_tersimpan(_simpan(wb), "2")))
    pesan = [str(k) for k in exc.value.kesalahan]
    assert any(p.startswith("lembar 'Logframe', baris 2, kolom E (Keluaran): sel berisi rumus") for p in pesan), pesan
    assert any(p.startswith("lembar 'Logframe', baris 2, kolom G (2026): sel berisi rumus '=1+1'") for p in pesan), pesan
    assert not Keluaran.objects.filter(regulasi=regulasi).exists()


def test_sipd_upload_refuses_formula_cells_and_saves_nothing(siklus_terbuka, beri_peran):
    laporan = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)
    op = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")
    data = {
        "kode_program": "1.02.02", "nama_program": "Program", "kode_kegiatan": "1.02.02.2.02", "nama_kegiatan": "Kegiatan",
        "kode_subkegiatan": "1.02.02.2.02.0001", "nama_subkegiatan": "Sub", "kode_rekening": "5.1.02.01.01.0052",
        "uraian": "Makanan tambahan", "volume": 2, "satuan": "paket", "harga_satuan": 1000, "total": "=I2*K2",
        "indikator": "A1", "kelompok": "A", "arah": "sasaran langsung", "sumber_dana": "APBD kabupaten/kota",
    }
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = LEMBAR
    ws.append([judul for _, judul in KOLOM])
    ws.append([data[n] for n, _ in KOLOM])
    baris_dua = data | {"uraian": '=HYPERLINK("http://x","y")', "total": 2000}
    ws.append([baris_dua[n] for n, _ in KOLOM])
    for isi in (_simpan(wb), _dengan_nilai_tersimpan(_simpan(wb), "2000")):
        with pytest.raises(IsianTidakValid) as exc:
            impor_sipd(user=op, laporan=laporan, berkas=SimpleUploadedFile("sipd.xlsx", isi))
        pesan = [str(k) for k in exc.value.kesalahan]
        assert any(p.startswith("lembar 'Rincian Belanja', baris 2, kolom L (Total): sel berisi rumus '=I2*K2'") for p in pesan), pesan
        assert any(p.startswith("lembar 'Rincian Belanja', baris 3, kolom H (Uraian Belanja): sel berisi rumus") for p in pesan), pesan
        assert not RincianBelanja.objects.filter(laporan=laporan).exists()
