"""Rencana Aksi Daerah: the logframe xlsx import (round trip, refusals, outputs with realisation kept) and the logframe built with the forms."""
import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aksi.models import Jadwal
from aksi.services import siklus_buat
from inti.galat import Ditolak, IsianTidakValid
from rad.choices import StatusRealisasi
from rad.excel import buat_logframe_xlsx, impor_logframe
from rad.models import Instrumen, Keluaran, Pilar, Strategi, TargetTahunan
from rad.services import laporan_rad_buka, realisasi_simpan

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN
from .rad_bantu import (  # noqa: F401  (fixtures and helpers)
    PDF,
    PEMETAAN_DESA,
    RKPD,
    _keluaran,
    _rad_bengkulu_dimuat,
    _setujui_semua,
    _target,
    _xlsx,
    pytestmark,
    rad_2026,
    rad_bengkulu,
    rad_kab,
    urlpatterns,
)


def test_import_round_trips_the_bengkulu_logframe_into_a_kabupaten(rad_kab, rad_bengkulu):
    admin, regulasi = rad_kab
    regulasi.tahun_mulai = 2025
    regulasi.save()
    hasil = impor_logframe(user=admin, regulasi=regulasi, berkas=SimpleUploadedFile("b.xlsx", buat_logframe_xlsx(rad_bengkulu)))
    assert hasil.dibuat == 107
    assert Keluaran.objects.filter(regulasi=regulasi).count() == 107
    assert TargetTahunan.objects.filter(keluaran__regulasi=regulasi).count() == 379
    desa = Keluaran.objects.get(regulasi=regulasi, uraian__startswith=PEMETAAN_DESA)
    assert {y: (t.jumlah, t.kumulatif) for y, t in _target(desa).items()} == {
        2026: (300, True), 2027: (600, True), 2028: (1200, True), 2029: (1514, True)}
    assert _target(desa)[2027].uraian == "+600 desa/kelurahan"
    assert dict(regulasi.target_prevalensi.values_list("tahun", "persen"))[2026] == Decimal("16.9")
    again = impor_logframe(user=admin, regulasi=regulasi, berkas=SimpleUploadedFile("b.xlsx", buat_logframe_xlsx(regulasi)))
    assert (again.dibuat, again.diubah, again.tetap) == (0, 0, 107)


def test_import_rejects_malformed_files_with_clear_messages_and_saves_nothing(rad_kab):
    admin, regulasi = rad_kab
    with pytest.raises(IsianTidakValid) as exc:
        impor_logframe(user=admin, regulasi=regulasi, berkas=SimpleUploadedFile("x.xlsx", b"Pilar;Keluaran\n1;RKPD\n"))
    assert "tidak dapat dibaca sebagai Excel" in str(exc.value.kesalahan[0])

    buruk = _xlsx([
        [1, "Komitmen", "Strategi A", "Instrumen A", "Keluaran baik", "dokumen", 1, 1, 1, 1, "tidak", "bappeda", ""],
        [None, None, None, None, "Keluaran negatif", "dokumen", -3, None, None, None, "tidak", "bappeda", ""],
        [7, "Pilar tujuh", "Strategi B", "Instrumen B", "Keluaran pilar salah", "dokumen", 1, None, None, None, "", "bappeda", ""],
        [None, None, None, None, "Keluaran unit asing", "kegiatan", "rapat tahunan", None, None, None, "mungkin", "Dinas Antah", "dinkes; LSM X"],
        [None, None, None, "Instrumen C", "", "", None, None, None, None, "", "", ""],
    ])
    with pytest.raises(IsianTidakValid) as exc:
        impor_logframe(user=admin, regulasi=regulasi, berkas=buruk)
    pesan = [str(k) for k in exc.value.kesalahan]
    harap = [
        "lembar 'Logframe', baris 5, kolom G (2026): jumlah target tidak boleh negatif",
        "lembar 'Logframe', baris 6, kolom A (Pilar): nomor pilar 1–5, bukan '7'",
        "lembar 'Logframe', baris 7, kolom K (Kumulatif): isi 'ya' atau 'tidak', bukan 'mungkin'",
        "lembar 'Logframe', baris 7, kolom L (Penanggung Jawab): unit kerja 'Dinas Antah' tidak dikenal",
        "lembar 'Logframe', baris 7, kolom M (Pendukung): unit kerja 'LSM X' tidak dikenal",
        "lembar 'Logframe', baris 8, kolom E (Keluaran): wajib diisi",
        "lembar 'Logframe', baris 8, kolom F (Satuan): wajib diisi",
        "lembar 'Logframe', baris 8, kolom L (Penanggung Jawab): wajib diisi",
    ]
    for h in harap:
        assert any(p.startswith(h) for p in pesan), (h, pesan)

    with pytest.raises(IsianTidakValid) as exc:  # a year column outside 2026–2029
        impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx([[1, "P", "S", "I", "K", "dokumen", 1, 1, 1, 1, "", "bappeda"]],
                                                                    tahun=(2024, 2026, 2027, 2028)))
    assert any("tahun 2024 di luar periode RAD 2026–2029" in str(k) for k in exc.value.kesalahan)

    with pytest.raises(IsianTidakValid) as exc:  # clean cells, but the lead agency cannot serve a kabupaten
        impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx([[1, "P", "S", "I", "K", "dokumen", 1, None, None, None, "",
                                                                     "puskesmas", ""]], prevalensi=[[2026, 150]]))
    pesan = " ".join(str(k) for k in exc.value.kesalahan)
    assert "baris 4: Penanggung jawab: Puskesmas bukan unit kerja tingkat kabupaten/kota" in pesan
    assert "target prevalensi 2026 harus 0–100%" in pesan
    assert not Pilar.objects.filter(regulasi=regulasi).exists() and not regulasi.target_prevalensi.exists()


def test_import_never_drops_an_output_that_has_realisation(rad_kab, siklus_terbuka, beri_peran, media):
    admin, regulasi = rad_kab
    siklus_buat(oleh=None, tahun=2026)
    Jadwal.objects.update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    dua = [[1, "Komitmen", "S", "I", "Keluaran pertama", "dokumen", 1, 1, 1, 1, "", "bappeda", ""],
           [None, None, None, None, "Keluaran kedua", "dokumen", 1, 1, 1, 1, "", "dinkes", ""]]
    impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx(dua))
    tiga = [dua[0][:6] + [2, 2, 2, 2] + dua[0][10:], dua[1], [None, None, None, None, "Keluaran ketiga", "forum", None, 1, 1, 1, "", "bappeda", ""]]
    hasil = impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx(tiga))
    assert (hasil.dibuat, hasil.diubah, hasil.tetap, hasil.dihapus) == (1, 1, 1, 0)
    assert impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx(dua)).dihapus == 1  # never reported: may go
    op = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")
    laporan = laporan_rad_buka(user=op, regulasi=regulasi, tahun=2026)
    assert set(laporan.bagian.values_list("unit_id", flat=True)) == {"bappeda", "dinkes"}
    realisasi_simpan(user=op, laporan=laporan, keluaran=Keluaran.objects.get(uraian="Keluaran kedua"), versi=None,
                     jumlah=Decimal(1), status=StatusRealisasi.PROSES)
    with pytest.raises(IsianTidakValid) as exc:
        impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx(dua[:1]))
    assert "sudah memiliki realisasi dan tidak ada lagi di berkas" in str(exc.value.kesalahan[0])
    assert Keluaran.objects.filter(regulasi=regulasi).count() == 2
    with pytest.raises(Ditolak):
        impor_logframe(user=op, regulasi=regulasi, berkas=_xlsx(dua))  # an operator does not keep the logframe


def test_logframe_built_with_the_forms(rad_kab, klien_dengan, beri_peran):
    admin, regulasi = rad_kab
    klien = klien_dengan(admin)
    assert klien.post(reverse("rad:regulasi-ubah", args=[regulasi.pk]), {
        "nomor": "12", "tahun": 2026, "judul": regulasi.judul, "tahun_mulai": 2026, "tahun_selesai": 2029,
        "prevalensi_2026": "18,2", "prevalensi_2027": "17,5"}).status_code == 302
    assert dict(regulasi.target_prevalensi.values_list("tahun", "persen")) == {2026: Decimal("18.2"), 2027: Decimal("17.5")}
    assert klien.post(reverse("rad:pilar-tambah", args=[regulasi.pk]), {"nomor": 3, "nama": "Konvergensi Program"}).status_code == 302
    pilar = Pilar.objects.get(regulasi=regulasi)
    klien.post(reverse("rad:strategi-tambah", args=[regulasi.pk, pilar.pk]), {"uraian": "Menguatkan perencanaan desa"})
    strategi = Strategi.objects.get(pilar=pilar)
    klien.post(reverse("rad:instrumen-tambah", args=[regulasi.pk, strategi.pk]), {"uraian": "Rembuk stunting desa"})
    instrumen = Instrumen.objects.get(strategi=strategi)
    url = reverse("rad:keluaran-tambah", args=[regulasi.pk, instrumen.pk])
    salah = klien.post(url, {"uraian": "Rembuk stunting terselenggara", "satuan": "% desa", "penanggung_jawab": "puskesmas"})
    assert salah.status_code == 400 and not Keluaran.objects.filter(regulasi=regulasi).exists()
    jawab = klien.post(url, {"uraian": "Rembuk stunting terselenggara", "satuan": "% desa", "penanggung_jawab": "dpmd",
                             "pendukung": ["setcam", "pemdes"], "jumlah_2027": "50", "jumlah_2028": "90",
                             "uraian_2028": "90% desa dan kelurahan", "kumulatif": "on"})
    assert jawab.status_code == 302
    k = Keluaran.objects.get(regulasi=regulasi)
    assert k.kode == "3.1.1.1" and {y: t.jumlah for y, t in _target(k).items()} == {2027: 50, 2028: 90}
    assert all(t.kumulatif for t in k.target.all()) and {u.pk for u in k.pendukung.all()} == {"setcam", "pemdes"}
    halaman = klien.get(reverse("rad:regulasi", args=[regulasi.pk])).content.decode()
    assert 'data-testid="keluaran-3.1.1.1"' in halaman and "90% desa dan kelurahan" in halaman
    # an operator reads the logframe but cannot change it; another kabupaten does not see it
    op = klien_dengan(beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dpmd"))
    assert op.get(reverse("rad:pilar-tambah", args=[regulasi.pk])).status_code == 403
    lain = klien_dengan(beri_peran("administrator", KAB_LAIN))
    assert lain.get(reverse("rad:regulasi", args=[regulasi.pk])).status_code == 404


def test_import_page_lists_errors_and_keeps_the_logframe(rad_kab, klien_dengan):
    admin, regulasi = rad_kab
    jawab = klien_dengan(admin).post(reverse("rad:impor", args=[regulasi.pk]), {
        "berkas": _xlsx([[9, "P", "S", "I", "K", "dokumen", 1, None, None, None, "", "bappeda", ""]])})
    assert jawab.status_code == 400
    isi = jawab.content.decode()
    assert "tidak ada yang disimpan" in isi and "nomor pilar 1–5, bukan &#x27;9&#x27;" in isi
    assert not Keluaran.objects.filter(regulasi=regulasi).exists()
