"""Excel round trip of the kecamatan per-desa grid: the template, a filled upload, stale
templates and conflicts, and the views. Refused files: test_excel_tolak."""
import io

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from indikator.katalog import daftar_item
from indikator.models import NilaiDesa, RiwayatIsian
from indikator.selectors import nilai_laporan
from inti.galat import Ditolak
from isian.excel import (
    LEMBAR_DATA,
    LEMBAR_META,
    PENANDA,
    baca_unggahan,
    impor_excel,
)
from isian.services import KonflikIsian, nilai_simpan
from isian.views import unduh_templat
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG, KEC_TETANGGA
from .excel_bantu import (  # noqa: F401  (fixtures)
    XLSX,
    _baris_kepala,
    _berkas,
    _buku,
    _isi_semua,
    _kolom,
    _lokasi,
    _nilai_sah,
    _sel,
    _versi,
    desa,
    laporan,
    operator,
    siklus,
    terisi,
)


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
