"""Penilaian pages as users meet them (issue 13, defects 8 and 10): breadcrumbs and links lead only
where the user may go, the default rules ship with the demo and can be created from the portal,
the region filter is a choice, the empty state says how scores are produced, and the ranking's
title says what is listed at every level."""
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from aksi.models import Laporan, RiwayatLaporan
from inti.models import CatatanAudit
from penilaian.models import AturanPenilaian, NilaiPenilaian
from penilaian.services import penilaian_hitung
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .factories import UserFactory
from .test_penilaian import kasus  # noqa: F401  (the hand-made scored kecamatan of Bengkulu Selatan)

pytestmark = pytest.mark.django_db

WILAYAH = f"/monev/penilaian/{TAHUN}/"


@pytest.fixture
def dinilai(kasus):  # noqa: F811
    # the hand-made history has no actor; the workflow always records one (the Laporan page names it)
    pelaku = UserFactory()
    RiwayatLaporan.objects.filter(oleh=None).update(oleh=pelaku)
    Laporan.objects.filter(disetujui_pada__isnull=False, disetujui_oleh=None).update(disetujui_oleh=pelaku)
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan="17")
    return kasus


def _isi(klien, url, data: dict | None = None, **param) -> str:
    param = {**(data or {}), **param}
    jawaban = klien.get(url, param)
    assert jawaban.status_code == 200, (url, param, jawaban.status_code)
    return jawaban.content.decode()


def _utama(html: str) -> str:
    """The page's own content (the shared navigation bar is not this page's concern)."""
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _tautan(html: str) -> list[str]:
    return sorted({t.replace("&amp;", "&") for t in re.findall(r'href="(/[^"]*)"', _utama(html))})


def _semua_tautan_terbuka(klien, html: str) -> list[str]:
    """GET every link of the page's content (downloads skipped); returns them, asserting none is 4xx/5xx."""
    tautan = [t for t in _tautan(html) if "/pdf/" not in t and not t.startswith(("/static/", "/admin/"))]
    for t in tautan:
        status = klien.get(t).status_code
        assert status in (200, 302), (t, status)
    return tautan


def _judul(html: str) -> str:
    return re.sub(r"\s+", " ", re.search(r'data-testid="judul-peringkat"[^>]*>(.*?)</', html, re.S).group(1)).strip()


# --- 1. links lead only where the user may go ----------------------------------------------------

def test_a_kecamatan_user_sees_ancestors_as_text_not_as_links_that_404(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("approver", KEC_KEDURANG))
    html = _isi(klien, f"{WILAYAH}{KEC_KEDURANG}/")
    for kode in ("17", KAB_BENGKULU_SELATAN):
        assert f'href="{WILAYAH}{kode}/"' not in html
        assert klien.get(f"{WILAYAH}{kode}/").status_code == 404  # out of scope stays 404
        assert Wilayah.objects.get(kode=kode).nama_lengkap in _utama(html)  # still named, as plain text
    # the coverage targets come from the kab/kota's analisis situasi, which a Camat cannot open
    assert "target dari analisis situasi" in html
    assert len(_semua_tautan_terbuka(klien, html)) >= 3


def test_a_provinsi_user_opens_each_ancestor_and_its_ranking_below(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", "17"))
    html = _isi(klien, f"{WILAYAH}{KEC_KEDURANG}/")
    for kode in ("17", KAB_BENGKULU_SELATAN):
        assert f'href="{WILAYAH}{kode}/"' in html
    kab = _isi(klien, f"{WILAYAH}{KAB_BENGKULU_SELATAN}/")
    assert f"tingkat=3&amp;dalam={KAB_BENGKULU_SELATAN}" in kab  # the kecamatan ranked inside this kab/kota
    peringkat = _isi(klien, "/monev/penilaian/", tahun=TAHUN, tingkat=3, dalam=KAB_BENGKULU_SELATAN)
    assert f'data-kode="{KEC_KEDURANG}"' in peringkat
    _semua_tautan_terbuka(klien, kab)
    _semua_tautan_terbuka(klien, html)


@pytest.mark.parametrize("peran,kode", [
    ("approver", KEC_KEDURANG), ("operator", KEC_KEDURANG), ("pemantau", KAB_BENGKULU_SELATAN),
    ("administrator", KAB_BENGKULU_SELATAN), ("administrator", "17"), ("pemantau", None),
])
def test_every_link_of_the_penilaian_pages_opens_for_each_role(dinilai, beri_peran, klien_dengan, peran, kode):
    unit = "setcam" if peran == "operator" else None
    klien = klien_dengan(beri_peran(peran, kode, unit=unit))
    for url in ("/monev/penilaian/", f"{WILAYAH}{kode or '17'}/", f"{WILAYAH}{KEC_KEDURANG}/"):
        _semua_tautan_terbuka(klien, _isi(klien, url))


def test_a_superuser_follows_every_link_too(dinilai, klien_dengan):
    klien = klien_dengan(UserFactory(is_superuser=True, is_staff=True))
    for url in ("/monev/penilaian/", f"{WILAYAH}17/", f"{WILAYAH}{KEC_KEDURANG}/"):
        _semua_tautan_terbuka(klien, _isi(klien, url))


# --- 2. default rules: in the demo, and from the portal --------------------------------------------

def test_the_demo_ships_the_default_rules_and_stays_repeatable(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    keluaran = io.StringIO()
    call_command("siapkan_demo", "--wilayah", "17", stdout=keluaran)
    tahun = timezone.localdate().year
    aktif = AturanPenilaian.objects.filter(tahun=tahun, aktif=True)
    assert sorted(aktif.values_list("tingkat", flat=True)) == [1, 2, 3]
    assert "Aturan bawaan Kecamatan" in keluaran.getvalue()
    komponen = sorted(aktif.values_list("pk", "komponen__kode"))
    call_command("siapkan_demo", "--wilayah", "17", stdout=io.StringIO())
    assert sorted(AturanPenilaian.objects.filter(tahun=tahun).values_list("pk", "komponen__kode")) == komponen


def test_an_administrator_creates_the_default_rules_from_the_penilaian_page(siklus_terbuka, beri_peran, klien_dengan, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    admin = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    klien = klien_dengan(admin)
    html = _isi(klien, "/monev/penilaian/", tahun=TAHUN, tingkat=3)
    assert 'data-testid="buat-aturan-bawaan"' in html
    url = re.search(r'<form method="post" action="([^"]+)"[^>]*data-testid="buat-aturan-bawaan"', html).group(1)
    jawaban = klien.post(url, {"tahun": TAHUN, "tingkat": 3}, follow=True)
    teks = jawaban.content.decode()
    assert jawaban.status_code == 200 and "Aturan bawaan" in teks and "dibuat" in teks
    # the administrator of a kab/kota manages the kab/kota and kecamatan levels, not the provinsi's
    assert sorted(AturanPenilaian.objects.filter(tahun=TAHUN, aktif=True).values_list("tingkat", flat=True)) == [2, 3]
    audit = CatatanAudit.objects.filter(aksi="aturan_bawaan_buat")
    assert audit.count() == 2 and set(audit.values_list("pengguna", flat=True)) == {admin.pk}
    assert 'data-testid="buat-aturan-bawaan"' not in klien.get("/monev/penilaian/", {"tahun": TAHUN, "tingkat": 3}).content.decode()
    klien.post(url, {"tahun": TAHUN, "tingkat": 3})  # repeatable: nothing doubles
    assert AturanPenilaian.objects.filter(tahun=TAHUN).count() == 2 and audit.count() == 2
    # and the rules work: a recompute scores the kab/kota's kecamatan
    klien.post("/monev/penilaian/hitung/", {"tahun": TAHUN, "tingkat": 3, "dalam": KAB_BENGKULU_SELATAN})
    assert NilaiPenilaian.objects.filter(tahun=TAHUN, wilayah__induk_id=KAB_BENGKULU_SELATAN).exists()


def test_only_who_may_manage_rules_sees_or_uses_the_button(siklus_terbuka, beri_peran, klien_dengan):
    for peran, kode in (("pemantau", "17"), ("approver", KAB_BENGKULU_SELATAN), ("pemantau", None)):
        klien = klien_dengan(beri_peran(peran, kode))
        assert 'data-testid="buat-aturan-bawaan"' not in _isi(klien, "/monev/penilaian/", tahun=TAHUN, tingkat=3)
        assert klien.post("/monev/penilaian/aturan-bawaan/", {"tahun": TAHUN, "tingkat": 3}).status_code == 404
    # a kecamatan administrator manages the kecamatan level only
    klien = klien_dengan(beri_peran("administrator", KEC_KEDURANG))
    klien.post("/monev/penilaian/aturan-bawaan/", {"tahun": TAHUN, "tingkat": 3})
    assert list(AturanPenilaian.objects.values_list("tingkat", flat=True)) == [3]
    assert not AturanPenilaian.objects.filter(tingkat__lt=3).exists()


def test_a_superuser_creates_every_level(siklus_terbuka, klien_dengan):
    klien = klien_dengan(UserFactory(is_superuser=True))
    klien.post("/monev/penilaian/aturan-bawaan/", {"tahun": TAHUN, "tingkat": 1})
    assert sorted(AturanPenilaian.objects.filter(aktif=True).values_list("tingkat", flat=True)) == [1, 2, 3]


# --- 3. the region filter is a choice ------------------------------------------------------------

def _pilihan(html: str) -> list[list[str]]:
    """The option values of each region select of the filter, in order."""
    return [re.findall(r'<option value="([^"]*)"', s) for s in re.findall(r'<select[^>]*name="dalam"[^>]*>(.*?)</select>', html, re.S)]


def test_the_filter_offers_the_wilayah_of_the_scope_level_by_level(siklus_terbuka, beri_peran, klien_dengan):
    kab_bengkulu = sorted(Wilayah.objects.filter(induk_id="17").values_list("kode", flat=True))
    prov = _isi(klien_dengan(beri_peran("pemantau", "17")), "/monev/penilaian/", tahun=TAHUN, tingkat=3)
    assert 'placeholder="mis. 17.01"' not in prov
    assert _pilihan(prov) == [["17", *kab_bengkulu]]  # "the whole province" then each of its kab/kota

    nasional = klien_dengan(beri_peran("pemantau", None))
    html = _isi(nasional, "/monev/penilaian/", tahun=TAHUN, tingkat=3)
    assert _pilihan(html) == [["", *Wilayah.objects.filter(tingkat=1).order_by("kode").values_list("kode", flat=True)]]
    html = _isi(nasional, "/monev/penilaian/", tahun=TAHUN, tingkat=3, dalam="17")  # drill down one level
    assert _pilihan(html)[1] == ["17", *kab_bengkulu]
    assert re.search(r'<option value="17" selected', html)
    # a kab/kota left over from the previous choice is dropped once it is not inside the chosen wilayah
    html = _isi(nasional, "/monev/penilaian/", {"tahun": TAHUN, "tingkat": 3, "dalam": [KAB_BENGKULU_SELATAN, "17.02.01"]})
    assert _judul(html) == f"Peringkat kecamatan di {Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN).nama_lengkap}"

    kec = _isi(klien_dengan(beri_peran("approver", KEC_KEDURANG)), "/monev/penilaian/", tahun=TAHUN)
    assert _pilihan(kec) == []  # one kecamatan: nothing to choose
    assert re.findall(r'<select id="f-tingkat".*?</select>', kec, re.S)[0].count("<option") == 1


def test_a_kab_kota_choice_filters_the_ranking(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", "17"))
    html = klien.get("/monev/penilaian/", {"tahun": TAHUN, "tingkat": 3, "dalam": ["17", KAB_BENGKULU_SELATAN]}).content.decode()
    kode = re.findall(r'<tr data-kode="([\d.]+)"', html)
    assert kode and all(k.startswith(f"{KAB_BENGKULU_SELATAN}.") for k in kode)
    assert re.search(rf'<option value="{KAB_BENGKULU_SELATAN}" selected', html)


# --- 4. the empty state says how scores are produced --------------------------------------------

def test_the_empty_ranking_explains_how_scores_are_produced_and_who_starts_it(siklus_terbuka, beri_peran, klien_dengan):
    pemantau = _isi(klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN)), "/monev/penilaian/", tahun=TAHUN, tingkat=3)
    cara = re.search(r'data-testid="cara-hitung".*?</div>', pemantau, re.S).group(0)
    for kata in ("analisis situasi", "disetujui", "target", "Hitung ulang", "Celery", "administrator"):
        assert kata in cara, kata
    assert "Hubungi administrator" in cara
    admin = _isi(klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN)), "/monev/penilaian/", tahun=TAHUN, tingkat=3)
    assert "Anda dapat" in re.search(r'data-testid="cara-hitung".*?</div>', admin, re.S).group(0)


def test_an_unscored_wilayah_page_explains_it_too(siklus_terbuka, beri_peran, klien_dengan):
    html = _isi(klien_dengan(beri_peran("approver", KEC_KEDURANG)), f"{WILAYAH}{KEC_KEDURANG}/")
    assert 'data-testid="belum-dinilai"' in html and 'data-testid="cara-hitung"' in html


# --- 5. the ranking's title says what is listed ----------------------------------------------------

def test_the_ranking_title_is_right_at_every_level(dinilai, beri_peran, klien_dengan):
    kec = Wilayah.objects.get(kode=KEC_KEDURANG).nama_lengkap
    kab = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN).nama_lengkap
    prov = Wilayah.objects.get(kode="17").nama_lengkap

    camat = _isi(klien_dengan(beri_peran("approver", KEC_KEDURANG)), "/monev/penilaian/", tahun=TAHUN)
    assert f"kecamatan di {kec}" not in camat
    assert _judul(camat) == f"Nilai {kec}"
    assert "<th class=\"text-end\">Peringkat</th>" not in camat  # a rank among one would say nothing

    klien_kab = klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    assert _judul(_isi(klien_kab, "/monev/penilaian/", tahun=TAHUN, tingkat=3)) == f"Peringkat kecamatan di {kab}"
    assert _judul(_isi(klien_kab, "/monev/penilaian/", tahun=TAHUN, tingkat=2)) == f"Nilai {kab}"

    klien_prov = klien_dengan(beri_peran("pemantau", "17"))
    assert _judul(_isi(klien_prov, "/monev/penilaian/", tahun=TAHUN, tingkat=2)) == f"Peringkat kabupaten/kota di {prov}"
    assert _judul(_isi(klien_prov, "/monev/penilaian/", tahun=TAHUN, tingkat=3)) == f"Peringkat kecamatan di {prov}"

    nasional = klien_dengan(beri_peran("pemantau", None))
    assert _judul(_isi(nasional, "/monev/penilaian/", tahun=TAHUN, tingkat=1)) == "Peringkat provinsi di seluruh wilayah"
    # switching to the provinsi level with a province still chosen ranks all provinces, not "Nilai Provinsi Bengkulu"
    assert _judul(_isi(nasional, "/monev/penilaian/", tahun=TAHUN, tingkat=1, dalam="17")) == "Peringkat provinsi di seluruh wilayah"
