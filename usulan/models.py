"""A kecamatan proposal followed into the budget (D89)."""
from django.conf import settings
from django.db import models


class TautanUsulan(models.Model):
    """A kecamatan proposal (analisis.UsulanProgram) taken up by a tagged spending line
    (penandaan.RincianBelanja: RKPD, APBD murni or perubahan) or by a semester realisation
    (penandaan.RealisasiProgram). Made by the operator of the line's part while it may be edited."""

    usulan = models.ForeignKey("analisis.UsulanProgram", on_delete=models.CASCADE, related_name="tautan")
    rincian = models.ForeignKey("penandaan.RincianBelanja", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="tautan_usulan")
    realisasi = models.ForeignKey("penandaan.RealisasiProgram", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="tautan_usulan")
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "tautan usulan"
        verbose_name_plural = "tautan usulan"
        constraints = [
            models.CheckConstraint(condition=models.Q(rincian__isnull=True) ^ models.Q(realisasi__isnull=True),
                                   name="tautan_satu_baris",
                                   violation_error_message="Tautan menunjuk tepat satu baris belanja atau realisasi."),
            models.UniqueConstraint(fields=["usulan", "rincian"], name="tautan_usulan_rincian_unik",
                                    violation_error_message="Usulan ini sudah ditautkan ke baris itu."),
            models.UniqueConstraint(fields=["usulan", "realisasi"], name="tautan_usulan_realisasi_unik",
                                    violation_error_message="Usulan ini sudah ditautkan ke baris itu."),
        ]

    def __str__(self) -> str:
        return f"{self.usulan} → {self.rincian or self.realisasi}"
