"""One audit trail for every write made through a service: who, when, what, old and new."""
from django.conf import settings
from django.db import models


class CatatanAudit(models.Model):
    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="Kosong untuk proses sistem (perintah, tugas latar).",
    )
    aksi = models.CharField(max_length=60, help_text="Nama layanan yang menulis, mis. penugasan_buat.")
    objek_tipe = models.CharField(max_length=60, help_text="app_label.model")
    objek_id = models.CharField(max_length=64, blank=True)
    wilayah_kode = models.CharField(max_length=13, blank=True, db_index=True)
    lama = models.JSONField(null=True, blank=True)
    baru = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-waktu", "-id"]
        verbose_name = "catatan audit"
        verbose_name_plural = "catatan audit"
        indexes = [models.Index(fields=["objek_tipe", "objek_id"])]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.aksi} {self.objek_tipe}#{self.objek_id}"
