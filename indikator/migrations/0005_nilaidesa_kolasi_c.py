"""NilaiDesa: on PostgreSQL the key's text columns (desa_id, item) become COLLATE "C".

Codes are ASCII and compare byte by byte (as SQLite's default does, and as Rekap's key columns
already do): the primary key's build and every sort of values skip the locale's rules and can
use abbreviated keys — a national bulk load rebuilds this key over 5 million rows. Compared
with a column of the database's default collation (wilayah.kode), "C" applies; for equality
the result is the same. Django has no per-vendor collation, so this is SQL for PostgreSQL only;
the model state does not change (see the comment on NilaiDesa).
"""
from django.db import migrations

KE_C = ('ALTER TABLE "indikator_nilaidesa" ALTER COLUMN "desa_id" TYPE varchar(13) COLLATE "C", '
        'ALTER COLUMN "item" TYPE varchar(4) COLLATE "C"')
KE_BAWAAN = ('ALTER TABLE "indikator_nilaidesa" ALTER COLUMN "desa_id" TYPE varchar(13) COLLATE "default", '
             'ALTER COLUMN "item" TYPE varchar(4) COLLATE "default"')


def _kolasi(sql):
    def jalankan(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return jalankan


class Migration(migrations.Migration):

    dependencies = [
        ('indikator', '0004_nilaidesa_kunci_gabungan'),
    ]

    operations = [
        migrations.RunPython(_kolasi(KE_C), _kolasi(KE_BAWAAN)),
    ]
