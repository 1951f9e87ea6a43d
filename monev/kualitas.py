"""Data-quality flags of the rekap (selectors), for a wilayah's scope and one (tahun, periode).

All over the desa values the rekap counts (same Laporan rule as the roll-up), each flag kind
found with one set-based query (plus one for its full count), never a loop over desa:

- a numerator above its denominator in a desa (Σ of the denominator sasaran entered there);
- a desa value that jumps far from the previous period: more than ±AMBANG_LONJAKAN_PERSEN %
  of the previous value AND more than AMBANG_LONJAKAN_MUTLAK units (both, so 2 -> 5 is not a
  jump but 200 -> 320 is). Previous period: s2 <- s1, s1 <- baseline of the same year,
  baseline <- s2 of the year before;
- desa with missing data: desa with some but not all catalog items, and desa with none.

Lists are cut at BATAS_DAFTAR rows; the counts are always complete.
"""
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q

from indikator.katalog import daftar_item
from indikator.models import IndikatorCapaian, NilaiDesa
from wilayah.choices import Tingkat
from wilayah.lingkup import q_dalam
from wilayah.models import Wilayah

from .models import KODE_NASIONAL, PengaturanRekap
from .selectors import laporan_dihitung

AMBANG_LONJAKAN_PERSEN = 50  # a jump: |now − before| > 50 % of before ...
AMBANG_LONJAKAN_MUTLAK = 10  # ... and > 10 units
BATAS_DAFTAR = 100  # rows listed per flag kind
PERIODE_SEBELUMNYA = {"baseline": (-1, "s2"), "s1": (0, "baseline"), "s2": (0, "s1")}  # (year offset, periode)


@dataclass(frozen=True)
class Tanda:
    desa: str
    nama_desa: str
    item: str
    nilai: int
    pembanding: int  # the denominator, or the previous period's value


@dataclass(frozen=True)
class DaftarTanda:
    jumlah: int
    baris: list


@dataclass(frozen=True)
class KualitasData:
    melebihi_penyebut: DaftarTanda  # of Tanda
    lonjakan: DaftarTanda  # of Tanda
    desa_kurang: DaftarTanda  # of (kode, nama, items filled, items missing)
    desa_kosong: DaftarTanda  # of (kode, nama)
    jumlah_item: int
    periode_sebelumnya: tuple[int, str]


def _q_lingkup(kode: str, field: str) -> Q:
    if kode == KODE_NASIONAL:
        return Q()
    return q_dalam(kode, field)


def _jalankan(sql: str, params, batas: int) -> DaftarTanda:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) x", params)
        jumlah = cursor.fetchone()[0]
        cursor.execute(f"{sql} ORDER BY 1, 2 LIMIT %s", (*params, batas))
        baris = cursor.fetchall()
    return DaftarTanda(jumlah, baris)


def _dengan_nama(daftar: DaftarTanda) -> DaftarTanda:
    nama = dict(Wilayah.objects.filter(kode__in={b[0] for b in daftar.baris}).values_list("kode", "nama"))
    return DaftarTanda(daftar.jumlah, [Tanda(d, nama.get(d, ""), i, n, p) for d, i, n, p in daftar.baris])


def kualitas_data(*, wilayah_kode: str, tahun: int, periode: str, batas: int = BATAS_DAFTAR) -> KualitasData:
    """Every flag kind in the scope of `wilayah_kode` ('' = nasional). Not scoped to a user:
    the caller has checked the wilayah (monev.selectors.rekap_wilayah)."""
    sertakan = PengaturanRekap.ambil().sertakan_belum_disetujui
    lingkup_laporan = _q_lingkup(wilayah_kode, "wilayah__kode")
    laporan = laporan_dihitung(tahun=tahun, periode=periode, sertakan_belum_disetujui=sertakan).filter(lingkup_laporan)
    lap_sql, lap_params = laporan.order_by().values("id").query.sql_with_params()
    qn = connection.ops.quote_name
    nd = qn(NilaiDesa._meta.db_table)

    # numerator > Σ denominator sasaran entered in the same desa (through the catalog's M2M)
    lewat = IndikatorCapaian.penyebut.through._meta
    melebihi = _dengan_nama(_jalankan(
        f"SELECT n.desa_id, n.item, n.nilai, SUM(d.nilai) FROM {nd} n "
        f"JOIN {qn(lewat.db_table)} p ON p.{qn(lewat.get_field('indikatorcapaian').column)} = n.item "
        f"JOIN {nd} d ON d.laporan_id = n.laporan_id AND d.desa_id = n.desa_id "
        f"AND d.item = p.{qn(lewat.get_field('sasaran').column)} "
        f"WHERE n.laporan_id IN ({lap_sql}) GROUP BY n.laporan_id, n.desa_id, n.item, n.nilai "
        f"HAVING n.nilai > SUM(d.nilai)",
        lap_params, batas,
    ))

    # jumps from the previous period (same desa and item)
    selisih, periode_lalu = PERIODE_SEBELUMNYA[periode]
    lalu = laporan_dihitung(tahun=tahun + selisih, periode=periode_lalu, sertakan_belum_disetujui=sertakan).filter(lingkup_laporan)
    lalu_sql, lalu_params = lalu.order_by().values("id").query.sql_with_params()
    lonjakan = _dengan_nama(_jalankan(
        f"SELECT n.desa_id, n.item, n.nilai, s.nilai FROM {nd} n "
        f"JOIN {nd} s ON s.desa_id = n.desa_id AND s.item = n.item "
        f"WHERE n.laporan_id IN ({lap_sql}) AND s.laporan_id IN ({lalu_sql}) "
        f"AND ABS(n.nilai - s.nilai) > %s AND ABS(n.nilai - s.nilai) * 100.0 > %s * s.nilai",
        (*lap_params, *lalu_params, AMBANG_LONJAKAN_MUTLAK, AMBANG_LONJAKAN_PERSEN), batas,
    ))

    # missing data: desa with some catalog items, and desa of the scope with none
    katalog = [i.kode for i in daftar_item()]
    nilai = NilaiDesa.objects.filter(laporan__in=laporan, item__in=katalog).order_by()
    kurang_qs = nilai.values("desa_id").annotate(n=Count("*")).filter(n__lt=len(katalog)).order_by("desa_id")
    kurang = [(d, n) for d, n in kurang_qs.values_list("desa_id", "n")[:batas]]
    nama = dict(Wilayah.objects.filter(kode__in=[d for d, _ in kurang]).values_list("kode", "nama"))
    desa_kurang = DaftarTanda(kurang_qs.count(), [(d, nama.get(d, ""), n, len(katalog) - n) for d, n in kurang])
    kosong_qs = (Wilayah.objects.filter(_q_lingkup(wilayah_kode, "kode"), tingkat=Tingkat.DESA)
                 .exclude(kode__in=nilai.values("desa_id")).order_by("kode"))
    desa_kosong = DaftarTanda(kosong_qs.count(), list(kosong_qs.values_list("kode", "nama")[:batas]))

    return KualitasData(melebihi, lonjakan, desa_kurang, desa_kosong, len(katalog), (tahun + selisih, periode_lalu))
