"""Laporan status over the API: the user's scope with a token or session; approved only, anonymously."""
import django_filters
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from inti.parameter import TahunFilter

from .choices import StatusLaporan
from .models import Laporan
from .selectors import laporan_dapat_dibaca


class LaporanSerializer(serializers.ModelSerializer):
    wilayah_nama = serializers.CharField(source="wilayah.nama_lengkap", read_only=True)
    tahapan_nama = serializers.CharField(source="tahapan.nama", read_only=True)

    class Meta:
        model = Laporan
        fields = ("id", "tahun", "tahapan", "tahapan_nama", "wilayah", "wilayah_nama", "status", "disetujui_pada")


class LaporanFilter(django_filters.FilterSet):
    tahun = TahunFilter()
    dalam = django_filters.CharFilter(method="filter_dalam", label="Kode wilayah (seluruh subpohon)")
    tingkat = django_filters.NumberFilter(field_name="wilayah__tingkat")

    class Meta:
        model = Laporan
        fields = ("tahun", "tahapan", "wilayah", "status", "dalam", "tingkat")

    def filter_dalam(self, queryset, name, value):
        return queryset.filter(wilayah__kode__startswith=f"{value}.") | queryset.filter(wilayah__kode=value)


class LaporanViewSet(viewsets.ReadOnlyModelViewSet):
    """State of every step's Laporan. Anonymous callers see approved Laporan only."""

    serializer_class = LaporanSerializer
    filterset_class = LaporanFilter
    permission_classes = [AllowAny]

    def get_queryset(self):
        user = self.request.user
        if not user.is_authenticated:
            return Laporan.objects.filter(status=StatusLaporan.DISETUJUI).select_related("wilayah", "tahapan").order_by("id")
        return laporan_dapat_dibaca(user).order_by("id")
