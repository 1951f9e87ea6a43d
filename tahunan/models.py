"""The annual report of a wilayah and year (D94): the latest PDF made and its state."""
from django.conf import settings
from django.db import models

from wilayah.models import Wilayah

from .choices import StatusBuat


def _jalur(obj: "LaporanTahunan", nama: str) -> str:
    return f"laporan-tahunan/{obj.tahun}/{obj.wilayah_id}-{obj.tahun}.pdf"


class LaporanTahunan(models.Model):
    """One wilayah's annual report of a year: asked for by a user, made by a Celery task; made
    again (the same row) whenever someone asks, from the data as it is then."""

    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=StatusBuat.choices, default=StatusBuat.ANTRE)
    berkas = models.FileField(upload_to=_jalur, blank=True)
    galat = models.CharField(max_length=300, blank=True)
    diminta_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diminta_pada = models.DateTimeField()
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "laporan tahunan"
        verbose_name_plural = "laporan tahunan"
        constraints = [models.UniqueConstraint(fields=["wilayah", "tahun"], name="laporan_tahunan_unik")]

    def __str__(self) -> str:
        return f"Laporan tahunan {self.wilayah_id} {self.tahun}"
