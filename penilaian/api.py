"""Scores (Tumbuh / Berkembang / Berdaya) with their breakdown over the API.

Anonymous callers read exactly the scores the public portal shows (`nilai_penilaian_publik`: the
wilayah's "penilaian" Laporan of that year is approved), with the breakdown but without the
evidence (`bukti` is null). Users (token or session) read the scores of their scope, approved or
not, with the evidence, like the staff score pages; a score outside the scope answers 404.
`?format=csv|xlsx` gives one row per score with the breakdown as columns
`rincian.<component>.skor|bobot|kontribusi`.
"""
import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from inti.parameter import TahunFilter
from wilayah.api import DalamFilter, ViewSetLingkup

from .models import Kelas, NilaiPenilaian, RincianNilai, TingkatPenilaian
from .selectors import nilai_penilaian_publik

FORMAT_UNDUHAN = ("csv", "xlsx")


class RincianNilaiSerializer(serializers.ModelSerializer):
    tahapan = serializers.SerializerMethodField(help_text="Kode tahapan yang dinilai (komponen tahapan), selain itu null")
    bukti = serializers.SerializerMethodField(
        help_text="Bukti penilaian (laporan, status, jadwal, cakupan per indikator); null tanpa login")

    class Meta:
        model = RincianNilai
        fields = ("kode", "nama", "jenis", "tahapan", "skor", "bobot", "kontribusi", "bukti")

    def get_tahapan(self, obj) -> str | None:
        return (obj.bukti or {}).get("tahapan")

    def get_bukti(self, obj) -> dict | None:
        return obj.bukti if self.context.get("dengan_bukti") else None


class _NilaiDasar(serializers.ModelSerializer):
    wilayah_nama = serializers.CharField(source="wilayah.nama_lengkap", read_only=True)
    kelas_label = serializers.CharField(source="get_kelas_display", read_only=True)
    ambang_berkembang = serializers.DecimalField(source="aturan.ambang_berkembang", max_digits=5, decimal_places=2,
                                                 read_only=True)
    ambang_berdaya = serializers.DecimalField(source="aturan.ambang_berdaya", max_digits=5, decimal_places=2, read_only=True)
    publik = serializers.BooleanField(read_only=True, help_text="Tampil di portal publik (laporan penilaiannya disetujui)")

    class Meta:
        model = NilaiPenilaian
        fields = ("id", "wilayah", "wilayah_nama", "tingkat", "tahun", "total", "kelas", "kelas_label",
                  "ambang_berkembang", "ambang_berdaya", "dihitung_pada", "publik")


class NilaiPenilaianSerializer(_NilaiDasar):
    rincian = RincianNilaiSerializer(many=True, read_only=True)

    class Meta(_NilaiDasar.Meta):
        fields = (*_NilaiDasar.Meta.fields, "rincian")


class NilaiPenilaianBarisSerializer(_NilaiDasar):
    """The CSV/xlsx row: the breakdown keyed by component code, flattened by the renderer."""

    rincian = serializers.SerializerMethodField()

    class Meta(_NilaiDasar.Meta):
        fields = (*_NilaiDasar.Meta.fields, "rincian")

    def get_rincian(self, obj) -> dict:
        return {r.kode: {"skor": r.skor, "bobot": r.bobot, "kontribusi": r.kontribusi} for r in obj.rincian.all()}


class NilaiPenilaianFilter(django_filters.FilterSet):
    tahun = TahunFilter(field_name="tahun")
    tingkat = django_filters.ChoiceFilter(choices=TingkatPenilaian.choices)
    kelas = django_filters.ChoiceFilter(choices=Kelas.choices)
    wilayah = django_filters.CharFilter(field_name="wilayah_id", label="Kode wilayah (wilayah itu saja)")
    dalam = DalamFilter(field_name="wilayah__kode", label="Kode wilayah (wilayah itu dan seluruh subpohonnya)")

    class Meta:
        model = NilaiPenilaian
        fields = ("tahun", "tingkat", "kelas", "wilayah", "dalam")


@extend_schema_view(
    list=extend_schema(summary="Nilai penilaian (Tumbuh/Berkembang/Berdaya) dengan rinciannya"),
    retrieve=extend_schema(summary="Satu nilai penilaian dengan rinciannya"),
)
class NilaiPenilaianViewSet(ViewSetLingkup):
    """Scores per wilayah and year with their breakdown. Anonymous callers see only the scores the
    public portal shows (the wilayah's penilaian Laporan of that year approved), without evidence;
    users their scope, with evidence. Newest year first, then level, best score first."""

    serializer_class = NilaiPenilaianSerializer
    filterset_class = NilaiPenilaianFilter
    permission_classes = [AllowAny]
    lookup_value_regex = r"[0-9]+"
    queryset = NilaiPenilaian.objects.all()
    kolom_wilayah = "wilayah__kode"
    publik = nilai_penilaian_publik
    tandai_publik = True

    def _pengguna(self) -> bool:
        return bool(self.request.user and self.request.user.is_authenticated)

    def rapikan(self, qs):
        rincian = Prefetch("rincian", queryset=RincianNilai.objects.order_by("urutan", "id"))
        return (qs.select_related("wilayah", "aturan").prefetch_related(rincian)
                .order_by("-tahun", "tingkat", "-total", "wilayah_id"))

    def get_serializer_class(self):
        renderer = getattr(self.request, "accepted_renderer", None) if self.request else None
        if getattr(renderer, "format", None) in FORMAT_UNDUHAN:
            return NilaiPenilaianBarisSerializer
        return NilaiPenilaianSerializer

    def get_serializer_context(self):
        return super().get_serializer_context() | {"dengan_bukti": self._pengguna()}
