"""The Pra-musrenbang models moved from `aksi` (issue 14): their tables stay where they are
("aksi_..." via Meta.db_table), so this only creates the migration state (database_operations=[]),
and renames their content types and audit rows' objek_tipe from aksi to musrenbang.
aksi 0006_musrenbang_pindah then deletes the old state.
"""
import django.core.validators
import django.db.models.deletion
import musrenbang.models
from decimal import Decimal
from django.db import migrations, models

MODEL = ["agendamusrenbang", "beritaacara", "deklarasikomitmen", "evaluasikinerjaopd", "penghargaan", "rencanaprogram"]


def _pindah_label(dari: str, ke: str):
    """Content types (so permissions and admin history follow) and audit rows ("app_label.model")."""
    def pindah(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        CatatanAudit = apps.get_model("inti", "CatatanAudit")
        db = schema_editor.connection.alias
        sudah = set(ContentType.objects.using(db).filter(app_label=ke, model__in=MODEL).values_list("model", flat=True))
        ContentType.objects.using(db).filter(app_label=dari, model__in=set(MODEL) - sudah).update(app_label=ke)
        for model in MODEL:
            CatatanAudit.objects.using(db).filter(objek_tipe=f"{dari}.{model}").update(objek_tipe=f"{ke}.{model}")
    return pindah


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('aksi', '0005_tahapan_periode_unik'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('indikator', '0005_nilaidesa_kolasi_c'),
        ('inti', '0001_initial'),
        ('wilayah', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='AgendaMusrenbang',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('urutan', models.PositiveSmallIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1, 'Urutan dimulai dari 1.')], verbose_name='urutan')),
                        ('topik', models.CharField(choices=[('capaian', 'Kendala, masalah dan keberhasilan cakupan layanan'), ('prioritas', 'Program dan intervensi prioritas'), ('rencana', 'Rencana program/kegiatan tahun depan'), ('klasifikasi', 'Klasifikasi program/kegiatan (fisik prasarana, sosial budaya, ekonomi)'), ('evaluasi_opd', 'Evaluasi kinerja OPD'), ('komitmen', 'Deklarasi komitmen pimpinan'), ('penghargaan', 'Penghargaan kepada OPD/lembaga/desa berkinerja baik')], max_length=15, verbose_name='topik')),
                        ('uraian', models.TextField(verbose_name='uraian/hasil pembahasan')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'verbose_name': 'agenda',
                        'verbose_name_plural': 'agenda',
                        'db_table': 'aksi_agendamusrenbang',
                        'ordering': ['urutan', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='DeklarasiKomitmen',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('tanggal', models.DateField(verbose_name='tanggal')),
                        ('penandatangan', models.TextField(help_text='Nama dan jabatan, satu baris per penandatangan.', verbose_name='penandatangan')),
                        ('isi', models.TextField(verbose_name='isi komitmen')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'verbose_name': 'deklarasi komitmen',
                        'verbose_name_plural': 'deklarasi komitmen',
                        'db_table': 'aksi_deklarasikomitmen',
                        'ordering': ['tanggal', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Penghargaan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('penerima', models.CharField(max_length=200, verbose_name='penerima')),
                        ('jenis', models.CharField(choices=[('opd', 'OPD'), ('lembaga', 'Lembaga'), ('desa', 'Desa/kelurahan')], max_length=10, verbose_name='jenis penerima')),
                        ('alasan', models.TextField(verbose_name='alasan/capaian')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'verbose_name': 'penghargaan',
                        'verbose_name_plural': 'penghargaan',
                        'db_table': 'aksi_penghargaan',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='BeritaAcara',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('tanggal', models.DateField(verbose_name='tanggal rapat')),
                        ('tempat', models.CharField(max_length=200, verbose_name='tempat')),
                        ('pimpinan_rapat', models.CharField(help_text='Nama pimpinan rapat.', max_length=200, verbose_name='pimpinan rapat')),
                        ('jabatan_pimpinan', models.CharField(blank=True, max_length=200, verbose_name='jabatan pimpinan rapat')),
                        ('jumlah_peserta', models.PositiveIntegerField(verbose_name='jumlah peserta')),
                        ('perwakilan_peserta', models.TextField(blank=True, help_text='Satu baris per orang: nama — jabatan/unsur. Kosongkan untuk baris tanda tangan kosong.', verbose_name='perwakilan peserta penandatangan')),
                        ('catatan', models.TextField(blank=True, verbose_name='catatan/kesepakatan')),
                        ('berkas_ttd', models.FileField(blank=True, max_length=200, upload_to=musrenbang.models.nama_berkas_ttd, verbose_name='berita acara bertanda tangan')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                    ],
                    options={
                        'verbose_name': 'berita acara',
                        'verbose_name_plural': 'berita acara',
                        'db_table': 'aksi_beritaacara',
                        'constraints': [models.UniqueConstraint(fields=('laporan',), name='berita_acara_musrenbang_unik', violation_error_message='Berita acara laporan ini sudah dibuat; ubah isian yang ada.')],
                    },
                ),
                migrations.CreateModel(
                    name='EvaluasiKinerjaOPD',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('capaian', models.TextField(verbose_name='capaian kinerja')),
                        ('catatan', models.TextField(blank=True, verbose_name='catatan/tindak lanjut')),
                        ('nilai', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Nilai paling kecil 0.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Nilai paling besar 100.')], verbose_name='nilai (0–100)')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.unitkerja', verbose_name='OPD')),
                    ],
                    options={
                        'verbose_name': 'evaluasi kinerja OPD',
                        'verbose_name_plural': 'evaluasi kinerja OPD',
                        'db_table': 'aksi_evaluasikinerjaopd',
                        'ordering': ['unit__urutan', 'id'],
                        'constraints': [models.UniqueConstraint(fields=('laporan', 'unit'), name='evaluasi_opd_unik', violation_error_message='Evaluasi OPD ini sudah diisi; ubah isian yang ada.'), models.CheckConstraint(condition=models.Q(models.Q(('nilai__gte', 0), ('nilai__lte', 100)), ('nilai__isnull', True), _connector='OR'), name='evaluasi_opd_nilai', violation_error_message='Nilai harus 0–100.')],
                    },
                ),
                migrations.CreateModel(
                    name='RencanaProgram',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('dibuat_pada', models.DateTimeField(auto_now_add=True)),
                        ('diubah_pada', models.DateTimeField(auto_now=True)),
                        ('nama', models.CharField(max_length=255, verbose_name='nama program/kegiatan')),
                        ('kategori', models.CharField(choices=[('fisik_prasarana', 'Fisik prasarana'), ('sosial_budaya', 'Sosial budaya'), ('ekonomi', 'Ekonomi')], max_length=20, verbose_name='kategori')),
                        ('perkiraan_anggaran', models.DecimalField(decimal_places=2, max_digits=17, validators=[django.core.validators.MinValueValidator(Decimal('0'), 'Perkiraan anggaran tidak boleh negatif.')], verbose_name='perkiraan anggaran (Rp)')),
                        ('sumber_dana', models.CharField(choices=[('apbd_provinsi', 'APBD provinsi'), ('apbd_kabkota', 'APBD kabupaten/kota'), ('apbdes', 'APBDes'), ('swadaya', 'Swadaya masyarakat'), ('swasta', 'Swasta/kemitraan'), ('lainnya', 'Lainnya')], max_length=20, verbose_name='sumber dana')),
                        ('indikator', models.ManyToManyField(related_name='+', to='indikator.indikatorcapaian', verbose_name='indikator')),
                        ('laporan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='aksi.laporan')),
                        ('lokasi', models.ManyToManyField(blank=True, related_name='+', to='wilayah.wilayah', verbose_name='lokasi')),
                        ('unit_pelaksana', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wilayah.unitkerja', verbose_name='unit pelaksana')),
                    ],
                    options={
                        'verbose_name': 'rencana program/kegiatan',
                        'verbose_name_plural': 'rencana program/kegiatan',
                        'db_table': 'aksi_rencanaprogram',
                        'ordering': ['id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('perkiraan_anggaran__gte', 0)), name='rencana_anggaran_tidak_negatif', violation_error_message='Perkiraan anggaran tidak boleh negatif.')],
                    },
                ),
            ],
        ),
        migrations.RunPython(_pindah_label("aksi", "musrenbang"), _pindah_label("musrenbang", "aksi")),
    ]
