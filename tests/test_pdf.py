"""The Analisis situasi PDF: kecamatan tables, coverage, draft banner, approval trail, the
kab/kota and provinsi variants (coverage from approved kecamatan only) and the download view."""
import re
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from aksi.models import Laporan, RiwayatLaporan, Tahapan
from aksi.choices import SumberDana
from analisis.models import (
    HasilPengukuran,
    MasalahLayanan,
    ProgramKegiatan,
    Rekomendasi,
    SisiMasalah,
    TargetCakupan,
    UsulanProgram,
)
from analisis.pdf import dokumen_analisis_situasi, html_analisis_situasi
from aksi.services import (
    bagian_ajukan,
    bagian_verifikasi,
    laporan_ambil_atau_buat,
    laporan_setujui,
)
from indikator.katalog import daftar_item
from indikator.models import IndikatorCapaian, NilaiDesa
from indikator.selectors import desa_laporan
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory
from .pdf import jumlah_halaman

pytestmark = pytest.mark.django_db


def _isi_semua_desa(laporan) -> dict[str, str]:
    """Every item of every desa: sasaran 10 (S04 20), capaian 5 (A2 15, C5 2, F6 1 on even desa), pendukung 3."""
    desa = desa_laporan(laporan)
    baris = []
    for n, kode in enumerate(desa):
        for item in daftar_item():
            nilai = {"sasaran": 10, "capaian": 5, "pendukung": 3}[item.jenis]
            nilai = {"S04": 20, "A2": 15, "C5": 2, "F6": 1 - n % 2}.get(item.kode, nilai)
            baris.append(NilaiDesa(laporan=laporan, desa_id=kode, item=item.kode, nilai=nilai))
    NilaiDesa.objects.bulk_create(baris)
    return desa


def _setujui(laporan, beri_peran, catatan=""):
    kode = laporan.wilayah_id
    operator, verifikator = beri_peran("operator", kode), beri_peran("verifikator", kode)
    penyetuju = beri_peran("approver", kode, user=UserFactory(first_name="Rahmat", last_name="Camat"))
    for bagian in laporan.bagian.all():
        bagian_ajukan(user=operator, bagian=bagian, catatan="Diajukan apa adanya dalam uji")  # a part may be empty
        bagian_verifikasi(user=verifikator, bagian=bagian, catatan=f"Cek {bagian.nama_unit}")
    return laporan_setujui(user=penyetuju, laporan=laporan, catatan=catatan)


def test_kecamatan_document_has_desa_tables_totals_coverage_narrative_and_draft_banner(laporan_kedurang):
    desa = _isi_semua_desa(laporan_kedurang)
    a2, b6 = IndikatorCapaian.objects.get(pk="A2"), IndikatorCapaian.objects.get(pk="B6")
    program = ProgramKegiatan.objects.create(
        laporan=laporan_kedurang, indikator=a2, nama="Pemberian TTD ibu hamil", volume=Decimal("120"), satuan="orang",
        anggaran=Decimal("1250000"), sumber_dana=SumberDana.APBDES, pelaksana="Puskesmas Kedurang")
    program.lokasi.set(list(desa)[:2])
    MasalahLayanan.objects.create(laporan=laporan_kedurang, indikator=b6, sisi=SisiMasalah.KETERSEDIAAN, uraian="Timbangan rusak")
    Rekomendasi.objects.create(laporan=laporan_kedurang, indikator=None, uraian="Perkuat kader posyandu")
    UsulanProgram.objects.create(laporan=laporan_kedurang, indikator=b6, nama="Pengadaan timbangan", volume=Decimal("2.5"),
                                 satuan="paket", perkiraan_anggaran=Decimal("30000000"), sumber_dana=SumberDana.APBD_KABKOTA)

    html = html_analisis_situasi(laporan_kedurang)
    assert "Dokumen Analisis Situasi Kecamatan Kedurang Tahun 2026" in html
    assert "Kabupaten Bengkulu Selatan" in html and "17.01.01" in html and "Provinsi Bengkulu" in html
    assert all(escape(nama) in html for nama in desa.values()) and len(desa) >= 15
    assert "DRAF — belum disetujui" in html and "Belum ada transisi." in html
    jumlah_desa = len(desa)
    assert f">{20 * jumlah_desa}<" in html  # S04 total
    assert f">{15 * jumlah_desa}<" in html  # A2 total
    assert "75,0%" in html  # A2: 15 per desa over S04 20 per desa
    assert "50,0%" in html  # A1 etc.: 5 over 10
    f6 = (jumlah_desa + 1) // 2 * 100 / jumlah_desa
    assert f"{f6:.1f}%".replace(".", ",") in html  # F6: desa with 1 / desa
    assert "hitungan" in html  # C5 is a count
    assert "Rp1.250.000" in html and "Rp30.000.000" in html and "2,50" in html
    assert "Timbangan rusak" in html and "Perkuat kader posyandu" in html and "Pemberian TTD ibu hamil" in html
    assert 'counter(page) " dari " counter(pages)' in html and "A4 landscape" in html

    mulai = time.perf_counter()
    pdf = dokumen_analisis_situasi(laporan_kedurang)
    print(f"\nPDF kecamatan {jumlah_desa} desa: {time.perf_counter() - mulai:.2f} s, {jumlah_halaman(pdf)} halaman, {len(pdf)} byte")
    assert pdf.startswith(b"%PDF") and jumlah_halaman(pdf) >= 3


def test_approval_replaces_the_draft_banner_and_is_listed_in_the_trail(laporan_kedurang, beri_peran):
    _setujui(laporan_kedurang, beri_peran, catatan="Data sudah lengkap")
    laporan_kedurang.refresh_from_db()
    html = html_analisis_situasi(laporan_kedurang)
    assert "DRAF — belum disetujui" not in html
    assert "Disetujui oleh Rahmat Camat" in html
    setuju = RiwayatLaporan.objects.get(laporan=laporan_kedurang, transisi="setujui")
    waktu = timezone.localtime(setuju.waktu, ZoneInfo("Asia/Jakarta")).strftime("%d-%m-%Y %H:%M")
    baris = f"{waktu}</td><td>Rahmat Camat</td><td>Setujui laporan</td><td>Menunggu persetujuan → Disetujui</td><td>Data sudah lengkap"
    assert baris in html
    assert "Verifikasi bagian Puskesmas" in html and "Diajukan → Diverifikasi" in html and "Cek PLKB" in html


def test_download_view_answers_pdf_in_scope_and_404_outside(laporan_kedurang, beri_peran, klien_dengan, client, media,
                                                            django_capture_on_commit_callbacks):
    url = reverse("analisis:pdf", args=[laporan_kedurang.pk])
    assert client.get(url).status_code == 302  # login required

    klien = klien_dengan(beri_peran("operator", KEC_KEDURANG, unit="puskesmas"))
    with django_capture_on_commit_callbacks(execute=True) as tugas:  # D101: a Celery task makes it after the commit
        menunggu = klien.get(url)
    assert menunggu.status_code == 202 and "sedang dibuat" in menunggu.content.decode().lower() and len(tugas) == 1
    respons = klien.get(url)  # made: the stored file
    assert respons.status_code == 200 and respons["Content-Type"] == "application/pdf"
    assert respons["Content-Disposition"] == f'attachment; filename="analisis-situasi-{TAHUN}-{KEC_KEDURANG}.pdf"'
    assert b"".join(respons.streaming_content).startswith(b"%PDF")
    with django_capture_on_commit_callbacks(execute=True) as tugas:  # unchanged data: not made again
        assert klien.get(url).status_code == 200
    assert not tugas
    Laporan.objects.filter(pk=laporan_kedurang.pk).update(diubah_pada=timezone.now())  # its data changed
    with django_capture_on_commit_callbacks(execute=True) as tugas:
        assert klien.get(url).status_code == 202  # made again (the old file is deleted after the new one is stored)
    assert tugas and klien.get(url).status_code == 200

    assert klien_dengan(beri_peran("operator", KEC_TETANGGA)).get(url).status_code == 404
    lain = _laporan(KEC_KEDURANG, Tahapan.objects.get(pk="pra-musrenbang"))
    assert klien_dengan(beri_peran("operator", KEC_KEDURANG)).get(reverse("analisis:pdf", args=[lain.pk])).status_code == 404


def _laporan(kode, tahapan):
    return laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=tahapan,
                                   wilayah=Wilayah.objects.get(kode=kode))


def test_kabkota_and_provinsi_show_coverage_of_approved_kecamatan_only(laporan_kedurang, beri_peran, django_assert_max_num_queries):
    tahapan = laporan_kedurang.tahapan
    _isi_semua_desa(laporan_kedurang)
    _setujui(laporan_kedurang, beri_peran)
    tetangga = _laporan(KEC_TETANGGA, tahapan)
    desa_tetangga = next(iter(desa_laporan(tetangga)))
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=tetangga, desa_id=desa_tetangga, item="S04", nilai=10),
                                   NilaiDesa(laporan=tetangga, desa_id=desa_tetangga, item="A2", nilai=1)])  # not approved

    kab = _laporan(KAB_BENGKULU_SELATAN, tahapan)
    HasilPengukuran.objects.create(laporan=kab, wilayah_id=KEC_KEDURANG, jumlah_diukur=1200, jumlah_stunting=186)
    TargetCakupan.objects.create(laporan=kab, indikator_id="A2", target_persen=Decimal("80"))
    html = html_analisis_situasi(kab)
    assert "Dokumen Analisis Situasi Kabupaten Bengkulu Selatan Tahun 2026" in html and "DRAF — belum disetujui" in html
    assert "Hasil pengukuran balita Agustus 2025 per kecamatan" in html
    assert "1.200" in html and "15,50%" in html and "80,00%" in html
    baris = {m[0]: m[1] for m in re.findall(r'<span class="kode keterangan">(\d\d\.\d\d\.\d\d)</span></td>\s*(.*?)</tr>', html, re.DOTALL)}
    assert set(baris) == {w.kode for w in Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN)}
    assert '1/1' in baris[KEC_KEDURANG] and ">75,0<" in baris[KEC_KEDURANG] and ">50,0<" in baris[KEC_KEDURANG]
    assert '0/1' in baris[KEC_TETANGGA] and ">10,0<" not in baris[KEC_TETANGGA] and ">75,0<" not in baris[KEC_TETANGGA]
    assert dokumen_analisis_situasi(kab).startswith(b"%PDF")

    prov = _laporan("17", tahapan)
    with django_assert_max_num_queries(25):  # GROUP BY queries, not one per kab/kota or desa
        html = html_analisis_situasi(prov)
    assert "Dokumen Analisis Situasi Provinsi Bengkulu Tahun 2026" in html and "per kabupaten/kota" in html
    kab_bs = re.search(r'<span class="kode keterangan">17\.01</span></td>\s*(.*?)</tr>', html, re.DOTALL)[1]
    jumlah_kec = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN).jumlah_kecamatan
    assert f"1/{jumlah_kec}" in kab_bs and ">75,0<" in kab_bs
