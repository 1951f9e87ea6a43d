from django.conf import settings
from django.db import models


class Profil(models.Model):
    """What an account holds beyond Django's user: the phone number colleagues call."""

    pengguna = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profil")
    telepon = models.CharField("nomor telepon", max_length=20, blank=True)

    class Meta:
        verbose_name = "profil"
        verbose_name_plural = "profil"
