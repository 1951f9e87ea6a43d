from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('monev', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='PengaturanRekap',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sertakan_belum_disetujui', models.BooleanField(default=False, help_text='Bila dicentang, rekap juga menjumlahkan nilai desa dari laporan kecamatan yang belum disetujui (draf, diajukan, diverifikasi, dikembalikan). Bawaan: hanya laporan yang disetujui. Menyimpan pengaturan ini menjadwalkan hitung ulang seluruh rekap.', verbose_name='sertakan data yang belum disetujui')),
                ('diubah_pada', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'pengaturan rekap',
                'verbose_name_plural': 'pengaturan rekap',
            },
        ),
    ]
