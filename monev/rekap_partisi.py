"""Rekap's yearly partitions on PostgreSQL (migration monev.0004): DDL only, no roll-up logic.

The table is partitioned by tahun (LIST): `monev_rekap_y<tahun>` per year and the default
partition `monev_rekap_lain` for rows of a year that has none yet (rows written by hand, e.g.
in tests). The roll-up makes a year's partition before it writes (`partisi_pastikan`), and a
full rebuild of a year writes its rows into a NEW table, indexes it once (one sort instead
of ~470,000 index insertions per period) and swaps it in for the old partition
(`partisi_baru` / `partisi_tukar`): readers keep the old rows until the commit and wait only
for the swap's few milliseconds.

Every function runs inside the caller's transaction and roll-up lock.
"""
from django.db import connection

from .models import Rekap

DEFAULT = "monev_rekap_lain"
BANGUN = "monev_rekap_bangun"  # the year being built; renamed to its partition's name at the swap
KUNCI = '"wilayah_kode", "item", "periode", "tahun"'  # Rekap's primary key (migration monev.0005)


def dipartisi() -> bool:
    """Whether Rekap is partitioned here (PostgreSQL after migration monev.0004)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass(%s)", [Rekap._meta.db_table])
        baris = cursor.fetchone()
    return bool(baris and baris[0])


def nama_partisi(tahun: int) -> str:
    return f"monev_rekap_y{int(tahun)}"


def _ada(cursor, nama: str) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [nama])
    return cursor.fetchone()[0]


def _tabel_baru(cursor, nama: str, tahun: int) -> None:
    """A table shaped like Rekap, for one year only: the CHECK lets ATTACH skip its scan."""
    cursor.execute(f'CREATE TABLE "{nama}" (LIKE "{Rekap._meta.db_table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS, '
                   f'CONSTRAINT "{nama}_tahun" CHECK ("tahun" = {int(tahun)}))')


def _pasang(cursor, nama: str, tahun: int) -> None:
    """Attach `nama` as the partition of `tahun`, after taking that year's rows out of the
    default partition (PostgreSQL refuses the attach while the default holds any)."""
    cursor.execute(f'DELETE FROM "{DEFAULT}" WHERE "tahun" = %s', [tahun])
    cursor.execute(f'ALTER TABLE "{Rekap._meta.db_table}" ATTACH PARTITION "{nama}" FOR VALUES IN ({int(tahun)})')


def partisi_pastikan(tahun: int) -> None:
    """Make `tahun`'s partition if it is missing, moving that year's rows out of the default one."""
    nama = nama_partisi(tahun)
    with connection.cursor() as cursor:
        if _ada(cursor, nama):
            return
        _tabel_baru(cursor, nama, tahun)
        kolom = ", ".join(connection.ops.quote_name(f.column) for f in Rekap._meta.concrete_fields)
        cursor.execute(f'INSERT INTO "{nama}" ({kolom}) SELECT {kolom} FROM "{DEFAULT}" WHERE "tahun" = %s', [tahun])
        _pasang(cursor, nama, tahun)  # the attach makes the partition's indexes


def partisi_baru(tahun: int) -> str:
    """Make the (empty) table of `tahun`'s new partition — Rekap's columns, NOT NULL and CHECK
    constraints plus one for the year (ATTACH then skips its scan), no index — and return its
    name. The roll-up inserts the year's rows; their NOT NULL and CHECKs are tested as they
    come, and WAL-free on a server with wal_level=minimal (a table made in this transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE IF EXISTS "{BANGUN}"')
        _tabel_baru(cursor, BANGUN, tahun)
    return BANGUN


def partisi_tukar(tahun: int) -> None:
    """Index the table `partisi_baru` made (its primary key: one sort), drop the year's old
    partition and attach the new one in its place.

    No ANALYZE: the index build records the row count, and every read of Rekap looks rows up
    by the primary key; autovacuum gathers the column statistics soon after."""
    nama = nama_partisi(tahun)
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{BANGUN}" ADD CONSTRAINT "{BANGUN}_pkey" PRIMARY KEY ({KUNCI})')
        cursor.execute(f'DROP TABLE IF EXISTS "{nama}"')
        _pasang(cursor, BANGUN, tahun)
        cursor.execute(f'ALTER TABLE "{BANGUN}" RENAME TO "{nama}"')
        cursor.execute(f'ALTER TABLE "{nama}" RENAME CONSTRAINT "{BANGUN}_tahun" TO "{nama}_tahun"')
        cursor.execute(f'ALTER INDEX "{BANGUN}_pkey" RENAME TO "{nama}_pkey"')
