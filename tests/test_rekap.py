"""monev roll-up: every Rekap number equals an independent Python sum of the desa values, at
every level; incremental and full paths give identical tables; approval / reopening updates a
kecamatan's ancestors through the hook; the administrator's setting; data-quality flags; the
page; and a real Celery worker on the real Redis running the incremental roll-up."""
import json
import random
import time
from collections import defaultdict

import pytest
from celery.result import EagerResult
from django.core.management import call_command
from django.db import transaction
from django.http import Http404
from django.urls import include, path, reverse

from aksi.choices import StatusLaporan
from aksi.langkah import status_berubah
from aksi.models import Laporan, Tahapan
from aksi.services import (
    bagian_ajukan,
    bagian_verifikasi,
    laporan_buka_kembali,
    laporan_setujui,
)
from config import urls as config_urls
from config.celery import app as celery_app
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from monev import services as layanan
from monev import tasks as tugas
from monev.kualitas import kualitas_data
from monev.models import PengaturanRekap, Rekap
from monev.selectors import rekap_cakupan, rekap_tabel
from monev.tasks import rekap_kecamatan as tugas_rekap_kecamatan
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN, analisa
from .factories import UserFactory
from .test_celery import pekerja_nyata  # noqa: F401  (the real-worker fixture)

# The lead mounts monev.urls at monev/; until then the tests mount it themselves.
if any(getattr(p, "namespace", None) == "monev" for p in config_urls.urlpatterns):
    urlpatterns = config_urls.urlpatterns
else:
    urlpatterns = [path("monev/", include("monev.urls")), *config_urls.urlpatterns]

TAHAPAN = {"baseline": "analisis-situasi", "s1": "capaian-semester-1"}
TINGKAT = {13: 4, 8: 3, 5: 2, 2: 1, 0: 0}
# (kecamatan, periode) left unapproved; everything else generated is approved
BELUM_DISETUJUI = {(KEC_TETANGGA, "baseline"), ("17.02.07", "s1")}


def _leluhur(desa: str) -> tuple[str, ...]:
    return desa[:8], desa[:5], desa[:2], ""


class Dunia:
    """Generated kecamatan Laporan with random desa values, kept in memory for the checks."""

    def __init__(self, laporan_kedurang):
        self.rng = random.Random(20260517)
        self.item = daftar_item()
        kab = list(Wilayah.objects.filter(tingkat=2, kode__startswith="17.").order_by("kode").values_list("kode", flat=True)[:3])
        self.kecamatan = [k for kb in kab for k in
                          Wilayah.objects.filter(induk_id=kb).order_by("kode").values_list("kode", flat=True)[:3]]
        assert KEC_KEDURANG in self.kecamatan and len(self.kecamatan) == 9
        self.laporan: dict[tuple[str, str], Laporan] = {}
        self.nilai: dict[tuple[str, str], dict[tuple[str, str], int]] = {}
        baris = []
        for kec in self.kecamatan:
            desa = list(Wilayah.objects.filter(induk_id=kec).order_by("kode").values_list("kode", flat=True))
            for periode, tahapan in TAHAPAN.items():
                if (kec, periode) == (KEC_KEDURANG, "baseline"):
                    lap = laporan_kedurang  # made by the real service: it has parts for the workflow test
                else:
                    lap = Laporan.objects.create(tahun=TAHUN, tahapan_id=tahapan, wilayah_id=kec)
                self.laporan[kec, periode] = lap
                nilai = {}
                for d in desa[1:]:  # the first desa of each kecamatan never reports
                    for i in self.item:
                        if self.rng.random() < 0.9:
                            nilai[d, i.kode] = self.rng.randint(0, 1) if i.ya_tidak else self.rng.randint(0, 150)
                self.nilai[kec, periode] = nilai
                baris += [NilaiDesa(laporan=lap, desa_id=d, item=i, nilai=v) for (d, i), v in nilai.items()]
        NilaiDesa.objects.bulk_create(baris, batch_size=5000)
        disetujui = [lap.pk for k, lap in self.laporan.items() if k not in BELUM_DISETUJUI]
        Laporan.objects.filter(pk__in=disetujui).update(status=StatusLaporan.DISETUJUI)
        analisa(NilaiDesa, Laporan)  # statistics for the rows just loaded (else a plan may take a minute)

    def dihitung(self, kunci, sertakan: bool = False) -> bool:
        return sertakan or kunci not in BELUM_DISETUJUI

    def harapan(self, sertakan: bool = False) -> dict:
        """The whole Rekap table recomputed in Python: (kode, tingkat, tahun, periode, item) -> (Σ, desa)."""
        acc = defaultdict(lambda: [0, 0])
        for (kec, periode), nilai in self.nilai.items():
            if not self.dihitung((kec, periode), sertakan):
                continue
            for (desa, item), v in nilai.items():
                for kode in _leluhur(desa):
                    a = acc[kode, TINGKAT[len(kode)], TAHUN, periode, item]
                    a[0] += v
                    a[1] += 1
        return {k: tuple(v) for k, v in acc.items()}


def tabel() -> dict:
    return {(w, t, th, p, i): (j, d) for w, t, th, p, i, j, d in Rekap.objects.values_list(
        "wilayah_kode", "tingkat", "tahun", "periode", "item", "jumlah", "jumlah_desa")}


@pytest.fixture
def dunia(laporan_kedurang):
    return Dunia(laporan_kedurang)


# --- roll-up ----------------------------------------------------------------------------------

def test_full_rebuild_equals_python_sums_at_every_level(dunia):
    hasil = layanan.rekap_bangun_ulang()
    harapan = dunia.harapan()
    assert tabel() == harapan
    assert {k[1] for k in harapan} == {0, 1, 2, 3}
    assert sum(hasil.values()) == Rekap.objects.count() == len(harapan)
    assert hasil["nasional"] == len({(k[3], k[4]) for k in harapan})
    # a draft kecamatan has no rows; its approved semester does
    assert not Rekap.objects.filter(wilayah_kode=KEC_TETANGGA, periode="baseline").exists()
    assert Rekap.objects.filter(wilayah_kode=KEC_TETANGGA, periode="s1").exists()
    # rebuilding again (rows already there) and one year only change nothing
    layanan.rekap_bangun_ulang()
    layanan.rekap_bangun_ulang(tahun=TAHUN, periode="s1")
    assert tabel() == harapan


def test_incremental_and_full_paths_give_identical_tables(dunia):
    urutan = [(k, p) for k in dunia.kecamatan for p in TAHAPAN]
    random.Random(7).shuffle(urutan)
    for kec, periode in urutan:
        layanan.rekap_kecamatan(kode_kecamatan=kec, tahun=TAHUN, periode=periode)
    bertahap = tabel()
    layanan.rekap_bangun_ulang()
    assert bertahap == tabel() == dunia.harapan()

    # one kecamatan changes: the incremental result is again the full one
    kec = "17.02.06"
    NilaiDesa.objects.filter(laporan=dunia.laporan[kec, "baseline"], item__in=["A2", "S04"]).update(nilai=77)
    for (d, i) in dunia.nilai[kec, "baseline"]:
        if i in ("A2", "S04"):
            dunia.nilai[kec, "baseline"][d, i] = 77
    layanan.rekap_kecamatan(kode_kecamatan=kec, tahun=TAHUN, periode="baseline")
    bertahap = tabel()
    layanan.rekap_bangun_ulang()
    assert bertahap == tabel() == dunia.harapan()


@pytest.fixture
def antrean(monkeypatch):
    """The incremental roll-ups the hook enqueues, as (kecamatan, tahun, periode); each still runs."""
    dikirim = []
    asli = tugas.rekap_kecamatan

    class Rekam:
        def delay(self, *argumen):
            dikirim.append(argumen)
            return asli.delay(*argumen)

    monkeypatch.setattr(tugas, "rekap_kecamatan", Rekam())
    return dikirim


def test_a_reopened_and_changed_kecamatan_updates_all_its_ancestors(dunia, beri_peran, django_capture_on_commit_callbacks, antrean):
    layanan.rekap_bangun_ulang()
    lap = dunia.laporan[KEC_KEDURANG, "baseline"]
    camat = beri_peran("approver", KEC_KEDURANG)
    operator, verifikator = beri_peran("operator", KEC_KEDURANG), beri_peran("verifikator", KEC_KEDURANG)
    leluhur = ("17.01.01", "17.01", "17", "")

    def jumlah(item):
        return dict(Rekap.objects.filter(periode="baseline", item=item, wilayah_kode__in=leluhur).values_list("wilayah_kode", "jumlah"))

    sebelum = jumlah("S01")
    terbit = dunia.harapan()
    with django_capture_on_commit_callbacks(execute=True):
        laporan_buka_kembali(user=camat, laporan=lap, alasan="Data penduduk keliru")
    assert antrean == [(KEC_KEDURANG, TAHUN, "baseline")]  # the hook enqueued the kecamatan's incremental roll-up
    # ... which keeps the published figures: the last approved values count while revised (D88)
    assert tabel() == terbit and jumlah("S01") == sebelum

    # the operator corrects S01 in every desa: still the approved figures, by either path
    NilaiDesa.objects.filter(laporan=lap, item="S01").update(nilai=1000)
    for (d, i) in dunia.nilai[KEC_KEDURANG, "baseline"]:
        if i == "S01":
            dunia.nilai[KEC_KEDURANG, "baseline"][d, i] = 1000
    layanan.rekap_kecamatan(kode_kecamatan=KEC_KEDURANG, tahun=TAHUN, periode="baseline")
    assert tabel() == terbit
    layanan.rekap_bangun_ulang()
    assert tabel() == terbit
    # the parts go through the real workflow again
    antrean.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for bagian in lap.bagian.all():
            bagian_ajukan(user=operator, bagian=bagian)
            bagian_verifikasi(user=verifikator, bagian=bagian)
    assert not antrean  # no roll-up before the approval
    with django_capture_on_commit_callbacks(execute=True):
        laporan_setujui(user=camat, laporan=lap)
    assert antrean == [(KEC_KEDURANG, TAHUN, "baseline")]
    assert tabel() == dunia.harapan() != terbit
    sesudah = jumlah("S01")
    desa_isi = sum(1 for (d, i) in dunia.nilai[KEC_KEDURANG, "baseline"] if i == "S01")
    assert sesudah[KEC_KEDURANG] == 1000 * desa_isi
    for kode in leluhur[1:]:  # kab/kota, provinsi and nasional all moved by the same difference
        assert sesudah[kode] - sebelum[kode] == sesudah[KEC_KEDURANG] - sebelum[KEC_KEDURANG] != 0


def test_the_hook_fires_only_for_kecamatan_laporan_with_a_periode(siklus_terbuka, django_capture_on_commit_callbacks, antrean):
    kasus = [
        ("analisis-situasi", KEC_KEDURANG, 1),
        ("pra-musrenbang", KEC_KEDURANG, 0),  # no periode
        ("analisis-situasi", KAB_BENGKULU_SELATAN, 0),  # not a kecamatan
    ]
    for tahapan, kode, harapan in kasus:
        lap = Laporan.objects.select_related("tahapan").get(
            pk=Laporan.objects.create(tahun=TAHUN, tahapan_id=tahapan, wilayah_id=kode).pk)
        antrean.clear()
        with django_capture_on_commit_callbacks(execute=True):
            # what the transitions of aksi.services report to the step registry
            status_berubah(lap, StatusLaporan.DIAJUKAN, StatusLaporan.DIVERIFIKASI)  # not to or from disetujui
            status_berubah(lap, StatusLaporan.DIVERIFIKASI, StatusLaporan.DISETUJUI)
            status_berubah(lap, StatusLaporan.DISETUJUI, StatusLaporan.DISETUJUI)  # unchanged
        assert len(antrean) == harapan, (tahapan, kode)


def test_unapproved_data_stays_out_by_default_and_comes_in_with_the_setting(dunia):
    layanan.rekap_bangun_ulang()
    assert tabel() == dunia.harapan(sertakan=False) != dunia.harapan(sertakan=True)
    PengaturanRekap.objects.update_or_create(pk=1, defaults={"sertakan_belum_disetujui": True})
    layanan.rekap_kecamatan(kode_kecamatan=KEC_TETANGGA, tahun=TAHUN, periode="baseline")
    layanan.rekap_kecamatan(kode_kecamatan="17.02.07", tahun=TAHUN, periode="s1")
    assert tabel() == dunia.harapan(sertakan=True)
    layanan.rekap_bangun_ulang()
    assert tabel() == dunia.harapan(sertakan=True)


def test_changing_the_setting_in_the_admin_schedules_a_rebuild(dunia, client, django_capture_on_commit_callbacks):
    layanan.rekap_bangun_ulang()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    PengaturanRekap.ambil()
    with django_capture_on_commit_callbacks(execute=True) as tugas:
        jawaban = client.post(reverse("admin:monev_pengaturanrekap_change", args=[1]), {"sertakan_belum_disetujui": "on"})
    assert jawaban.status_code == 302 and len(tugas) == 1
    assert tabel() == dunia.harapan(sertakan=True)


# --- coverage ----------------------------------------------------------------------------------

def test_rekap_cakupan_sums_numerators_and_denominators(dunia):
    layanan.rekap_bangun_ulang()
    h = dunia.harapan()

    def j(kode, item):
        return h.get((kode, TINGKAT[len(kode)], TAHUN, "baseline", item), (None,))[0]

    for kode in (KEC_KEDURANG, KAB_BENGKULU_SELATAN, "17", ""):
        c = rekap_cakupan(wilayah_kode=kode, tahun=TAHUN, periode="baseline")
        assert len(c) == 31
        assert c["A2"] == (j(kode, "A2"), j(kode, "S04"), j(kode, "A2") * 100 / j(kode, "S04"))
        assert c["B6"][1] == j(kode, "S08") + j(kode, "S09")
        assert c["C5"] == (j(kode, "C5"), None, None)
        desa = (Wilayah.objects.get(kode="17") if kode == "" else Wilayah.objects.get(kode=kode)).jumlah_desa
        assert c["F6"] == (j(kode, "F6"), desa, j(kode, "F6") * 100 / desa)
    kosong = rekap_cakupan(wilayah_kode="17.05", tahun=TAHUN, periode="baseline")  # nothing approved there
    assert kosong["A2"] == (None, None, None) and kosong["C5"] == (None, None, None)


def test_rekap_tabel_is_scoped_and_lists_the_children(dunia, beri_peran):
    layanan.rekap_bangun_ulang()
    pemantau = beri_peran("pemantau", KAB_BENGKULU_SELATAN)
    t = rekap_tabel(user=pemantau, wilayah_kode=KAB_BENGKULU_SELATAN, tahun=TAHUN, periode="baseline")
    assert [b.kode for b in t.baris] == list(Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN).order_by("kode").values_list("kode", flat=True))
    per = {b.kode: b for b in t.baris}
    assert per[KEC_TETANGGA].terisi == 0 and all(c.pembilang is None for c in per[KEC_TETANGGA].cakupan)
    h = dunia.harapan()
    terisi = sum(v[1] for k, v in h.items() if k[0] == KEC_KEDURANG and k[3] == "baseline")
    assert per[KEC_KEDURANG].terisi == terisi
    assert per[KEC_KEDURANG].kelengkapan == pytest.approx(terisi * 100 / (per[KEC_KEDURANG].jumlah_desa * 60))
    assert [k for k, _, boleh in t.leluhur] == ["", "17"] and not any(boleh for *_, boleh in t.leluhur)
    kec = rekap_tabel(user=pemantau, wilayah_kode=KEC_KEDURANG, tahun=TAHUN, periode="baseline")
    desa = {b.kode: b for b in kec.baris}
    nilai = dunia.nilai[KEC_KEDURANG, "baseline"]
    d = next(d for (d, i) in nilai if i == "A2" and nilai.get((d, "S04")))
    a2 = next(c for c in desa[d].cakupan if c.item.kode == "A2")
    assert (a2.pembilang, a2.penyebut) == (nilai[d, "A2"], nilai[d, "S04"])
    for luar in ("17.02", "", "17", "17.01.01.2001"):
        with pytest.raises(Http404):
            rekap_tabel(user=pemantau, wilayah_kode=luar, tahun=TAHUN, periode="baseline")


# --- data quality -------------------------------------------------------------------------------

def test_quality_flags_match_an_independent_check_and_find_the_planted_ones(dunia):
    kec = "17.01.03"
    lap, lap_s1 = dunia.laporan[kec, "baseline"], dunia.laporan[kec, "s1"]
    desa = next(d for (d, i) in dunia.nilai[kec, "baseline"] if i == "S04")
    NilaiDesa.objects.filter(laporan=lap, desa_id=desa, item="A2").delete()
    NilaiDesa.objects.create(laporan=lap, desa_id=desa, item="A2", nilai=dunia.nilai[kec, "baseline"][desa, "S04"] + 5)
    dunia.nilai[kec, "baseline"][desa, "A2"] = dunia.nilai[kec, "baseline"][desa, "S04"] + 5
    for periode, laporan, v in (("baseline", lap, 100), ("s1", lap_s1, 300)):
        NilaiDesa.objects.update_or_create(laporan=laporan, desa_id=desa, item="P05", defaults={"nilai": v})
        dunia.nilai[kec, periode][desa, "P05"] = v

    item = {i.kode: i for i in dunia.item}
    k = kualitas_data(wilayah_kode=KAB_BENGKULU_SELATAN, tahun=TAHUN, periode="baseline", batas=100_000)
    melebihi = set()
    for (kc, periode), nilai in dunia.nilai.items():
        if periode == "baseline" and kc.startswith("17.01.") and dunia.dihitung((kc, periode)):
            for (d, i), v in nilai.items():
                if item[i].cakupan:
                    ada = [nilai[d, s] for s in item[i].penyebut if (d, s) in nilai]
                    if ada and v > sum(ada):
                        melebihi.add((d, i, v, sum(ada)))
    assert {(t.desa, t.item, t.nilai, t.pembanding) for t in k.melebihi_penyebut.baris} == melebihi
    assert k.melebihi_penyebut.jumlah == len(melebihi)
    assert (desa, "A2", dunia.nilai[kec, "baseline"][desa, "A2"], dunia.nilai[kec, "baseline"][desa, "S04"]) in melebihi

    k1 = kualitas_data(wilayah_kode=kec, tahun=TAHUN, periode="s1", batas=100_000)
    lalu, kini = dunia.nilai[kec, "baseline"], dunia.nilai[kec, "s1"]
    lonjakan = {(d, i, v, lalu[d, i]) for (d, i), v in kini.items()
                if (d, i) in lalu and abs(v - lalu[d, i]) > 10 and abs(v - lalu[d, i]) * 100 > 50 * lalu[d, i]}
    assert {(t.desa, t.item, t.nilai, t.pembanding) for t in k1.lonjakan.baris} == lonjakan
    assert (desa, "P05", 300, 100) in lonjakan and k1.periode_sebelumnya == (TAHUN, "baseline")

    # missing data: desa with some items, desa with none (non-reporting desa, draft kecamatan, the rest of the kab)
    per_desa = defaultdict(int)
    for (kc, periode), nilai in dunia.nilai.items():
        if periode == "baseline" and kc.startswith("17.01.") and dunia.dihitung((kc, periode)):
            for (d, _i) in nilai:
                per_desa[d] += 1
    assert {(d, n) for d, _, n, _ in k.desa_kurang.baris} == {(d, n) for d, n in per_desa.items() if n < 60}
    semua_desa = set(Wilayah.objects.filter(tingkat=4, kode__startswith="17.01.").values_list("kode", flat=True))
    assert k.desa_kosong.jumlah == len(semua_desa - set(per_desa)) and k.desa_kosong.jumlah > 0
    assert k.desa_kosong.baris[0][0] in semua_desa - set(per_desa)


# --- page ----------------------------------------------------------------------------------------

@pytest.mark.urls("tests.test_rekap")
def test_rekap_page_progress_and_rebuild(dunia, beri_peran, client, monkeypatch):
    layanan.rekap_bangun_ulang()
    pemantau = beri_peran("pemantau", KAB_BENGKULU_SELATAN)
    client.force_login(pemantau)
    url = reverse("monev:rekap")
    jawaban = client.get(url)  # defaults: the user's wilayah, the latest cycle, baseline
    assert jawaban.status_code == 200
    html = jawaban.content.decode()
    assert "Rekap capaian layanan — Kabupaten Bengkulu Selatan" in html and 'data-kode="17.01.01"' in html
    assert "Hitung ulang" not in html
    assert client.get(url, {"wilayah": "17.02", "tahun": TAHUN}).status_code == 404
    assert client.get(url, {"wilayah": "", "tahun": TAHUN}).status_code == 404
    kualitas = client.get(reverse("monev:rekap-kualitas"), {"wilayah": KEC_KEDURANG, "tahun": TAHUN, "periode": "s1"})
    assert kualitas.status_code == 200 and "Desa tanpa data" in kualitas.content.decode()
    assert client.post(reverse("monev:rekap-hitung-ulang"), {"tahun": TAHUN}).status_code == 404
    assert client.get(reverse("monev:rekap-progres"), {"tugas": "x"}).status_code == 404

    client.force_login(UserFactory(is_superuser=True))
    html = client.get(url, {"tahun": TAHUN}).content.decode()
    assert "Rekap capaian layanan — Nasional" in html and "Hitung ulang rekap tahun 2026" in html
    Rekap.objects.all().delete()
    jawaban = client.post(reverse("monev:rekap-hitung-ulang"), {"wilayah": "17", "tahun": TAHUN, "periode": "baseline"}, follow=True)
    assert "dihitung ulang" in jawaban.content.decode()  # eager in the suite: done within the request
    assert tabel() == dunia.harapan()
    # with a broker (not eager) the page polls the task's state in the result backend (Redis here)
    monkeypatch.setattr(celery_app.conf, "CELERY_TASK_ALWAYS_EAGER", False)
    progres = client.get(reverse("monev:rekap-progres"), {"tugas": "tidak-ada"})
    assert json.loads(progres.content)["status"] == "PENDING"
    htmx = client.get(reverse("monev:rekap-progres"), {"tugas": "tidak-ada"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "Menunggu antrean" in htmx.content.decode()


def test_rekap_ulang_command(dunia, capsys):
    call_command("rekap_ulang", "--tahun", str(TAHUN))
    assert tabel() == dunia.harapan()
    assert f"{Rekap.objects.count()} baris ditulis" in capsys.readouterr().out


# --- a real worker --------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_incremental_roll_up(pekerja_nyata):  # noqa: F811
    Wilayah.objects.bulk_create([
        Wilayah(kode="99", nama="Uji", tingkat=1, jenis="provinsi"),
        Wilayah(kode="99.01", nama="Kabupaten Uji", tingkat=2, jenis="kabupaten", induk_id="99"),
        Wilayah(kode="99.01.01", nama="Satu", tingkat=3, jenis="kecamatan", induk_id="99.01"),
        Wilayah(kode="99.01.02", nama="Dua", tingkat=3, jenis="kecamatan", induk_id="99.01"),
        *[Wilayah(kode=f"99.01.0{k}.200{i}", nama=f"Desa {k}{i}", tingkat=4, jenis="desa", induk_id=f"99.01.0{k}")
          for k in (1, 2) for i in (1, 2)],
    ])
    Tahapan.objects.create(kode="analisis-situasi", nama="Analisis situasi", periode="baseline")
    satu = Laporan.objects.create(tahun=TAHUN, tahapan_id="analisis-situasi", wilayah_id="99.01.01")
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=satu, desa_id=f"99.01.01.200{i}", item="S04", nilai=10 * i) for i in (1, 2)])
    Laporan.objects.filter(pk=satu.pk).update(status=StatusLaporan.DISETUJUI)

    hasil = tugas_rekap_kecamatan.delay("99.01.01", TAHUN, "baseline")
    assert not isinstance(hasil, EagerResult)  # sent through the broker, not run in this thread
    assert hasil.get(timeout=60) == {"kecamatan": 1, "kabkota": 1, "provinsi": 1, "nasional": 1}
    assert hasil.state == "SUCCESS" and pekerja_nyata.hostname
    assert dict(Rekap.objects.values_list("wilayah_kode", "jumlah")) == {"99.01.01": 30, "99.01": 30, "99": 30, "": 30}

    # the hook: approving the second kecamatan enqueues its roll-up after commit; the worker runs it
    dua = Laporan.objects.create(tahun=TAHUN, tahapan_id="analisis-situasi", wilayah_id="99.01.02")
    NilaiDesa.objects.create(laporan=dua, desa_id="99.01.02.2001", item="S04", nilai=5)
    with transaction.atomic():  # what laporan_setujui does, without its users and parts
        Laporan.objects.filter(pk=dua.pk).update(status=StatusLaporan.DISETUJUI)
        status_berubah(dua, StatusLaporan.DIVERIFIKASI, StatusLaporan.DISETUJUI)
    batas = time.monotonic() + 60
    while not Rekap.objects.filter(wilayah_kode="99.01.02").exists() and time.monotonic() < batas:
        time.sleep(0.2)
    # one transaction wrote the kecamatan and its ancestors: seeing one row means seeing all
    assert dict(Rekap.objects.values_list("wilayah_kode", "jumlah")) == {"99.01.01": 30, "99.01.02": 5, "99.01": 35, "99": 35, "": 35}
