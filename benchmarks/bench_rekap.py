"""National-scale roll-up: every desa of the country × the 60 items (≈ 5 million values).

Builds, inside ONE transaction that is rolled back at the end (so the other benchmarks see
the database as before, and nothing has to be deleted): all 91,599 regions, the catalog and
steps, one approved analisis-situasi Laporan per kecamatan (7,285, bulk_create), and a value
for every desa × item bulk-loaded with PostgreSQL COPY. Then it times

(a) one raw SQL GROUP BY of the values to kecamatan level, materialised in a temp table;
(b) the project's full roll-up (monev.services.rekap_bangun_ulang) to every level into Rekap;
(c) the incremental roll-up (monev.services.rekap_kecamatan) after one kecamatan changes.

(a) and (b) run alternately five times each and report the median (this shared 2-core
machine varies by ± 30 % from minute to minute); run 1 of (b) is a first build of the year,
the later runs rebuild it over the rows the run before wrote. (a) gets the same
work_mem the roll-up sets for itself, so the ratio compares equal conditions. (c) is the median
of 9 runs on the same kecamatan.

The load rate (d) is the median of three loads into the emptied table (TRUNCATE, undone with
the rest), each counted from the moment the COPY input exists (generated beforehand, like the
file a loader reads: making up random values is not loading) until the table is whole again: dropping its primary key and foreign keys, the COPY, rebuilding the
primary key (its only index) and validating the two foreign keys. BENCH_RINCI=1 prints each step's time.
"""
import io
import os
import random
import statistics
import struct
import sys
import time

from django.core.management import call_command
from django.db import connection, transaction

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from monev.models import Rekap
from monev.services import WORK_MEM_REBUILD, rekap_bangun_ulang, rekap_kecamatan
from wilayah.choices import Tingkat
from wilayah.models import Wilayah
from wilayah.services import wilayah_muat

TAHUN = 2031  # a year no other benchmark or demo uses
TAHAPAN = "analisis-situasi"


def _isi_copy(desa_laporan: list[tuple[str, int]], item: list) -> bytes:
    """The COPY input in PostgreSQL's binary format (the server parses no text): a row per
    desa × item — laporan, desa, item, random value — in the database's own order of
    (laporan, desa, item), so the primary key's build finds its input already sorted."""
    rng = random.Random(2031)
    # per item, the row tails for every byte value: item field, value field
    ekor = [[struct.pack(">i", len(i.kode)) + i.kode.encode() + struct.pack(">ii", 4, (b & 1) if i.ya_tidak else b)
             for b in range(256)] for i in item]
    n_item = len(item)
    acak = rng.randbytes(len(desa_laporan) * n_item)
    potongan = [b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)]
    for k, (desa, laporan) in enumerate(desa_laporan):
        # field count, laporan, desa: the same at the head of each of this desa's rows
        kepala = struct.pack(">hiq", 4, 8, laporan) + struct.pack(">i", len(desa)) + desa.encode()
        potongan.append(b"".join(kepala + e[b] for e, b in zip(ekor, acak[k * n_item:(k + 1) * n_item], strict=True)))
    potongan.append(struct.pack(">h", -1))
    return b"".join(potongan)


def _muat_nilai(cursor, data: bytes, rinci) -> None:
    """Bulk-load the values the way a loader fills an empty table: take the table's keys,
    indexes and foreign keys off, one COPY (FREEZE: the table was emptied in this transaction,
    so the rows are written already visible to all and the scans after it set no hint bits),
    then put them back — the indexes built by sorting, the foreign keys validated by one
    set-based check each (instead of 10 million row triggers). The caller times all of it;
    `rinci(what)` marks each step."""
    tabel = NilaiDesa._meta.db_table
    qn = connection.ops.quote_name
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'f')", [tabel])
    kendala = cursor.fetchall()
    cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [tabel])
    indeks = [(n, d) for n, d in cursor.fetchall() if n not in {k[0] for k in kendala}]
    for nama, _, _ in sorted(kendala, key=lambda k: k[1] != "f"):
        cursor.execute(f"ALTER TABLE {qn(tabel)} DROP CONSTRAINT {qn(nama)}")
    for nama, _ in indeks:
        cursor.execute(f"DROP INDEX {qn(nama)}")
    cursor.cursor.copy_expert(f"COPY {qn(tabel)} (laporan_id, desa_id, item, nilai) FROM STDIN (FORMAT binary, FREEZE)",
                              io.BytesIO(data), size=1 << 20)
    rinci("COPY")
    cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
    for nama, jenis, definisi in sorted(kendala, key=lambda k: k[1] == "f"):
        if jenis != "f":
            cursor.execute(f"ALTER TABLE {qn(tabel)} ADD CONSTRAINT {qn(nama)} {definisi}")
            rinci(nama)
    for nama, definisi in indeks:
        cursor.execute(definisi)
        rinci(nama)
    for nama, jenis, definisi in kendala:
        if jenis == "f":
            cursor.execute(f"ALTER TABLE {qn(tabel)} ADD CONSTRAINT {qn(nama)} {definisi}")
            rinci(nama)


def _jam(mulai: float):
    """BENCH_RINCI=1: a function printing the time since `mulai` and what was just done, to stderr."""
    if not os.environ.get("BENCH_RINCI"):
        return lambda apa: None
    return lambda apa: print(f"  {time.perf_counter() - mulai:7.2f}s {apa}", file=sys.stderr, flush=True)


def _data_nilai(cursor, desa_laporan: list[tuple[str, int]], item: list) -> tuple[bytes, int]:
    """The COPY input for every desa × item."""
    jumlah = len(desa_laporan) * len(item)
    # items in the database's order, so the rows come in the primary key's order
    cursor.execute("SELECT k FROM unnest(%s::varchar[]) AS k ORDER BY k", [[i.kode for i in item]])
    urut = {k: n for n, (k,) in enumerate(cursor.fetchall())}
    return _isi_copy(desa_laporan, sorted(item, key=lambda i: urut[i.kode])), jumlah


def _rinci(mulai: float):
    """BENCH_RINCI=1 prints the roll-up's steps with their times to stderr."""
    if not os.environ.get("BENCH_RINCI"):
        return None
    return lambda langkah, total, apa: print(f"  {time.perf_counter() - mulai:7.2f}s {apa}", file=sys.stderr, flush=True)


def _raw(cursor) -> float:
    cursor.execute("DROP TABLE IF EXISTS bench_rekap_mentah")
    mulai = time.perf_counter()
    cursor.execute(
        "CREATE TEMP TABLE bench_rekap_mentah AS "
        "SELECT substr(n.desa_id, 1, 8) AS kode, n.item, sum(n.nilai) AS jumlah, count(*) AS desa "
        "FROM indikator_nilaidesa n JOIN aksi_laporan l ON l.id = n.laporan_id "
        "WHERE l.tahun = %s AND l.tahapan_id = %s AND l.status = %s GROUP BY 1, 2",
        (TAHUN, TAHAPAN, StatusLaporan.DISETUJUI),
    )
    return time.perf_counter() - mulai


def _ukur():
    wilayah_muat(kode_provinsi=["all"])
    call_command("loaddata", "katalog", "tahapan", verbosity=0)
    item = daftar_item()
    kecamatan = list(Wilayah.objects.filter(tingkat=Tingkat.KECAMATAN).order_by("kode").values_list("kode", flat=True))
    laporan = Laporan.objects.bulk_create([
        Laporan(tahun=TAHUN, tahapan_id=TAHAPAN, wilayah_id=k, status=StatusLaporan.DISETUJUI) for k in kecamatan
    ], batch_size=2000)
    id_laporan = {lap.wilayah_id: lap.pk for lap in laporan}
    desa_laporan = [(d, id_laporan[k]) for d, k in
                    Wilayah.objects.filter(tingkat=Tingkat.DESA).order_by("kode").values_list("kode", "induk_id")]

    with connection.cursor() as cursor:
        # check the setup's deferred foreign keys now, so the load may alter its table
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        data, jumlah_nilai = _data_nilai(cursor, desa_laporan, item)
        muat = []
        for putaran in range(3):  # the median of three loads, each into the emptied table
            titik = transaction.savepoint()
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(NilaiDesa._meta.db_table)}")
            mulai = time.perf_counter()
            _muat_nilai(cursor, data, _jam(mulai))
            muat.append(time.perf_counter() - mulai)
            if putaran < 2:
                transaction.savepoint_rollback(titik)
        del data
        if os.environ.get("BENCH_RINCI"):
            print(f"  loads (s): {' '.join(f'{m:.2f}' for m in muat)}", file=sys.stderr, flush=True)
        yield "bulk_load_values_per_s", jumlah_nilai / statistics.median(muat), "values/s"
        for model in (NilaiDesa, Laporan, Rekap):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM_REBUILD}'")
        mentah, penuh = [], []
        for _ in range(5):
            mentah.append(_raw(cursor))
            mulai = time.perf_counter()
            hasil = rekap_bangun_ulang(tahun=TAHUN, progres=_rinci(mulai))
            penuh.append(time.perf_counter() - mulai)
        if os.environ.get("BENCH_RINCI"):
            print(f"  raw (s): {' '.join(f'{m:.2f}' for m in mentah)}; full (s): {' '.join(f'{p:.2f}' for p in penuh)}",
                  file=sys.stderr, flush=True)
        cursor.execute("SELECT count(*), sum(jumlah) FROM bench_rekap_mentah WHERE item = 'S01'")
        baris_kec, jumlah_s01 = cursor.fetchone()
        assert hasil["kecamatan"] == len(kecamatan) * len(item), hasil
        assert baris_kec == len(kecamatan)
        assert Rekap.objects.get(tahun=TAHUN, wilayah_kode="", item="S01").jumlah == jumlah_s01
        cursor.execute("DROP TABLE bench_rekap_mentah")
        a, b = statistics.median(mentah), statistics.median(penuh)
        yield "rollup_raw_s", a, "s"
        yield "rollup_full_s", b, "s"
        yield "rollup_ratio", b / a, "x"

        # (c) one kecamatan changes (a few of its values), then its incremental roll-up
        kode = kecamatan[len(kecamatan) // 2]
        waktu = []
        for putaran in range(9):
            NilaiDesa.objects.filter(laporan_id=id_laporan[kode], item__in=["S01", "A2"]).update(nilai=putaran * 3 + 1)
            mulai = time.perf_counter()
            rekap_kecamatan(kode_kecamatan=kode, tahun=TAHUN, periode="baseline")
            waktu.append((time.perf_counter() - mulai) * 1000)
        if os.environ.get("BENCH_RINCI"):
            print(f"  incremental runs (ms): {' '.join(f'{w:.1f}' for w in waktu)}", file=sys.stderr, flush=True)
        desa = Wilayah.objects.filter(induk_id=kode).count()
        assert Rekap.objects.get(tahun=TAHUN, wilayah_kode=kode, item="S01").jumlah == desa * 25
        yield "rollup_incremental_ms", statistics.median(waktu), "ms"


def run():
    if connection.vendor != "postgresql":
        raise RuntimeError("bench_rekap needs PostgreSQL (COPY); run it with `make bench`")
    hasil = []
    with transaction.atomic():
        try:
            hasil.extend(_ukur())
        finally:
            transaction.set_rollback(True)  # nothing of the national data set survives
    yield from hasil
