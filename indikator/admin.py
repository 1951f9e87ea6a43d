from django.contrib import admin

from .models import DataPendukung, IndikatorCapaian, KelompokSasaran, Sasaran


@admin.register(KelompokSasaran)
class KelompokSasaranAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "urutan")


@admin.register(Sasaran)
class SasaranAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "pj", "urutan")
    list_filter = ("pj",)
    search_fields = ("kode", "nama")


@admin.register(IndikatorCapaian)
class IndikatorCapaianAdmin(admin.ModelAdmin):
    list_display = ("kode", "kelompok", "pembilang", "jenis_penyebut", "daftar_penyebut", "pj")
    list_filter = ("kelompok", "pj", "jenis_penyebut")
    search_fields = ("kode", "pembilang")
    filter_horizontal = ("penyebut",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("kelompok", "pj").prefetch_related("penyebut")

    @admin.display(description="Penyebut")
    def daftar_penyebut(self, obj):
        kode = obj.kode_penyebut
        return "+".join(kode) if isinstance(kode, list) else kode


@admin.register(DataPendukung)
class DataPendukungAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "pj", "urutan")
    list_filter = ("pj",)
