"""The roll-up setting in the admin. Saving a changed setting schedules a full rebuild."""
from django.contrib import admin, messages
from django.db import transaction

from .models import PengaturanRekap


@admin.register(PengaturanRekap)
class PengaturanRekapAdmin(admin.ModelAdmin):
    list_display = ("__str__", "sertakan_belum_disetujui", "diubah_pada")
    readonly_fields = ("diubah_pada",)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PengaturanRekap.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "sertakan_belum_disetujui" in form.changed_data:
            from .tasks import rekap_bangun_ulang

            transaction.on_commit(lambda: rekap_bangun_ulang.delay(), robust=True)
            messages.info(request, "Rekap seluruh wilayah dijadwalkan untuk dihitung ulang dengan pengaturan baru.")
