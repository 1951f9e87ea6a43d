"""The base every API list builds on, and the regions over the API.

`ViewSetLingkup` is THE base viewset: its `get_queryset` cuts every request to what the caller
may read (`wilayah.lingkup.terbaca`), so no endpoint can forget scoping; a subclass only says
what it lists (`dasar`), which field holds the wilayah code (`kolom_wilayah`, required) and what
anonymous callers read (`publik`, a named public selector). `DalamFilter` is the `?dalam=`
parameter (a wilayah and its subtree) of every list.
"""
from collections.abc import Callable

import django_filters
from django.core.exceptions import ImproperlyConfigured
from django.db.models import BooleanField, Exists, OuterRef, QuerySet, Value
from django_filters.constants import EMPTY_VALUES
from rest_framework import serializers, viewsets

from .lingkup import q_dalam, terbaca
from .models import Wilayah


class ViewSetLingkup(viewsets.ReadOnlyModelViewSet):
    """Read-only model endpoint scoped for every request. Subclasses set:

    - `queryset` (or override `dasar()`): every row, unscoped, with its joins;
    - `kolom_wilayah`: the field holding the row's wilayah code ('wilayah__kode', 'kode' on
      Wilayah), or None for reference data that belongs to no wilayah (read by everyone);
    - `publik`: the named public selector anonymous callers read (None: they read nothing);
    - `tandai_publik`: annotate each row `publik` (whether `publik()` holds it too);
    - `rapikan(qs)`: joins and order on top of the scoped rows.

    Subclasses do not override `get_queryset`; tests/test_lingkup_api.py checks that.
    """

    kolom_wilayah: str | None
    publik: Callable[[], QuerySet] | None = None
    tandai_publik = False

    def dasar(self) -> QuerySet:
        return self.queryset.all()

    def rapikan(self, qs: QuerySet) -> QuerySet:
        return qs

    def get_queryset(self) -> QuerySet:
        if not hasattr(self, "kolom_wilayah"):
            raise ImproperlyConfigured(f"{type(self).__name__}: set kolom_wilayah (or None for reference data).")
        publik = type(self).publik  # a plain function on the class, not a method
        qs = terbaca(self.dasar(), self.request.user, self.kolom_wilayah, publik=publik)
        if self.tandai_publik and publik is not None:
            if getattr(self.request.user, "is_authenticated", False):
                qs = qs.annotate(publik=Exists(publik().filter(pk=OuterRef("pk"))))
            else:
                qs = qs.annotate(publik=Value(True, output_field=BooleanField()))
        return self.rapikan(qs)


class DalamFilter(django_filters.CharFilter):
    """`?dalam=<kode>`: rows of that wilayah's subtree (and of the wilayah itself unless
    `termasuk_diri=False`), on the field holding the wilayah code."""

    def __init__(self, *args, termasuk_diri: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.termasuk_diri = termasuk_diri

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(q_dalam(value, self.field_name, termasuk_diri=self.termasuk_diri))


class WilayahSerializer(serializers.ModelSerializer):
    class Meta:
        model = Wilayah
        fields = ("kode", "nama", "tingkat", "jenis", "induk", "kode_pos", "jumlah_kabkota", "jumlah_kecamatan", "jumlah_desa")


class WilayahFilter(django_filters.FilterSet):
    induk = django_filters.CharFilter(field_name="induk_id")
    dalam = DalamFilter(field_name="kode", termasuk_diri=False, label="Kode wilayah induk (seluruh subpohon)")
    nama = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Wilayah
        fields = ("tingkat", "jenis", "induk", "dalam", "nama")


class WilayahViewSet(ViewSetLingkup):
    """Regions the caller may read (its assigned wilayah and their subtrees)."""

    serializer_class = WilayahSerializer
    filterset_class = WilayahFilter
    lookup_value_regex = r"[0-9.]+"
    queryset = Wilayah.objects.all()
    kolom_wilayah = "kode"

    def rapikan(self, qs):
        return qs.order_by("kode")
