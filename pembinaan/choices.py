from django.db import models


class JenisPembinaan(models.TextChoices):
    PEMBINAAN = "pembinaan", "Pembinaan"
    PENGAWASAN = "pengawasan", "Pengawasan"


class StatusKiriman(models.TextChoices):
    """A kab/kota semester report sent to its provinsi."""

    DIKIRIM = "dikirim", "Dikirim, menunggu diterima"
    DITERIMA = "diterima", "Diterima"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


MINIMUM_SETAHUN = 2  # Pasal 9: supervision at least twice a year
