from django import forms
from django.contrib import admin

from .models import DataPendukung, IndikatorCapaian, JenisPenyebut, KelompokSasaran, Sasaran


@admin.register(KelompokSasaran)
class KelompokSasaranAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "urutan")


@admin.register(Sasaran)
class SasaranAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "pj", "urutan")
    list_filter = ("pj",)
    search_fields = ("kode", "nama")


class IndikatorCapaianForm(forms.ModelForm):
    class Meta:
        model = IndikatorCapaian
        fields = "__all__"

    def clean(self):
        data = super().clean()
        jenis, penyebut = data.get("jenis_penyebut"), data.get("penyebut")
        if jenis is None or penyebut is None:
            return data
        if jenis == JenisPenyebut.SASARAN and not penyebut.exists():
            self.add_error("penyebut", "Penyebut jenis 'sasaran' perlu minimal satu sasaran.")
        elif jenis != JenisPenyebut.SASARAN and penyebut.exists():
            self.add_error("penyebut", "Penyebut hitungan atau jumlah desa tidak memakai sasaran; kosongkan daftar ini.")
        return data


@admin.register(IndikatorCapaian)
class IndikatorCapaianAdmin(admin.ModelAdmin):
    form = IndikatorCapaianForm
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
