"""NilaiDesa: the (laporan, desa, item) composite primary key replaces the `id` column, its own
primary key index, the unique constraint on the same columns and the desa-prefix index; the
per-value `diubah_pada` goes (RiwayatIsian records every change with its time).

One index instead of three (a bulk load rebuilds every index; see docs/decisions.md
"Roll-up (Rekap)"). Django does not migrate a table to a composite primary key by itself, so
the database side is written here per vendor; every row is kept.
"""
from django.db import migrations, models

TABEL = "indikator_nilaidesa"
TABEL_SQLITE_BARU = (
    'CREATE TABLE "indikator_nilaidesa__baru" ('
    '"laporan_id" bigint NOT NULL REFERENCES "aksi_laporan" ("id") DEFERRABLE INITIALLY DEFERRED, '
    '"desa_id" varchar(13) NOT NULL REFERENCES "wilayah_wilayah" ("kode") DEFERRABLE INITIALLY DEFERRED, '
    '"item" varchar(4) NOT NULL, "nilai" integer unsigned NOT NULL CHECK ("nilai" >= 0), '
    'PRIMARY KEY ("laporan_id", "desa_id", "item"))'
)


def _ke_kunci_gabungan(apps, schema_editor):
    jalankan = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p'", [TABEL])
            (pk_lama,) = cursor.fetchone()
        jalankan(f'ALTER TABLE "{TABEL}" DROP CONSTRAINT "{pk_lama}"')
        jalankan(f'ALTER TABLE "{TABEL}" DROP COLUMN "id", DROP COLUMN "diubah_pada"')
        jalankan(f'ALTER TABLE "{TABEL}" DROP CONSTRAINT "nilai_desa_unik"')
        jalankan('DROP INDEX IF EXISTS "nilai_desa_desa_prefix_idx"')
        jalankan(f'ALTER TABLE "{TABEL}" ADD CONSTRAINT "{TABEL}_pkey" PRIMARY KEY ("laporan_id", "desa_id", "item")')
    else:  # SQLite: a new table, the rows copied over
        jalankan(TABEL_SQLITE_BARU)
        jalankan(f'INSERT INTO "indikator_nilaidesa__baru" (laporan_id, desa_id, item, nilai) '
                 f'SELECT laporan_id, desa_id, item, nilai FROM "{TABEL}"')
        jalankan(f'DROP TABLE "{TABEL}"')
        jalankan(f'ALTER TABLE "indikator_nilaidesa__baru" RENAME TO "{TABEL}"')


class Migration(migrations.Migration):

    dependencies = [
        ('indikator', '0003_nilaidesa_indeks_ramping'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_ke_kunci_gabungan, migrations.RunPython.noop)],
            state_operations=[
                migrations.RemoveConstraint(model_name='nilaidesa', name='nilai_desa_unik'),
                migrations.RemoveIndex(model_name='nilaidesa', name='nilai_desa_desa_prefix_idx'),
                migrations.RemoveField(model_name='nilaidesa', name='id'),
                migrations.RemoveField(model_name='nilaidesa', name='diubah_pada'),
                migrations.AddField(
                    model_name='nilaidesa', name='pk',
                    field=models.CompositePrimaryKey('laporan', 'desa', 'item', blank=True, editable=False,
                                                     primary_key=True, serialize=False),
                ),
            ],
        ),
    ]
