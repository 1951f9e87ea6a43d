"""Budget tagging: the SIPD .xlsx import (replace, refusals per cell, all or nothing), Indonesian amounts, APBD perubahan imports, and the pages (subtotals, forms, template and import)."""
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from aksi.services import (
    laporan_buka_kembali,
)
from inti.galat import IsianTidakValid
from inti.models import CatatanAudit
from penandaan.models import RincianBelanja
from penandaan.services import (
    rincian_buat,
    rincian_impor,
)
from penandaan.sipd import KOLOM, LEMBAR, baca_jumlah, impor_sipd

from .conftest import KAB_BENGKULU_SELATAN
from .penandaan_bantu import (  # noqa: F401  (fixtures and helpers)
    JUDUL,
    _baris_xlsx,
    _laporan,
    _setujui_semua,  # noqa: F401
    _versi,
    _xlsx,
    isian,
    lap_kab,
    lap_kec,
    op_dinkes,
    op_dppkb,
    pytestmark,
)


def test_impor_sipd_mengganti_rincian_unitnya(lap_kab, op_dinkes, op_dppkb):
    lama = rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(uraian="baris lama"))
    lain = rincian_buat(user=op_dppkb, laporan=lap_kab, **isian(uraian="milik DPPKB"))
    versi = _versi(lap_kab, "dinkes")
    berkas = _xlsx([
        _baris_xlsx(),
        _baris_xlsx(kode_rekening="5.1.02.01.01.0024", uraian="Honor kader", volume=12, harga_satuan=150000.0,
                    total=1800000, indikator="b1", kelompok="b", arah="LAYANAN", sumber_dana="apbd_kabkota"),
        [None] * len(KOLOM),  # empty rows are skipped
        _baris_xlsx(kode_subkegiatan="1.02.02.2.02.0002", uraian="Supervisi", volume="1", harga_satuan="Rp 2.000.000,50",
                    total="2.000.000,50", indikator="F1", kelompok="F", arah="Bimbingan & Pengawasan", sumber_dana="CSR"),
    ])
    hasil = impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=berkas)
    assert (hasil.dibuat, hasil.dihapus, hasil.unit) == (3, 1, "dinkes")
    assert hasil.total == Decimal("6925000.50")
    dinkes = list(RincianBelanja.objects.filter(laporan=lap_kab, unit_id="dinkes").order_by("kode_subkegiatan", "kode_rekening"))
    assert [r.uraian for r in dinkes] == ["Honor kader", "Makanan tambahan", "Supervisi"]
    kader, pmt, supervisi = dinkes
    assert (pmt.volume, pmt.harga_satuan, pmt.total) == (Decimal("2.5"), Decimal(1250000), Decimal(3125000))
    assert (kader.indikator_id, kader.kelompok_id, kader.arah) == ("B1", "B", "layanan")
    assert (supervisi.arah, supervisi.sumber_dana, supervisi.total) == ("bimbingan", "swasta", Decimal("2000000.50"))
    assert not RincianBelanja.objects.filter(pk=lama.pk).exists()
    assert RincianBelanja.objects.filter(pk=lain.pk).exists()  # the other OPD's lines stay
    assert _versi(lap_kab, "dinkes") == versi + 1
    assert CatatanAudit.objects.filter(aksi="rincian_impor").get().baru["jumlah"] == 3


def test_impor_sipd_menolak_berkas_rusak(lap_kab, op_dinkes, settings):
    for isi in (b"Kode Program;Nama Program\n1;2\n", b"%PDF-1.7 ...", b"PK\x03\x04 rusak"):
        with pytest.raises(IsianTidakValid, match="tidak dapat dibaca sebagai Excel"):
            impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=SimpleUploadedFile("sipd.xlsx", isi))
    settings.AKSI_MAKS_UNGGAH_EXCEL = 1024
    with pytest.raises(IsianTidakValid, match="terlalu besar"):
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=_xlsx([_baris_xlsx()] * 50))
    assert not RincianBelanja.objects.exists()


def test_impor_sipd_menyebut_kolom_yang_hilang(lap_kab, op_dinkes):
    judul = [j for j in JUDUL if j not in ("Satuan", "Total")]
    with pytest.raises(IsianTidakValid) as exc:
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=_xlsx([], judul=judul))
    assert "kolom tidak ada: Satuan, Total" in str(exc.value.kesalahan[0])


def test_impor_sipd_melaporkan_setiap_sel_salah_dan_tidak_menyimpan_apa_pun(lap_kab, op_dinkes):
    lama = rincian_buat(user=op_dinkes, laporan=lap_kab, **isian())
    berkas = _xlsx([
        _baris_xlsx(),  # row 2: valid
        _baris_xlsx(indikator="Z9"),  # row 3
        _baris_xlsx(volume="-2", total="-2.500.000"),  # row 4
        _baris_xlsx(harga_satuan="satu juta"),  # row 5
        _baris_xlsx(total="3.000.000"),  # row 6
        _baris_xlsx(kelompok="C"),  # row 7
        _baris_xlsx(uraian=None, arah="entah"),  # row 8
    ])
    with pytest.raises(IsianTidakValid) as exc:
        impor_sipd(user=op_dinkes, laporan=lap_kab, berkas=berkas)
    pesan = [str(k) for k in exc.value.kesalahan]
    lembar = "lembar 'Rincian Belanja'"

    def ada(awal: str, isi: str) -> bool:
        return any(p.startswith(f"{lembar}, {awal}") and isi in p for p in pesan)

    assert ada("baris 3, kolom M (Kode Indikator)", "'Z9' tidak ada di katalog")
    assert ada("baris 4, kolom I (Koefisien/Volume)", "negatif")
    assert ada("baris 4, kolom L (Total)", "negatif")
    assert ada("baris 5, kolom K (Harga Satuan)", "bukan angka: 'satu juta'")
    assert ada("baris 6, kolom L (Total)", "total 3.000.000 tidak sama dengan volume 2,5 × harga satuan 1.250.000 = 3.125.000")
    assert ada("baris 7, kolom N (Kelompok Sasaran)", "A1 termasuk kelompok sasaran A")
    assert ada("baris 8, kolom H (Uraian Belanja)", "wajib diisi")
    assert ada("baris 8, kolom O (Ditujukan Untuk)", "'entah' tidak dikenal")
    assert not any("baris 2," in p for p in pesan)
    assert list(RincianBelanja.objects.values_list("pk", flat=True)) == [lama.pk]  # nothing saved, nothing replaced


def test_angka_gaya_indonesia():
    assert baca_jumlah("1.250.000") == Decimal(1250000)
    assert baca_jumlah("2,5") == Decimal("2.5")
    assert baca_jumlah("1.250.000,75") == Decimal("1250000.75")
    assert baca_jumlah("Rp 1.250") == Decimal(1250)
    assert baca_jumlah(0.1 + 0.2) == Decimal("0.30")  # float noise from Excel
    assert baca_jumlah("") is None
    with pytest.raises(ValueError, match="bukan angka"):
        baca_jumlah("12a")


def test_rincian_impor_langsung_semua_atau_tidak_sama_sekali(lap_kab, op_dinkes):
    baik = {k: v for k, v in isian().items()}
    with pytest.raises(IsianTidakValid) as exc:
        rincian_impor(user=op_dinkes, laporan=lap_kab, unit="dinkes", baris=[baik, baik | {"total": Decimal(1)}])
    assert str(exc.value.kesalahan[0]).startswith("baris 2: total belanja (Rp): total 1 tidak sama")
    assert not RincianBelanja.objects.exists()
    hasil = rincian_impor(user=op_dinkes, laporan=lap_kab, unit="dinkes", baris=[baik, baik], mode="tambah")
    hasil = rincian_impor(user=op_dinkes, laporan=lap_kab, unit="dinkes", baris=[baik], mode="tambah")
    assert hasil.dibuat == 1 and RincianBelanja.objects.count() == 3


def test_impor_perubahan_menghubungkan_baris_murni(siklus_terbuka, op_dinkes, beri_peran, klien_dengan):
    murni = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)
    impor_sipd(user=op_dinkes, laporan=murni, berkas=_xlsx([
        _baris_xlsx(), _baris_xlsx(kode_rekening="5.1.02.01.01.0099", uraian="Dihapus di perubahan"),
    ]))
    _setujui_semua(murni, beri_peran)
    lap = _laporan("penandaan-perubahan", KAB_BENGKULU_SELATAN)
    klien = klien_dengan(op_dinkes)
    url = reverse("penandaan:rincian", args=[lap.pk])
    klien.get(url)  # the first visit starts the revision from the approved murni lines
    assert RincianBelanja.objects.filter(laporan=lap, asal__isnull=False).count() == 2

    berkas = [_baris_xlsx(volume="3", total="3.750.000"), _baris_xlsx(kode_rekening="5.1.02.01.01.0100", uraian="Baru")]
    for _ in range(2):  # a re-import gives the same result
        hasil = impor_sipd(user=op_dinkes, laporan=lap, berkas=_xlsx(berkas))
        assert (hasil.dibuat, hasil.ditandai_dihapus) == (2, 1)
        baris = {r.uraian: r for r in RincianBelanja.objects.filter(laporan=lap).select_related("asal")}
        assert len(baris) == 3
        assert baris["Makanan tambahan"].asal.total == Decimal(3125000) and baris["Makanan tambahan"].total == Decimal(3750000)
        assert baris["Baru"].asal_id is None
        assert baris["Dihapus di perubahan"].dihapus and baris["Dihapus di perubahan"].asal_id

    halaman = klien.get(url)
    rekap = halaman.context["rekap"]
    assert (rekap.sebelum, rekap.total) == (Decimal(3125000) * 2, Decimal(3750000) + Decimal(3125000))
    isi = halaman.content.decode()
    assert "Semula (murni)" in isi and ">dihapus<" in isi and ">baru<" in isi

    # murni reopened and re-imported: its old lines go, the revision's links to them are cleared
    laporan_buka_kembali(user=beri_peran("approver", KAB_BENGKULU_SELATAN), laporan=murni, alasan="koreksi")
    impor_sipd(user=op_dinkes, laporan=murni, berkas=_xlsx([_baris_xlsx()]))
    assert not RincianBelanja.objects.filter(laporan=lap, asal__isnull=False).exists()


def test_perubahan_dimulai_sebelum_baris_pertama_ditulis(siklus_terbuka, op_dinkes, op_dppkb, beri_peran):
    murni = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN)
    rincian_buat(user=op_dinkes, laporan=murni, **isian())
    rincian_buat(user=op_dppkb, laporan=murni, **isian(uraian="Konseling catin"))
    _setujui_semua(murni, beri_peran)
    lap = _laporan("penandaan-perubahan", KAB_BENGKULU_SELATAN)
    # Dinkes imports before anyone opened the page: DPPKB's murni line is still copied for DPPKB
    impor_sipd(user=op_dinkes, laporan=lap, berkas=_xlsx([_baris_xlsx(uraian="Makanan tambahan ibu hamil KEK")]))
    dppkb = RincianBelanja.objects.get(laporan=lap, unit_id="dppkb")
    assert dppkb.uraian == "Konseling catin" and dppkb.asal_id and not dppkb.dihapus


def test_halaman_rincian_dengan_subtotal_dan_total(lap_kab, op_dinkes, op_dppkb, klien_dengan):
    rincian_buat(user=op_dinkes, laporan=lap_kab, **isian())
    rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(
        kode_rekening="5.1.02.01.01.0053", uraian="Susu", volume=Decimal(10), harga_satuan=Decimal(50000), total=Decimal(500000),
    ))
    rincian_buat(user=op_dinkes, laporan=lap_kab, **isian(kode_subkegiatan="1.02.02.2.02.0009", nama_subkegiatan="Lain",
                                                           volume=Decimal(1), total=Decimal(1000000)))
    rincian_buat(user=op_dppkb, laporan=lap_kab, **isian(volume=Decimal(1), total=Decimal(1000000)))
    klien = klien_dengan(op_dinkes)
    halaman = klien.get(reverse("penandaan:rincian", args=[lap_kab.pk]) + "?unit=semua")
    rekap = halaman.context["rekap"]
    grup = [(x.tingkat, x.total) for jenis, x in rekap.baris if jenis == "grup"]
    assert grup == [("program", Decimal(5000000)), ("kegiatan", Decimal(5000000)),
                    ("subkegiatan", Decimal(2500000) + Decimal(500000) + Decimal(1000000)),  # dinkes + dppkb share it
                    ("subkegiatan", Decimal(1000000))]
    assert rekap.total == Decimal(5000000)
    isi = halaman.content.decode()
    assert "Rp5.000.000" in isi and "2,5 paket" in isi


def test_tambah_dan_ubah_lewat_formulir(lap_kab, op_dinkes, klien_dengan):
    klien = klien_dengan(op_dinkes)
    kosong = klien.get(reverse("penandaan:tambah", args=[lap_kab.pk]))
    assert kosong.status_code == 200 and "unit" not in kosong.context["form"].fields  # its own unit, no choice
    data = isian(indikator="A1", volume="2,5", harga_satuan="1.000.000", total="")  # total computed when empty
    jawaban = klien.post(reverse("penandaan:tambah", args=[lap_kab.pk]), data)
    assert jawaban.status_code == 302
    rincian = RincianBelanja.objects.get()
    assert (rincian.unit_id, rincian.total) == ("dinkes", Decimal(2500000))

    ubah = reverse("penandaan:ubah", args=[lap_kab.pk, rincian.pk])
    assert klien.get(ubah).context["form"].initial["uraian"] == rincian.uraian
    salah = klien.post(ubah, data | {"kelompok": "B", "total": "2.500.000", "versi": _versi(lap_kab, "dinkes")})
    assert salah.status_code == 400 and "termasuk kelompok sasaran A" in salah.content.decode()
    basi = klien.post(ubah, data | {"satuan": "kotak", "versi": _versi(lap_kab, "dinkes") - 1})
    assert basi.status_code == 302
    rincian.refresh_from_db()
    assert rincian.satuan == "paket"
    klien.post(ubah, data | {"satuan": "kotak", "versi": _versi(lap_kab, "dinkes")})
    rincian.refresh_from_db()
    assert rincian.satuan == "kotak"


def test_templat_dan_impor_lewat_halaman(lap_kab, op_dinkes, klien_dengan):
    klien = klien_dengan(op_dinkes)
    jawaban = klien.get(reverse("penandaan:templat", args=[lap_kab.pk]))
    assert jawaban.status_code == 200
    wb = load_workbook(io.BytesIO(jawaban.content))
    assert wb.sheetnames == [LEMBAR]
    ws = wb[LEMBAR]
    assert [c.value for c in ws[1]] == JUDUL
    ws.append(_baris_xlsx())
    terisi = io.BytesIO()
    wb.save(terisi)

    url = reverse("penandaan:impor", args=[lap_kab.pk])
    ok = klien.post(url, {"berkas": SimpleUploadedFile("templat.xlsx", terisi.getvalue())})
    assert ok.status_code == 302 and RincianBelanja.objects.filter(unit_id="dinkes").count() == 1

    gagal = klien.post(url, {"berkas": _xlsx([_baris_xlsx(total="1")])})
    assert gagal.status_code == 400
    isi = gagal.content.decode()
    assert "lembar &#x27;Rincian Belanja&#x27;, baris 2, kolom L (Total)" in isi
    assert "tidak ada rincian belanja yang disimpan" in isi
    rusak = klien.post(url, {"berkas": SimpleUploadedFile("a.xlsx", b"bukan excel")})
    assert rusak.status_code == 400
    assert RincianBelanja.objects.filter(unit_id="dinkes").count() == 1
