"""The complaints were part of publikasi: their table (publikasi_pengaduan) stays where it is;
this migration only gives the model to this app's state (publikasi 0002 removes it there). The
content type and the audit trail's `objek_tipe` follow the new app label."""
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import inti.unggah


def _pindah(dari: str, ke: str):
    def jalankan(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label=ke, model="pengaduan").exists():
            ContentType.objects.filter(app_label=dari, model="pengaduan").update(app_label=ke)
        apps.get_model("inti", "CatatanAudit").objects.filter(objek_tipe=f"{dari}.pengaduan").update(
            objek_tipe=f"{ke}.pengaduan")
    return jalankan


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('inti', '0001_initial'),
        ('publikasi', '0001_initial'),
        ('wilayah', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Pengaduan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kode', models.CharField(editable=False, max_length=10, unique=True, verbose_name='kode pelacakan')),
                        ('nama', models.CharField(blank=True, max_length=100, verbose_name='nama')),
                        ('kontak', models.CharField(help_text='Nomor HP/telepon atau email; hanya untuk petugas.', max_length=254, verbose_name='kontak')),
                        ('topik', models.CharField(choices=[('layanan_kesehatan', 'Layanan kesehatan ibu dan anak (posyandu, puskesmas)'), ('gizi', 'Gizi dan makanan tambahan'), ('air_sanitasi', 'Air minum dan sanitasi'), ('pengasuhan', 'Pengasuhan dan PAUD'), ('perlindungan_sosial', 'Bantuan sosial dan jaminan kesehatan'), ('adminduk', 'Administrasi kependudukan (NIK, akta kelahiran)'), ('pendataan', 'Pendataan sasaran (balita, ibu hamil, keluarga berisiko)'), ('lainnya', 'Lainnya')], max_length=20, verbose_name='topik')),
                        ('isi', models.TextField(validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='isi pengaduan')),
                        ('lampiran', models.FileField(blank=True, max_length=200, upload_to=inti.unggah.NamaAcak('pengaduan'), verbose_name='lampiran')),
                        ('status', models.CharField(choices=[('baru', 'Diterima'), ('diproses', 'Diproses'), ('dijawab', 'Dijawab'), ('selesai', 'Selesai')], db_index=True, default='baru', max_length=10, verbose_name='status')),
                        ('jawaban', models.TextField(blank=True, verbose_name='jawaban untuk publik')),
                        ('dijawab_pada', models.DateTimeField(blank=True, null=True)),
                        ('ditutup_pada', models.DateTimeField(blank=True, null=True)),
                        ('versi', models.PositiveIntegerField(default=1)),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='diterima')),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('dijawab_oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('ditutup_oleh', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('petugas', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='petugas')),
                        ('wilayah', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.wilayah', verbose_name='wilayah')),
                    ],
                    options={
                        'db_table': 'publikasi_pengaduan',
                        'verbose_name': 'pengaduan',
                        'verbose_name_plural': 'pengaduan',
                        'ordering': ['-dibuat_pada', '-id'],
                        'indexes': [models.Index(fields=['wilayah'], name='pengaduan_wilayah_prefix_idx', opclasses=['varchar_pattern_ops'])],
                    },
                ),
            ],
        ),
        migrations.RunPython(_pindah("publikasi", "pengaduan"), _pindah("pengaduan", "publikasi")),
    ]
