"""Read-only admin screen: every write goes through the services (rights, checks, audit)."""
from django.contrib import admin

from wilayah.selectors import lingkup_baca

from .models import Pengaduan


@admin.register(Pengaduan)
class PengaduanAdmin(admin.ModelAdmin):
    list_display = ("kode", "dibuat_pada", "wilayah", "topik", "status", "petugas")
    list_filter = ("status", "topik")
    search_fields = ("kode", "wilayah__kode", "wilayah__nama")
    list_select_related = ("wilayah", "petugas")

    def get_queryset(self, request):
        return lingkup_baca(request.user).saring(super().get_queryset(request), "wilayah__kode")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
