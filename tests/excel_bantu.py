"""Fixtures and helpers of the Excel round-trip tests (test_excel, test_excel_tolak)."""
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from aksi.models import Jadwal, Tahapan
from aksi.services import laporan_ambil_atau_buat, siklus_buat
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa, RiwayatIsian
from indikator.selectors import nilai_laporan
from inti.galat import IsianTidakValid
from isian.excel import (
    buat_templat,
    impor_excel,
)
from isian.services import kunci_versi, nilai_simpan
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG

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
