"""Coverage of the 31 indicators over the API: public, approved data only (same numbers as the portal)."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from aksi.choices import Periode
from wilayah.models import Wilayah

from .portal import cakupan_publik


class CakupanSerializer(serializers.Serializer):
    wilayah = serializers.CharField(help_text="Kode wilayah; kosong = nasional")
    tahun = serializers.IntegerField()
    periode = serializers.CharField()
    indikator = serializers.CharField()
    kelompok = serializers.CharField()
    pembilang = serializers.IntegerField(allow_null=True)
    penyebut = serializers.IntegerField(allow_null=True)
    persen = serializers.FloatField(allow_null=True)


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
        if (tahun is None) != (periode is None) or (tahun and not tahun.isdigit()) or (periode and periode not in Periode.values):
            raise ValidationError("Berikan tahun dan periode bersama-sama (periode: baseline, s1, s2), atau tidak sama sekali.")
        kode = self._kode(p)
        baris = []
        for k in kode:
            cakupan = cakupan_publik(k, int(tahun) if tahun else None, periode)
            for b in cakupan.baris:
                if p.get("indikator") and b.item.kode != p["indikator"] or p.get("kelompok") and b.item.kelompok != p["kelompok"]:
                    continue
                baris.append({"wilayah": k, "tahun": cakupan.tahun, "periode": cakupan.periode, "indikator": b.item.kode,
                              "kelompok": b.item.kelompok, "pembilang": b.pembilang, "penyebut": b.penyebut, "persen": b.persen})
        return Response(CakupanSerializer([b for b in baris if b["tahun"]], many=True).data)

    @staticmethod
    def _kode(p) -> "list[str]":  # quoted: `list` is the action above
        if p.get("tingkat"):
            if p["tingkat"] not in ("1", "2", "3"):
                raise ValidationError("tingkat: 1 (provinsi), 2 (kab/kota) atau 3 (kecamatan).")
            qs = Wilayah.objects.filter(tingkat=int(p["tingkat"]))
            if p.get("dalam"):
                qs = qs.filter(kode__startswith=f"{p['dalam']}.")
            return list(qs.order_by("kode").values_list("kode", flat=True)[:600])
        kode = p.get("wilayah", "")
        if kode and not Wilayah.objects.filter(kode=kode).exists():
            raise ValidationError(f"Kode wilayah tidak dikenal: {kode}.")
        return [kode]
