"""The indicator catalog fixture (fixtures/katalog.json) matches DOMAIN.md §5–§7.

The expected values below are typed from DOMAIN.md, independently of the fixture.
"""
import pytest
from django.core.management import call_command

from indikator.models import DataPendukung, IndikatorCapaian, KelompokSasaran, Sasaran
from wilayah.models import UnitKerja

# DOMAIN.md §5: kode -> (denominator, PJ). Denominators as `IndikatorCapaian.kode_penyebut`
# returns them: sorted sasaran codes, "count" for a plain count, "desa" for yes/no per desa.
CAPAIAN = {
    "A1": (["S07"], "puskesmas"),
    "A2": (["S04"], "puskesmas"),
    "A3": (["S04"], "puskesmas"),
    "A4": (["S04"], "puskesmas"),
    "A5": (["S05"], "puskesmas"),
    "B1": (["S05"], "puskesmas"),
    "B2": (["S08"], "puskesmas"),
    "B3": (["S09"], "puskesmas"),
    "B4": (["S09"], "puskesmas"),
    "B5": (["S12"], "puskesmas"),
    "B6": (["S08", "S09"], "puskesmas"),
    "B7": (["S13"], "puskesmas"),
    "B8": (["S08", "S09"], "puskesmas"),
    "B9": (["S11"], "puskesmas"),
    "B10": (["S08", "S09"], "puskesmas"),
    "C1": (["S14"], "puskesmas"),
    "C2": (["S10"], "puskesmas"),
    "C3": (["S15"], "puskesmas"),
    "C4": (["S11"], "puskesmas"),
    "C5": ("count", "puskesmas"),
    "C6": (["S10"], "puskesmas"),
    "D1": (["S03"], "puskesmas"),
    "D2": (["S03"], "puskesmas"),
    "E1": (["S06"], "puskesmas"),
    "E2": (["S06"], "plkb"),
    "F1": (["S02"], "puskesmas"),
    "F2": (["S02"], "puskesmas"),
    "F3": (["S03", "S04", "S05", "S06", "S08", "S09", "S10"], "plkb"),
    "F4": (["S01"], "puskesmas"),
    "F5": (["S16"], "setcam"),
    "F6": ("desa", "setcam"),
}

# DOMAIN.md §5 group names.
KELOMPOK = {
    "A": "Ibu hamil, nifas, menyusui",
    "B": "Baduta 0–23 bulan",
    "C": "Balita 24–59 bulan",
    "D": "Remaja putri",
    "E": "Calon pengantin",
    "F": "Rumah tangga & masyarakat",
}

# DOMAIN.md §6: kode -> PJ.
SASARAN_PJ = {
    "S01": "setcam",
    "S02": "setcam",
    "S03": "setcam",
    "S04": "puskesmas",
    "S05": "puskesmas",
    "S06": "plkb",
    "S07": "puskesmas",
    "S08": "puskesmas",
    "S09": "puskesmas",
    "S10": "puskesmas",
    "S11": "puskesmas",
    "S12": "puskesmas",
    "S13": "puskesmas",
    "S14": "puskesmas",
    "S15": "puskesmas",
    "S16": "setcam",
}


def _counts():
    return (
        KelompokSasaran.objects.count(),
        Sasaran.objects.count(),
        IndikatorCapaian.objects.count(),
        DataPendukung.objects.count(),
    )


@pytest.fixture
def katalog(db):
    call_command("loaddata", "katalog", verbosity=0)


def test_catalog_has_6_kelompok_sasaran_named_as_in_domain(katalog):
    assert dict(KelompokSasaran.objects.values_list("kode", "nama")) == KELOMPOK


def test_catalog_has_16_sasaran(katalog):
    assert Sasaran.objects.count() == 16
    assert set(Sasaran.objects.values_list("kode", flat=True)) == set(SASARAN_PJ)


def test_catalog_has_31_capaian_indicators(katalog):
    assert IndikatorCapaian.objects.count() == 31
    assert set(IndikatorCapaian.objects.values_list("kode", flat=True)) == set(CAPAIAN)


def test_catalog_has_13_data_pendukung(katalog):
    assert DataPendukung.objects.count() == 13
    assert set(DataPendukung.objects.values_list("kode", flat=True)) == {f"P{i:02d}" for i in range(1, 14)}


def test_every_indicator_denominator_matches_domain_table(katalog):
    actual = {i.kode: i.kode_penyebut for i in IndikatorCapaian.objects.prefetch_related("penyebut")}
    expected = {kode: penyebut for kode, (penyebut, _pj) in CAPAIAN.items()}
    assert actual == expected


def test_every_indicator_pj_unit_matches_domain_table(katalog):
    actual = dict(IndikatorCapaian.objects.values_list("kode", "pj_id"))
    expected = {kode: pj for kode, (_penyebut, pj) in CAPAIAN.items()}
    assert actual == expected


def test_every_indicator_belongs_to_the_kelompok_of_its_letter(katalog):
    for kode, kelompok in IndikatorCapaian.objects.values_list("kode", "kelompok_id"):
        assert kelompok == kode[0], kode


def test_indicators_are_ordered_as_in_domain_table(katalog):
    assert list(IndikatorCapaian.objects.values_list("kode", flat=True)) == list(CAPAIAN)


def test_footnoted_indicators_carry_a_catatan(katalog):
    for kode in ("B1", "B9", "C4", "C5", "F3", "F6"):
        assert IndikatorCapaian.objects.get(kode=kode).catatan.strip(), kode


def test_every_pembilang_starts_with_jumlah(katalog):
    for kode, pembilang in IndikatorCapaian.objects.values_list("kode", "pembilang"):
        assert pembilang.startswith("jumlah "), kode


def test_every_sasaran_pj_matches_domain_table(katalog):
    assert dict(Sasaran.objects.values_list("kode", "pj_id")) == SASARAN_PJ


def test_data_pendukung_p01_to_p09_from_puskesmas_and_p10_to_p13_from_setcam(katalog):
    expected = {f"P{i:02d}": "puskesmas" if i <= 9 else "setcam" for i in range(1, 14)}
    assert dict(DataPendukung.objects.values_list("kode", "pj_id")) == expected


def test_kecamatan_units_and_opd_are_in_the_right_levels(katalog):
    kecamatan = set(UnitKerja.objects.filter(di_kecamatan=True).values_list("kode", flat=True))
    assert {"setcam", "puskesmas", "plkb"} <= kecamatan
    daerah = set(UnitKerja.objects.filter(di_daerah=True).values_list("kode", flat=True))
    assert {"bappeda", "dinkes", "dppkb", "dpmd", "dp3a", "dukcapil", "dinsos",
            "dikbud", "pupr", "perkim", "dkp", "kominfo"} <= daerah
    assert UnitKerja.objects.get(kode="setcam").singkatan == "Setcam"
    assert UnitKerja.objects.get(kode="plkb").singkatan == "PLKB"


def test_loading_the_catalog_twice_leaves_counts_unchanged(katalog):
    before = _counts()
    units_before = UnitKerja.objects.count()
    call_command("loaddata", "katalog", verbosity=0)
    assert _counts() == before == (6, 16, 31, 13)
    assert UnitKerja.objects.count() == units_before
    assert IndikatorCapaian.objects.get(kode="F3").penyebut.count() == 7


@pytest.fixture
def admin_client_katalog(katalog, client, django_user_model):
    user = django_user_model.objects.create_superuser("admin-katalog", "admin@example.com", "rahasia-panjang-123")
    client.force_login(user)
    return client


def test_superuser_can_open_capaian_change_form_in_admin(admin_client_katalog):
    response = admin_client_katalog.get("/admin/indikator/indikatorcapaian/A1/change/")
    assert response.status_code == 200


def test_superuser_can_edit_capaian_pembilang_in_admin(admin_client_katalog):
    a1 = IndikatorCapaian.objects.get(kode="A1")
    data = {
        "kode": a1.kode,
        "kelompok": a1.kelompok_id,
        "pembilang": "jumlah ibu hamil KEK mendapat makanan tambahan lokal",
        "jenis_penyebut": a1.jenis_penyebut,
        "penyebut": [s.pk for s in a1.penyebut.all()],
        "pj": a1.pj_id,
        "catatan": a1.catatan,
        "urutan": a1.urutan,
        "_save": "Simpan",
    }
    response = admin_client_katalog.post("/admin/indikator/indikatorcapaian/A1/change/", data)
    assert response.status_code == 302, getattr(response, "context_data", {}).get("adminform")
    a1.refresh_from_db()
    assert a1.pembilang == "jumlah ibu hamil KEK mendapat makanan tambahan lokal"
    assert a1.kode_penyebut == ["S07"]
    assert a1.pj_id == "puskesmas"
    assert IndikatorCapaian.objects.count() == 31


@pytest.mark.parametrize(
    ("kode", "jenis", "penyebut", "pesan"),
    [
        ("A1", "sasaran", [], "perlu minimal satu sasaran"),
        ("C5", "hitungan", ["S10"], "tidak memakai sasaran"),
    ],
)
def test_admin_refuses_a_denominator_that_contradicts_its_kind(admin_client_katalog, kode, jenis, penyebut, pesan):
    indikator = IndikatorCapaian.objects.get(kode=kode)
    sebelum = indikator.kode_penyebut
    data = {
        "kode": kode, "kelompok": indikator.kelompok_id, "pembilang": indikator.pembilang,
        "jenis_penyebut": jenis, "penyebut": penyebut, "pj": indikator.pj_id,
        "catatan": indikator.catatan, "urutan": indikator.urutan, "_save": "Simpan",
    }
    response = admin_client_katalog.post(f"/admin/indikator/indikatorcapaian/{kode}/change/", data)
    assert response.status_code == 200
    assert pesan in response.content.decode()
    indikator.refresh_from_db()
    assert indikator.kode_penyebut == sebelum
