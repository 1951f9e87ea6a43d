from django.contrib import admin

from .services import jadwal_perpanjang, jadwal_ubah, siklus_buat

from .models import BagianLaporan, Jadwal, Laporan, PerpanjanganJadwal, RiwayatLaporan, Siklus, Tahapan, TahapanUnit


class TahapanUnitInline(admin.TabularInline):
    model = TahapanUnit
    extra = 0


@admin.register(Tahapan)
class TahapanAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "aksi_utama", "periode", "bulan_kecamatan", "bulan_kabkota", "bulan_provinsi", "sepanjang_tahun")
    inlines = [TahapanUnitInline]


class JadwalInline(admin.TabularInline):
    model = Jadwal
    extra = 0
    can_delete = False
    readonly_fields = ("tahapan", "tingkat", "mulai", "selesai")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Siklus)
class SiklusAdmin(admin.ModelAdmin):
    """Adding a year creates its default schedule (DOMAIN.md §4 months) through siklus_buat."""

    list_display = ("tahun", "aktif")
    inlines = [JadwalInline]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            siklus_buat(oleh=request.user, tahun=obj.tahun)


@admin.register(Jadwal)
class JadwalAdmin(admin.ModelAdmin):
    """Administrators open, close and move windows here; per-wilayah extensions below."""

    list_display = ("siklus", "tahapan", "tingkat", "mulai", "selesai")
    list_filter = ("siklus", "tingkat", "tahapan")
    list_editable = ("mulai", "selesai")
    readonly_fields = ("siklus", "tahapan", "tingkat")

    def has_add_permission(self, request):
        return False  # created with the cycle (siklus_buat)

    def save_model(self, request, obj, form, change):
        jadwal_ubah(oleh=request.user, jadwal=obj, mulai=obj.mulai, selesai=obj.selesai)


@admin.register(PerpanjanganJadwal)
class PerpanjanganJadwalAdmin(admin.ModelAdmin):
    list_display = ("jadwal", "wilayah", "selesai", "alasan", "dibuat_oleh", "dibuat_pada")
    autocomplete_fields = ("wilayah",)
    readonly_fields = ("dibuat_oleh",)

    def save_model(self, request, obj, form, change):
        jadwal_perpanjang(oleh=request.user, jadwal=obj.jadwal, wilayah=obj.wilayah, selesai=obj.selesai, alasan=obj.alasan)


class RiwayatInline(admin.TabularInline):
    model = RiwayatLaporan
    extra = 0
    can_delete = False
    readonly_fields = ("bagian", "transisi", "dari", "ke", "catatan", "oleh", "waktu")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Laporan)
class LaporanAdmin(admin.ModelAdmin):
    """Read-only here: states change only through the workflow services (the Laporan page)."""

    list_display = ("tahun", "tahapan", "wilayah", "status", "disetujui_pada")
    list_filter = ("tahun", "tahapan", "status", "wilayah__tingkat")
    search_fields = ("wilayah__kode", "wilayah__nama")
    inlines = [RiwayatInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(BagianLaporan)
class BagianLaporanAdmin(admin.ModelAdmin):
    list_display = ("laporan", "unit", "status", "versi", "diubah_pada")
    list_filter = ("status", "unit")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
