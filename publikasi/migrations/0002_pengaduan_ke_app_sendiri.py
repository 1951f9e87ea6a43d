"""The complaints moved to the app `pengaduan` (its 0001 takes the model over, same table):
remove the model from this app's state only. NamaAcak moved to inti.unggah: the upload_to
paths change in the state, not in the database."""
from django.db import migrations, models

import inti.unggah


class Migration(migrations.Migration):

    dependencies = [
        ('publikasi', '0001_initial'),
        ('pengaduan', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='Pengaduan')],
        ),
        migrations.AlterField(
            model_name='publikasi',
            name='gambar',
            field=models.FileField(blank=True, max_length=200, upload_to=inti.unggah.NamaAcak('publikasi', ('jpg', 'png')), verbose_name='gambar'),
        ),
        migrations.AlterField(
            model_name='publikasi',
            name='lampiran',
            field=models.FileField(blank=True, max_length=200, upload_to=inti.unggah.NamaAcak('publikasi', ('pdf',)), verbose_name='lampiran PDF'),
        ),
        migrations.AlterField(
            model_name='regulasi',
            name='berkas',
            field=models.FileField(max_length=200, upload_to=inti.unggah.NamaAcak('regulasi', ('pdf',)), verbose_name='berkas PDF'),
        ),
    ]
