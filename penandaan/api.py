"""Budget tag summaries over the API: per indicator, kelompok, target kind and funding source."""
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from inti.parameter import tahun_parameter
from wilayah.lingkup import lingkup_baca
from wilayah.models import Wilayah

from .models import JenisPenandaan
from .selectors import anggaran_ringkas

DIMENSI = ("per_intervensi", "per_indikator", "per_kelompok", "per_arah", "per_sumber_dana")


class BarisAnggaranSerializer(serializers.Serializer):
    dimensi = serializers.CharField()
    kode = serializers.CharField()
    label = serializers.CharField()
    total = serializers.DecimalField(max_digits=21, decimal_places=2)
    jumlah_baris = serializers.IntegerField()
    persen = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class AnggaranViewSet(viewsets.ViewSet):
    """Approved tagged budget of a wilayah and everything below it for one budget year and kind.
    A login never reads less than the public: inside the user's scope the scoped selector
    answers, outside it the public one (approved tags of every wilayah)."""

    permission_classes = [AllowAny]
    basename = "anggaran"

    @extend_schema(
        parameters=[
            OpenApiParameter("wilayah", str, required=True, description="Kode wilayah, mis. 17.01"),
            OpenApiParameter("tahun", int, required=True, description="Tahun anggaran"),
            OpenApiParameter("jenis", str, enum=JenisPenandaan.values, default=JenisPenandaan.MURNI),
        ],
        responses=BarisAnggaranSerializer(many=True),
    )
    def list(self, request):
        kode = request.query_params.get("wilayah")
        jenis = request.query_params.get("jenis", JenisPenandaan.MURNI)
        if not kode or jenis not in JenisPenandaan.values:
            raise ValidationError("Parameter wajib: wilayah (kode), tahun (angka), jenis (perencanaan/murni/perubahan).")
        tahun = tahun_parameter(request.query_params.get("tahun"))
        wilayah = get_object_or_404(Wilayah, kode=kode)
        pembaca = request.user if lingkup_baca(request.user).mencakup(wilayah.kode) else AnonymousUser()
        ringkas = anggaran_ringkas(user=pembaca, wilayah=wilayah, tahun=tahun, jenis=jenis)
        baris = [
            {"dimensi": d, "kode": b.kode, "label": b.label, "total": b.total, "jumlah_baris": b.jumlah_baris, "persen": b.persen}
            for d in DIMENSI for b in getattr(ringkas, d)
        ]
        return Response(BarisAnggaranSerializer(baris, many=True).data)
