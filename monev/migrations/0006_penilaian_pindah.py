"""The Penilaian's models moved to the penilaian app (issue 14): drop monev's migration STATE of
them only; their tables stay (penilaian.0001 took them over under the same names)."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('monev', '0005_rekap_urutan_kunci'),
        ('penilaian', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='RincianNilai'),
                migrations.DeleteModel(name='NilaiPenilaian'),
                migrations.DeleteModel(name='KomponenPenilaian'),
                migrations.DeleteModel(name='CatatanMonev'),
                migrations.DeleteModel(name='AturanPenilaian'),
            ],
        ),
    ]
