"""Set-based writes the ORM makes slow: one INSERT ... ON CONFLICT for many rows.

Model instances cost ~25 µs each to build; a full entry grid is ~1,200 rows, so the hot
save path writes plain tuples instead. PostgreSQL gets one multi-row statement per page
(psycopg2 execute_values); other databases (the SQLite demo) an executemany.
"""
from collections.abc import Sequence

from django.db import connection, models


def upsert(model: type[models.Model], *, kolom: Sequence[str], baris: Sequence[tuple],
           konflik: Sequence[str], perbarui: Sequence[str]) -> None:
    if not baris:
        return
    qn = connection.ops.quote_name
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(k) for k in kolom)}) VALUES %s "
        f"ON CONFLICT ({', '.join(qn(k) for k in konflik)}) "
        f"DO UPDATE SET {', '.join(f'{qn(k)} = EXCLUDED.{qn(k)}' for k in perbarui)}"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(cursor.cursor, sql, baris, page_size=1000)
        else:
            cursor.executemany(sql.replace("%s", f"({', '.join(['%s'] * len(kolom))})"), baris)
