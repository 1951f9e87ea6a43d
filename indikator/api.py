"""The indicator catalog over the API: public reference data."""
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from wilayah.api import ViewSetLingkup

from .models import DataPendukung, IndikatorCapaian, Sasaran


class SasaranSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sasaran
        fields = ("kode", "nama", "pj", "urutan")


class IndikatorCapaianSerializer(serializers.ModelSerializer):
    penyebut = serializers.SerializerMethodField()

    class Meta:
        model = IndikatorCapaian
        fields = ("kode", "kelompok", "pembilang", "jenis_penyebut", "penyebut", "pj", "catatan", "urutan")

    def get_penyebut(self, obj) -> list[str] | str:
        return obj.kode_penyebut


class DataPendukungSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataPendukung
        fields = ("kode", "nama", "pj", "urutan")


class _Katalog(ViewSetLingkup):
    """Reference data of no wilayah: every caller reads all of it."""

    permission_classes = [AllowAny]
    pagination_class = None
    kolom_wilayah = None


class IndikatorViewSet(_Katalog):
    """The 31 convergence indicators (A1–F6) with their denominators."""

    serializer_class = IndikatorCapaianSerializer
    queryset = IndikatorCapaian.objects.select_related("kelompok", "pj").prefetch_related("penyebut")
    filterset_fields = ("kelompok", "pj", "jenis_penyebut")


class SasaranViewSet(_Katalog):
    serializer_class = SasaranSerializer
    queryset = Sasaran.objects.all()


class DataPendukungViewSet(_Katalog):
    serializer_class = DataPendukungSerializer
    queryset = DataPendukung.objects.all()
