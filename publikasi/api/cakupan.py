"""Coverage of the 31 indicators over the API: public, approved data only (same numbers as the portal).

Speed: the endpoint is what dashboards poll in reporting weeks. A request for one wilayah costs
one small SQL query (`_versi`: does the code exist, when were its Rekap rows last computed,
does the rekap include unapproved data, how many desa it has) and, when that version was
already answered by this worker process, no other work: the rows are kept per process
(`_SIMPANAN`, bounded LRU) under the version, so a recompute is visible at the next request.
Entries also expire after `UMUR_SIMPANAN` seconds, which bounds how long a catalog edit (names,
order) takes to show. A desa's coverage, and any coverage while the rekap includes unapproved
data, is summed from approved desa values at each request and never kept.

Every row carries its base (`kecamatan_tercakup`/`_total`, `desa_tercakup`/`_total`: the kecamatan
and desa with approved values out of all below the wilayah); the bases of the wilayah a request
has to compute come from one grouped query per period, never one per wilayah.
"""
import threading
import time
from collections import OrderedDict

from django.db import connection
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from aksi.choices import Periode
from monev.models import PengaturanRekap, Rekap
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from ..portal import CakupanPublik, cakupan_publik_banyak

UKURAN_SIMPANAN = 4096  # (wilayah, tahun, periode) answers kept per worker process
UMUR_SIMPANAN = 300  # seconds
_SIMPANAN: "OrderedDict[tuple, tuple[float, list[dict]]]" = OrderedDict()
_KUNCI = threading.Lock()


def _versi(kode: str) -> tuple | None:
    """What the public coverage of `kode` depends on, in one query; None for an unknown code."""
    wilayah, rekap, pengaturan = Wilayah._meta.db_table, Rekap._meta.db_table, PengaturanRekap._meta.db_table
    if kode:
        desa = f"(SELECT jumlah_desa FROM {wilayah} WHERE kode = %s)"
        params = [kode, kode]
    else:  # nasional: the sum over the provinces
        desa = f"(SELECT COALESCE(SUM(jumlah_desa), 0) FROM {wilayah} WHERE tingkat = %s)"
        params = [Tingkat.PROVINSI, kode]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {desa}, (SELECT MAX(dihitung_pada) FROM {rekap} WHERE wilayah_kode = %s), "
            f"(SELECT sertakan_belum_disetujui FROM {pengaturan} WHERE id = 1)", params)
        jumlah_desa, terakhir, sertakan = cursor.fetchone()
    if kode and jumlah_desa is None:
        return None
    return jumlah_desa, terakhir, bool(sertakan)


def _baris(kode: str, cakupan: CakupanPublik) -> list[dict]:
    if not cakupan.tahun:
        return []
    b = cakupan.basis
    basis = {"kecamatan_tercakup": b.kecamatan_tercakup if b else None, "kecamatan_total": b.kecamatan_total if b else None,
             "desa_tercakup": b.desa_tercakup if b else None, "desa_total": b.desa_total if b else None}
    return [{"wilayah": kode, "tahun": cakupan.tahun, "periode": cakupan.periode, "indikator": r.item.kode,
             "kelompok": r.item.kelompok, "pembilang": r.pembilang, "penyebut": r.penyebut, "persen": r.persen, **basis}
            for r in cakupan.baris]


def _disimpan(kode: str, versi: tuple) -> bool:
    # a desa, or unapproved data in the rekap: the portal sums approved desa values, which the
    # Rekap version does not follow; nothing is kept
    return not versi[2] and kode.count(".") < 3


def cakupan_baris(kode_versi: "list[tuple[str, tuple]]", tahun: int | None, periode: str | None) -> dict[str, list[dict]]:
    """The API rows of each wilayah, from this process's memory when its version was seen; the
    others computed together (their bases from one grouped query per period: cakupan_publik_banyak)."""
    hasil: dict[str, list[dict]] = {}
    sekarang = time.monotonic()
    with _KUNCI:
        for k, versi in kode_versi:
            ada = _SIMPANAN.get((k, tahun, periode, versi)) if _disimpan(k, versi) else None
            if ada is not None and ada[0] > sekarang:
                _SIMPANAN.move_to_end((k, tahun, periode, versi))
                hasil[k] = ada[1]
    hilang = [(k, versi) for k, versi in kode_versi if k not in hasil]
    if not hilang:
        return hasil
    cakupan = cakupan_publik_banyak([k for k, _ in hilang], tahun, periode)
    with _KUNCI:
        for k, versi in hilang:
            hasil[k] = _baris(k, cakupan[k])
            if _disimpan(k, versi):
                _SIMPANAN[k, tahun, periode, versi] = (sekarang + UMUR_SIMPANAN, hasil[k])
        while len(_SIMPANAN) > UKURAN_SIMPANAN:
            _SIMPANAN.popitem(last=False)
    return hasil


class CakupanSerializer(serializers.Serializer):
    wilayah = serializers.CharField(help_text="Kode wilayah; kosong = nasional")
    tahun = serializers.IntegerField()
    periode = serializers.CharField()
    indikator = serializers.CharField()
    kelompok = serializers.CharField()
    pembilang = serializers.IntegerField(allow_null=True)
    penyebut = serializers.IntegerField(allow_null=True)
    persen = serializers.FloatField(allow_null=True)
    kecamatan_tercakup = serializers.IntegerField(
        allow_null=True, help_text="Basis angka: kecamatan di wilayah ini yang laporannya disetujui dan berisi nilai desa "
                                  "(null untuk desa).")
    kecamatan_total = serializers.IntegerField(
        allow_null=True, help_text="Seluruh kecamatan di wilayah ini (1 untuk kecamatan; null untuk desa).")
    desa_tercakup = serializers.IntegerField(
        allow_null=True, help_text="Basis angka: desa/kelurahan di wilayah ini dengan sedikitnya satu nilai yang disetujui.")
    desa_total = serializers.IntegerField(allow_null=True, help_text="Seluruh desa/kelurahan di wilayah ini.")


class CakupanViewSet(viewsets.ViewSet):
    """Coverage per indicator: one wilayah (`wilayah`, empty = nasional), or every wilayah of a
    level (`tingkat` 1–3, optionally `dalam` a wilayah). Latest approved period unless
    `tahun` and `periode` are given."""

    permission_classes = [AllowAny]
    basename = "cakupan"

    @extend_schema(
        parameters=[
            OpenApiParameter("wilayah", str, description="Kode wilayah (kosong = nasional)"),
            OpenApiParameter("tingkat", int, enum=[1, 2, 3], description="Semua wilayah pada tingkat ini"),
            OpenApiParameter("dalam", str, description="Dengan tingkat: hanya di bawah kode ini"),
            OpenApiParameter("tahun", int), OpenApiParameter("periode", str, enum=Periode.values),
            OpenApiParameter("indikator", str, description="Kode indikator, mis. A2"),
            OpenApiParameter("kelompok", str, enum=list("ABCDEF")),
        ],
        responses=CakupanSerializer(many=True),
    )
    def list(self, request):
        p = request.query_params
        tahun, periode = p.get("tahun"), p.get("periode")
        if (tahun is None) != (periode is None) or (tahun and not (tahun.isdigit() and len(tahun) == 4)) or (periode and periode not in Periode.values):
            raise ValidationError("Berikan tahun (empat angka) dan periode bersama-sama (periode: baseline, s1, s2), atau tidak sama sekali.")
        tahun = int(tahun) if tahun else None
        baris = []
        indikator, kelompok = p.get("indikator"), p.get("kelompok")
        kode_versi = self._kode(p)
        per_kode = cakupan_baris(kode_versi, tahun, periode)
        for k, _ in kode_versi:
            semua = per_kode[k]
            if indikator or kelompok:
                semua = [b for b in semua if (not indikator or b["indikator"] == indikator)
                         and (not kelompok or b["kelompok"] == kelompok)]
            baris.extend(semua)
        return Response(baris)  # the rows have CakupanSerializer's shape already (it documents them)

    @staticmethod
    def _kode(p) -> "list[tuple[str, tuple]]":  # quoted: `list` is the action above
        if p.get("tingkat"):
            if p["tingkat"] not in ("1", "2", "3"):
                raise ValidationError("tingkat: 1 (provinsi), 2 (kab/kota) atau 3 (kecamatan).")
            qs = Wilayah.objects.filter(tingkat=int(p["tingkat"]))
            if p.get("dalam"):
                qs = qs.dalam(p["dalam"], termasuk_diri=False)
            return [(k, _versi(k)) for k in qs.order_by("kode").values_list("kode", flat=True)[:600]]
        kode = p.get("wilayah", "")
        versi = _versi(kode)
        if versi is None:
            raise ValidationError(f"Kode wilayah tidak dikenal: {kode}.")
        return [(kode, versi)]
