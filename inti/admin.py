"""Admin bases every app shares: `HanyaBaca` for rows only their services write (computed or
workflow-owned data, the audit trail). A scoped version for wilayah-owned rows is
wilayah.admin.AdminLingkup."""
from django.contrib import admin

from .models import CatatanAudit


class HanyaBaca(admin.ModelAdmin):
    """Read here, changed only by the services (rights, checks, audit)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CatatanAudit)
class CatatanAuditAdmin(HanyaBaca):
    list_display = ("waktu", "pengguna", "aksi", "objek_tipe", "objek_id", "wilayah_kode")
    list_filter = ("aksi", "objek_tipe")
    search_fields = ("objek_id", "wilayah_kode", "pengguna__username")
    date_hierarchy = "waktu"
