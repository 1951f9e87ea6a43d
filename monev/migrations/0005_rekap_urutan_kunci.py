"""Rekap's primary key in the order (wilayah_kode, item, periode, tahun) instead of
(wilayah_kode, tahun, periode, item).

Same columns, same lookups (every read names its wilayah codes; within a year's partition a
code has at most 60 items × 3 periode), but the key's build sorts faster: rows of one code
differ by item, and the sort now decides on the second column instead of comparing tahun and
periode first — ≈ 0.2–0.3 s less per national full rebuild of a year (470,000 rows; see
docs/decisions.md "Roll-up (Rekap)"). Written per vendor (Django does not migrate a composite
primary key): on PostgreSQL the partitioned table's key is dropped and re-added (every
partition follows); on SQLite the table is made anew and its rows copied over.
"""
from django.db import migrations, models

KOLOM = '"wilayah_kode", "tingkat", "tahun", "periode", "item", "jumlah", "jumlah_desa", "dihitung_pada"'
KUNCI_BARU = '"wilayah_kode", "item", "periode", "tahun"'
KUNCI_LAMA = '"wilayah_kode", "tahun", "periode", "item"'
TABEL_SQLITE = (
    'CREATE TABLE "monev_rekap__baru" ("wilayah_kode" varchar(13) NOT NULL, '
    '"tingkat" smallint unsigned NOT NULL CHECK ("tingkat" >= 0), "tahun" smallint unsigned NOT NULL CHECK ("tahun" >= 0), '
    '"periode" varchar(10) NOT NULL, "item" varchar(4) NOT NULL, "jumlah" bigint NOT NULL, '
    '"jumlah_desa" integer unsigned NOT NULL CHECK ("jumlah_desa" >= 0), "dihitung_pada" datetime NOT NULL, '
    'PRIMARY KEY ({kunci}))'
)


def _kunci(kunci):
    def jalankan(apps, schema_editor):
        sql = schema_editor.execute
        if schema_editor.connection.vendor == "postgresql":
            sql('ALTER TABLE "monev_rekap" DROP CONSTRAINT "monev_rekap_pkey"')
            sql(f'ALTER TABLE "monev_rekap" ADD CONSTRAINT "monev_rekap_pkey" PRIMARY KEY ({kunci})')
        else:  # SQLite: a new table, the rows copied over
            sql(TABEL_SQLITE.format(kunci=kunci))
            sql(f'INSERT INTO "monev_rekap__baru" ({KOLOM}) SELECT {KOLOM} FROM "monev_rekap"')
            sql('DROP TABLE "monev_rekap"')
            sql('ALTER TABLE "monev_rekap__baru" RENAME TO "monev_rekap"')
    return jalankan


class Migration(migrations.Migration):

    dependencies = [
        ('monev', '0004_rekap_kunci_gabungan_partisi'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_kunci(KUNCI_BARU), _kunci(KUNCI_LAMA))],
            state_operations=[
                migrations.AlterField(
                    model_name='rekap', name='pk',
                    field=models.CompositePrimaryKey('wilayah_kode', 'item', 'periode', 'tahun', blank=True,
                                                     editable=False, primary_key=True, serialize=False),
                ),
            ],
        ),
    ]
