"""The Penilaian's models moved here from the monev app (issue 14): their tables keep the names
they had (`monev_...`), so this migration only creates the migration STATE (no database
operation); monev.0006 deletes monev's state of them. Existing content types (and so the
permissions granted on them and the admin log) are renamed from monev to penilaian.
"""
from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

MODEL = ("aturanpenilaian", "komponenpenilaian", "nilaipenilaian", "rinciannilai", "catatanmonev")


def _pindah_content_type(dari: str, ke: str):
    def jalankan(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        sudah = set(ContentType.objects.filter(app_label=ke, model__in=MODEL).values_list("model", flat=True))
        ContentType.objects.filter(app_label=dari, model__in=set(MODEL) - sudah).update(app_label=ke)
        CatatanAudit = apps.get_model("inti", "CatatanAudit")  # one object, one label in the audit trail
        for m in MODEL:
            CatatanAudit.objects.filter(objek_tipe=f"{dari}.{m}").update(objek_tipe=f"{ke}.{m}")
    return jalankan


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('aksi', '0005_tahapan_periode_unik'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('inti', '0001_initial'),
        ('monev', '0005_rekap_urutan_kunci'),
        ('wilayah', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='AturanPenilaian',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tahun', models.PositiveSmallIntegerField(verbose_name='tahun')),
                        ('tingkat', models.PositiveSmallIntegerField(choices=[(1, 'Provinsi'), (2, 'Kabupaten/Kota'), (3, 'Kecamatan')], verbose_name='tingkat')),
                        ('keterangan', models.TextField(blank=True, default='Rumus resmi penilaian hasil monev tidak dipublikasikan. Komponen, bobot dan ambang kelas di sini adalah aturan bawaan portal yang terdokumentasi dan dapat diubah administrator per tahun dan tingkat.', verbose_name='keterangan')),
                        ('aktif', models.BooleanField(default=True, help_text='Hanya satu aturan aktif per tahun dan tingkat; aturan itulah yang dipakai menghitung nilai.', verbose_name='aktif')),
                        ('ambang_berkembang', models.DecimalField(decimal_places=2, default=Decimal('50'), help_text='Nilai total paling kecil untuk kelas Berkembang (di bawahnya: Tumbuh).', max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Skor paling kecil 0.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Skor paling besar 100.')], verbose_name='ambang Berkembang')),
                        ('ambang_berdaya', models.DecimalField(decimal_places=2, default=Decimal('75'), help_text='Nilai total paling kecil untuk kelas Berdaya.', max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Skor paling kecil 0.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Skor paling besar 100.')], verbose_name='ambang Berdaya')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'aturan penilaian',
                        'verbose_name_plural': 'aturan penilaian',
                        'db_table': 'monev_aturanpenilaian',
                        'ordering': ['-tahun', 'tingkat', '-aktif', 'id'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('aktif', True)), fields=('tahun', 'tingkat'), name='aturan_penilaian_satu_aktif', violation_error_message='Sudah ada aturan aktif untuk tahun dan tingkat ini; nonaktifkan dulu yang lama.'), models.CheckConstraint(condition=models.Q(('ambang_berdaya__lte', 100), ('ambang_berkembang__gte', 0), ('ambang_berkembang__lte', models.F('ambang_berdaya'))), name='aturan_penilaian_ambang_urut', violation_error_message='Ambang harus 0 ≤ Berkembang ≤ Berdaya ≤ 100.')],
                    },
                ),
                migrations.CreateModel(
                    name='CatatanMonev',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('masalah', models.TextField(verbose_name='masalah/kendala')),
                        ('tindak_lanjut', models.TextField(blank=True, verbose_name='tindak lanjut')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                        ('tahapan_dipantau', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='aksi.tahapan', verbose_name='tahapan yang dipantau')),
                    ],
                    options={
                        'verbose_name': 'catatan monev',
                        'verbose_name_plural': 'catatan monev',
                        'db_table': 'monev_catatanmonev',
                        'ordering': ['tahapan_dipantau__urutan', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='KomponenPenilaian',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kode', models.SlugField(max_length=60, verbose_name='kode')),
                        ('nama', models.CharField(max_length=200, verbose_name='nama')),
                        ('jenis', models.CharField(choices=[('tahapan_selesai', 'Tahapan selesai (semua bagian diajukan)'), ('tahapan_disetujui', 'Tahapan disetujui'), ('tahapan_tepat_waktu', 'Tahapan tepat waktu'), ('tahapan_lengkap', 'Kelengkapan isian tahapan'), ('cakupan_target', 'Cakupan indikator terhadap target'), ('regulasi', 'Regulasi'), ('publikasi', 'Publikasi')], max_length=25, verbose_name='jenis')),
                        ('bobot', models.DecimalField(decimal_places=2, max_digits=6, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Bobot tidak boleh negatif.')], verbose_name='bobot')),
                        ('urutan', models.PositiveSmallIntegerField(default=0, verbose_name='urutan')),
                        ('aturan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='komponen', to='penilaian.aturanpenilaian')),
                        ('tahapan', models.ForeignKey(blank=True, help_text='Wajib untuk komponen tahapan. Untuk cakupan terhadap target: tahapan yang periodenya dipakai (kosong = analisis situasi/baseline).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='aksi.tahapan', verbose_name='tahapan')),
                    ],
                    options={
                        'verbose_name': 'komponen penilaian',
                        'verbose_name_plural': 'komponen penilaian',
                        'db_table': 'monev_komponenpenilaian',
                        'ordering': ['aturan', 'urutan', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='NilaiPenilaian',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tahun', models.PositiveSmallIntegerField()),
                        ('tingkat', models.PositiveSmallIntegerField(choices=[(1, 'Provinsi'), (2, 'Kabupaten/Kota'), (3, 'Kecamatan')])),
                        ('total', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Skor paling kecil 0.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Skor paling besar 100.')])),
                        ('kelas', models.CharField(choices=[('tumbuh', 'Tumbuh'), ('berkembang', 'Berkembang'), ('berdaya', 'Berdaya')], max_length=12)),
                        ('dihitung_pada', models.DateTimeField()),
                        ('aturan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='nilai', to='penilaian.aturanpenilaian')),
                        ('wilayah', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.wilayah')),
                    ],
                    options={
                        'verbose_name': 'nilai penilaian',
                        'verbose_name_plural': 'nilai penilaian',
                        'db_table': 'monev_nilaipenilaian',
                        'ordering': ['-tahun', 'tingkat', '-total', 'wilayah_id'],
                    },
                ),
                migrations.CreateModel(
                    name='RincianNilai',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kode', models.CharField(max_length=60)),
                        ('nama', models.CharField(max_length=200)),
                        ('jenis', models.CharField(choices=[('tahapan_selesai', 'Tahapan selesai (semua bagian diajukan)'), ('tahapan_disetujui', 'Tahapan disetujui'), ('tahapan_tepat_waktu', 'Tahapan tepat waktu'), ('tahapan_lengkap', 'Kelengkapan isian tahapan'), ('cakupan_target', 'Cakupan indikator terhadap target'), ('regulasi', 'Regulasi'), ('publikasi', 'Publikasi')], max_length=25)),
                        ('urutan', models.PositiveSmallIntegerField(default=0)),
                        ('skor', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Skor paling kecil 0.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Skor paling besar 100.')])),
                        ('bobot', models.DecimalField(decimal_places=2, max_digits=6)),
                        ('kontribusi', models.DecimalField(decimal_places=2, max_digits=5)),
                        ('bukti', models.JSONField(default=dict)),
                        ('komponen', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='penilaian.komponenpenilaian')),
                        ('nilai', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rincian', to='penilaian.nilaipenilaian')),
                    ],
                    options={
                        'verbose_name': 'rincian nilai',
                        'verbose_name_plural': 'rincian nilai',
                        'db_table': 'monev_rinciannilai',
                        'ordering': ['nilai', 'urutan', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='komponenpenilaian',
                    constraint=models.UniqueConstraint(fields=('aturan', 'kode'), name='komponen_penilaian_kode_unik', violation_error_message='Kode komponen sudah dipakai pada aturan ini.'),
                ),
                migrations.AddConstraint(
                    model_name='komponenpenilaian',
                    constraint=models.CheckConstraint(condition=models.Q(('bobot__gte', 0)), name='komponen_penilaian_bobot_tidak_negatif', violation_error_message='Bobot tidak boleh negatif.'),
                ),
                migrations.AddIndex(
                    model_name='nilaipenilaian',
                    index=models.Index(fields=['tahun', 'tingkat', 'total'], name='monev_nilai_tahun_6b020b_idx'),
                ),
                migrations.AddConstraint(
                    model_name='nilaipenilaian',
                    constraint=models.UniqueConstraint(fields=('wilayah', 'tahun'), name='nilai_penilaian_unik'),
                ),
            ],
        ),
        migrations.RunPython(_pindah_content_type("monev", "penilaian"), _pindah_content_type("penilaian", "monev")),
    ]
