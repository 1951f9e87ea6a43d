"""The Pra-musrenbang models now live in the `musrenbang` app (issue 14): drop their state here
only; the tables ("aksi_...") are kept and belong to musrenbang.Meta.db_table.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('aksi', '0007_transisi_tambah_bagian'),
        ('musrenbang', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='beritaacara',
                    name='laporan',
                ),
                migrations.RemoveField(
                    model_name='deklarasikomitmen',
                    name='laporan',
                ),
                migrations.RemoveField(
                    model_name='evaluasikinerjaopd',
                    name='laporan',
                ),
                migrations.RemoveField(
                    model_name='evaluasikinerjaopd',
                    name='unit',
                ),
                migrations.RemoveField(
                    model_name='penghargaan',
                    name='laporan',
                ),
                migrations.RemoveField(
                    model_name='rencanaprogram',
                    name='indikator',
                ),
                migrations.RemoveField(
                    model_name='rencanaprogram',
                    name='laporan',
                ),
                migrations.RemoveField(
                    model_name='rencanaprogram',
                    name='lokasi',
                ),
                migrations.RemoveField(
                    model_name='rencanaprogram',
                    name='unit_pelaksana',
                ),
                migrations.DeleteModel(
                    name='AgendaMusrenbang',
                ),
                migrations.DeleteModel(
                    name='BeritaAcara',
                ),
                migrations.DeleteModel(
                    name='DeklarasiKomitmen',
                ),
                migrations.DeleteModel(
                    name='EvaluasiKinerjaOPD',
                ),
                migrations.DeleteModel(
                    name='Penghargaan',
                ),
                migrations.DeleteModel(
                    name='RencanaProgram',
                ),
            ],
        ),
    ]
