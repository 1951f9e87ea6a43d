"""Spesifik / sensitif (issue 16, item 7; D92): the catalog carries the intervention type of every
kelompok sasaran (Pergub 45/2025 Pasal 7: A–E spesifik, F sensitif); the indicators and tagged
lines take their kelompok's; the public page, the rekap and the budget summary group by it."""
import pytest

from indikator.katalog import daftar_item
from indikator.models import IndikatorCapaian, JenisIntervensi, KelompokSasaran

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .test_basis_publik import satu_kecamatan  # noqa: F401  (an approved Kedurang with values, rolled up)

pytestmark = pytest.mark.django_db


def test_the_catalog_classes_every_indicator_by_its_kelompok():
    jenis = dict(KelompokSasaran.objects.values_list("kode", "jenis_intervensi"))
    assert jenis == {"A": "spesifik", "B": "spesifik", "C": "spesifik", "D": "spesifik", "E": "spesifik", "F": "sensitif"}
    assert IndikatorCapaian.objects.get(pk="F2").jenis_intervensi == JenisIntervensi.SENSITIF
    capaian = [i for i in daftar_item() if i.jenis == "capaian"]
    assert {i.kode for i in capaian if i.intervensi == "sensitif"} == {"F1", "F2", "F3", "F4", "F5", "F6"}
    assert len([i for i in capaian if i.intervensi == "spesifik"]) == 25
    assert capaian[0].label_intervensi == "Intervensi spesifik"


def test_public_page_and_rekap_group_the_indicators_by_intervention_type(satu_kecamatan, client, beri_peran):  # noqa: F811
    halaman = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/").content.decode()
    spesifik, sensitif = halaman.index("Intervensi spesifik"), halaman.index("Intervensi sensitif")
    assert spesifik < halaman.index('data-indikator="A1"') < sensitif < halaman.index('data-indikator="F1"')
    client.force_login(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    rekap = client.get(f"/monev/rekap/?wilayah={KEC_KEDURANG}&tahun={TAHUN}&periode=baseline").content.decode()
    assert rekap.count('data-testid="intervensi"') == 2
    assert rekap.index("Intervensi sensitif") < rekap.index('data-item="F1"')
