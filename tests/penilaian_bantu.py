"""Fixtures and helpers of the penilaian tests."""
import datetime
from decimal import Decimal
import pytest
from django.utils import timezone
from aksi.choices import StatusBagian, StatusLaporan, Transisi
from aksi.models import Laporan, RiwayatLaporan, Tahapan
from analisis.models import TargetCakupan
from aksi.services import laporan_ambil_atau_buat
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from indikator.selectors import desa_laporan
from monev.models import Rekap
from penilaian.dasar import bulat
from penilaian.models import NilaiPenilaian, RincianNilai
from penilaian.services import aturan_bawaan_buat, penilaian_hitung
from wilayah.choices import Tingkat
from wilayah.models import Wilayah
from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory


pytestmark = [pytest.mark.django_db]


TAHAPAN_KECAMATAN = ("analisis-situasi", "pra-musrenbang", "penandaan-perencanaan", "penandaan-apbd", "penandaan-perubahan",
                     "capaian-semester-1", "capaian-semester-2")


TAHAPAN_DESA = ("analisis-situasi", "capaian-semester-1", "capaian-semester-2")


def _buka(kode_tahapan: str, kode: str, tahun: int = TAHUN) -> Laporan:
    return laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=tahun,
                                   tahapan=Tahapan.objects.get(pk=kode_tahapan), wilayah=Wilayah.objects.get(kode=kode))


def _tandai(laporan: Laporan, *, disetujui: bool, diajukan_pada: datetime.datetime | None = None) -> Laporan:
    """Every part submitted (first 'ajukan' at `diajukan_pada`), verified when approved."""
    waktu = diajukan_pada or timezone.now()
    for b in laporan.bagian.all():
        r = RiwayatLaporan.objects.create(laporan=laporan, bagian=b, transisi=Transisi.AJUKAN, dari="draft", ke="diajukan")
        RiwayatLaporan.objects.filter(pk=r.pk).update(waktu=waktu)
    laporan.bagian.update(status=StatusBagian.DIVERIFIKASI if disetujui else StatusBagian.DIAJUKAN)
    Laporan.objects.filter(pk=laporan.pk).update(
        status=StatusLaporan.DISETUJUI if disetujui else StatusLaporan.DIAJUKAN, disetujui_pada=timezone.now() if disetujui else None,
    )
    laporan.refresh_from_db()
    return laporan


def _isi_desa(laporan: Laporan, bagian_terisi: float = 1.0) -> int:
    """Fill exactly the first share of (desa × item) cells; returns the number of cells filled."""
    NilaiDesa.objects.filter(laporan=laporan).delete()  # a semester starts from the approved values
    sel = [(d, i.kode) for d in desa_laporan(laporan) for i in daftar_item()]
    sel = sel[: round(len(sel) * bagian_terisi)]
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=laporan, desa_id=d, item=i, nilai=1) for d, i in sel])
    return len(sel)


def _rekap(kode: str, periode: str = "baseline", **jumlah: int) -> None:
    tingkat = {2: 1, 5: 2, 8: 3}[len(kode)]
    Rekap.objects.bulk_create([Rekap(wilayah_kode=kode, tingkat=tingkat, tahun=TAHUN, periode=periode, item=item, jumlah=n,
                                     jumlah_desa=1) for item, n in jumlah.items()])


def _target(kode: str, **target: int) -> Laporan:
    laporan = _buka("analisis-situasi", kode)
    for indikator, persen in target.items():
        TargetCakupan.objects.create(laporan=laporan, indikator_id=indikator, target_persen=Decimal(persen))
    return laporan


def _kecamatan_ketiga() -> str:
    return Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN, tingkat=Tingkat.KECAMATAN).order_by("kode")[2].kode


def _rincian(kode: str) -> dict[str, RincianNilai]:
    return {r.kode: r for r in RincianNilai.objects.filter(nilai__wilayah_id=kode, nilai__tahun=TAHUN)}


def _total(kode: str) -> NilaiPenilaian:
    return NilaiPenilaian.objects.get(wilayah_id=kode, tahun=TAHUN)


def _periksa_jumlah(qs=None) -> int:
    """Every score's contributions add up to its total exactly, each being round(skor × bobot / Σ bobot)."""
    n = 0
    for nilai in (qs or NilaiPenilaian.objects.all()).prefetch_related("rincian"):
        rincian = list(nilai.rincian.all())
        total_bobot = sum(r.bobot for r in rincian)
        assert sum(r.kontribusi for r in rincian) == nilai.total, nilai
        for r in rincian:
            assert r.kontribusi == bulat(r.skor * r.bobot / total_bobot), r
        n += 1
    return n


@pytest.fixture
def kasus(siklus_terbuka):
    """Three hand-made kecamatan of Kab. Bengkulu Selatan under the default kecamatan rule:

    - Kedurang: every step approved on time, desa values complete, coverage above the kab/kota's
      targets, regulasi approved                                          -> 83,00 Berdaya;
    - its neighbour: every step submitted on time but none approved, nothing filled, coverage
      above target, regulasi approved                                     -> 53,00 Berkembang;
    - the third: only analisis situasi, approved on time with half the desa cells, coverage half
      of one target and nothing for the other                             -> Tumbuh.
    """
    aturan, _ = aturan_bawaan_buat(tahun=TAHUN, tingkat=Tingkat.KECAMATAN)
    _target(KAB_BENGKULU_SELATAN, A2=80, A4=50)
    laporan = {}
    for kode_tahapan in TAHAPAN_KECAMATAN:
        lap = _buka(kode_tahapan, KEC_KEDURANG)
        if kode_tahapan in TAHAPAN_DESA:
            _isi_desa(lap)
        laporan[kode_tahapan] = _tandai(lap, disetujui=True)
        _tandai(_buka(kode_tahapan, KEC_TETANGGA), disetujui=False)
    _tandai(_buka("regulasi", KEC_KEDURANG), disetujui=True)
    _tandai(_buka("regulasi", KEC_TETANGGA), disetujui=True)
    ketiga = _kecamatan_ketiga()
    lap = _buka("analisis-situasi", ketiga)
    terisi = _isi_desa(lap, 0.5)
    _tandai(lap, disetujui=True)
    _rekap(KEC_KEDURANG, S04=100, A2=90, A4=60)
    _rekap(KEC_TETANGGA, S04=200, A2=170, A4=150)
    _rekap(ketiga, S04=100, A2=40)
    return {"aturan": aturan, "laporan": laporan, "ketiga": ketiga, "terisi_ketiga": terisi, "laporan_ketiga": lap}


@pytest.fixture
def dinilai(kasus):
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan="17")
    return kasus
