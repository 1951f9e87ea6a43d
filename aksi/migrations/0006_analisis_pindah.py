"""The Analisis situasi models moved to the analisis app (its 0001): their state leaves aksi,
their tables stay (issue 14)."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('aksi', '0005_tahapan_periode_unik'),
        ('analisis', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='MasalahLayanan'),
                migrations.DeleteModel(name='Rapat'),
                migrations.DeleteModel(name='Rekomendasi'),
                migrations.DeleteModel(name='HasilPengukuran'),
                migrations.DeleteModel(name='ProgramKegiatan'),
                migrations.DeleteModel(name='TargetCakupan'),
                migrations.DeleteModel(name='TargetPrevalensi'),
                migrations.DeleteModel(name='UsulanProgram'),
            ],
        ),
    ]
