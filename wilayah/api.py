import django_filters
from rest_framework import serializers, viewsets

from .models import Wilayah
from .selectors import wilayah_dapat_dibaca


class WilayahSerializer(serializers.ModelSerializer):
    class Meta:
        model = Wilayah
        fields = ("kode", "nama", "tingkat", "jenis", "induk", "kode_pos", "jumlah_kabkota", "jumlah_kecamatan", "jumlah_desa")


class WilayahFilter(django_filters.FilterSet):
    induk = django_filters.CharFilter(field_name="induk_id")
    dalam = django_filters.CharFilter(method="filter_dalam", label="Kode wilayah induk (seluruh subpohon)")
    nama = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Wilayah
        fields = ("tingkat", "jenis", "induk", "dalam", "nama")

    def filter_dalam(self, queryset, name, value):
        return queryset.filter(kode__startswith=f"{value}.")


class WilayahViewSet(viewsets.ReadOnlyModelViewSet):
    """Regions the caller may read (its assigned wilayah and their subtrees)."""

    serializer_class = WilayahSerializer
    filterset_class = WilayahFilter
    lookup_value_regex = r"[0-9.]+"

    def get_queryset(self):
        return wilayah_dapat_dibaca(self.request.user).order_by("kode")
