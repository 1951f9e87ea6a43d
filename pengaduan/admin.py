"""Read-only admin screen: every write goes through the services (rights, checks, audit)."""
from django.contrib import admin

from wilayah.admin import AdminLingkup

from .models import Pengaduan


@admin.register(Pengaduan)
class PengaduanAdmin(AdminLingkup):
    list_display = ("kode", "dibuat_pada", "wilayah", "topik", "status", "petugas")
    list_filter = ("status", "topik")
    search_fields = ("kode", "wilayah__kode", "wilayah__nama")
    list_select_related = ("wilayah", "petugas")
