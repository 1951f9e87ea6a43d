from django import forms
from django.contrib import admin

from inti.admin import HanyaBaca

from .lingkup import dapat_dibaca
from .models import Penugasan, UnitKerja, Wilayah
from .services import (
    penugasan_buat,
    penugasan_cabut,
    penugasan_ubah,
    penugasan_validasi,
)


class AdminLingkup(HanyaBaca):
    """A read-only admin list of wilayah-owned rows, scoped like every other read: `kolom_wilayah`
    is the lookup of the row's wilayah code."""

    kolom_wilayah = "wilayah__kode"

    def get_queryset(self, request):
        return dapat_dibaca(super().get_queryset(request), request.user, self.kolom_wilayah)


@admin.register(Wilayah)
class WilayahAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "tingkat", "jenis", "jumlah_kecamatan", "jumlah_desa")
    list_filter = ("tingkat", "jenis")
    search_fields = ("kode", "nama")
    readonly_fields = ("induk", "jumlah_kabkota", "jumlah_kecamatan", "jumlah_desa")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # regions come from load_wilayah only

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ("kode", "singkatan", "nama", "di_kecamatan", "di_daerah", "urutan")


class PenugasanForm(forms.ModelForm):
    class Meta:
        model = Penugasan
        fields = ("user", "wilayah", "peran", "unit")

    def clean(self):
        data = super().clean()
        if not self.errors:
            penugasan_validasi(wilayah=data.get("wilayah"), peran=data.get("peran"), unit=data.get("unit"))
        return data


@admin.register(Penugasan)
class PenugasanAdmin(admin.ModelAdmin):
    """Role assignment screen. Saving goes through the services, which grant the permissions."""

    form = PenugasanForm
    list_display = ("user", "peran", "unit", "wilayah", "dibuat_pada")
    list_filter = ("peran", "unit", "wilayah__tingkat")
    search_fields = ("user__username", "user__first_name", "wilayah__kode", "wilayah__nama")
    autocomplete_fields = ("user", "wilayah")
    list_select_related = ("user", "wilayah", "unit")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else dapat_dibaca(qs, request.user, "wilayah__kode")

    def get_readonly_fields(self, request, obj=None):
        return ("user",) if obj else ()

    def save_model(self, request, obj, form, change):
        if change:
            asli = Penugasan.objects.get(pk=obj.pk)
            penugasan_ubah(oleh=request.user, penugasan=asli, wilayah=obj.wilayah, peran=obj.peran, unit=obj.unit)
        else:
            baru = penugasan_buat(oleh=request.user, user=obj.user, wilayah=obj.wilayah, peran=obj.peran, unit=obj.unit)
            obj.pk = baru.pk

    def delete_model(self, request, obj):
        penugasan_cabut(oleh=request.user, penugasan=obj)

    def delete_queryset(self, request, queryset):
        for penugasan in queryset.select_related("user", "wilayah"):
            penugasan_cabut(oleh=request.user, penugasan=penugasan)
