"""Admin of the scoring rules (edited by administrators) and read-only views of the scores and
monitoring notes. The official formula is not published: every rule page says so."""
from django.contrib import admin
from django.db.models import Sum

from inti.services import audit_catat
from wilayah.admin import AdminLingkup

from .models import (
    CATATAN_RUMUS,
    AturanPenilaian,
    CatatanMonev,
    KomponenPenilaian,
    NilaiPenilaian,
    RincianNilai,
)
from .services import aturan_salin

CATATAN_ADMIN = (
    f"{CATATAN_RUMUS} Kontribusi komponen = skor (0–100) × bobot / jumlah bobot, sehingga nilai total tetap 0–100. "
    "Perubahan berlaku setelah penilaian dihitung ulang (halaman Penilaian → Hitung ulang, atau tugas Celery "
    "monev.penilaian_hitung)."
)


class KomponenPenilaianInline(admin.TabularInline):
    model = KomponenPenilaian
    extra = 0
    fields = ("urutan", "kode", "nama", "jenis", "tahapan", "bobot")
    ordering = ("urutan", "id")


@admin.register(AturanPenilaian)
class AturanPenilaianAdmin(admin.ModelAdmin):
    list_display = ("tahun", "tingkat", "aktif", "ambang_berkembang", "ambang_berdaya", "jumlah_bobot", "diubah_pada")
    list_filter = ("tahun", "tingkat", "aktif")
    inlines = [KomponenPenilaianInline]
    actions = ["salin_ke_tahun_berikutnya"]
    fieldsets = (
        (None, {"fields": ("tahun", "tingkat", "aktif", "keterangan"), "description": CATATAN_ADMIN}),
        ("Ambang kelas (nilai total 0–100; di bawah ambang Berkembang = Tumbuh)", {"fields": ("ambang_berkembang", "ambang_berdaya")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_jumlah_bobot=Sum("komponen__bobot"))

    @admin.display(description="jumlah bobot", ordering="_jumlah_bobot")
    def jumlah_bobot(self, obj):
        return obj._jumlah_bobot

    @admin.action(description="Salin aturan terpilih ke tahun berikutnya")
    def salin_ke_tahun_berikutnya(self, request, queryset):
        for aturan in queryset:
            salinan = aturan_salin(aturan=aturan, tahun=aturan.tahun + 1, oleh=request.user)
            status = "aktif" if salinan.aktif else "nonaktif (sudah ada aturan aktif)"
            self.message_user(request, f"{aturan} disalin ke {salinan.tahun}: {status}.")

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, extra_context={**(extra_context or {}), "subtitle": CATATAN_RUMUS})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_catat(pengguna=request.user, aksi="aturan_penilaian_ubah" if change else "aturan_penilaian_buat", objek=obj,
                    baru={f: str(form.cleaned_data.get(f)) for f in form.changed_data})

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        berubah = [{"kode": o.kode, "bobot": str(o.bobot)} for o in formset.new_objects + [o for o, _ in formset.changed_objects]]
        dihapus = [o.kode for o in formset.deleted_objects]
        if berubah or dihapus:
            audit_catat(pengguna=request.user, aksi="komponen_penilaian_ubah", objek=form.instance,
                        baru={"komponen": berubah, "dihapus": dihapus})


class RincianNilaiInline(admin.TabularInline):
    model = RincianNilai
    extra = 0
    can_delete = False
    fields = ("urutan", "nama", "jenis", "skor", "bobot", "kontribusi", "bukti")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NilaiPenilaian)
class NilaiPenilaianAdmin(AdminLingkup):
    list_display = ("wilayah", "tahun", "tingkat", "total", "kelas", "dihitung_pada")
    list_filter = ("tahun", "tingkat", "kelas")
    search_fields = ("wilayah__kode", "wilayah__nama")
    list_select_related = ("wilayah",)
    inlines = [RincianNilaiInline]


@admin.register(CatatanMonev)
class CatatanMonevAdmin(AdminLingkup):
    kolom_wilayah = "laporan__wilayah__kode"
    list_display = ("laporan", "tahapan_dipantau", "masalah", "tindak_lanjut")
    list_filter = ("laporan__tahun", "tahapan_dipantau")
    list_select_related = ("laporan__wilayah", "laporan__tahapan", "tahapan_dipantau")
