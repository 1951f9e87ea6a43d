"""Read-only admin screens: every write goes through the services (rights, checks, audit)."""
from django.contrib import admin

from wilayah.admin import AdminLingkup

from .models import Publikasi, Regulasi


@admin.register(Regulasi)
class RegulasiAdmin(AdminLingkup):
    kolom_wilayah = "laporan__wilayah__kode"
    list_display = ("jenis", "nomor", "tanggal", "judul", "laporan", "dipublikasikan")
    list_filter = ("jenis", "dipublikasikan", "laporan__tahun")
    search_fields = ("nomor", "judul", "laporan__wilayah__kode", "laporan__wilayah__nama")
    list_select_related = ("laporan__wilayah", "laporan__tahapan")


@admin.register(Publikasi)
class PublikasiAdmin(AdminLingkup):
    list_display = ("judul", "jenis", "wilayah", "status", "diterbitkan_pada")
    list_filter = ("jenis", "status")
    search_fields = ("judul", "slug", "wilayah__kode", "wilayah__nama")
    list_select_related = ("wilayah",)

