"""Penilaian hasil monev: default rules, bulk scoring, breakdown and evidence, ranking, PDF, the
monev notes through the workflow (issue 5, items 3 and 4)."""
from inti.galat import Ditolak
import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aksi.choices import StatusBagian, StatusLaporan, Transisi
from aksi.models import Jadwal, Laporan, PerpanjanganJadwal, RiwayatLaporan, Tahapan
from analisis.models import TargetCakupan
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_ambil_atau_buat, laporan_setujui
from config.celery import app as celery_app
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from indikator.selectors import desa_laporan
from inti.pdf import ZONA_WAKTU
from monev.models import Rekap
from monev.selectors import rekap_cakupan
from penilaian.dasar import PenilaianGagal, bulat
from penilaian.data import DataPenilaian
from penilaian.models import AturanPenilaian, CatatanMonev, Kelas, KomponenPenilaian, NilaiPenilaian, RincianNilai
from penilaian.pdf import html_laporan_penilaian
from penilaian.services import aturan_bawaan_buat, catatan_buat, catatan_hapus, catatan_ubah, penilaian_hitung
from penilaian.tasks import penilaian_hitung_tugas
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

pytestmark = [pytest.mark.django_db]

TAHAPAN_KECAMATAN = ("analisis-situasi", "pra-musrenbang", "penandaan-perencanaan", "penandaan-apbd", "penandaan-perubahan",
                     "capaian-semester-1", "capaian-semester-2")
TAHAPAN_DESA = ("analisis-situasi", "capaian-semester-1", "capaian-semester-2")


# --- building hand-made cases ------------------------------------------------------------------

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


# --- default rules -----------------------------------------------------------------------------

def test_default_rules_per_level_weigh_100_and_the_command_is_idempotent(siklus_terbuka):
    call_command("aturan_bawaan", str(TAHUN), verbosity=0)
    for tingkat, n_tahapan in ((Tingkat.KECAMATAN, 7), (Tingkat.KABKOTA, 5), (Tingkat.PROVINSI, 5)):
        aturan = AturanPenilaian.objects.get(tahun=TAHUN, tingkat=tingkat, aktif=True)
        komponen = list(aturan.komponen.all())
        assert sum(k.bobot for k in komponen) == 100
        assert len(komponen) == n_tahapan * 4 + 3
        assert (aturan.ambang_berkembang, aturan.ambang_berdaya) == (50, 75)
        assert {k.jenis for k in komponen} >= {"cakupan_target", "regulasi", "publikasi", "tahapan_tepat_waktu"}
        assert "tidak dipublikasikan" in aturan.keterangan
    call_command("aturan_bawaan", str(TAHUN), verbosity=0)
    assert AturanPenilaian.objects.filter(tahun=TAHUN).count() == 3
    call_command("aturan_bawaan", str(TAHUN), "--tingkat", "3", "--ganti", verbosity=0)
    assert AturanPenilaian.objects.filter(tahun=TAHUN, tingkat=3).count() == 2
    assert AturanPenilaian.objects.filter(tahun=TAHUN, tingkat=3, aktif=True).count() == 1


def test_scoring_without_an_active_rule_says_how_to_create_one(siklus_terbuka):
    with pytest.raises(PenilaianGagal, match="aturan_bawaan"):
        penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN)


# --- the three classes and the breakdown --------------------------------------------------------

def test_default_rules_classify_hand_made_cases_into_the_three_classes(kasus):
    ringkasan = penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan="17")
    jumlah_kecamatan = Wilayah.objects.filter(tingkat=Tingkat.KECAMATAN, kode__startswith="17.").count()
    assert ringkasan["jumlah"] == jumlah_kecamatan == NilaiPenilaian.objects.count()

    berdaya = _total(KEC_KEDURANG)
    assert (berdaya.total, berdaya.kelas) == (Decimal("83.00"), Kelas.BERDAYA)
    rincian = _rincian(KEC_KEDURANG)
    assert rincian["analisis-situasi-lengkap"].skor == 100
    assert rincian["pra-musrenbang-lengkap"].skor == 0  # no agenda, plan or signed Berita Acara
    assert rincian["cakupan-target"].skor == 100
    assert rincian["publikasi"].skor == 0 and "publikasi" in rincian["publikasi"].bukti["keterangan"]

    berkembang = _total(KEC_TETANGGA)
    assert (berkembang.total, berkembang.kelas) == (Decimal("53.00"), Kelas.BERKEMBANG)
    assert _rincian(KEC_TETANGGA)["capaian-semester-1-disetujui"].skor == 0
    assert _rincian(KEC_TETANGGA)["capaian-semester-1-tepat-waktu"].skor == 100

    ketiga = _total(kasus["ketiga"])
    assert ketiga.kelas == Kelas.TUMBUH
    desa = Wilayah.objects.get(kode=kasus["ketiga"]).jumlah_desa
    lengkap = bulat(Decimal(kasus["terisi_ketiga"]) * 100 / (desa * len(daftar_item())))
    cakupan = _rincian(kasus["ketiga"])["cakupan-target"]
    assert cakupan.skor == 25  # A2 40% of an 80% target = 50, A4 without data = 0
    assert ketiga.total == 7 + bulat(lengkap * 3 / 100) + 5

    kosong = NilaiPenilaian.objects.exclude(wilayah_id__in=[KEC_KEDURANG, KEC_TETANGGA, kasus["ketiga"]])
    assert set(kosong.values_list("total", "kelas").distinct()) == {(Decimal("0.00"), Kelas.TUMBUH)}
    assert _periksa_jumlah() == jumlah_kecamatan


def test_contributions_add_up_exactly_with_awkward_weights(kasus):
    # weights that do not add up to 100 and fractions that round: the total is still the exact sum
    for i, k in enumerate(KomponenPenilaian.objects.filter(aturan=kasus["aturan"]).order_by("urutan")):
        k.bobot = Decimal("0.33") * (i % 5 + 1) + Decimal("1.07")
        k.save()
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    assert _periksa_jumlah() > 3
    ketiga = _total(kasus["ketiga"])
    rincian = list(ketiga.rincian.all())
    exact = sum(r.skor * r.bobot for r in rincian) / sum(r.bobot for r in rincian)
    assert abs(ketiga.total - exact) <= Decimal("0.005") * len(rincian)
    assert 0 <= min(n.total for n in NilaiPenilaian.objects.all()) and max(n.total for n in NilaiPenilaian.objects.all()) <= 100


def test_editing_a_weight_changes_the_scores_after_a_recompute(kasus):
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    assert _total(KEC_TETANGGA).total == Decimal("53.00")
    KomponenPenilaian.objects.filter(aturan=kasus["aturan"], kode="capaian-semester-1-disetujui").update(bobot=Decimal(33))
    assert _total(KEC_TETANGGA).total == Decimal("53.00")  # stored scores change only when recomputed
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    # Σ bobot 130 and the neighbour has 0 on the heavier component: 14 × 1,54 (2/130) + 15,38 (20/130)
    # + 3,85 (5/130) = 40,79 -> Tumbuh (the exact 53 × 100 / 130 = 40,77; the total is the rounded parts' sum)
    tetangga = _total(KEC_TETANGGA)
    assert tetangga.total == Decimal("40.79") and tetangga.kelas == Kelas.TUMBUH
    assert _rincian(KEC_TETANGGA)["cakupan-target"].kontribusi == Decimal("15.38")
    assert _total(KEC_KEDURANG).total == Decimal("86.96")
    _periksa_jumlah()


def test_threshold_edits_reclassify(kasus):
    AturanPenilaian.objects.filter(pk=kasus["aturan"].pk).update(ambang_berkembang=Decimal(60), ambang_berdaya=Decimal(90))
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    assert _total(KEC_KEDURANG).kelas == Kelas.BERKEMBANG
    assert _total(KEC_TETANGGA).kelas == Kelas.TUMBUH


# --- evidence ------------------------------------------------------------------------------------

def test_evidence_names_the_laporan_its_state_approval_and_window(kasus):
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KEC_KEDURANG)
    analisis = kasus["laporan"]["analisis-situasi"]
    rincian = _rincian(KEC_KEDURANG)
    bukti = rincian["analisis-situasi-disetujui"].bukti
    assert bukti["laporan"]["pk"] == analisis.pk
    assert bukti["laporan"]["status"] == "disetujui"
    assert bukti["laporan"]["disetujui_pada"] == timezone.localtime(analisis.disetujui_pada, ZONA_WAKTU).strftime("%Y-%m-%d %H:%M")
    assert rincian["analisis-situasi-tepat-waktu"].bukti["jendela_tutup"] == "2100-01-01"
    assert rincian["analisis-situasi-lengkap"].bukti["terisi"] == rincian["analisis-situasi-lengkap"].bukti["diharapkan"]
    assert rincian["penandaan-apbd-selesai"].bukti["laporan"]["pk"] == kasus["laporan"]["penandaan-apbd"].pk
    cakupan = rincian["cakupan-target"].bukti
    assert cakupan["sumber_target"] == KAB_BENGKULU_SELATAN  # kecamatan use their kab/kota's targets
    assert {i["kode"]: (i["pembilang"], i["penyebut"], i["cakupan"]) for i in cakupan["indikator"]} == {
        "A2": (90, 100, 90.0), "A4": (60, 100, 60.0)}
    # a step without Laporan says so
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=kasus["ketiga"])
    assert _rincian(kasus["ketiga"])["pra-musrenbang-selesai"].bukti == {
        "tahapan": "pra-musrenbang", "laporan": None, "keterangan": f"Belum ada laporan Pra-musrenbang tematik stunting {TAHUN}."}


def test_coverage_is_the_rekap_selectors_for_every_wilayah(kasus):
    data = DataPenilaian(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    massal = data.cakupan("baseline")
    for kode in (KEC_KEDURANG, KEC_TETANGGA, kasus["ketiga"]):
        assert massal[kode] == rekap_cakupan(wilayah_kode=kode, tahun=TAHUN, periode="baseline")


def test_on_time_uses_the_window_close_with_extensions_in_jakarta_time(kasus):
    jakarta = ZONA_WAKTU
    lap = _buka("analisis-situasi", kasus["ketiga"])
    RiwayatLaporan.objects.filter(laporan=lap).update(waktu=datetime.datetime(TAHUN, 1, 31, 23, 30, tzinfo=jakarta))
    jadwal = Jadwal.objects.get(siklus_id=TAHUN, tahapan_id="analisis-situasi", tingkat=Tingkat.KECAMATAN)
    Jadwal.objects.filter(pk=jadwal.pk).update(selesai=datetime.date(TAHUN, 1, 15))

    def tepat():
        penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=kasus["ketiga"])
        return _rincian(kasus["ketiga"])["analisis-situasi-tepat-waktu"]

    terlambat = tepat()
    assert terlambat.skor == 0 and "sesudah jadwal ditutup 15-01-2026" in terlambat.bukti["keterangan"]
    # an extension on the kab/kota covers its kecamatan; 23:30 WIB on the closing day is still on time
    PerpanjanganJadwal.objects.create(jadwal=jadwal, wilayah_id=KAB_BENGKULU_SELATAN, selesai=datetime.date(TAHUN, 1, 31), alasan="banjir")
    tepat_waktu = tepat()
    assert tepat_waktu.skor == 100
    assert tepat_waktu.bukti["jendela_tutup"] == f"{TAHUN}-01-31"
    assert tepat_waktu.bukti["diajukan_pada"] == f"{TAHUN}-01-31 23:30"


def test_a_partly_submitted_step_is_not_done(kasus):
    lap = _buka("pra-musrenbang", kasus["ketiga"])
    bagian = lap.bagian.first()
    bagian.status = StatusBagian.DIAJUKAN
    bagian.save()
    analisis = _buka("analisis-situasi", KEC_KEDURANG)
    Laporan.objects.filter(pk=analisis.pk).update(status=StatusLaporan.DIKEMBALIKAN)  # returned: not done any more
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    assert _rincian(kasus["ketiga"])["pra-musrenbang-selesai"].skor == 0  # one part of one is submitted but the Laporan is draft
    assert _rincian(KEC_KEDURANG)["analisis-situasi-selesai"].skor == 0
    assert _rincian(KEC_KEDURANG)["analisis-situasi-tepat-waktu"].skor == 0


def test_kabkota_level_uses_its_documents_and_own_targets(siklus_terbuka):
    aturan_bawaan_buat(tahun=TAHUN, tingkat=Tingkat.KABKOTA)
    lap = _target(KAB_BENGKULU_SELATAN, A2=80)
    _tandai(lap, disetujui=True)
    _rekap(KAB_BENGKULU_SELATAN, S04=1000, A2=400)
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KABKOTA, kode_awalan="17")
    rincian = _rincian(KAB_BENGKULU_SELATAN)
    assert "capaian-semester-1-selesai" not in rincian  # semester steps are kecamatan only
    assert rincian["analisis-situasi-lengkap"].skor == 25  # targets present; measurement, prevalence, meetings missing
    assert rincian["cakupan-target"].skor == 50 and rincian["cakupan-target"].bukti["sumber_target"] == KAB_BENGKULU_SELATAN
    assert _total(KAB_BENGKULU_SELATAN).total == 3 + 4 + 3 + 1 + 10
    assert _total(KAB_LAIN).total == 0
    _periksa_jumlah()


# --- bulk, task ------------------------------------------------------------------------------------

def test_scoring_queries_do_not_grow_with_the_number_of_wilayah(kasus):
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan="17")  # both runs below replace scores
    with CaptureQueriesContext(connection) as satu:
        penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KEC_KEDURANG)
    with CaptureQueriesContext(connection) as semua:
        ringkasan = penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan="17")
    assert ringkasan["jumlah"] > 100
    assert len(semua.captured_queries) == len(satu.captured_queries) < 60


def test_the_celery_task_scores_a_level_and_reports_progress(kasus):
    langkah = []
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KEC_KEDURANG,
                     progres=lambda selesai, total, pesan: langkah.append((selesai, total)))
    n = kasus["aturan"].komponen.count() + 1
    assert langkah[0] == (1, n) and langkah[-1] == (n, n) and len(langkah) == n
    hasil = penilaian_hitung_tugas.apply(args=(TAHUN, Tingkat.KECAMATAN)).get()
    assert hasil["jumlah"] == Wilayah.objects.filter(tingkat=Tingkat.KECAMATAN).count()
    assert hasil["kelas"] == {"berdaya": 1, "berkembang": 1, "tumbuh": hasil["jumlah"] - 2}
    assert penilaian_hitung_tugas.name == "monev.penilaian_hitung"


# --- pages ---------------------------------------------------------------------------------------

@pytest.fixture
def dinilai(kasus):
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan="17")
    return kasus


def test_score_page_shows_total_class_breakdown_and_links_the_laporan(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    halaman = klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/").content.decode()
    assert "83,00" in halaman and "Berdaya" in halaman
    assert "tidak dipublikasikan" in halaman  # the official formula is not published
    assert f'href="/aksi/laporan/{dinilai["laporan"]["analisis-situasi"].pk}/"' in halaman
    assert halaman.count('data-kode="') == dinilai["aturan"].komponen.count()


def test_ranking_filters_by_level_wilayah_and_class(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", "17"))

    def baris(**saring) -> list[tuple[str, str]]:
        isi = klien.get("/monev/penilaian/", {"tahun": TAHUN, "tingkat": 3, **saring}).content.decode()
        return re.findall(r'<tr data-kode="([\d.]+)">\s*<td class="text-end">(\d+)</td>', isi)

    semua = baris(dalam=KAB_BENGKULU_SELATAN)
    assert semua[:2] == [(KEC_KEDURANG, "1"), (KEC_TETANGGA, "2")]
    assert {k for k, _ in semua} == set(Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN).values_list("kode", flat=True))
    assert baris(dalam=KAB_BENGKULU_SELATAN, kelas="berkembang") == [(KEC_TETANGGA, "2")]  # rank among all, not the filtered
    assert baris(kelas="berdaya") == [(KEC_KEDURANG, "1")]
    assert KEC_KEDURANG not in dict(baris(dalam=KAB_LAIN))
    assert baris(tingkat=2) == []  # kab/kota not scored yet


def test_outside_the_scope_is_404(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", KAB_LAIN))
    assert klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/").status_code == 404
    assert klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/pdf/").status_code == 404
    assert klien.get("/monev/penilaian/", {"tahun": TAHUN, "dalam": KAB_BENGKULU_SELATAN}).status_code == 404
    isi = klien.get("/monev/penilaian/", {"tahun": TAHUN, "tingkat": 3}).content.decode()
    assert KEC_KEDURANG not in isi and f'data-kode="{KAB_LAIN}.' in isi
    monev = _buka("penilaian", KEC_KEDURANG)
    assert klien.get(f"/monev/penilaian/laporan/{monev.pk}/catatan/").status_code == 404


def test_recompute_is_for_administrators_of_the_wilayah(kasus, beri_peran, klien_dengan, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "CELERY_TASK_ALWAYS_EAGER", True)
    data = {"tahun": TAHUN, "tingkat": 3, "dalam": KAB_BENGKULU_SELATAN}
    assert klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN)).post("/monev/penilaian/hitung/", data).status_code == 404
    admin = klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN))
    assert admin.post("/monev/penilaian/hitung/", {**data, "dalam": ""}).status_code == 404  # the nation is not theirs
    jawaban = admin.post("/monev/penilaian/hitung/", data, follow=True)
    assert "dihitung ulang" in jawaban.content.decode()
    assert set(NilaiPenilaian.objects.values_list("wilayah__induk_id", flat=True)) == {KAB_BENGKULU_SELATAN}
    assert "Hitung ulang" in admin.get("/monev/penilaian/", data).content.decode()


def test_recompute_without_rule_tells_the_administrator(siklus_terbuka, beri_peran, klien_dengan):
    admin = klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN))
    jawaban = admin.post("/monev/penilaian/hitung/", {"tahun": TAHUN, "tingkat": 3, "dalam": KAB_BENGKULU_SELATAN}, follow=True)
    assert "Belum ada aturan penilaian aktif" in jawaban.content.decode()


def test_the_laporan_penilaian_pdf_renders(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", KEC_KEDURANG))
    jawaban = klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/pdf/")
    assert jawaban.status_code == 200 and jawaban["Content-Type"] == "application/pdf"
    assert jawaban.content.startswith(b"%PDF")
    assert klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}.01/pdf/").status_code == 404  # not a scored wilayah


def test_admin_edits_rules_with_the_unpublished_formula_note(kasus, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    daftar = client.get("/admin/penilaian/aturanpenilaian/").content.decode()
    assert "tidak dipublikasikan" in daftar
    ubah = client.get(f"/admin/penilaian/aturanpenilaian/{kasus['aturan'].pk}/change/").content.decode()
    assert "tidak dipublikasikan" in ubah and "cakupan-target" in ubah
    client.post("/admin/penilaian/aturanpenilaian/", {"action": "salin_ke_tahun_berikutnya", "_selected_action": [kasus["aturan"].pk]})
    salinan = AturanPenilaian.objects.get(tahun=TAHUN + 1, tingkat=Tingkat.KECAMATAN)
    assert salinan.aktif and salinan.komponen.count() == kasus["aturan"].komponen.count()
    # the models moved from the monev app (issue 14): the old admin address answers a permanent redirect
    lama = client.get(f"/admin/monev/aturanpenilaian/{kasus['aturan'].pk}/change/?x=1")
    assert lama.status_code == 301 and lama["Location"] == f"/admin/penilaian/aturanpenilaian/{kasus['aturan'].pk}/change/?x=1"


# --- monev notes through the workflow ----------------------------------------------------------------

def test_monev_notes_go_through_the_workflow(dinilai, beri_peran, klien_dengan):
    laporan = _buka("penilaian", KEC_KEDURANG)
    assert [b.unit_id for b in laporan.bagian.all()] == [None]  # one part without unit
    operator = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")  # any operator of the wilayah
    catatan = catatan_buat(user=operator, laporan=laporan, tahapan_dipantau="pra-musrenbang",
                           masalah="Berita acara terlambat ditandatangani", tindak_lanjut="Jadwal tanda tangan ditetapkan")
    catatan_ubah(user=operator, catatan=catatan, versi=2, tahapan_dipantau="pra-musrenbang", masalah="Berita acara terlambat",
                 tindak_lanjut="Jadwal tanda tangan ditetapkan")
    with pytest.raises(Ditolak, match="sudah diubah"):
        catatan_hapus(user=operator, catatan=catatan, versi=2)
    with pytest.raises(Ditolak, match="hanya dapat diisi oleh operator Kecamatan Kedurang"):
        catatan_buat(user=beri_peran("verifikator", KEC_KEDURANG), laporan=laporan, tahapan_dipantau="regulasi", masalah="x")
    with pytest.raises(ValidationError, match="tahapan penilaian itu sendiri"):
        catatan_buat(user=operator, laporan=laporan, tahapan_dipantau="penilaian", masalah="x")

    bagian = laporan.bagian.get()
    bagian_ajukan(user=operator, bagian=bagian)
    with pytest.raises(Ditolak):
        catatan_buat(user=operator, laporan=laporan, tahapan_dipantau="regulasi", masalah="terlambat")
    bagian_verifikasi(user=beri_peran("verifikator", KEC_KEDURANG), bagian=bagian)
    laporan = laporan_setujui(user=beri_peran("approver", KEC_KEDURANG), laporan=laporan)  # the Camat
    assert laporan.status == StatusLaporan.DISETUJUI
    with pytest.raises(Ditolak, match="disetujui"):
        catatan_hapus(user=operator, catatan=catatan)

    html = html_laporan_penilaian(_total(KEC_KEDURANG), laporan)
    assert "Berita acara terlambat" in html and "Disetujui" in html and "83,00" in html
    halaman = klien_dengan(operator).get(f"/monev/penilaian/laporan/{laporan.pk}/catatan/").content.decode()
    assert "Berita acara terlambat" in halaman and 'data-testid="baca-saja"' in halaman


def test_monev_notes_page_adds_edits_and_deletes(siklus_terbuka, beri_peran, klien_dengan):
    laporan = _buka("penilaian", KAB_BENGKULU_SELATAN)
    klien = klien_dengan(beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda"))
    url = f"/monev/penilaian/laporan/{laporan.pk}/catatan/"
    halaman = klien.get(url).content.decode()
    assert 'value="capaian-semester-1"' not in halaman  # kecamatan-only steps are not offered at kab/kota
    jawaban = klien.post(url, {"tahapan_dipantau": "penandaan-apbd", "masalah": "OPD terlambat menandai", "tindak_lanjut": "Surat Sekda"},
                         follow=True)
    assert "Catatan monev disimpan" in jawaban.content.decode()
    catatan = CatatanMonev.objects.get(laporan=laporan)
    assert klien.post(url, {"tahapan_dipantau": "", "masalah": ""}).status_code == 400
    jawaban = klien.post(f"{url}{catatan.pk}/ubah/", {"versi": "2", "tahapan_dipantau": "penandaan-apbd", "masalah": "OPD Dinkes terlambat"},
                         follow=True)
    assert "Catatan monev diubah" in jawaban.content.decode()
    basi = klien.post(f"{url}{catatan.pk}/hapus/", {"versi": "2"}, follow=True).content.decode()
    assert "sudah diubah" in basi and CatatanMonev.objects.filter(pk=catatan.pk).exists()
    klien.post(f"{url}{catatan.pk}/hapus/", {"versi": "3"})
    assert not CatatanMonev.objects.filter(laporan=laporan).exists()
    assert klien.get(f"/monev/penilaian/laporan/{_buka('regulasi', KAB_BENGKULU_SELATAN).pk}/catatan/").status_code == 404


def test_recompute_progress_page_polls_and_is_private_to_its_starter(siklus_terbuka, beri_peran, klien_dengan, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "CELERY_TASK_ALWAYS_EAGER", False)  # as with a worker: the page reads the result backend
    klien = klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN))
    assert klien.get("/monev/penilaian/tugas/tugas-orang-lain/").status_code == 404
    sesi = klien.session
    sesi["monev_penilaian_tugas"] = ["tugas-uji-1"]
    sesi.save()
    halaman = klien.get("/monev/penilaian/tugas/tugas-uji-1/").content.decode()
    assert 'hx-trigger="every 2s"' in halaman and "Menunggu worker" in halaman


def test_weights_edited_in_the_admin_inline_change_the_scores_after_a_recompute(kasus, client):
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    aturan = kasus["aturan"]
    komponen = list(aturan.komponen.order_by("urutan", "id"))
    data = {"tahun": TAHUN, "tingkat": Tingkat.KECAMATAN, "aktif": "on", "keterangan": aturan.keterangan,
            "ambang_berkembang": "50", "ambang_berdaya": "75", "komponen-TOTAL_FORMS": len(komponen),
            "komponen-INITIAL_FORMS": len(komponen), "komponen-MIN_NUM_FORMS": 0, "komponen-MAX_NUM_FORMS": 1000}
    for i, k in enumerate(komponen):
        bobot = "45" if k.kode == "cakupan-target" else str(k.bobot)
        data |= {f"komponen-{i}-id": k.pk, f"komponen-{i}-aturan": aturan.pk, f"komponen-{i}-urutan": k.urutan,
                 f"komponen-{i}-kode": k.kode, f"komponen-{i}-nama": k.nama, f"komponen-{i}-jenis": k.jenis,
                 f"komponen-{i}-tahapan": k.tahapan_id or "", f"komponen-{i}-bobot": bobot}
    jawaban = client.post(f"/admin/penilaian/aturanpenilaian/{aturan.pk}/change/", data)
    assert jawaban.status_code == 302, jawaban.content.decode()[:2000]
    assert KomponenPenilaian.objects.get(aturan=aturan, kode="cakupan-target").bobot == 45
    assert _total(KEC_TETANGGA).total == Decimal("53.00")
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    tetangga = _total(KEC_TETANGGA)  # Σ bobot 125: 14 × 1,60 + 36,00 + 4,00 = 62,40
    assert (tetangga.total, tetangga.kelas) == (Decimal("62.40"), Kelas.BERKEMBANG)
    _periksa_jumlah()
