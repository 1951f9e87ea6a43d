"""analisis.selectors: coverage of the wilayah below a kab/kota or provinsi, from the desa
values of APPROVED kecamatan Laporan of the same tahun and tahapan only."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from analisis.selectors import cakupan_wilayah_bawah
from aksi.services import laporan_ambil_atau_buat
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

ANALISIS = "analisis-situasi"


def _laporan(kode: str, tahapan: str = ANALISIS, *, disetujui: bool = False) -> Laporan:
    laporan = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                                      tahapan=Tahapan.objects.get(pk=tahapan), wilayah=Wilayah.objects.get(kode=kode))
    if disetujui:
        Laporan.objects.filter(pk=laporan.pk).update(status=StatusLaporan.DISETUJUI)
        laporan.refresh_from_db()
    return laporan


def _desa(kode_kecamatan: str) -> list[str]:
    return list(Wilayah.objects.filter(induk_id=kode_kecamatan, tingkat=Tingkat.DESA).order_by("kode")
                .values_list("kode", flat=True))


def _nilai(laporan: Laporan, desa: str, **nilai: int) -> None:
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=laporan, desa_id=desa, item=k, nilai=v) for k, v in nilai.items()])


def _cakupan(kode: str, tahapan: str = ANALISIS):
    return cakupan_wilayah_bawah(wilayah=Wilayah.objects.get(kode=kode), tahun=TAHUN, tahapan_id=tahapan)


def _sel(baris, kode_item):
    return next(c for c in baris.cakupan if c.item.kode == kode_item)


def test_kabkota_counts_only_the_approved_kecamatan(siklus_terbuka):
    kedurang, tetangga = _laporan(KEC_KEDURANG, disetujui=True), _laporan(KEC_TETANGGA)
    d1, d2 = _desa(KEC_KEDURANG)[:2]
    _nilai(kedurang, d1, S04=10, A2=5, S08=4, S09=6, B6=5)
    _nilai(kedurang, d2, S04=20, A2=10)
    _nilai(tetangga, _desa(KEC_TETANGGA)[0], S04=40, A2=40)  # draft: not counted
    # the same kecamatan in another step does not count either
    semester = _laporan(KEC_KEDURANG, "capaian-semester-1", disetujui=True)
    NilaiDesa.objects.filter(laporan=semester).delete()
    _nilai(semester, d1, S04=1, A2=1)

    hasil = _cakupan(KAB_BENGKULU_SELATAN)
    anak = list(Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN).order_by("kode"))
    assert [b.wilayah for b in hasil.baris] == anak and hasil.total.wilayah.kode == KAB_BENGKULU_SELATAN
    assert [i.kode for i in hasil.indikator][:3] == ["A1", "A2", "A3"] and len(hasil.indikator) == 31
    per = {b.wilayah.kode: b for b in hasil.baris}

    a2 = _sel(per[KEC_KEDURANG], "A2")
    assert (a2.pembilang, a2.penyebut, a2.persen) == (15, 30, 50.0)
    b6 = _sel(per[KEC_KEDURANG], "B6")
    assert (b6.pembilang, b6.penyebut, b6.persen) == (5, 10, 50.0)  # denominator S08 + S09
    a1 = _sel(per[KEC_KEDURANG], "A1")
    assert (a1.pembilang, a1.penyebut, a1.persen) == (None, None, None)  # nothing entered is not zero
    assert all(c.pembilang is None and c.persen is None for c in per[KEC_TETANGGA].cakupan)

    # the state column: each child's own Laporan of this step; the counts of kecamatan
    assert per[KEC_KEDURANG].laporan == kedurang and per[KEC_TETANGGA].laporan.status == StatusLaporan.DRAFT
    assert per["17.01.04"].laporan is None
    assert (per[KEC_KEDURANG].kecamatan_disetujui, per[KEC_KEDURANG].jumlah_kecamatan) == (1, 1)
    assert (per[KEC_TETANGGA].kecamatan_disetujui, per[KEC_TETANGGA].jumlah_kecamatan) == (0, 1)
    assert (hasil.total.kecamatan_disetujui, hasil.total.jumlah_kecamatan) == (1, len(anak))
    assert hasil.total.laporan is None
    total = _sel(hasil.total, "A2")
    assert (total.pembilang, total.penyebut, total.persen) == (15, 30, 50.0)

    # the transposed view: per indicator, a cell per child and the total
    item, sel, jumlah = hasil.matriks[1]
    assert item.kode == "A2" and len(sel) == len(anak) and jumlah == total
    assert hasil.kelompok[0][0].startswith("A. ") and sum(n for _, n in hasil.kelompok) == 31


def test_provinsi_groups_the_approved_kecamatan_by_kabupaten(siklus_terbuka):
    kedurang = _laporan(KEC_KEDURANG, disetujui=True)
    tetangga = _laporan(KEC_TETANGGA, disetujui=True)
    _nilai(kedurang, _desa(KEC_KEDURANG)[0], S04=8, A2=2)
    _nilai(tetangga, _desa(KEC_TETANGGA)[0], S04=12, A2=3)
    kab = _laporan(KAB_BENGKULU_SELATAN)

    hasil = _cakupan("17")
    per = {b.wilayah.kode: b for b in hasil.baris}
    assert set(per) == set(Wilayah.objects.filter(induk_id="17").values_list("kode", flat=True))
    bs = per[KAB_BENGKULU_SELATAN]
    assert (_sel(bs, "A2").pembilang, _sel(bs, "A2").penyebut, _sel(bs, "A2").persen) == (5, 20, 25.0)
    assert bs.laporan == kab and per[KAB_LAIN].laporan is None
    jumlah_kec = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN).jumlah_kecamatan
    assert jumlah_kec > 2 and (bs.kecamatan_disetujui, bs.jumlah_kecamatan) == (2, jumlah_kec)
    assert per[KAB_LAIN].kecamatan_disetujui == 0 and _sel(per[KAB_LAIN], "A2").persen is None
    assert hasil.total.kecamatan_disetujui == 2
    assert hasil.total.jumlah_kecamatan == Wilayah.objects.filter(tingkat=Tingkat.KECAMATAN, kode__startswith="17.").count()
    assert _sel(hasil.total, "A2").persen == 25.0


def test_f6_counts_desa_with_1_over_all_desa_and_c5_is_a_count(siklus_terbuka):
    kedurang = _laporan(KEC_KEDURANG, disetujui=True)
    tetangga = _laporan(KEC_TETANGGA, disetujui=True)
    d1, d2, d3 = _desa(KEC_KEDURANG)[:3]
    _nilai(kedurang, d1, F6=1, C5=3)
    _nilai(kedurang, d2, F6=0, C5=2)
    _nilai(kedurang, d3, F6=1)
    _nilai(tetangga, _desa(KEC_TETANGGA)[0], S04=5)  # approved, but no F6 nor C5 entered

    per = {b.wilayah.kode: b for b in _cakupan(KAB_BENGKULU_SELATAN).baris}
    total = _cakupan(KAB_BENGKULU_SELATAN).total
    desa_kedurang, desa_tetangga = len(_desa(KEC_KEDURANG)), len(_desa(KEC_TETANGGA))
    f6 = _sel(per[KEC_KEDURANG], "F6")
    assert (f6.pembilang, f6.penyebut) == (2, desa_kedurang)  # every desa of the kecamatan, not only those entered
    assert f6.persen == pytest.approx(200 / desa_kedurang) and not f6.hitungan
    assert (_sel(per[KEC_TETANGGA], "F6").pembilang, _sel(per[KEC_TETANGGA], "F6").penyebut) == (0, desa_tetangga)
    assert (_sel(total, "F6").pembilang, _sel(total, "F6").penyebut) == (2, desa_kedurang + desa_tetangga)
    assert _sel(per["17.01.04"], "F6").penyebut is None  # no approved kecamatan: no denominator

    c5 = _sel(per[KEC_KEDURANG], "C5")
    assert c5.hitungan and (c5.pembilang, c5.penyebut, c5.persen) == (5, None, None)
    assert _sel(per[KEC_TETANGGA], "C5").pembilang is None
    assert _sel(total, "C5").pembilang == 5 and _sel(total, "C5").persen is None


def test_semester_step_needs_no_laporan_of_the_kabkota(siklus_terbuka):
    semester = _laporan(KEC_KEDURANG, "capaian-semester-1", disetujui=True)
    NilaiDesa.objects.filter(laporan=semester).delete()
    _nilai(semester, _desa(KEC_KEDURANG)[0], S10=20, C2=15)
    hasil = _cakupan(KAB_BENGKULU_SELATAN, "capaian-semester-1")
    assert not Laporan.objects.filter(wilayah_id=KAB_BENGKULU_SELATAN).exists()
    kedurang = next(b for b in hasil.baris if b.wilayah.kode == KEC_KEDURANG)
    assert _sel(kedurang, "C2").persen == 75.0 and kedurang.laporan == semester


def test_query_count_does_not_grow_with_the_desa(siklus_terbuka, django_assert_max_num_queries):
    kab = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN)
    kedurang = _laporan(KEC_KEDURANG, disetujui=True)
    _nilai(kedurang, _desa(KEC_KEDURANG)[0], S04=10, A2=5, F6=1)

    def jumlah_query() -> int:
        with CaptureQueriesContext(connection) as q, django_assert_max_num_queries(9):
            cakupan_wilayah_bawah(wilayah=kab, tahun=TAHUN, tahapan_id=ANALISIS)
        return len(q)

    daftar_item()  # the catalog is cached; count only the selector's own queries
    sedikit = jumlah_query()
    for kode in Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN).values_list("kode", flat=True):
        laporan, desa = (kedurang, _desa(kode)[1:]) if kode == KEC_KEDURANG else (_laporan(kode, disetujui=True), _desa(kode))
        NilaiDesa.objects.bulk_create([
            NilaiDesa(laporan=laporan, desa_id=d, item=item, nilai=1) for d in desa for item in ("S04", "A2", "S08", "B6", "C5", "F6")
        ])
    assert NilaiDesa.objects.count() > 100
    assert jumlah_query() == sedikit
