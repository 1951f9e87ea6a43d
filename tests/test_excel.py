"""Excel round trip of the kecamatan per-desa grid: the template, a filled upload, and every
way an upload can be wrong (each reported with sheet/row/column, saving nothing)."""
from inti.galat import Ditolak, IsianTidakValid
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from aksi.models import Jadwal, Tahapan
from aksi.services import laporan_ambil_atau_buat, siklus_buat
from isian.excel import (
    LEMBAR_DATA,
    LEMBAR_META,
    PENANDA,
    baca_unggahan,
    buat_templat,
    impor_excel,
)
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa, RiwayatIsian
from indikator.selectors import nilai_laporan
from isian.services import KonflikIsian, kunci_versi, nilai_simpan
from isian.views import unduh_templat
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG, KEC_TETANGGA

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- fixtures and helpers ------------------------------------------------------------------

@pytest.fixture
def siklus(db):
    call_command("loaddata", "tahapan", verbosity=0)
    siklus_buat(oleh=None, tahun=2026)
    Jadwal.objects.filter(siklus_id=2026).update(mulai=date(2000, 1, 1), selesai=date(2100, 1, 1))


def _laporan(user, kode):
    return laporan_ambil_atau_buat(
        user=user, tahun=2026, tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=Wilayah.objects.get(kode=kode),
    )


@pytest.fixture
def operator(beri_peran):
    return beri_peran("operator", KEC_KEDURANG)


@pytest.fixture
def laporan(siklus, operator):
    return _laporan(operator, KEC_KEDURANG)


@pytest.fixture
def desa():
    return list(Wilayah.objects.filter(induk_id=KEC_KEDURANG, tingkat=Tingkat.DESA).order_by("kode").values_list("kode", flat=True))


def _versi(laporan):
    return {kunci_versi(b.unit_id): b.versi for b in laporan.bagian.all()}


@pytest.fixture
def terisi(laporan, operator, desa):
    """A few stored values, so "saves nothing" is checked against a non-empty table."""
    isian = {(desa[0], "S04"): 10, (desa[0], "A2"): 7, (desa[1], "S01"): 900, (desa[1], "F6"): 1}
    nilai_simpan(user=operator, laporan=laporan, isian=isian, versi=_versi(laporan))
    return isian


def _buku(laporan):
    return load_workbook(io.BytesIO(buat_templat(laporan)))


def _berkas(wb_atau_bytes, nama="isian.xlsx"):
    if isinstance(wb_atau_bytes, bytes):
        return SimpleUploadedFile(nama, wb_atau_bytes, content_type=XLSX)
    keluaran = io.BytesIO()
    wb_atau_bytes.save(keluaran)
    return SimpleUploadedFile(nama, keluaran.getvalue(), content_type=XLSX)


def _baris_kepala(ws):
    return next(r for r in range(1, 30) if ws.cell(r, 1).value == "Kode desa")


def _kolom(ws, kode_item):
    kepala = _baris_kepala(ws)
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(kepala, c).value == kode_item)


def _baris(ws, kode_desa):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == kode_desa)


def _sel(ws, kode_desa, kode_item):
    return ws.cell(_baris(ws, kode_desa), _kolom(ws, kode_item))


def _lokasi(ws, kode_desa, kode_item):
    return f"lembar 'Data Desa', baris {_baris(ws, kode_desa)}, kolom {get_column_letter(_kolom(ws, kode_item))} ({kode_item})"


def _nilai_sah(item, n):
    """A valid value for every item: large sasaran, small numerators, F6 0/1."""
    if item.ya_tidak:
        return n % 2
    return 500 + n if item.jenis == "sasaran" else 3 + n % 5


def _isi_semua(ws, desa):
    for n, kode_desa in enumerate(desa):
        for item in daftar_item():
            _sel(ws, kode_desa, item.kode).value = _nilai_sah(item, n)


def _ditolak(laporan, operator, berkas, *potongan):
    """Upload must be refused with every fragment in some message; nothing saved."""
    sebelum = (NilaiDesa.objects.count(), RiwayatIsian.objects.count(), nilai_laporan(laporan))
    with pytest.raises(IsianTidakValid) as info:
        impor_excel(user=operator, laporan=laporan, berkas=berkas)
    teks = [str(k) for k in info.value.kesalahan]
    for p in potongan:
        assert any(p in t for t in teks), (p, teks)
    assert (NilaiDesa.objects.count(), RiwayatIsian.objects.count(), nilai_laporan(laporan)) == sebelum
    return info.value.kesalahan


# --- the template ----------------------------------------------------------------------------

def test_templat_memuat_semua_desa_item_dan_nilai(laporan, terisi, desa):
    wb = _buku(laporan)
    assert wb.sheetnames == [LEMBAR_DATA, LEMBAR_META, "asal"]
    ws, meta = wb[LEMBAR_DATA], wb[LEMBAR_META]
    assert ws.sheet_state == "visible" and meta.sheet_state == "hidden" and wb["asal"].sheet_state == "hidden"
    assert "Kedurang" in ws["A2"].value and KEC_KEDURANG in ws["A2"].value and "2026" in ws["A3"].value

    kepala = _baris_kepala(ws)
    kode_item = [i.kode for i in daftar_item()]
    assert len(kode_item) == 16 + 31 + 13
    assert [ws.cell(kepala, c).value for c in range(1, len(kode_item) + 3)] == ["Kode desa", "Nama desa", *kode_item]
    assert ws.cell(kepala + 1, _kolom(ws, "S01")).value == "jumlah penduduk · Setcam"

    baris_desa = [ws.cell(r, 1).value for r in range(kepala + 2, ws.max_row + 1)]
    assert len(desa) > 5 and baris_desa == desa
    for (kode_desa, kode), nilai in terisi.items():
        assert _sel(ws, kode_desa, kode).value == nilai
    assert _sel(ws, desa[2], "S01").value is None
    assert _sel(ws, desa[0], "A2").number_format == "0"
    assert ws.freeze_panes == f"C{kepala + 2}"
    rentang = {str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    kolom_f6 = get_column_letter(_kolom(ws, "F6"))
    assert rentang[f"{kolom_f6}{kepala + 2}:{kolom_f6}{kepala + 1 + len(desa)}"] == ("whole", "between", "0", "1")
    assert any(t == ("whole", "greaterThanOrEqual", "0", None) for t in rentang.values())

    isi_meta = {r[0]: r[1] for r in meta.iter_rows(values_only=True)}
    assert isi_meta["templat"] == PENANDA and isi_meta["laporan"] == laporan.pk
    assert isi_meta["kecamatan"] == KEC_KEDURANG and isi_meta["tahun"] == 2026 and isi_meta["tahapan"] == "analisis-situasi"
    assert {k: v for k, v in isi_meta.items() if k.startswith("versi:")} == {f"versi:{k}": v for k, v in _versi(laporan).items()}
    assert _versi(laporan)["puskesmas"] == 2  # the seed changed Puskesmas items


# --- a good upload ---------------------------------------------------------------------------

def test_templat_terisi_disimpan_sama_dengan_sel(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    _isi_semua(ws, desa)
    _sel(ws, desa[3], "S02").value = "1.234"  # text the Indonesian way
    _sel(ws, desa[3], "S03").value = " 12 "

    hasil = impor_excel(user=operator, laporan=laporan, berkas=_berkas(wb))

    tersimpan = nilai_laporan(laporan)
    item = daftar_item()
    assert len(tersimpan) == len(desa) * len(item)
    for n, kode_desa in enumerate(desa):
        for i in item:
            harap = {"S02": 1234, "S03": 12}.get(i.kode) if kode_desa == desa[3] and i.kode in ("S02", "S03") else _nilai_sah(i, n)
            assert tersimpan[(kode_desa, i.kode)] == harap, (kode_desa, i.kode)
    # every cell differs from the seed except the F6 of desa[1] (1 == 1 % 2)
    assert hasil.diubah == len(desa) * len(item) - 1
    assert set(RiwayatIsian.objects.filter(laporan=laporan).exclude(sumber="formulir").values_list("sumber", flat=True)) == {"excel"}
    assert RiwayatIsian.objects.get(laporan=laporan, sumber="excel").jumlah == hasil.diubah

    # the same file again changes nothing; a fresh template then round-trips with no change
    assert impor_excel(user=operator, laporan=laporan, berkas=_berkas(_buku(laporan))).diubah == 0


def test_sel_kosong_menghapus_nilai(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    _sel(wb[LEMBAR_DATA], desa[1], "S01").value = None
    assert impor_excel(user=operator, laporan=laporan, berkas=_berkas(wb)).diubah == 1
    assert (desa[1], "S01") not in nilai_laporan(laporan)


# --- files that are not the template ---------------------------------------------------------

def test_bukan_xlsx_pdf(laporan, operator, terisi):
    berkas = _berkas(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "laporan.xlsx")
    kesalahan = _ditolak(laporan, operator, berkas, "tidak dapat dibaca sebagai Excel", "PDF")
    assert len(kesalahan) == 1


def test_bukan_xlsx_teks(laporan, operator, terisi):
    _ditolak(laporan, operator, _berkas(b"kode;S01\n17.01.01.2001;5\n", "data.xlsx"), "bukan berkas Excel")


def test_zip_rusak(laporan, operator, terisi):
    isi = buat_templat(laporan)
    _ditolak(laporan, operator, _berkas(isi[: len(isi) // 2]), "tidak dapat dibaca sebagai Excel", "rusak")


def test_berkas_terlalu_besar(laporan, operator, terisi, settings):
    settings.AKSI_MAKS_UNGGAH_EXCEL = 2 * 1024 * 1024
    wb = _buku(laporan)
    _ditolak(laporan, operator, _berkas(b"PK" + b"\0" * (3 * 1024 * 1024)), "terlalu besar", "batas unggahan Excel 2 MB")
    settings.AKSI_MAKS_UNGGAH_EXCEL = 1000
    _ditolak(laporan, operator, _berkas(wb), "terlalu besar")


def test_tanpa_lembar_data_desa(laporan, operator, terisi):
    wb = _buku(laporan)
    wb[LEMBAR_DATA].title = "Lembar1"
    _ditolak(laporan, operator, _berkas(wb), "bukan templat", "unduh templat dari halaman ini")


def test_buku_kerja_asing(laporan, operator, terisi, desa):
    wb = Workbook()
    wb.active.title = LEMBAR_DATA  # even with the right sheet name
    wb.active.append(["Nama", "Umur", "Alamat"])
    wb.active.append([desa[0], 5, "x"])
    _ditolak(laporan, operator, _berkas(wb), "bukan templat", "unduh templat dari halaman ini")


def test_penanda_templat_lain(laporan, operator, terisi):
    wb = _buku(laporan)
    wb[LEMBAR_META]["B1"] = "aksi-konvergensi/nilai-desa/v0"
    _ditolak(laporan, operator, _berkas(wb), "bukan templat")


def test_templat_kecamatan_lain(laporan, operator, terisi, beri_peran):
    lain = _laporan(beri_peran("operator", KEC_TETANGGA), KEC_TETANGGA)
    wb = load_workbook(io.BytesIO(buat_templat(lain)))
    kesalahan = _ditolak(laporan, operator, _berkas(wb), KEC_TETANGGA, KEC_KEDURANG, "Kedurang")
    assert len(kesalahan) == 1


# --- header and rows ---------------------------------------------------------------------------

def test_kolom_item_hilang_dan_asing(laporan, operator, terisi):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    kepala = _baris_kepala(ws)
    ws.delete_cols(_kolom(ws, "A2"))
    ws.delete_cols(_kolom(ws, "P13"))
    kolom_s05 = _kolom(ws, "S05")
    ws.cell(kepala, kolom_s05).value = "X99"
    _ditolak(
        laporan, operator, _berkas(wb),
        "kolom item tidak ada: S05, A2, P13",
        f"lembar 'Data Desa', baris {kepala}, kolom {get_column_letter(kolom_s05)}: kolom 'X99' bukan kode item",
    )


def test_kode_desa_tidak_dikenal(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    baris = _baris(ws, desa[2])
    ws.cell(baris, 1).value = "17.01.01.9999"
    _ditolak(laporan, operator, _berkas(wb), f"lembar 'Data Desa', baris {baris}, kolom A: kode desa 17.01.01.9999 tidak dikenal")


def test_desa_kecamatan_lain(laporan, operator, terisi, desa):
    asing = Wilayah.objects.filter(induk_id=KEC_TETANGGA, tingkat=Tingkat.DESA).order_by("kode").first()
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    baris = _baris(ws, desa[2])
    ws.cell(baris, 1).value = asing.kode
    ws.cell(baris, _kolom(ws, "S01")).value = 77
    _ditolak(
        laporan, operator, _berkas(wb),
        f"baris {baris}, kolom A: desa {asing.nama} ({asing.kode}) termasuk Kecamatan {asing.induk.nama} ({KEC_TETANGGA})",
    )


def test_baris_desa_ganda(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    asli = _baris(ws, desa[1])
    ganda = ws.max_row + 1
    for c in range(1, ws.max_column + 1):
        ws.cell(ganda, c).value = ws.cell(asli, c).value
    ws.cell(ganda, _kolom(ws, "S01")).value = 1
    _ditolak(laporan, operator, _berkas(wb), f"baris {ganda}, kolom A: desa {desa[1]} muncul dua kali (juga di baris {asli})")


# --- cells -------------------------------------------------------------------------------------

def test_sel_tidak_sah_semua_dilaporkan(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    _sel(ws, desa[0], "S01").value = 1000  # a valid change, not saved either
    salah = {(desa[1], "S02"): "abc", (desa[2], "A3"): -3, (desa[3], "B1"): 2.5, (desa[4], "F6"): 2, (desa[5], "P01"): "-4"}
    for (d, k), v in salah.items():
        _sel(ws, d, k).value = v
    kesalahan = _ditolak(
        laporan, operator, _berkas(wb),
        f"{_lokasi(ws, desa[1], 'S02')}: S02 desa", "bukan angka: 'abc'",
        f"{_lokasi(ws, desa[2], 'A3')}: A3 desa", "tidak boleh negatif",
        f"{_lokasi(ws, desa[3], 'B1')}: B1 desa", "harus bilangan bulat, bukan 2,5",
        f"{_lokasi(ws, desa[4], 'F6')}: F6 desa", "isi 1 (ya) atau 0 (tidak)",
        f"{_lokasi(ws, desa[5], 'P01')}: P01 desa",
    )
    assert len(kesalahan) == len(salah)


def test_pembilang_melebihi_penyebut(laporan, operator, terisi, desa):
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    _sel(ws, desa[2], "S04").value = 5
    _sel(ws, desa[2], "A2").value = 9
    _sel(ws, desa[0], "A2").value = 11  # seed S04 = 10 in desa[0]
    _ditolak(
        laporan, operator, _berkas(wb),
        f"{_lokasi(ws, desa[2], 'A2')}: A2 desa", "pembilang 9 melebihi penyebut S04 = 5",
        f"{_lokasi(ws, desa[0], 'A2')}: A2 desa", "pembilang 11 melebihi penyebut S04 = 10",
    )


# --- concurrency and units -----------------------------------------------------------------------

def test_templat_basi_menyimpan_hanya_sel_yang_diubah_pengunggah(laporan, operator, terisi, desa, beri_peran):
    wb = _buku(laporan)  # downloaded now ...
    rekan = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    nilai_simpan(user=rekan, laporan=laporan, isian={(desa[3], "S05"): 40, (desa[0], "S04"): 11},
                 versi=_versi(laporan))  # ... then a colleague changes two cells the file still holds as before
    _sel(wb[LEMBAR_DATA], desa[2], "S07").value = 8  # the uploader changes another cell
    assert impor_excel(user=operator, laporan=laporan, berkas=_berkas(wb)).diubah == 1
    sekarang = nilai_laporan(laporan)
    assert (sekarang[(desa[3], "S05")], sekarang[(desa[0], "S04")], sekarang[(desa[2], "S07")]) == (40, 11, 8)


def test_templat_basi_dengan_sel_yang_diubah_keduanya_adalah_konflik(laporan, operator, terisi, desa, beri_peran):
    wb = _buku(laporan)
    rekan = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    nilai_simpan(user=rekan, laporan=laporan, isian={(desa[0], "S04"): 11}, versi=_versi(laporan))
    _sel(wb[LEMBAR_DATA], desa[0], "S04").value = 12  # the same cell, another value
    _sel(wb[LEMBAR_DATA], desa[2], "S07").value = 8
    sebelum = nilai_laporan(laporan)
    with pytest.raises(KonflikIsian) as info:
        impor_excel(user=operator, laporan=laporan, berkas=_berkas(wb))
    assert [(k.desa, k.item, k.asal, k.tersimpan, k.nilai_anda) for k in info.value.konflik] == [(desa[0], "S04", 10, 11, 12)]
    assert nilai_laporan(laporan) == sebelum


def test_templat_tanpa_lembar_asal_memakai_versi_bagian(laporan, operator, terisi, desa, beri_peran):
    wb = _buku(laporan)  # a template from before the "asal" sheet: stale parts are refused whole
    del wb["asal"]
    rekan = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    nilai_simpan(user=rekan, laporan=laporan, isian={(desa[3], "S05"): 40}, versi=_versi(laporan))
    _sel(wb[LEMBAR_DATA], desa[2], "S07").value = 8  # a Puskesmas item too
    sebelum = (NilaiDesa.objects.count(), nilai_laporan(laporan))
    with pytest.raises(Ditolak, match="sudah diubah"):
        impor_excel(user=operator, laporan=laporan, berkas=_berkas(wb))
    assert (NilaiDesa.objects.count(), nilai_laporan(laporan)) == sebelum


def test_kolom_unit_lain_dilaporkan_semua_sekaligus_per_desa_dan_kolom(laporan, terisi, desa, beri_peran, client):
    plkb = beri_peran("operator", KEC_KEDURANG, unit="plkb")
    wb = _buku(laporan)
    ws = wb[LEMBAR_DATA]
    for d, item, n in ((desa[2], "S04", 30), (desa[4], "A2", 1), (desa[5], "S07", 2)):  # Puskesmas columns
        _sel(ws, d, item).value = n
    _sel(ws, desa[2], "E2").value = 4  # PLKB
    client.force_login(plkb)
    jawaban = client.post(reverse("isian:unggah-excel", args=[laporan.pk]), {"berkas": _berkas(wb)})
    halaman = jawaban.content.decode()
    assert jawaban.status_code == 400
    for d, item in ((desa[2], "S04"), (desa[4], "A2"), (desa[5], "S07")):
        nama = Wilayah.objects.get(kode=d).nama
        lokasi = _lokasi(ws, d, item).replace("'", "&#x27;")
        assert f'<td class="text-nowrap">{lokasi}</td><td>{item} desa {nama}: tidak dapat diubah' in halaman
    assert halaman.count("tidak dapat diubah") == 3 and "E2 desa" not in halaman
    assert nilai_laporan(laporan) == {k: v for k, v in terisi.items()}


def test_konflik_unggahan_ditampilkan_per_sel_dengan_kedua_nilai(laporan, operator, terisi, desa, beri_peran, client):
    wb = _buku(laporan)
    nilai_simpan(user=beri_peran("operator", KEC_KEDURANG, unit="puskesmas"), laporan=laporan,
                 isian={(desa[0], "S04"): 11}, versi=_versi(laporan))
    _sel(wb[LEMBAR_DATA], desa[0], "S04").value = 12
    client.force_login(operator)
    jawaban = client.post(reverse("isian:unggah-excel", args=[laporan.pk]), {"berkas": _berkas(wb)})
    halaman = jawaban.content.decode()
    assert jawaban.status_code == 409
    assert "Tersimpan sekarang: 11" in halaman and "saat Anda membuka: 10" in halaman and "nilai Anda: 12" in halaman
    assert _lokasi(wb[LEMBAR_DATA], desa[0], "S04").replace("'", "&#x27;") in halaman


def test_operator_plkb_hanya_mengubah_kolom_plkb(laporan, terisi, desa, beri_peran):
    plkb = beri_peran("operator", KEC_KEDURANG, unit="plkb")
    wb = _buku(laporan)
    _sel(wb[LEMBAR_DATA], desa[2], "S04").value = 30  # Puskesmas
    _sel(wb[LEMBAR_DATA], desa[2], "E2").value = 4  # PLKB
    sebelum = nilai_laporan(laporan)
    with pytest.raises(Ditolak, match="PUSKESMAS|Puskesmas"):
        impor_excel(user=plkb, laporan=laporan, berkas=_berkas(wb))
    assert nilai_laporan(laporan) == sebelum

    wb = _buku(laporan)  # unchanged Puskesmas columns (pre-filled) do not block a PLKB change
    _sel(wb[LEMBAR_DATA], desa[2], "E2").value = 4
    assert impor_excel(user=plkb, laporan=laporan, berkas=_berkas(wb)).diubah == 1
    assert nilai_laporan(laporan) == {**sebelum, (desa[2], "E2"): 4}


def test_baca_unggahan_mengembalikan_versi_dan_lokasi(laporan, terisi, desa):
    wb = _buku(laporan)
    isian, versi, lokasi, _ = baca_unggahan(_berkas(wb), laporan)
    assert versi == _versi(laporan)
    assert isian[(desa[0], "A2")] == 7 and isian[(desa[2], "S01")] is None
    assert lokasi[(desa[0], "A2")] == _lokasi(wb[LEMBAR_DATA], desa[0], "A2")


# --- views -----------------------------------------------------------------------------------------

def test_view_unduh_templat(laporan, operator, beri_peran):
    permintaan = RequestFactory().get("/")
    permintaan.user = operator
    respons = unduh_templat(permintaan, pk=laporan.pk)
    assert respons.status_code == 200 and respons["Content-Type"] == XLSX
    assert respons["Content-Disposition"] == 'attachment; filename="analisis-situasi-2026-17.01.01.xlsx"'
    assert load_workbook(io.BytesIO(respons.content)).sheetnames == [LEMBAR_DATA, LEMBAR_META, "asal"]

    permintaan.user = beri_peran("operator", KEC_TETANGGA)
    with pytest.raises(Http404):
        unduh_templat(permintaan, pk=laporan.pk)


def _url(nama, pk):
    try:
        return reverse(nama, args=[pk])
    except NoReverseMatch:
        pytest.skip(f"URL {nama} belum dipasang di aksi/urls.py")


def test_view_unggah_berhasil_dan_gagal(laporan, operator, terisi, desa, klien_dengan):
    klien = klien_dengan(operator)
    url, isian = _url("isian:unggah-excel", laporan.pk), _url("isian:isian", laporan.pk)
    assert klien.get(_url("isian:unduh-templat", laporan.pk)).status_code == 200

    wb = _buku(laporan)
    _sel(wb[LEMBAR_DATA], desa[2], "S01").value = 321
    respons = klien.post(url, {"berkas": _berkas(wb)}, follow=True)
    assert respons.redirect_chain[0] == (isian, 302)
    assert "1 nilai disimpan dari Excel" in respons.content.decode()

    wb = _buku(laporan)
    _sel(wb[LEMBAR_DATA], desa[2], "S01").value = "banyak"
    respons = klien.post(url, {"berkas": _berkas(wb)})
    html = respons.content.decode()
    assert respons.status_code == 400
    assert "bukan angka: &#x27;banyak&#x27;" in html and f"kolom {get_column_letter(_kolom(wb[LEMBAR_DATA], 'S01'))} (S01)" in html
    assert f'href="{isian}"' in html
    assert nilai_laporan(laporan)[(desa[2], "S01")] == 321


def test_view_unggah_basi_pesan_galat(laporan, operator, terisi, desa, klien_dengan):
    klien = klien_dengan(operator)
    url, isian = _url("isian:unggah-excel", laporan.pk), _url("isian:isian", laporan.pk)
    wb = _buku(laporan)
    nilai_simpan(user=operator, laporan=laporan, isian={(desa[3], "S05"): 40}, versi=_versi(laporan))
    _sel(wb[LEMBAR_DATA], desa[2], "S07").value = 8
    respons = klien.post(url, {"berkas": _berkas(wb)})
    assert respons.status_code == 302 and respons["Location"] == isian
