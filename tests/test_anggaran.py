"""Budget reads: APBD perubahan started from the approved murni tags and its before/after, totals
per indicator / kelompok / arah / sumber dana over a wilayah's subtree from approved Laporan,
scoping, the xlsx export and planning vs APBD."""
import datetime
import io
from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse
from openpyxl import load_workbook

from aksi.models import Jadwal, Tahapan
from aksi.services import (
    Ditolak,
    bagian_ajukan,
    bagian_verifikasi,
    laporan_ambil_atau_buat,
    laporan_setujui,
    siklus_buat,
)
from indikator.models import IndikatorCapaian
from inti.models import CatatanAudit
from penandaan.models import ArahSasaran, JenisPenandaan, RincianBelanja
from penandaan.pdf import html_perubahan
from penandaan.selectors import anggaran_rincian, anggaran_ringkas, rencana_vs_apbd, selisih_perubahan
from penandaan.services import perubahan_mulai
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

APBD, PERUBAHAN, PERENCANAAN = "penandaan-apbd", "penandaan-perubahan", "penandaan-perencanaan"
PROVINSI = "17"




# --- world -----------------------------------------------------------------------------------

@pytest.fixture
def admin_pusat(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def siklus_2025(siklus_terbuka):
    """The 2025 cycle too: its penandaan-perencanaan plans budget year 2026."""
    siklus = siklus_buat(oleh=None, tahun=TAHUN - 1)
    Jadwal.objects.filter(siklus=siklus).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    return siklus


def _laporan(admin, kode: str, tahapan: str, tahun: int = TAHUN):
    return laporan_ambil_atau_buat(user=admin, tahun=tahun, tahapan=Tahapan.objects.get(pk=tahapan),
                                   wilayah=Wilayah.objects.get(kode=kode))


_nomor = iter(range(1, 10_000))


def _baris(laporan, total, *, indikator="A2", arah=ArahSasaran.LAYANAN, sumber="apbd_kabkota", unit=None,
           sub="1.02.02.2.02.0001", nama_sub="Penyediaan layanan kesehatan ibu hamil", volume=1, **lain) -> RincianBelanja:
    ind = IndikatorCapaian.objects.get(pk=indikator)
    total = Decimal(total)
    n = next(_nomor)
    return RincianBelanja.objects.create(
        laporan=laporan, unit_id=unit or laporan.bagian.first().unit_id,
        kode_program="1.02.02", nama_program="Program pemenuhan upaya kesehatan",
        kode_kegiatan="1.02.02.2.02", nama_kegiatan="Penyediaan layanan kesehatan",
        kode_subkegiatan=sub, nama_subkegiatan=nama_sub,
        kode_rekening=f"5.1.02.01.01.{n:04d}", uraian=lain.pop("uraian", f"Belanja nomor {n}"),
        volume=Decimal(volume), satuan="paket", harga_satuan=total / volume, total=total,
        indikator=ind, kelompok_id=ind.kelompok_id, arah=arah, sumber_dana=sumber, **lain,
    )


def _setujui(laporan, beri_peran):
    kode = laporan.wilayah_id
    operator, verifikator, penyetuju = beri_peran("operator", kode), beri_peran("verifikator", kode), beri_peran("approver", kode)
    for bagian in laporan.bagian.all():
        bagian_ajukan(user=operator, bagian=bagian, catatan="Tidak ada belanja yang ditandai")  # most OPD parts are empty
        bagian_verifikasi(user=verifikator, bagian=bagian)
    return laporan_setujui(user=penyetuju, laporan=laporan)


def _nilai(baris) -> dict:
    return {b.kode: b.total for b in baris if b.jumlah_baris}


# --- APBD perubahan --------------------------------------------------------------------------

def test_perubahan_copies_every_line_of_the_approved_murni_only_once(siklus_terbuka, admin_pusat, beri_peran):
    murni = _laporan(admin_pusat, KEC_KEDURANG, APBD)
    asli = [_baris(murni, 1_000_000), _baris(murni, 500_000, indikator="B6", arah=ArahSasaran.BIMBINGAN, sumber="apbdes")]
    perubahan = _laporan(admin_pusat, KEC_KEDURANG, PERUBAHAN)
    operator = beri_peran("operator", KEC_KEDURANG)

    with pytest.raises(Ditolak, match="belum disetujui"):
        perubahan_mulai(user=operator, laporan_perubahan=perubahan)
    assert not RincianBelanja.objects.filter(laporan=perubahan).exists()

    _setujui(murni, beri_peran)
    orang_lain = beri_peran("operator", KEC_TETANGGA)
    with pytest.raises(Ditolak):
        perubahan_mulai(user=orang_lain, laporan_perubahan=perubahan)

    assert perubahan_mulai(user=operator, laporan_perubahan=perubahan) == 2
    salinan = {r.asal_id: r for r in RincianBelanja.objects.filter(laporan=perubahan)}
    assert set(salinan) == {r.pk for r in asli}
    for r in asli:
        c = salinan[r.pk]
        assert (c.uraian, c.total, c.volume, c.harga_satuan, c.indikator_id, c.kelompok_id, c.arah, c.sumber_dana, c.unit_id) == (
            r.uraian, r.total, r.volume, r.harga_satuan, r.indikator_id, r.kelompok_id, r.arah, r.sumber_dana, r.unit_id)
        assert not c.dihapus and c.dibuat_oleh == operator
    assert RincianBelanja.objects.filter(laporan=murni).count() == 2  # the murni lines stay

    assert perubahan_mulai(user=operator, laporan_perubahan=perubahan) == 0  # idempotent
    assert RincianBelanja.objects.filter(laporan=perubahan).count() == 2
    audit = CatatanAudit.objects.get(aksi="perubahan_mulai")
    assert audit.pengguna == operator and audit.wilayah_kode == KEC_KEDURANG
    assert audit.baru == {"laporan_murni": murni.pk, "baris_disalin": 2, "total": "1500000.00"}


def test_perubahan_refused_without_murni_and_on_other_steps(siklus_terbuka, admin_pusat, beri_peran):
    perubahan = _laporan(admin_pusat, KEC_TETANGGA, PERUBAHAN)
    with pytest.raises(Ditolak, match="belum ada"):
        perubahan_mulai(user=beri_peran("operator", KEC_TETANGGA), laporan_perubahan=perubahan)
    murni = _laporan(admin_pusat, KEC_TETANGGA, APBD)
    with pytest.raises(Ditolak, match="hanya untuk laporan penandaan pasca perubahan"):
        perubahan_mulai(user=admin_pusat, laporan_perubahan=murni)


@pytest.fixture
def perubahan_kedurang(siklus_terbuka, admin_pusat, beri_peran):
    """Murni: L1 A2 1.000.000, L2 A2 500.000, L3 B6 2.000.000 (approved). Perubahan: L1 raised to
    1.500.000, L2 re-tagged to B1, L3 removed, L4 new B6 750.000."""
    murni = _laporan(admin_pusat, KEC_KEDURANG, APBD)
    l1 = _baris(murni, 1_000_000, uraian="Makanan tambahan ibu hamil KEK")
    l2 = _baris(murni, 500_000, uraian="Tablet tambah darah")
    l3 = _baris(murni, 2_000_000, indikator="B6", uraian="Timbangan posyandu")
    _setujui(murni, beri_peran)
    perubahan = _laporan(admin_pusat, KEC_KEDURANG, PERUBAHAN)
    assert perubahan_mulai(user=beri_peran("operator", KEC_KEDURANG), laporan_perubahan=perubahan) == 3
    salinan = {r.asal_id: r for r in RincianBelanja.objects.filter(laporan=perubahan)}
    RincianBelanja.objects.filter(pk=salinan[l1.pk].pk).update(volume=3, harga_satuan=500_000, total=1_500_000)
    RincianBelanja.objects.filter(pk=salinan[l2.pk].pk).update(indikator_id="B1", kelompok_id="B")
    RincianBelanja.objects.filter(pk=salinan[l3.pk].pk).update(dihapus=True)
    l4 = _baris(perubahan, 750_000, indikator="B6", uraian="Alat ukur panjang badan")
    return perubahan, {"L1": salinan[l1.pk], "L2": salinan[l2.pk], "L3": salinan[l3.pk], "L4": l4}


def test_before_after_per_line_per_indicator_and_total(perubahan_kedurang):
    perubahan, baris = perubahan_kedurang
    data = selisih_perubahan(perubahan)

    per_baris = {r.pk: (r.sebelum, r.sesudah, r.selisih, r.berubah) for r in data.baris}
    assert per_baris[baris["L1"].pk] == (Decimal(1_000_000), Decimal(1_500_000), Decimal(500_000), True)
    assert per_baris[baris["L2"].pk] == (Decimal(500_000), Decimal(500_000), Decimal(0), True)  # re-tagged
    assert per_baris[baris["L3"].pk] == (Decimal(2_000_000), Decimal(0), Decimal(-2_000_000), True)  # removed
    assert per_baris[baris["L4"].pk] == (Decimal(0), Decimal(750_000), Decimal(750_000), True)  # new

    per_indikator = {b.indikator.kode: (b.sebelum, b.sesudah, b.selisih) for b in data.per_indikator}
    assert per_indikator == {
        "A2": (Decimal(1_500_000), Decimal(1_500_000), Decimal(0)),  # L1 + L2 before; L1 after
        "B1": (Decimal(0), Decimal(500_000), Decimal(500_000)),  # L2 after re-tagging
        "B6": (Decimal(2_000_000), Decimal(750_000), Decimal(-1_250_000)),  # L3 removed, L4 new
    }
    assert [b.indikator.kode for b in data.per_indikator] == ["A2", "B1", "B6"]  # catalog order
    assert (data.total.sebelum, data.total.sesudah, data.total.selisih) == (
        Decimal(3_500_000), Decimal(2_750_000), Decimal(-750_000))
    assert (data.jumlah_baris, data.jumlah_baru, data.jumlah_dihapus, data.jumlah_berubah) == (4, 1, 1, 4)


def test_unchanged_copy_is_not_counted_as_changed(siklus_terbuka, admin_pusat, beri_peran):
    murni = _laporan(admin_pusat, KEC_KEDURANG, APBD)
    _baris(murni, 300_000)
    _baris(murni, 200_000, indikator="F1", arah=ArahSasaran.SASARAN_LANGSUNG)
    _setujui(murni, beri_peran)
    perubahan = _laporan(admin_pusat, KEC_KEDURANG, PERUBAHAN)
    perubahan_mulai(user=admin_pusat, laporan_perubahan=perubahan)
    RincianBelanja.objects.filter(laporan=perubahan, indikator="F1").update(total=250_000, harga_satuan=250_000)

    data = selisih_perubahan(perubahan)
    assert data.jumlah_berubah == 1
    assert [r.total for r in selisih_perubahan(perubahan, hanya_berubah=True).baris] == [Decimal(250_000)]
    assert (data.total.sebelum, data.total.sesudah) == (Decimal(500_000), Decimal(550_000))


def test_perubahan_page_and_pdf(perubahan_kedurang, beri_peran, klien_dengan):
    perubahan, _ = perubahan_kedurang
    klien = klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    respons = klien.get(reverse("penandaan:anggaran-perubahan", args=[perubahan.pk]))
    assert respons.status_code == 200
    html = respons.content.decode()
    assert 'id="total-sebelum">Rp3.500.000<' in html and 'id="total-sesudah">Rp2.750.000<' in html
    assert 'id="total-selisih">-Rp750.000<' in html
    assert "Dihapus" in html and "Baru" in html and "Alat ukur panjang badan" in html
    hanya = klien.get(reverse("penandaan:anggaran-perubahan", args=[perubahan.pk]), {"berubah": "1"})
    assert hanya.status_code == 200

    dokumen = html_perubahan(perubahan)
    assert "Rp3.500.000" in dokumen and "-Rp1.250.000" in dokumen and "Timbangan posyandu" in dokumen
    assert "DRAF — belum disetujui" in dokumen  # the perubahan Laporan itself is not approved yet
    pdf = klien.get(reverse("penandaan:anggaran-perubahan-pdf", args=[perubahan.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_perubahan_page_is_404_outside_scope_or_for_other_steps(perubahan_kedurang, admin_pusat, beri_peran, klien_dengan):
    perubahan, _ = perubahan_kedurang
    klien = klien_dengan(beri_peran("operator", KEC_TETANGGA))
    assert klien.get(reverse("penandaan:anggaran-perubahan", args=[perubahan.pk])).status_code == 404
    assert klien.get(reverse("penandaan:anggaran-perubahan-pdf", args=[perubahan.pk])).status_code == 404
    murni = _laporan(admin_pusat, KEC_KEDURANG, APBD)
    klien = klien_dengan(beri_peran("operator", KEC_KEDURANG))
    assert klien.get(reverse("penandaan:anggaran-perubahan", args=[murni.pk])).status_code == 404


# --- totals over a subtree -------------------------------------------------------------------

@pytest.fixture
def anggaran_bengkulu_selatan(siklus_terbuka, admin_pusat, beri_peran):
    """APBD murni 2026. Kab. Bengkulu Selatan (approved): Dinkes A2 10 jt layanan, Bappeda F1 4 jt
    bimbingan. Kedurang (approved): A2 1 jt sasaran langsung APBDes. Tetangga (NOT approved): A2
    9.999.000. Another kabupaten (approved): A2 123.000. A perubahan line that must not count."""
    kab = _laporan(admin_pusat, KAB_BENGKULU_SELATAN, APBD)
    _baris(kab, 10_000_000, unit="dinkes", uraian="PMT balita gizi kurang")
    _baris(kab, 4_000_000, indikator="F1", arah=ArahSasaran.BIMBINGAN, unit="bappeda", uraian="=HYPERLINK(\"http://x\")")
    kec = _laporan(admin_pusat, KEC_KEDURANG, APBD)
    _baris(kec, 1_000_000, arah=ArahSasaran.SASARAN_LANGSUNG, sumber="apbdes", uraian="Kelas ibu hamil")
    tetangga = _laporan(admin_pusat, KEC_TETANGGA, APBD)
    _baris(tetangga, 9_999_000, uraian="Belum disetujui")
    lain = _laporan(admin_pusat, KAB_LAIN, APBD)
    _baris(lain, 123_000, unit="dinkes")
    for laporan in (kab, kec, lain):
        _setujui(laporan, beri_peran)
    _baris(_laporan(admin_pusat, KAB_BENGKULU_SELATAN, PERUBAHAN), 77_000_000)
    return kab


def test_totals_include_the_kecamatan_below_and_only_approved_laporan(anggaran_bengkulu_selatan, beri_peran):
    pemantau = beri_peran("pemantau", PROVINSI)
    kab = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN)
    data = anggaran_ringkas(user=pemantau, wilayah=kab, tahun=TAHUN, jenis=JenisPenandaan.MURNI)

    assert data.total == Decimal(15_000_000) and data.jumlah_baris == 3 and data.jumlah_laporan == 2
    assert _nilai(data.per_indikator) == {"A2": Decimal(11_000_000), "F1": Decimal(4_000_000)}
    assert _nilai(data.per_kelompok) == {"A": Decimal(11_000_000), "F": Decimal(4_000_000)}
    # Pasal 7: kelompok A–E are specific interventions, F sensitive (D92)
    assert _nilai(data.per_intervensi) == {"spesifik": Decimal(11_000_000), "sensitif": Decimal(4_000_000)}
    assert _nilai(data.per_arah) == {"layanan": Decimal(10_000_000), "bimbingan": Decimal(4_000_000),
                                     "sasaran_langsung": Decimal(1_000_000)}
    assert _nilai(data.per_sumber_dana) == {"apbd_kabkota": Decimal(14_000_000), "apbdes": Decimal(1_000_000)}
    assert len(data.per_indikator) == IndikatorCapaian.objects.count()  # unfunded indicators listed at 0

    semua = anggaran_ringkas(user=pemantau, wilayah=kab, tahun=TAHUN, jenis="murni", termasuk_belum_disetujui=True)
    assert _nilai(semua.per_indikator)["A2"] == Decimal(20_999_000) and semua.total == Decimal(24_999_000)

    provinsi = anggaran_ringkas(user=pemantau, wilayah=Wilayah.objects.get(kode=PROVINSI), tahun=TAHUN, jenis="murni")
    assert provinsi.total == Decimal(15_123_000)
    kedurang = anggaran_ringkas(user=pemantau, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG), tahun=TAHUN, jenis="murni")
    assert kedurang.total == Decimal(1_000_000)

    drill = anggaran_rincian(user=pemantau, wilayah=kab, tahun=TAHUN, jenis="murni", indikator="A2")
    assert sorted(r.total for r in drill) == [Decimal(1_000_000), Decimal(10_000_000)]
    drill = anggaran_rincian(user=pemantau, wilayah=kab, tahun=TAHUN, jenis="murni", arah="bimbingan", sumber_dana="apbd_kabkota")
    assert [r.indikator_id for r in drill] == ["F1"]


def test_summary_and_drill_down_pages(anggaran_bengkulu_selatan, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("approver", KAB_BENGKULU_SELATAN))
    respons = klien.get(reverse("penandaan:anggaran-ringkas"), {"tahun": TAHUN, "jenis": "murni"})  # default wilayah: own
    assert respons.status_code == 200
    html = respons.content.decode()
    assert 'id="total-anggaran">Rp15.000.000<' in html
    assert "indikator=A2" in html and "arah=bimbingan" in html and "sumber_dana=apbdes" in html

    rincian = klien.get(reverse("penandaan:anggaran-rincian"), {"wilayah": KAB_BENGKULU_SELATAN, "tahun": TAHUN, "indikator": "A2"})
    assert rincian.status_code == 200
    html = rincian.content.decode()
    assert 'id="total-rincian">Rp11.000.000<' in html and "PMT balita gizi kurang" in html and "Kelas ibu hamil" in html
    assert "Belum disetujui" not in html
    dengan_draf = klien.get(reverse("penandaan:anggaran-rincian"), {"wilayah": KAB_BENGKULU_SELATAN, "tahun": TAHUN, "semua": "1"})
    assert "Belum disetujui" in dengan_draf.content.decode()

    assert klien.get(reverse("penandaan:anggaran-ringkas"), {"tahun": "dua ribu"}).status_code == 400
    assert klien.get(reverse("penandaan:anggaran-ringkas"), {"jenis": "lain"}).status_code == 400


def test_kecamatan_user_sees_only_its_own_lines(anggaran_bengkulu_selatan, beri_peran, klien_dengan):
    operator = beri_peran("operator", KEC_KEDURANG)
    klien = klien_dengan(operator)
    for nama in ("penandaan:anggaran-ringkas", "penandaan:anggaran-rincian", "penandaan:anggaran-ekspor",
                 "penandaan:anggaran-rencana-vs-apbd"):
        for kode in (KAB_BENGKULU_SELATAN, KEC_TETANGGA, PROVINSI):
            assert klien.get(reverse(nama), {"wilayah": kode, "tahun": TAHUN}).status_code == 404, (nama, kode)

    respons = klien.get(reverse("penandaan:anggaran-ringkas"), {"tahun": TAHUN})
    assert respons.status_code == 200 and 'id="total-anggaran">Rp1.000.000<' in respons.content.decode()
    html = klien.get(reverse("penandaan:anggaran-rincian"), {"tahun": TAHUN, "semua": "1"}).content.decode()
    assert "Kelas ibu hamil" in html and "PMT balita" not in html and "Belum disetujui" not in html

    with pytest.raises(Http404):
        anggaran_ringkas(user=operator, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), tahun=TAHUN, jenis="murni")
    sendiri = anggaran_rincian(user=operator, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG), tahun=TAHUN, jenis="murni",
                               termasuk_belum_disetujui=True)
    assert [r.uraian for r in sendiri] == ["Kelas ibu hamil"]


def test_xlsx_export_opens_and_has_the_lines(anggaran_bengkulu_selatan, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    respons = klien.get(reverse("penandaan:anggaran-ekspor"), {"wilayah": KAB_BENGKULU_SELATAN, "tahun": TAHUN})
    assert respons.status_code == 200
    assert respons["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert f"anggaran-murni-{TAHUN}-{KAB_BENGKULU_SELATAN}.xlsx" in respons["Content-Disposition"]
    buku = load_workbook(io.BytesIO(b"".join(respons.streaming_content)))
    ws = buku.active
    baris = list(ws.iter_rows(values_only=True))
    kepala = baris[0]
    data = [dict(zip(kepala, b)) for b in baris[1:]]
    assert len(data) == 3
    assert sorted(d["Total (Rp)"] for d in data) == [1_000_000, 4_000_000, 10_000_000]
    per_uraian = {d["Uraian belanja"]: d for d in data}
    assert per_uraian["Kelas ibu hamil"]["Kode wilayah"] == KEC_KEDURANG
    assert per_uraian["Kelas ibu hamil"]["Sumber dana"] == "APBDes"
    assert per_uraian["PMT balita gizi kurang"]["Indikator"] == "A2"
    # text that looks like a formula stays text
    sel = next(c for c in ws.iter_rows(min_row=2) for c in c if c.value == '=HYPERLINK("http://x")')
    assert sel.data_type == "s"

    hanya_f1 = klien.get(reverse("penandaan:anggaran-ekspor"), {"wilayah": KAB_BENGKULU_SELATAN, "tahun": TAHUN, "indikator": "F1"})
    ws = load_workbook(io.BytesIO(b"".join(hanya_f1.streaming_content))).active
    assert ws.max_row == 2


# --- planning vs APBD ------------------------------------------------------------------------

def test_planning_of_the_year_before_against_apbd_murni(siklus_2025, admin_pusat, beri_peran, klien_dengan):
    x, y, w, z = "1.02.02.2.02.0001", "1.02.02.2.02.0002", "1.02.02.2.02.0003", "7.01.01.2.01.0001"
    rencana_kab = _laporan(admin_pusat, KAB_BENGKULU_SELATAN, PERENCANAAN, tahun=TAHUN - 1)
    _baris(rencana_kab, 5_000_000, sub=x, unit="dinkes")
    _baris(rencana_kab, 3_000_000, indikator="B6", sub=y, nama_sub="Pengadaan alat antropometri", unit="dinkes")
    rencana_kec = _laporan(admin_pusat, KEC_KEDURANG, PERENCANAAN, tahun=TAHUN - 1)
    _baris(rencana_kec, 1_000_000, indikator="F1", sub=z, nama_sub="Rembuk stunting kecamatan")
    apbd_kab = _laporan(admin_pusat, KAB_BENGKULU_SELATAN, APBD)
    _baris(apbd_kab, 2_500_000, sub=x, unit="dinkes")
    _baris(apbd_kab, 1_500_000, sub=x, unit="dinkes")
    _baris(apbd_kab, 2_000_000, sub=w, nama_sub="Tidak direncanakan", unit="dinkes")
    apbd_kec = _laporan(admin_pusat, KEC_KEDURANG, APBD)
    _baris(apbd_kec, 1_200_000, indikator="F1", sub=z, nama_sub="Rembuk stunting kecamatan")
    # Planning made in 2026 is for budget year 2027: not part of the 2026 comparison.
    _baris(_laporan(admin_pusat, KAB_BENGKULU_SELATAN, PERENCANAAN), 999_000, indikator="B6", sub=y, unit="dinkes")
    for laporan in (rencana_kab, rencana_kec, apbd_kab, apbd_kec):
        _setujui(laporan, beri_peran)

    pemantau = beri_peran("pemantau", KAB_BENGKULU_SELATAN)
    data = rencana_vs_apbd(user=pemantau, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), tahun=TAHUN)
    assert {b.indikator.kode: (b.rencana, b.apbd, b.selisih) for b in data.per_indikator} == {
        "A2": (Decimal(5_000_000), Decimal(6_000_000), Decimal(1_000_000)),
        "B6": (Decimal(3_000_000), Decimal(0), Decimal(-3_000_000)),
        "F1": (Decimal(1_000_000), Decimal(1_200_000), Decimal(200_000)),
    }
    assert (data.total.rencana, data.total.apbd) == (Decimal(9_000_000), Decimal(7_200_000))
    sub = {(b.wilayah.kode, b.kode): (b.rencana, b.apbd, b.didanai) for b in data.per_subkegiatan}
    assert sub == {
        (KAB_BENGKULU_SELATAN, x): (Decimal(5_000_000), Decimal(4_000_000), True),
        (KAB_BENGKULU_SELATAN, y): (Decimal(3_000_000), Decimal(0), False),
        (KAB_BENGKULU_SELATAN, w): (Decimal(0), Decimal(2_000_000), True),
        (KEC_KEDURANG, z): (Decimal(1_000_000), Decimal(1_200_000), True),
    }
    assert (data.subkegiatan_direncanakan, data.subkegiatan_didanai) == (3, 2)

    # The planning summary of budget year 2026 reads the 2025 planning Laporan.
    rencana = anggaran_ringkas(user=pemantau, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), tahun=TAHUN, jenis="perencanaan")
    assert rencana.total == Decimal(9_000_000)

    klien = klien_dengan(pemantau)
    respons = klien.get(reverse("penandaan:anggaran-rencana-vs-apbd"), {"wilayah": KAB_BENGKULU_SELATAN, "tahun": TAHUN})
    assert respons.status_code == 200
    html = respons.content.decode()
    assert 'id="total-rencana">Rp9.000.000<' in html and 'id="total-apbd">Rp7.200.000<' in html
    assert 'id="subkegiatan-didanai">2 / 3<' in html and "Belum didanai" in html and "Pengadaan alat antropometri" in html
    belum = klien.get(reverse("penandaan:anggaran-rencana-vs-apbd"), {"wilayah": KAB_BENGKULU_SELATAN, "tahun": TAHUN, "belum": "1"})
    assert "Rembuk stunting kecamatan" not in belum.content.decode().split("Per subkegiatan")[1]

    kecamatan = rencana_vs_apbd(user=beri_peran("pemantau", KEC_KEDURANG), wilayah=Wilayah.objects.get(kode=KEC_KEDURANG), tahun=TAHUN)
    assert (kecamatan.total.rencana, kecamatan.total.apbd) == (Decimal(1_000_000), Decimal(1_200_000))
