"""Supervision of a lower wilayah (D90) and the semester report sent to the level above (D91)."""
import datetime

from django.conf import settings
from django.db import models

from wilayah.models import Wilayah

from .choices import JenisPembinaan, StatusKiriman


class Pembinaan(models.Model):
    """A supervision visit or review by the level above: its findings and the follow-up the lower
    wilayah must give by a date; the lower wilayah answers, which closes it."""

    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+", verbose_name="wilayah yang dibina")
    laporan = models.ForeignKey("aksi.Laporan", null=True, blank=True, on_delete=models.SET_NULL, related_name="pembinaan",
                                verbose_name="laporan yang ditinjau")
    jenis = models.CharField(max_length=12, choices=JenisPembinaan.choices)
    tanggal = models.DateField("tanggal kunjungan/tinjauan")
    temuan = models.TextField("temuan")
    tindak_lanjut = models.TextField("tindak lanjut yang diminta")
    batas = models.DateField("batas tindak lanjut")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    jawaban = models.TextField("jawaban tindak lanjut", blank=True)
    dijawab_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dijawab_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = "pembinaan/pengawasan"
        verbose_name_plural = "pembinaan/pengawasan"
        indexes = [models.Index(fields=["wilayah", "tanggal"])]
        constraints = [models.CheckConstraint(condition=models.Q(batas__gte=models.F("tanggal")), name="pembinaan_batas_urut",
                                              violation_error_message="Batas tindak lanjut tidak boleh sebelum tanggal kunjungan.")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.wilayah_id} {self.tanggal:%d-%m-%Y}"

    @property
    def semester(self) -> int:
        return 1 if self.tanggal.month <= 6 else 2

    @property
    def selesai(self) -> bool:
        return self.dijawab_pada is not None

    def keadaan(self, hari: datetime.date) -> str:
        if self.selesai:
            return "Selesai"
        return "Terlambat" if hari > self.batas else "Menunggu tindak lanjut"


class LaporanSemester(models.Model):
    """A kab/kota's semester rekap as sent to its provinsi: what was sent (`isi`, the figures at
    sending time), and the provinsi's answer (received, or returned with a reason)."""

    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    semester = models.PositiveSmallIntegerField(choices=[(1, "Semester 1"), (2, "Semester 2")])
    status = models.CharField(max_length=12, choices=StatusKiriman.choices, default=StatusKiriman.DIKIRIM)
    isi = models.JSONField(default=dict, help_text="Rekap pada saat dikirim.")
    catatan = models.TextField("catatan pengirim", blank=True)
    alasan = models.TextField("alasan dikembalikan", blank=True)
    dikirim_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dikirim_pada = models.DateTimeField()
    diputuskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-tahun", "semester", "wilayah_id"]
        verbose_name = "laporan semester"
        verbose_name_plural = "laporan semester"
        constraints = [models.UniqueConstraint(fields=["wilayah", "tahun", "semester"], name="laporan_semester_unik")]

    def __str__(self) -> str:
        return f"Laporan semester {self.semester} {self.tahun} {self.wilayah_id}"
