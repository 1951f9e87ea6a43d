from django.db import models


class StatusBuat(models.TextChoices):
    ANTRE = "antre", "Menunggu dibuat"
    PROSES = "proses", "Sedang dibuat"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"
