from django.contrib import admin

from .models import CatatanAudit


@admin.register(CatatanAudit)
class CatatanAuditAdmin(admin.ModelAdmin):
    list_display = ("waktu", "pengguna", "aksi", "objek_tipe", "objek_id", "wilayah_kode")
    list_filter = ("aksi", "objek_tipe")
    search_fields = ("objek_id", "wilayah_kode", "pengguna__username")
    date_hierarchy = "waktu"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
