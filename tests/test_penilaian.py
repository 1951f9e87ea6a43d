"""Penilaian hasil monev: default rules, bulk scoring, breakdown and evidence, the Celery task. Pages, PDF, admin and the monev notes: test_penilaian_halaman."""
import datetime
from decimal import Decimal
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from aksi.choices import StatusBagian, StatusLaporan
from aksi.models import Jadwal, Laporan, PerpanjanganJadwal, RiwayatLaporan
from indikator.katalog import daftar_item
from inti.pdf import ZONA_WAKTU
from monev.selectors import rekap_cakupan
from penilaian.dasar import PenilaianGagal, bulat
from penilaian.data import DataPenilaian
from penilaian.models import AturanPenilaian, Kelas, KomponenPenilaian, NilaiPenilaian
from penilaian.services import aturan_bawaan_buat, penilaian_hitung
from penilaian.tasks import penilaian_hitung_tugas
from wilayah.choices import Tingkat
from wilayah.models import Wilayah
from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .penilaian_bantu import dinilai, kasus  # noqa: F401  (fixtures)
from .penilaian_bantu import pytestmark, TAHAPAN_KECAMATAN, TAHAPAN_DESA, _buka, _tandai, _isi_desa  # noqa: F401
from .penilaian_bantu import _rekap, _target, _kecamatan_ketiga, _rincian, _total, _periksa_jumlah  # noqa: F401


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
