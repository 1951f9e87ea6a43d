from django.conf import settings
from django.db import models


class StatusSurel(models.TextChoices):
    TIDAK = "tidak", "Tidak dikirim (surel dimatikan atau tanpa alamat)"
    MENUNGGU = "menunggu", "Menunggu dikirim"
    TERKIRIM = "terkirim", "Terkirim"
    GAGAL = "gagal", "Gagal, dicoba lagi"


class Notifikasi(models.Model):
    """One message to one user: what happened, what to do, and where (issue 15, item 2)."""

    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi")
    waktu = models.DateTimeField(auto_now_add=True, db_index=True)
    jenis = models.CharField(max_length=30)  # e.g. "bagian_ajukan", "laporan_setujui"
    judul = models.CharField(max_length=200)
    isi = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    dibaca_pada = models.DateTimeField(null=True, blank=True)
    # the transition it tells of: one notification per (transition, user), whatever retries happen
    riwayat = models.ForeignKey("aksi.RiwayatLaporan", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # scheduled messages (reminders, digests): what makes a rerun of the same day send nothing twice
    kunci = models.CharField(max_length=120, null=True, blank=True, unique=True)
    surel = models.CharField(max_length=10, choices=StatusSurel.choices, default=StatusSurel.TIDAK)
    surel_percobaan = models.PositiveSmallIntegerField(default=0)
    surel_galat = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-waktu", "-id"]
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        constraints = [
            models.UniqueConstraint(fields=["riwayat", "penerima"], name="notifikasi_sekali_per_transisi"),
        ]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"], name="notifikasi_belum_dibaca")]

    def __str__(self) -> str:
        return f"{self.penerima} · {self.judul}"


class PengaturanNotifikasi(models.Model):
    """A user's choice: notifications by e-mail too (on by default), or only in the portal."""

    pengguna = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pengaturan_notifikasi")
    surel = models.BooleanField("kirim juga lewat surel", default=True)

    class Meta:
        verbose_name = "pengaturan notifikasi"
        verbose_name_plural = "pengaturan notifikasi"
