"""Rekap: the (wilayah_kode, tahun, periode, item) composite primary key replaces `id`, its
index, the unique constraint on the same columns and the (tahun, periode, tingkat) index (a
level's rows are read through Wilayah's codes). On PostgreSQL the table becomes partitioned by tahun (LIST):
one partition per year (monev_rekap_y<tahun>) and a default one (monev_rekap_lain), so a full
rebuild of a year builds its new partition with the key's index made once at the end and swaps
it in (monev.rekap; docs/decisions.md "Roll-up (Rekap)").

On PostgreSQL the key's text columns are COLLATE "C" (codes compare byte by byte, as SQLite's
default does: the key's index builds skip the locale's rules, and LIKE 'prefix%' can use the
key; compared with a column of the database's default collation, "C" applies). Django migrates
neither to a composite primary key, nor to a partitioned table, nor to a collation for one
vendor, so the database side is written here per vendor; every row is copied over.
"""
from django.db import migrations, models

KOLOM = '"wilayah_kode", "tingkat", "tahun", "periode", "item", "jumlah", "jumlah_desa", "dihitung_pada"'
TABEL_POSTGRES = (
    'CREATE TABLE "monev_rekap" ("wilayah_kode" varchar(13) COLLATE "C" NOT NULL, '
    '"tingkat" smallint NOT NULL CHECK ("tingkat" >= 0), "tahun" smallint NOT NULL CHECK ("tahun" >= 0), '
    '"periode" varchar(10) COLLATE "C" NOT NULL, "item" varchar(4) COLLATE "C" NOT NULL, '
    '"jumlah" bigint NOT NULL, "jumlah_desa" integer NOT NULL CHECK ("jumlah_desa" >= 0), '
    '"dihitung_pada" timestamp with time zone NOT NULL, '
    'CONSTRAINT "monev_rekap_pkey" PRIMARY KEY ("wilayah_kode", "tahun", "periode", "item")) PARTITION BY LIST ("tahun")'
)
TABEL_SQLITE = (
    'CREATE TABLE "monev_rekap__baru" ("wilayah_kode" varchar(13) NOT NULL, '
    '"tingkat" smallint unsigned NOT NULL CHECK ("tingkat" >= 0), "tahun" smallint unsigned NOT NULL CHECK ("tahun" >= 0), '
    '"periode" varchar(10) NOT NULL, "item" varchar(4) NOT NULL, "jumlah" bigint NOT NULL, '
    '"jumlah_desa" integer unsigned NOT NULL CHECK ("jumlah_desa" >= 0), "dihitung_pada" datetime NOT NULL, '
    'PRIMARY KEY ("wilayah_kode", "tahun", "periode", "item"))'
)


def _ke_kunci_gabungan(apps, schema_editor):
    jalankan = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        jalankan('ALTER TABLE "monev_rekap" RENAME TO "monev_rekap_lama"')
        with schema_editor.connection.cursor() as cursor:  # free the names the new table takes
            cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'monev_rekap_lama'::regclass "
                           "AND contype IN ('p', 'u')")
            for (nama,) in cursor.fetchall():
                jalankan(f'ALTER TABLE "monev_rekap_lama" DROP CONSTRAINT "{nama}"')
            cursor.execute('SELECT DISTINCT "tahun" FROM "monev_rekap_lama" ORDER BY 1')
            tahun = [t for (t,) in cursor.fetchall()]
        jalankan(TABEL_POSTGRES)
        jalankan('CREATE TABLE "monev_rekap_lain" PARTITION OF "monev_rekap" DEFAULT')
        for t in tahun:
            jalankan(f'CREATE TABLE "monev_rekap_y{int(t)}" PARTITION OF "monev_rekap" FOR VALUES IN ({int(t)})')
        jalankan(f'INSERT INTO "monev_rekap" ({KOLOM}) SELECT {KOLOM} FROM "monev_rekap_lama"')
        jalankan('DROP TABLE "monev_rekap_lama"')
    else:  # SQLite: a new table, the rows copied over
        jalankan(TABEL_SQLITE)
        jalankan(f'INSERT INTO "monev_rekap__baru" ({KOLOM}) SELECT {KOLOM} FROM "monev_rekap"')
        jalankan('DROP TABLE "monev_rekap"')
        jalankan('ALTER TABLE "monev_rekap__baru" RENAME TO "monev_rekap"')


class Migration(migrations.Migration):

    dependencies = [
        ('monev', '0003_penilaian'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_ke_kunci_gabungan, migrations.RunPython.noop)],
            state_operations=[
                migrations.RemoveConstraint(model_name='rekap', name='rekap_unik'),
                migrations.RemoveIndex(model_name='rekap', name='monev_rekap_tahun_0b6485_idx'),
                migrations.RemoveField(model_name='rekap', name='id'),
                migrations.AddField(
                    model_name='rekap', name='pk',
                    field=models.CompositePrimaryKey('wilayah_kode', 'tahun', 'periode', 'item', blank=True,
                                                     editable=False, primary_key=True, serialize=False),
                ),
            ],
        ),
    ]
