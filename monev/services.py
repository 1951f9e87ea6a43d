"""Roll-up of the desa values into Rekap (DESIGN decision 4): the writes (which values count is
`monev.selectors.laporan_dihitung` / `nilai_dihitung`).

Which values count: the NilaiDesa of KECAMATAN Laporan whose tahapan has a periode
(baseline / s1 / s2) — approved ones only, unless the administrator's `PengaturanRekap`
says to include the unapproved ones; a Laporan reopened after approval counts its last
approved values, kept in NilaiTerbit until it is approved again (D88).

Everything is set-based in the database, never a Python loop over desa or kecamatan: for each
(tahun, periode) ONE statement ``WITH kec AS (...), kab AS (...), prov AS (...), nas AS (...)
INSERT INTO monev_rekap ... SELECT`` writes every level:

- kecamatan  <- the values, grouped by their kecamatan Laporan and item (an integer key hashes
               faster than SUBSTR(desa code, 1, 8); a value's desa always lies in its Laporan's
               kecamatan, and one Tahapan feeds each periode, so it is the same grouping), the
               Laporan's wilayah code joined to the ~440,000 groups afterwards;
- kab/kota   <- the kecamatan rows, grouped by SUBSTR(code, 1, 5);
- provinsi   <- the kab/kota rows, grouped by SUBSTR(code, 1, 2);
- nasional   <- the provinsi rows, grouped by item.

Sums of sums are exact (whole numbers), so each level equals the sum of the desa values under
it, and the 5 million values are read once instead of four times; the levels above are summed
from the statement's own kecamatan rows, never read back from the table. `jumlah_desa` is the
number of desa with a value for the item (a count at kecamatan level, summed above).

A full rebuild of whole years on PostgreSQL writes each year into a new table and swaps it in
for the year's partition (monev.rekap_partisi): the indexes are built once by sorting instead
of being updated row by row. Elsewhere (SQLite, or one periode only) it deletes the scope's
rows and inserts the new ones.

`rekap_kecamatan` (incremental) deletes one kecamatan's and its ancestors' rows, then in one
statement recomputes the kecamatan from its desa values and each ancestor from its other
children's stored rows plus the new one below it — the same sums as the full path restricted
to one wilayah; so both paths give identical tables.

The kecamatan SELECT (which values count) is built with the ORM; the CTEs around it and the
reads of stored children are plain SQL that PostgreSQL and SQLite (the demo) both run.
"""
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from aksi.choices import Periode
from aksi.models import Laporan
from indikator.models import NilaiDesa
from wilayah.choices import PANJANG_KODE, Tingkat
from wilayah.models import Wilayah

from . import rekap_partisi
from .models import KODE_NASIONAL, PengaturanRekap, Rekap
from .selectors import TINGKAT_NASIONAL, laporan_dihitung, nilai_dihitung, sumber_nilai

NAMA_TINGKAT = {Tingkat.KECAMATAN: "kecamatan", Tingkat.KABKOTA: "kabkota", Tingkat.PROVINSI: "provinsi",
                TINGKAT_NASIONAL: "nasional"}  # also the keys of the rows-written dicts returned below

# Memory for a national rebuild (PostgreSQL only, this transaction only): ~440,000 groups hash
# in memory instead of spilling to disk, and a year's partition is indexed by one in-memory sort.
WORK_MEM_REBUILD = "256MB"

Progres = Callable[[int, int, str], None]  # (step done, steps in all, what)

_KOLOM_CTE = "r_kode, item, r_jumlah, r_desa"  # what each level's CTE gives (and r_n above kecamatan)
_KOLOM = ("wilayah_kode", "tingkat", "tahun", "periode", "item", "jumlah", "jumlah_desa", "dihitung_pada")


# --- the statement (one (tahun, periode) each: grouped by Laporan, then code prefix, and item) --

def _dari_nilai(nilai: list[QuerySet]) -> tuple[str, tuple]:
    """SQL and params of the kecamatan rows: Σ value and number of desa per (Laporan, item) of
    each source (NilaiDesa, NilaiTerbit: `selectors.sumber_nilai`; each Laporan's values come from
    one of them), then the Laporan's wilayah (the kecamatan) as the code."""
    bagian = []
    for qs in nilai:
        try:
            bagian.append(qs.order_by().values("laporan_id", "item")
                          .annotate(r_jumlah=Sum("nilai"), r_desa=Count("*")).query.sql_with_params())
        except EmptyResultSet:  # an empty list of Laporan: this source adds nothing
            continue
    if not bagian:
        bagian.append(NilaiDesa.objects.filter(pk__in=NilaiDesa.objects.none()).values("laporan_id", "item")
                      .annotate(r_jumlah=Sum("nilai"), r_desa=Count("*")).query.sql_with_params())
    sql = " UNION ALL ".join(q for q, _ in bagian)
    params = tuple(p for _, ps in bagian for p in ps)
    qn = connection.ops.quote_name
    laporan = Laporan._meta
    return (f"SELECT l.{qn(laporan.get_field('wilayah').column)} AS r_kode, a.item, a.r_jumlah, a.r_desa "
            f"FROM ({sql}) a JOIN {qn(laporan.db_table)} l ON l.{qn(laporan.pk.column)} = a.laporan_id"), params


def _nilai_laporan(laporan: QuerySet[Laporan], *, sertakan: bool) -> list[QuerySet]:
    """The values of `laporan` from each source (`selectors.sumber_nilai`), filtered by the list of
    their ids (read first, ≈ 7,300 for the country) rather than a semi-join: PostgreSQL tests a
    long IN list of constants by a hash table inside the scan — ≈ 0.5 s less over 5 million
    values than the join node."""
    return [model.objects.filter(laporan_id__in=list(lap.order_by().values_list("id", flat=True)))
            for model, lap in sumber_nilai(laporan, sertakan_belum_disetujui=sertakan)]


def _jumlahkan(dari: str, *, panjang: int | None = None) -> str:
    """SQL: one level's rows summed from the CTE/subquery `dari` (columns r_kode, item, r_jumlah,
    r_desa) per (SUBSTR(r_kode, 1, `panjang`), item) — or, without `panjang`, per item for one
    code given as the first parameter. r_n counts the rows summed into each."""
    kode = "%s" if panjang is None else f"SUBSTR(r_kode, 1, {int(panjang)})"
    kelompok = "item" if panjang is None else f"{kode}, item"
    return (f"SELECT {kode} AS r_kode, item, SUM(r_jumlah) AS r_jumlah, SUM(r_desa) AS r_desa, COUNT(*) AS r_n "
            f"FROM {dari} GROUP BY {kelompok}")


def _anak_tersimpan(tingkat: int, induk: str | None = None) -> str:
    """SQL (parameters: tahun, periode, then the code pattern when `induk` is given): the stored
    Rekap rows of one (tahun, periode) at `tingkat` — all of them, or the children of `induk` —
    found through Wilayah by code (Rekap's primary key (wilayah_kode, item, periode, tahun)
    then finds their rows), as code, item, Σ, desa."""
    qn = connection.ops.quote_name
    awalan = "" if induk is None else "w.kode LIKE %s AND "
    return (f"SELECT r.wilayah_kode, r.item, r.jumlah, r.jumlah_desa FROM {qn(Rekap._meta.db_table)} r "
            f"WHERE r.tahun = %s AND r.periode = %s AND r.wilayah_kode IN "
            f"(SELECT w.kode FROM {qn(Wilayah._meta.db_table)} w WHERE {awalan}w.tingkat = {int(tingkat)})")


def _cte(kecamatan: tuple[str, tuple], atas: list[tuple[str, tuple]]) -> tuple[str, tuple]:
    """``kec AS (<kecamatan>), kab AS (...), prov AS (...), nas AS (...)`` and its params; `atas`
    = the (SQL, params) of kab, prov and nas, each reading the CTE before it."""
    sql, params = kecamatan
    cte = [f"kec AS ({sql})"] + [f"{nama} AS ({q})" for nama, (q, _) in zip(("kab", "prov", "nas"), atas, strict=True)]
    return ", ".join(cte), (*params, *(p for _, ps in atas for p in ps))


def _baris_rekap(*, tahun: int, periode: str) -> tuple[str, tuple]:
    """SELECT of every level's rows from the CTEs of `_cte`, in the columns of `_KOLOM`."""
    semua = " UNION ALL ".join(
        f"SELECT r_kode, {tingkat} AS tingkat, item, r_jumlah, r_desa FROM {nama}"
        for nama, tingkat in (("kec", Tingkat.KECAMATAN), ("kab", Tingkat.KABKOTA), ("prov", Tingkat.PROVINSI),
                              ("nas", TINGKAT_NASIONAL))
    )
    return (f"SELECT t.r_kode, t.tingkat, %s, %s, t.item, t.r_jumlah, t.r_desa, %s FROM ({semua}) t",
            (tahun, periode, connection.ops.adapt_datetimefield_value(timezone.now())))


def _tulis(kecamatan: tuple[str, tuple], atas: list[tuple[str, tuple]], *, tahun: int, periode: str,
           penuh: bool, tabel: str | None = None) -> dict[str, int]:
    """Run ``WITH kec AS (<kecamatan>), kab AS (...), prov AS (...), nas AS (...) INSERT INTO
    Rekap SELECT <all four>`` — `penuh`: for a full rebuild rather than the incremental path;
    `tabel`: write into this table (a year's new partition, not indexed yet) instead of Rekap.
    Returns the rows written per level."""
    cte, params = _cte(kecamatan, atas)
    baris, params_baris = _baris_rekap(tahun=tahun, periode=periode)
    qn = connection.ops.quote_name
    sisip = f"INSERT INTO {qn(tabel or Rekap._meta.db_table)} ({', '.join(qn(k) for k in _KOLOM)}) {baris}"
    params_sisip = (*params, *params_baris)
    postgres = connection.vendor == "postgresql"
    if postgres and penuh and tabel is None:
        # written in the order of the primary key (code, item, periode, tahun), the ~470,000
        # national rows fill its pages one after another instead of all over it; byte order
        # sorts fast and equals the collation's order for fixed-width dotted codes. (A new
        # partition gets its key after the rows, by one sort: no ORDER BY for it.)
        sisip += ' ORDER BY t.r_kode COLLATE "C", t.item COLLATE "C"'
    # rows per level; the kecamatan rows counted from the kab/kota rows they were summed into
    # (r_n) rather than by reading the ~440,000 of them once more — except in the incremental
    # path, whose kab/kota sums also read stored rows
    kec = "(SELECT COALESCE(SUM(r_n), 0) FROM kab)" if penuh else "(SELECT COUNT(*) FROM kec)"
    hitung = "SELECT " + ", ".join([kec] + [f"(SELECT COUNT(*) FROM {nama})" for nama in ("kab", "prov", "nas")])
    with connection.cursor() as cursor:
        if postgres:  # the rows per level counted in the same statement (every CTE row is written)
            cursor.execute(f"WITH {cte}, baru AS ({sisip}) {hitung}", params_sisip)
            jumlah = cursor.fetchone()
        else:  # no INSERT inside WITH: count first, then write
            cursor.execute(f"WITH {cte} {hitung}", params)
            jumlah = cursor.fetchone()
            cursor.execute(f"WITH {cte} {sisip}", params_sisip)
    return _per_nama(dict(zip((Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI, TINGKAT_NASIONAL), jumlah, strict=True)))


def _per_nama(per_tingkat: dict[int, int]) -> dict[str, int]:
    return {nama: per_tingkat.get(t, 0) for t, nama in NAMA_TINGKAT.items()}


def _tulis_tahun(bagian: list[tuple[str, tuple[str, tuple], list[tuple[str, tuple]]]], *, tahun: int) -> dict[str, int]:
    """PostgreSQL, a whole year: every (periode, kecamatan, atas) of `bagian` written into a new
    table shaped like the year's partition (constraints in place, no index), which then gets
    its primary key by one sort and is swapped in for the partition. Returns the rows written
    per level."""
    hasil = dict.fromkeys(NAMA_TINGKAT.values(), 0)
    tabel = rekap_partisi.partisi_baru(tahun)
    for periode, kecamatan, atas in bagian:
        for nama, n in _tulis(kecamatan, atas, tahun=tahun, periode=periode, penuh=True, tabel=tabel).items():
            hasil[nama] += n
    rekap_partisi.partisi_tukar(tahun)
    return hasil


def _hapus(qs: QuerySet[Rekap]) -> int:
    return qs.order_by()._raw_delete(qs.db)  # one DELETE; Rekap has no dependants or signals


def _kunci() -> bool:
    """Take the roll-up lock (the settings row, FOR UPDATE) and return the setting."""
    baris = PengaturanRekap.objects.select_for_update().filter(pk=1).values_list("sertakan_belum_disetujui", flat=True)
    sertakan = baris.first()
    if sertakan is None:
        PengaturanRekap.objects.get_or_create(pk=1)
        sertakan = baris.first()
    return sertakan


# --- full rebuild ----------------------------------------------------------------------------

def rekap_bangun_ulang(*, tahun: int | None = None, periode: str | None = None,
                       progres: Progres | None = None) -> dict[str, int]:
    """Rebuild every kecamatan, kab/kota, provinsi and the nation for `tahun` and `periode`
    (None = all), in one transaction: for each (tahun, periode) that has counted Laporan one
    statement writing all four levels; rows of the scope that no counted Laporan feeds any more
    go. Whole years on PostgreSQL are written into a new partition swapped in for the old one;
    otherwise the scope's rows are deleted first. Returns the rows written per level."""
    lapor = progres or (lambda *a: None)
    hasil = dict.fromkeys(NAMA_TINGKAT.values(), 0)
    with transaction.atomic():
        sertakan = _kunci()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM_REBUILD}'")
                cursor.execute(f"SET LOCAL maintenance_work_mem = '{WORK_MEM_REBUILD}'")  # a year's index builds
        pasangan = sorted(set(
            laporan_dihitung(tahun=tahun, periode=periode, sertakan_belum_disetujui=sertakan)
            .order_by().values_list("tahun", "tahapan__periode").distinct()
        ))
        total = 1 + len(pasangan)
        langkah = iter(range(1, total))

        def bagian(th: int, p: str) -> tuple[str, tuple[str, tuple], list[tuple[str, tuple]]]:
            lapor(next(langkah), total, f"{Periode(p).label} {th}: menjumlahkan kecamatan, kabupaten/kota, provinsi, nasional")
            kecamatan = _dari_nilai(_nilai_laporan(laporan_dihitung(tahun=th, periode=p, sertakan_belum_disetujui=sertakan),
                                                   sertakan=sertakan))
            atas = [
                (_jumlahkan("kec", panjang=PANJANG_KODE[Tingkat.KABKOTA]), ()),
                (_jumlahkan("kab", panjang=PANJANG_KODE[Tingkat.PROVINSI]), ()),
                (_jumlahkan("prov"), (KODE_NASIONAL,)),
            ]
            return p, kecamatan, atas

        def tambah(ditulis: dict[str, int]) -> None:
            for nama, n in ditulis.items():
                hasil[nama] += n

        if periode is None and rekap_partisi.dipartisi():
            # every year with counted Laporan, and the asked or stored ones (emptied if none counts)
            lama = {tahun} if tahun is not None else set(Rekap.objects.order_by().values_list("tahun", flat=True).distinct())
            for th in sorted({th for th, _ in pasangan} | lama):
                tambah(_tulis_tahun([bagian(t, p) for t, p in pasangan if t == th], tahun=th))
        else:
            lapor(0, total, "Menghapus rekap lama")
            _hapus(Rekap.objects.filter(**({"tahun": tahun} if tahun is not None else {}),
                                        **({"periode": periode} if periode else {})))
            partisi = rekap_partisi.dipartisi()
            for th, p in pasangan:
                if partisi:
                    rekap_partisi.partisi_pastikan(th)
                _, kecamatan, atas = bagian(th, p)
                tambah(_tulis(kecamatan, atas, tahun=th, periode=p, penuh=True))
    lapor(total, total, "Selesai")
    return hasil


# --- incremental -------------------------------------------------------------------------------

def rekap_kecamatan(*, kode_kecamatan: str, tahun: int, periode: str) -> dict[str, int]:
    """Recompute one kecamatan's rows for (tahun, periode) from its desa values, then its
    kab/kota, provinsi and the nation from their other children's stored rows plus the new
    ones below them. One DELETE and one INSERT statement. Returns rows written per level."""
    if len(kode_kecamatan) != PANJANG_KODE[Tingkat.KECAMATAN]:
        raise ValueError(f"Bukan kode kecamatan: {kode_kecamatan!r}")
    kab, prov = kode_kecamatan[:PANJANG_KODE[Tingkat.KABKOTA]], kode_kecamatan[:PANJANG_KODE[Tingkat.PROVINSI]]
    with transaction.atomic():
        sertakan = _kunci()
        if rekap_partisi.dipartisi():
            rekap_partisi.partisi_pastikan(tahun)
        _hapus(Rekap.objects.filter(tahun=tahun, periode=periode, wilayah_kode__in=[kode_kecamatan, kab, prov, KODE_NASIONAL]))
        # the values of the kecamatan's counted Laporan, by the primary key (laporan, desa, item)
        nilai = nilai_dihitung(tahun=tahun, periode=periode, sertakan_belum_disetujui=sertakan, wilayah_kode=kode_kecamatan)
        # each ancestor = its new child row (the CTE below it) + its other children's stored rows
        # (the ancestor's own old rows were just deleted; the child's too)
        atas = [
            (_jumlahkan(f"(SELECT {_KOLOM_CTE} FROM {bawah} UNION ALL {_anak_tersimpan(tingkat + 1, kode)}) x"),
             (kode, tahun, periode, f"{kode}.%"))
            for kode, tingkat, bawah in ((kab, Tingkat.KABKOTA, "kec"), (prov, Tingkat.PROVINSI, "kab"))
        ]
        atas.append((_jumlahkan(f"(SELECT {_KOLOM_CTE} FROM prov UNION ALL {_anak_tersimpan(Tingkat.PROVINSI)}) x"),
                     (KODE_NASIONAL, tahun, periode)))
        return _tulis(_dari_nilai(nilai), atas, tahun=tahun, periode=periode, penuh=False)
