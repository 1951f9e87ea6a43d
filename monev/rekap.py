"""Roll-up of the desa values into Rekap (DESIGN decision 4): writes only.

Which values count: the NilaiDesa of KECAMATAN Laporan whose tahapan has a periode
(baseline / s1 / s2) — approved ones only, unless the administrator's `PengaturanRekap`
says to include the unapproved ones.

Everything is set-based in the database: for each (tahun, periode) one INSERT ... SELECT ...
GROUP BY per level, never a Python loop over desa or kecamatan:

- kecamatan  <- the values, grouped by SUBSTR(desa code, 1, 8) and item;
- kab/kota   <- the kecamatan rows, grouped by SUBSTR(code, 1, 5);
- provinsi   <- the kab/kota rows, grouped by SUBSTR(code, 1, 2);
- nasional   <- the provinsi rows, grouped by item.

Sums of sums are exact (whole numbers), so each level equals the sum of the desa values under
it, and reading 5 million values happens once instead of four times. `jumlah_desa` is the
number of desa with a value for the item (a count at kecamatan level, summed above).

`rekap_kecamatan` (incremental) recomputes one kecamatan from its desa values and then its
kab/kota, provinsi and the nation from their children's rows, with the same statements as
the full path restricted to one wilayah; so both paths give identical tables.

The SELECTs are built with the ORM (portable to the SQLite demo) and wrapped in an
``INSERT INTO monev_rekap (...) SELECT ... FROM (<orm sql>) t``, which PostgreSQL and SQLite
both run.
"""
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Length, Substr
from django.utils import timezone

from aksi.choices import Periode, StatusLaporan
from aksi.models import Laporan, Tahapan
from indikator.models import NilaiDesa
from wilayah.choices import PANJANG_KODE, Tingkat
from wilayah.models import Wilayah

from .models import KODE_NASIONAL, PengaturanRekap, Rekap

TINGKAT_NASIONAL = 0
NAMA_TINGKAT = {Tingkat.KECAMATAN: "kecamatan", Tingkat.KABKOTA: "kabkota", Tingkat.PROVINSI: "provinsi",
                TINGKAT_NASIONAL: "nasional"}  # also the keys of the rows-written dicts returned below
# Memory for the GROUP BY of a national rebuild (PostgreSQL only, this transaction only):
# ~440,000 groups hash in memory instead of spilling to disk.
WORK_MEM_REBUILD = "256MB"

Progres = Callable[[int, int, str], None]  # (step done, steps in all, what)

_KOLOM = ("wilayah_kode", "tingkat", "tahun", "periode", "item", "jumlah", "jumlah_desa", "dihitung_pada")


def laporan_dihitung(*, tahun: int | None = None, periode: str | None = None,
                     sertakan_belum_disetujui: bool | None = None) -> QuerySet[Laporan]:
    """The kecamatan Laporan whose values the roll-up counts (the administrator's setting by default)."""
    if sertakan_belum_disetujui is None:
        sertakan_belum_disetujui = PengaturanRekap.ambil().sertakan_belum_disetujui
    tahapan = Tahapan.objects.exclude(periode="").filter(**({"periode": periode} if periode else {}))
    # one table, no joins: the incremental path probes it once per desa value
    qs = Laporan.objects.alias(panjang=Length("wilayah_id")).filter(
        panjang=PANJANG_KODE[Tingkat.KECAMATAN], tahapan_id__in=list(tahapan.values_list("kode", flat=True)),
    )
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    if not sertakan_belum_disetujui:
        qs = qs.filter(status=StatusLaporan.DISETUJUI)
    return qs


def nilai_dihitung(*, tahun: int | None = None, periode: str | None = None,
                   sertakan_belum_disetujui: bool | None = None) -> QuerySet[NilaiDesa]:
    """The desa values the roll-up counts (a semi-join on the counted Laporan)."""
    laporan = laporan_dihitung(tahun=tahun, periode=periode, sertakan_belum_disetujui=sertakan_belum_disetujui)
    return NilaiDesa.objects.filter(laporan_id__in=laporan.order_by().values("id"))


# --- the four SELECTs (one (tahun, periode) each: grouped by code prefix and item only) -------

def _dari_nilai(nilai: QuerySet[NilaiDesa]) -> QuerySet:
    """Kecamatan rows: Σ value and number of desa per (SUBSTR(desa, 1, 8), item)."""
    return (nilai.order_by().annotate(r_kode=Substr("desa_id", 1, PANJANG_KODE[Tingkat.KECAMATAN]))
            .values("r_kode", "item").annotate(r_jumlah=Sum("nilai"), r_desa=Count("id")))


def _dari_anak(anak: QuerySet[Rekap], tingkat: int) -> QuerySet:
    """Rows of `tingkat` from their children's rows (`anak`): sums of sums."""
    qs = anak.order_by()
    if tingkat == TINGKAT_NASIONAL:
        qs = qs.values("item")
    else:
        qs = qs.annotate(r_kode=Substr("wilayah_kode", 1, PANJANG_KODE[tingkat])).values("r_kode", "item")
    return qs.annotate(r_jumlah=Sum("jumlah"), r_desa=Sum("jumlah_desa"))


def _sisipkan(select: QuerySet, *, tingkat: int, tahun: int, periode: str) -> int:
    """INSERT INTO Rekap SELECT ... FROM (the ORM's SELECT); returns the rows written."""
    sql, params = select.query.sql_with_params()
    qn = connection.ops.quote_name
    nasional = tingkat == TINGKAT_NASIONAL
    perintah = (
        f"INSERT INTO {qn(Rekap._meta.db_table)} ({', '.join(qn(k) for k in _KOLOM)}) "
        f"SELECT {'%s' if nasional else 't.r_kode'}, %s, %s, %s, t.item, t.r_jumlah, t.r_desa, %s FROM ({sql}) t"
    )
    if connection.vendor == "postgresql" and not nasional:
        # written in the order of the unique index (code, tahun, periode, item), the ~440,000
        # national kecamatan rows fill its pages one after another instead of all over it; byte
        # order sorts fast and equals the collation's order for fixed-width dotted codes
        perintah += ' ORDER BY t.r_kode COLLATE "C", t.item COLLATE "C"'
    sekarang = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(perintah, (*((KODE_NASIONAL,) if nasional else ()), tingkat, tahun, periode, sekarang, *params))
        return max(cursor.rowcount, 0)


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
    (None = all), in one transaction: delete the scope's rows, then for each (tahun, periode)
    that has counted Laporan one INSERT ... SELECT per level. Returns the rows written per level."""
    lingkup = Q()
    if tahun is not None:
        lingkup &= Q(tahun=tahun)
    if periode:
        lingkup &= Q(periode=periode)
    lapor = progres or (lambda *a: None)
    hasil = dict.fromkeys(NAMA_TINGKAT.values(), 0)
    with transaction.atomic():
        sertakan = _kunci()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM_REBUILD}'")
        pasangan = sorted(set(
            laporan_dihitung(tahun=tahun, periode=periode, sertakan_belum_disetujui=sertakan)
            .order_by().values_list("tahun", "tahapan__periode").distinct()
        ))
        total = 1 + 4 * len(pasangan)
        lapor(0, total, "Menghapus rekap lama")
        _hapus(Rekap.objects.filter(lingkup))
        langkah = 1
        for th, p in pasangan:
            for tingkat in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI, TINGKAT_NASIONAL):
                lapor(langkah, total, f"{Periode(p).label} {th}: menjumlahkan tingkat {NAMA_TINGKAT[tingkat]}")
                if tingkat == Tingkat.KECAMATAN:
                    select = _dari_nilai(nilai_dihitung(tahun=th, periode=p, sertakan_belum_disetujui=sertakan))
                else:
                    select = _dari_anak(Rekap.objects.filter(tahun=th, periode=p, tingkat=_tingkat_anak(tingkat)), tingkat)
                hasil[NAMA_TINGKAT[tingkat]] += _sisipkan(select, tingkat=tingkat, tahun=th, periode=p)
                if tingkat == Tingkat.KECAMATAN:
                    _analisis()  # the levels above read these rows: plan with their real count
                langkah += 1
    lapor(total, total, "Selesai")
    return hasil


def _analisis() -> None:
    """Fresh planner statistics for Rekap (PostgreSQL counts this transaction's own new rows):
    without them the planner takes a few hundred thousand new rows for one and sorts them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Rekap._meta.db_table)}")


def _tingkat_anak(tingkat: int) -> int:
    return Tingkat.PROVINSI if tingkat == TINGKAT_NASIONAL else tingkat + 1


# --- incremental -------------------------------------------------------------------------------

def rekap_kecamatan(*, kode_kecamatan: str, tahun: int, periode: str) -> dict[str, int]:
    """Recompute one kecamatan's rows for (tahun, periode) from its desa values, then its
    kab/kota, provinsi and the nation from their children's rows. Returns rows written per level."""
    if len(kode_kecamatan) != PANJANG_KODE[Tingkat.KECAMATAN]:
        raise ValueError(f"Bukan kode kecamatan: {kode_kecamatan!r}")
    kab, prov = kode_kecamatan[:PANJANG_KODE[Tingkat.KABKOTA]], kode_kecamatan[:PANJANG_KODE[Tingkat.PROVINSI]]
    periode_q = Q(tahun=tahun, periode=periode)
    hasil: dict[str, int] = {}
    with transaction.atomic():
        sertakan = _kunci()
        _hapus(Rekap.objects.filter(periode_q, wilayah_kode__in=[kode_kecamatan, kab, prov, KODE_NASIONAL]))
        # the desa under the kecamatan by code prefix: the same rows SUBSTR(desa, 1, 8) groups
        desa = Wilayah.objects.filter(kode__startswith=f"{kode_kecamatan}.").values("kode")
        nilai = nilai_dihitung(tahun=tahun, periode=periode, sertakan_belum_disetujui=sertakan).filter(desa_id__in=desa)
        hasil["kecamatan"] = _sisipkan(_dari_nilai(nilai), tingkat=Tingkat.KECAMATAN, tahun=tahun, periode=periode)
        for kode, tingkat in ((kab, Tingkat.KABKOTA), (prov, Tingkat.PROVINSI)):
            # the children by their codes: the unique index (wilayah_kode, tahun, periode, item) finds them
            anak = list(Wilayah.objects.filter(kode__startswith=f"{kode}.", tingkat=tingkat + 1).values_list("kode", flat=True))
            select = _dari_anak(Rekap.objects.filter(periode_q, wilayah_kode__in=anak), tingkat)
            hasil[NAMA_TINGKAT[tingkat]] = _sisipkan(select, tingkat=tingkat, tahun=tahun, periode=periode)
        select = _dari_anak(Rekap.objects.filter(periode_q, tingkat=Tingkat.PROVINSI), TINGKAT_NASIONAL)
        hasil["nasional"] = _sisipkan(select, tingkat=TINGKAT_NASIONAL, tahun=tahun, periode=periode)
    return hasil
