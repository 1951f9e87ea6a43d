"""The test factories build what the services would: real dotted codes, roles with their
permissions, a Laporan with its parts; a module-scoped world survives each test's rollback."""
import pytest
from django.core.management import call_command

from indikator.models import NilaiDesa
from wilayah.choices import Izin, Tingkat
from wilayah.models import Wilayah
from wilayah.selectors import boleh_bertindak

from .conftest import KAB_BENGKULU_SELATAN
from .factories import (
    DesaFactory,
    KecamatanFactory,
    LaporanFactory,
    NilaiDesaFactory,
    PenugasanFactory,
    pohon_wilayah,
)

pytestmark = pytest.mark.django_db


def test_a_desa_comes_with_its_ancestors_under_codes_no_province_uses():
    desa = DesaFactory()
    kec, kab = desa.induk, desa.induk.induk
    prov = kab.induk
    assert [w.tingkat for w in (prov, kab, kec, desa)] == [Tingkat.PROVINSI, Tingkat.KABKOTA, Tingkat.KECAMATAN, Tingkat.DESA]
    assert desa.kode == f"{prov.kode}.01.01.2001" and len(prov.kode) == 2 and prov.kode != "17"


def test_a_kecamatan_under_a_loaded_kabupaten_takes_the_next_free_code():
    kab = Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN)
    terakhir = Wilayah.objects.filter(induk=kab).order_by("-kode").values_list("kode", flat=True).first()
    kec = KecamatanFactory(induk=kab)
    assert kec.kode == f"{KAB_BENGKULU_SELATAN}.{int(terakhir.rsplit('.', 1)[1]) + 1:02d}"


def test_a_tree_has_its_descendant_counts():
    prov = pohon_wilayah(kabkota=2, kecamatan=2, desa=3)
    assert (prov.jumlah_kabkota, prov.jumlah_kecamatan, prov.jumlah_desa) == (2, 4, 12)


def test_a_role_is_granted_through_the_service_with_its_permissions():
    penugasan = PenugasanFactory(peran="approver")
    assert boleh_bertindak(penugasan.user, Izin.SETUJUI, penugasan.wilayah)
    assert not boleh_bertindak(penugasan.user, Izin.SETUJUI, penugasan.wilayah.induk)


def test_a_laporan_has_its_parts_and_values_fill_distinct_desa():
    call_command("loaddata", "tahapan", verbosity=0)
    kec = KecamatanFactory()
    DesaFactory.create_batch(3, induk=kec)
    laporan = LaporanFactory(wilayah=kec)
    assert laporan.bagian.count() >= 1
    NilaiDesaFactory.create_batch(3, laporan=laporan)
    assert sorted(NilaiDesa.objects.filter(laporan=laporan).values_list("desa_id", flat=True)) == [
        f"{kec.kode}.200{i}" for i in (1, 2, 3)]


# --- a world built once per module -------------------------------------------------------------

@pytest.fixture(scope="module")
def _provinsi_modul(dunia_modul):
    return pohon_wilayah().kode


@pytest.mark.parametrize("putaran", [1, 2])
def test_a_module_world_is_shared_and_what_a_test_writes_rolls_back(_provinsi_modul, putaran):
    assert Wilayah.objects.dalam(_provinsi_modul).count() == 1 + 1 + 2 + 4
    assert not Wilayah.objects.filter(nama="Ditulis oleh tes").exists()  # the other round's write is gone
    DesaFactory(induk=Wilayah.objects.filter(induk__induk=_provinsi_modul).first(), nama="Ditulis oleh tes")
