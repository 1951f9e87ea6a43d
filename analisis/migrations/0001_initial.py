"""The Analisis situasi models move from the aksi app (issue 14): only the migration state moves;
the tables keep their names (db_table "aksi_..."), so no row is touched. The content types and
the audit trail's `objek_tipe` ("aksi.rapat" -> "analisis.rapat") follow the new app label, so
permissions and an object's audit history keep one name."""
import analisis.models
import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models

MODEL = ['masalahlayanan', 'rapat', 'rekomendasi', 'hasilpengukuran', 'programkegiatan', 'targetcakupan', 'targetprevalensi', 'usulanprogram']


def _pindah(apps, dari: str, ke: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ada = set(ContentType.objects.filter(app_label=ke).values_list("model", flat=True))
    ContentType.objects.filter(app_label=dari, model__in=[m for m in MODEL if m not in ada]).update(app_label=ke)
    CatatanAudit = apps.get_model("inti", "CatatanAudit")
    for m in MODEL:
        CatatanAudit.objects.filter(objek_tipe=f"{dari}.{m}").update(objek_tipe=f"{ke}.{m}")


def pindahkan_label(apps, schema_editor):
    _pindah(apps, "aksi", "analisis")


def kembalikan_label(apps, schema_editor):
    _pindah(apps, "analisis", "aksi")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('aksi', '0005_tahapan_periode_unik'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('indikator', '0002_nilaidesa_perubahannilai'),
        ('inti', '0001_initial'),
        ('wilayah', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='MasalahLayanan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('sisi', models.CharField(choices=[('penerima', 'Penerima layanan'), ('ketersediaan', 'Ketersediaan layanan'), ('tata_kelola', 'Tata kelola')], max_length=15, verbose_name='sisi')),
                        ('uraian', models.TextField(verbose_name='uraian masalah/kendala')),
                        ('indikator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indikator.indikatorcapaian', verbose_name='indikator')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'db_table': 'aksi_masalahlayanan',
                        'verbose_name': 'masalah layanan',
                        'verbose_name_plural': 'masalah layanan',
                        'ordering': ['indikator__urutan', 'sisi', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Rapat',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('jenis', models.CharField(choices=[('lintas_opd', 'Rapat lintas OPD terintegrasi'), ('internal_opd', 'Rapat internal OPD')], max_length=15, verbose_name='jenis rapat')),
                        ('tanggal', models.DateField(verbose_name='tanggal')),
                        ('peserta', models.TextField(verbose_name='peserta')),
                        ('catatan', models.TextField(blank=True, verbose_name='catatan/hasil rapat')),
                        ('notulen', models.FileField(blank=True, max_length=200, upload_to=analisis.models.nama_berkas_notulen, verbose_name='notulen')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'db_table': 'aksi_rapat',
                        'verbose_name': 'rapat',
                        'verbose_name_plural': 'rapat',
                        'ordering': ['tanggal', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Rekomendasi',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('uraian', models.TextField(verbose_name='uraian rekomendasi')),
                        ('indikator', models.ForeignKey(blank=True, help_text='Kosongkan untuk rekomendasi umum.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indikator.indikatorcapaian', verbose_name='indikator')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'db_table': 'aksi_rekomendasi',
                        'verbose_name': 'rekomendasi',
                        'verbose_name_plural': 'rekomendasi',
                        'ordering': ['indikator__urutan', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='HasilPengukuran',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('jumlah_diukur', models.PositiveIntegerField(verbose_name='jumlah balita diukur')),
                        ('jumlah_stunting', models.PositiveIntegerField(verbose_name='jumlah balita stunting')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                        ('wilayah', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.wilayah', verbose_name='wilayah')),
                    ],
                    options={
                        'db_table': 'aksi_hasilpengukuran',
                        'verbose_name': 'hasil pengukuran',
                        'verbose_name_plural': 'hasil pengukuran',
                        'ordering': ['wilayah_id'],
                        'constraints': [models.UniqueConstraint(fields=('laporan', 'wilayah'), name='pengukuran_wilayah_unik', violation_error_message='Hasil pengukuran wilayah ini sudah diisi; ubah isian yang ada.'), models.CheckConstraint(condition=models.Q(('jumlah_stunting__lte', models.F('jumlah_diukur'))), name='pengukuran_stunting_tidak_melebihi_diukur', violation_error_message='Jumlah stunting tidak boleh melebihi jumlah diukur.')],
                    },
                ),
                migrations.CreateModel(
                    name='ProgramKegiatan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('nama', models.CharField(max_length=255, verbose_name='nama program/kegiatan')),
                        ('volume', models.DecimalField(decimal_places=2, max_digits=14, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Volume tidak boleh negatif.')], verbose_name='volume')),
                        ('satuan', models.CharField(max_length=50, verbose_name='satuan')),
                        ('sumber_dana', models.CharField(choices=[('apbd_provinsi', 'APBD provinsi'), ('apbd_kabkota', 'APBD kabupaten/kota'), ('apbdes', 'APBDes'), ('swadaya', 'Swadaya masyarakat'), ('swasta', 'Swasta/kemitraan'), ('lainnya', 'Lainnya')], max_length=20, verbose_name='sumber dana')),
                        ('anggaran', models.DecimalField(decimal_places=2, max_digits=17, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Anggaran tidak boleh negatif.')], verbose_name='anggaran (Rp)')),
                        ('pelaksana', models.CharField(blank=True, max_length=200, verbose_name='pelaksana')),
                        ('indikator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indikator.indikatorcapaian', verbose_name='indikator')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                        ('lokasi', models.ManyToManyField(blank=True, related_name='+', to='wilayah.wilayah', verbose_name='lokasi (desa/kelurahan)')),
                    ],
                    options={
                        'db_table': 'aksi_programkegiatan',
                        'verbose_name': 'program/kegiatan berjalan',
                        'verbose_name_plural': 'program/kegiatan berjalan',
                        'ordering': ['indikator__urutan', 'id'],
                        'abstract': False,
                        'constraints': [models.CheckConstraint(condition=models.Q(('volume__gte', 0)), name='program_volume_tidak_negatif', violation_error_message='Volume tidak boleh negatif.'), models.CheckConstraint(condition=models.Q(('anggaran__gte', 0)), name='program_anggaran_tidak_negatif', violation_error_message='Anggaran tidak boleh negatif.')],
                    },
                ),
                migrations.CreateModel(
                    name='TargetCakupan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('target_persen', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Persentase paling kecil 0.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Persentase paling besar 100.')], verbose_name='target cakupan (%)')),
                        ('indikator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indikator.indikatorcapaian', verbose_name='indikator')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'db_table': 'aksi_targetcakupan',
                        'verbose_name': 'target cakupan',
                        'verbose_name_plural': 'target cakupan',
                        'ordering': ['indikator__urutan'],
                        'constraints': [models.UniqueConstraint(fields=('laporan', 'indikator'), name='target_cakupan_unik', violation_error_message='Target indikator ini sudah diisi; ubah isian yang ada.'), models.CheckConstraint(condition=models.Q(('target_persen__gte', 0), ('target_persen__lte', 100)), name='target_cakupan_persen', violation_error_message='Persentase harus 0–100.')],
                    },
                ),
                migrations.CreateModel(
                    name='TargetPrevalensi',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('tahun_target', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000, 'Tahun tidak masuk akal.'), django.core.validators.MaxValueValidator(2100, 'Tahun tidak masuk akal.')], verbose_name='tahun target')),
                        ('sumber', models.CharField(choices=[('rpjpd', 'RPJPD'), ('rpjmd', 'RPJMD'), ('rkpd', 'RKPD')], max_length=10, verbose_name='dokumen sumber')),
                        ('target_persen', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Persentase paling kecil 0.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Persentase paling besar 100.')], verbose_name='target prevalensi (%)')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'db_table': 'aksi_targetprevalensi',
                        'verbose_name': 'target prevalensi',
                        'verbose_name_plural': 'target prevalensi',
                        'ordering': ['tahun_target', 'sumber'],
                        'constraints': [models.UniqueConstraint(fields=('laporan', 'tahun_target', 'sumber'), name='target_prevalensi_unik', violation_error_message='Target tahun dan dokumen sumber ini sudah diisi; ubah isian yang ada.'), models.CheckConstraint(condition=models.Q(('target_persen__gte', 0), ('target_persen__lte', 100)), name='target_prevalensi_persen', violation_error_message='Persentase harus 0–100.')],
                    },
                ),
                migrations.CreateModel(
                    name='UsulanProgram',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('nama', models.CharField(max_length=255, verbose_name='nama program/kegiatan')),
                        ('volume', models.DecimalField(decimal_places=2, max_digits=14, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Volume tidak boleh negatif.')], verbose_name='volume')),
                        ('satuan', models.CharField(max_length=50, verbose_name='satuan')),
                        ('sumber_dana', models.CharField(choices=[('apbd_provinsi', 'APBD provinsi'), ('apbd_kabkota', 'APBD kabupaten/kota'), ('apbdes', 'APBDes'), ('swadaya', 'Swadaya masyarakat'), ('swasta', 'Swasta/kemitraan'), ('lainnya', 'Lainnya')], max_length=20, verbose_name='sumber dana')),
                        ('perkiraan_anggaran', models.DecimalField(decimal_places=2, max_digits=17, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Perkiraan anggaran tidak boleh negatif.')], verbose_name='perkiraan anggaran (Rp)')),
                        ('indikator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indikator.indikatorcapaian', verbose_name='indikator')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                        ('lokasi', models.ManyToManyField(blank=True, related_name='+', to='wilayah.wilayah', verbose_name='lokasi (desa/kelurahan)')),
                    ],
                    options={
                        'db_table': 'aksi_usulanprogram',
                        'verbose_name': 'usulan program/kegiatan',
                        'verbose_name_plural': 'usulan program/kegiatan',
                        'ordering': ['indikator__urutan', 'id'],
                        'abstract': False,
                        'constraints': [models.CheckConstraint(condition=models.Q(('volume__gte', 0)), name='usulan_volume_tidak_negatif', violation_error_message='Volume tidak boleh negatif.'), models.CheckConstraint(condition=models.Q(('perkiraan_anggaran__gte', 0)), name='usulan_anggaran_tidak_negatif', violation_error_message='Perkiraan anggaran tidak boleh negatif.')],
                    },
                ),
            ],
        ),
        migrations.RunPython(pindahkan_label, kembalikan_label),
    ]
