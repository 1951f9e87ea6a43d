"""Laporan status over the API: the user's scope with a token or session; approved only, anonymously."""
import django_filters
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from inti.parameter import TahunFilter
from wilayah.api import DalamFilter, ViewSetLingkup

from .models import Laporan
from .selectors import laporan_publik


class LaporanSerializer(serializers.ModelSerializer):
    wilayah_nama = serializers.CharField(source="wilayah.nama_lengkap", read_only=True)
    tahapan_nama = serializers.CharField(source="tahapan.nama", read_only=True)

    class Meta:
        model = Laporan
        fields = ("id", "tahun", "tahapan", "tahapan_nama", "wilayah", "wilayah_nama", "status", "disetujui_pada")


class LaporanFilter(django_filters.FilterSet):
    tahun = TahunFilter()
    dalam = DalamFilter(field_name="wilayah__kode", label="Kode wilayah (seluruh subpohon)")
    tingkat = django_filters.NumberFilter(field_name="wilayah__tingkat")

    class Meta:
        model = Laporan
        fields = ("tahun", "tahapan", "wilayah", "status", "dalam", "tingkat")


class LaporanViewSet(ViewSetLingkup):
    """State of every step's Laporan. Anonymous callers see approved Laporan only."""

    serializer_class = LaporanSerializer
    filterset_class = LaporanFilter
    permission_classes = [AllowAny]
    queryset = Laporan.objects.select_related("wilayah", "tahapan")
    kolom_wilayah = "wilayah__kode"
    publik = laporan_publik

    def rapikan(self, qs):
        return qs.select_related("wilayah", "tahapan").order_by("id")
