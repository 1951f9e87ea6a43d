"""Read-only admin screens: every write goes through the services (rights, checks, audit)."""
from django.contrib import admin

from wilayah.selectors import lingkup_baca

from .models import Publikasi, Regulasi


class HanyaBaca(admin.ModelAdmin):
    bidang_wilayah = "wilayah__kode"

    def get_queryset(self, request):
        return lingkup_baca(request.user).saring(super().get_queryset(request), self.bidang_wilayah)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Regulasi)
class RegulasiAdmin(HanyaBaca):
    bidang_wilayah = "laporan__wilayah__kode"
    list_display = ("jenis", "nomor", "tanggal", "judul", "laporan", "dipublikasikan")
    list_filter = ("jenis", "dipublikasikan", "laporan__tahun")
    search_fields = ("nomor", "judul", "laporan__wilayah__kode", "laporan__wilayah__nama")
    list_select_related = ("laporan__wilayah", "laporan__tahapan")


@admin.register(Publikasi)
class PublikasiAdmin(HanyaBaca):
    list_display = ("judul", "jenis", "wilayah", "status", "diterbitkan_pada")
    list_filter = ("jenis", "status")
    search_fields = ("judul", "slug", "wilayah__kode", "wilayah__nama")
    list_select_related = ("wilayah",)

