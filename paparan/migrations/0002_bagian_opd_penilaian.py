"""The kab/kota and provinsi "penilaian" gets one part per OPD (D93), as fixtures/tahapan.json
now says: on a database whose step catalog is already loaded, add the same rows (same keys, so a
later `loaddata tahapan` changes nothing). Laporan opened before keep their parts."""
from django.db import migrations

UNIT = ("bappeda", "dinkes", "dppkb", "dpmd", "dp3a", "dinsos", "pupr", "dkp")
PK_PERTAMA = 68  # fixtures/tahapan.json: 68–75 kab/kota, 76–83 provinsi


def tambah(apps, schema_editor):
    Tahapan = apps.get_model("aksi", "Tahapan")
    TahapanUnit = apps.get_model("aksi", "TahapanUnit")
    UnitKerja = apps.get_model("wilayah", "UnitKerja")
    if not Tahapan.objects.filter(pk="penilaian").exists():
        return  # a fresh database: the fixture brings them
    ada = set(UnitKerja.objects.filter(pk__in=UNIT).values_list("pk", flat=True))
    pk = PK_PERTAMA
    for tingkat in (2, 1):
        for unit in UNIT:
            if unit in ada and not TahapanUnit.objects.filter(tahapan_id="penilaian", tingkat=tingkat, unit_id=unit).exists():
                bebas = not TahapanUnit.objects.filter(pk=pk).exists()
                TahapanUnit.objects.create(**({"pk": pk} if bebas else {}), tahapan_id="penilaian", tingkat=tingkat, unit_id=unit)
            pk += 1


class Migration(migrations.Migration):

    dependencies = [
        ("paparan", "0001_initial"),
        ("aksi", "0011_nilai_terbit"),
    ]

    operations = [migrations.RunPython(tambah, migrations.RunPython.noop)]
