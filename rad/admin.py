from django.contrib import admin

from .models import Keluaran, RealisasiKeluaran, RegulasiRAD, TargetPrevalensiRAD, TargetTahunan


class HanyaBaca:
    """The logframe and its realisation change only through the RAD pages and the import, which check
    the rules (lead agency level, outputs with realisation) and audit every change."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TargetPrevalensiInline(HanyaBaca, admin.TabularInline):
    model = TargetPrevalensiRAD
    extra = 0


@admin.register(RegulasiRAD)
class RegulasiRADAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("judul", "nomor", "tahun", "wilayah", "tahun_mulai", "tahun_selesai")
    search_fields = ("judul", "nomor", "wilayah__nama")
    inlines = [TargetPrevalensiInline]


class TargetTahunanInline(HanyaBaca, admin.TabularInline):
    model = TargetTahunan
    extra = 0


@admin.register(Keluaran)
class KeluaranAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("__str__", "regulasi", "satuan", "penanggung_jawab")
    list_filter = ("regulasi", "penanggung_jawab")
    search_fields = ("uraian",)
    raw_id_fields = ("instrumen",)
    filter_horizontal = ("penanggung_jawab_lain", "pendukung")
    inlines = [TargetTahunanInline]


@admin.register(RealisasiKeluaran)
class RealisasiKeluaranAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("keluaran", "tahun", "jumlah", "status", "laporan", "diubah_pada")
    list_filter = ("tahun", "status")
    raw_id_fields = ("keluaran", "laporan")
