"""Regulasi and publikasi over the API.

Anonymous callers read what the public site shows: regulasi of an approved Laporan that the
approver marked published (`regulasi_publik`) and published articles (`publikasi_terbit`).
Users (token or session) read what the staff pages show them: every row of their scope
(the scope through `wilayah.api.ViewSetLingkup`), drafts included; a row outside the scope
answers 404. `publik` says whether a row is on the public site; file URLs are the public site's
download links, given only for such rows (the staff downloads need a browser session).
"""
import django_filters
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from inti.parameter import TahunFilter
from wilayah.api import DalamFilter, ViewSetLingkup

from ..models import JenisPublikasi, JenisRegulasi, Publikasi, Regulasi, StatusPublikasi
from ..selectors import publikasi_terbit, regulasi_publik


class _PublikAtauLingkup(ViewSetLingkup):
    """Anonymous callers get the public selector's rows, all marked `publik`; users (token or
    session) the rows of their scope, each marked whether the public selector has it too."""

    permission_classes = [AllowAny]
    lookup_value_regex = r"[0-9]+"
    tandai_publik = True


def _url(serializer, nama: str, *args) -> str:
    url = reverse(nama, args=args)
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


_LABEL_WILAYAH = "Kode wilayah (wilayah itu saja)"
_LABEL_DALAM = "Kode wilayah (wilayah itu dan seluruh subpohonnya)"


# --- regulasi ----------------------------------------------------------------------------------------

class RegulasiSerializer(serializers.ModelSerializer):
    wilayah = serializers.CharField(source="laporan.wilayah_id", read_only=True)
    wilayah_nama = serializers.CharField(source="laporan.wilayah.nama_lengkap", read_only=True)
    tahun = serializers.IntegerField(source="laporan.tahun", read_only=True)
    status_laporan = serializers.CharField(source="laporan.status", read_only=True)
    jenis_label = serializers.CharField(source="label_jenis", read_only=True)
    tahapan_terkait_nama = serializers.CharField(source="tahapan_terkait.nama", read_only=True, allow_null=True, default=None)
    publik = serializers.BooleanField(read_only=True, help_text="Tampil di portal publik (laporan disetujui dan ditandai terbit)")
    berkas_url = serializers.SerializerMethodField(help_text="Unduhan PDF di portal publik; null bila belum publik")

    class Meta:
        model = Regulasi
        fields = ("id", "wilayah", "wilayah_nama", "tahun", "laporan", "status_laporan", "jenis", "jenis_label", "nomor",
                  "tanggal", "judul", "tahapan_terkait", "tahapan_terkait_nama", "dipublikasikan", "dipublikasikan_pada",
                  "publik", "berkas_url")

    def get_berkas_url(self, obj) -> str | None:
        if not (obj.publik and obj.berkas):
            return None
        return _url(self, "publikasi:publik-regulasi-unduh", obj.pk)


class RegulasiFilter(django_filters.FilterSet):
    wilayah = django_filters.CharFilter(field_name="laporan__wilayah__kode", label=_LABEL_WILAYAH)
    dalam = DalamFilter(field_name="laporan__wilayah__kode", label=_LABEL_DALAM)
    tahun = TahunFilter(field_name="laporan__tahun")
    jenis = django_filters.ChoiceFilter(choices=JenisRegulasi.choices)
    dipublikasikan = django_filters.BooleanFilter()

    class Meta:
        model = Regulasi
        fields = ("wilayah", "dalam", "tahun", "jenis", "dipublikasikan")


@extend_schema_view(
    list=extend_schema(summary="Dokumen regulasi (Perda, Perkada, Surat Edaran, Berita Acara)"),
    retrieve=extend_schema(summary="Satu dokumen regulasi"),
)
class RegulasiViewSet(_PublikAtauLingkup):
    """Regulation documents. Anonymous callers see approved and published ones only; users their
    scope, drafts included. Newest date first."""

    serializer_class = RegulasiSerializer
    filterset_class = RegulasiFilter
    queryset = Regulasi.objects.select_related("laporan__wilayah")
    kolom_wilayah = "laporan__wilayah__kode"
    publik = regulasi_publik

    def rapikan(self, qs: QuerySet) -> QuerySet:
        return qs.select_related("laporan__wilayah", "tahapan_terkait").order_by("-tanggal", "-id")


# --- publikasi ---------------------------------------------------------------------------------------

class PublikasiSerializer(serializers.ModelSerializer):
    wilayah_nama = serializers.CharField(source="wilayah.nama_lengkap", read_only=True)
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    publik = serializers.BooleanField(read_only=True, help_text="Tampil di portal publik (terbit)")
    url = serializers.SerializerMethodField(help_text="Halaman di portal publik; null bila belum terbit")
    gambar_url = serializers.SerializerMethodField(help_text="Gambar di portal publik; null bila tidak ada atau belum terbit")
    lampiran_url = serializers.SerializerMethodField(help_text="Lampiran PDF di portal publik; null bila tidak ada atau belum terbit")

    class Meta:
        model = Publikasi
        fields = ("id", "slug", "wilayah", "wilayah_nama", "jenis", "jenis_label", "judul", "isi", "keterangan_gambar",
                  "status", "diterbitkan_pada", "publik", "url", "gambar_url", "lampiran_url")

    def get_url(self, obj) -> str | None:
        return _url(self, "publikasi:publik-berita-detail", obj.slug) if obj.publik else None

    def get_gambar_url(self, obj) -> str | None:
        return _url(self, "publikasi:publik-berita-gambar", obj.slug) if obj.publik and obj.gambar else None

    def get_lampiran_url(self, obj) -> str | None:
        return _url(self, "publikasi:publik-berita-lampiran", obj.slug) if obj.publik and obj.lampiran else None


class PublikasiFilter(django_filters.FilterSet):
    wilayah = django_filters.CharFilter(field_name="wilayah__kode", label=_LABEL_WILAYAH)
    dalam = DalamFilter(field_name="wilayah__kode", label=_LABEL_DALAM)
    jenis = django_filters.ChoiceFilter(choices=JenisPublikasi.choices)
    status = django_filters.ChoiceFilter(choices=StatusPublikasi.choices)

    class Meta:
        model = Publikasi
        fields = ("wilayah", "dalam", "jenis", "status")


@extend_schema_view(
    list=extend_schema(summary="Publikasi (berita, artikel, infografis)"),
    retrieve=extend_schema(summary="Satu publikasi"),
)
class PublikasiViewSet(_PublikAtauLingkup):
    """Articles, news and infographics. Anonymous callers see published ones only (newest
    first); users their scope, drafts included (last edited first, like the staff list)."""

    serializer_class = PublikasiSerializer
    filterset_class = PublikasiFilter
    queryset = Publikasi.objects.select_related("wilayah", "diubah_oleh").order_by("-diubah_pada", "-id")
    kolom_wilayah = "wilayah__kode"
    publik = publikasi_terbit
