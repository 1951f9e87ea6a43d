from django.contrib import admin

from inti.admin import HanyaBaca

from .models import Notifikasi


@admin.register(Notifikasi)
class NotifikasiAdmin(HanyaBaca):
    """Read-only: the mail server's failures are visible here (surel, surel_galat)."""

    list_display = ("waktu", "penerima", "judul", "dibaca_pada", "surel", "surel_percobaan")
    list_filter = ("surel", "jenis")
    search_fields = ("penerima__username", "judul")
