"""Region boundaries (issue 17; D96): the shipped files load idempotently for Bengkulu, and the
loader reports the regions without an outline."""
import pytest
from django.core.management import call_command

from wilayah.batas import batas_muat, tanpa_batas
from wilayah.models import BatasWilayah, Wilayah

pytestmark = pytest.mark.django_db


def test_the_loader_is_idempotent_and_reports_regions_without_boundaries(capsys):
    pertama = batas_muat(kode_provinsi=["17"])
    kab = Wilayah.objects.filter(kode__startswith="17.", tingkat=2).count()
    kec = Wilayah.objects.filter(kode__startswith="17.", tingkat=3).count()
    assert pertama.dibuat == 1 + 2 * kab + kec and pertama.diubah == 0  # provinsi coarse; kab coarse + detailed; kecamatan detailed
    assert pertama.tanpa_batas == []
    kedua = batas_muat(kode_provinsi=["17"])
    assert (kedua.dibuat, kedua.diubah, kedua.tetap) == (0, 0, pertama.dibuat)
    b = BatasWilayah.objects.get(wilayah_id="17.01", detail="rinci")
    assert b.skala == 1000 and len(b.cincin[0]) % 2 == 0 and 101_000 < b.cincin[0][0] < 104_000  # lng 101–104°E

    # a region whose outline is missing is reported (and stays in every table)
    BatasWilayah.objects.filter(wilayah_id="17.01.01").delete()
    assert tanpa_batas("17") == ["17.01.01"]
    call_command("muat_batas", "17")
    keluaran = capsys.readouterr().out
    assert "1 dibuat, 0 diubah" in keluaran and "Tanpa batas" not in keluaran
    BatasWilayah.objects.filter(wilayah_id="17.01.01").update(cincin=[[1, 2, 3, 4, 5, 6]])
    assert batas_muat(kode_provinsi=["17"]).diubah == 1
