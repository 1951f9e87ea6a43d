from django.db import models

TAHAPAN_RAD = "rad"  # fixtures/rad_tahapan.json


class StatusRealisasi(models.TextChoices):
    """What the responsible agency says about an output in a year (milestone targets use it as the measure)."""

    BELUM = "belum", "Belum dimulai"
    PROSES = "proses", "Dalam proses"
    SELESAI = "selesai", "Selesai/tercapai"
    TIDAK = "tidak", "Tidak terlaksana"


class Keadaan(models.TextChoices):
    """Target vs realisation of one output in one year, as the dashboard shows it."""

    TERCAPAI = "tercapai", "Tercapai"
    PROSES = "proses", "Dalam proses"
    BELUM_LAPOR = "belum_lapor", "Belum dilaporkan"
    TERLAMBAT = "terlambat", "Terlambat (tidak tercapai)"
    TIDAK_LAPOR = "tidak_lapor", "Tidak dilaporkan"
    AKAN_DATANG = "akan_datang", "Tahun mendatang"


# Late or missing: highlighted on the dashboard, the export and the PDF.
KEADAAN_BERMASALAH = (Keadaan.TERLAMBAT, Keadaan.TIDAK_LAPOR)
