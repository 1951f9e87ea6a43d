"""The Rencana Aksi Daerah (RAD) logframe of a regional regulation and its yearly realisation.

RegulasiRAD (wilayah, nomor, tahun, judul, period) → Pilar (1–5) → Strategi pencapaian →
Instrumen → Keluaran (output, with its unit of measure, the agency that leads it, co-responsible
and supporting agencies) → TargetTahunan (per year: a quantity, a described milestone, or both;
cumulative or per-year). Yearly prevalence targets hang on the regulation (Pasal 3).

RealisasiKeluaran is one agency's report on one output in one year. It belongs to the Laporan of
(tahun, tahapan "rad", the regulation's wilayah) and, inside it, to the part (BagianLaporan) of the
output's lead agency — so it goes through the shared workflow (submit, verify, approve).
"""
import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from aksi.models import Laporan
from wilayah.models import UnitKerja, Wilayah

from .choices import StatusRealisasi

EKSTENSI_BUKTI = ("pdf", "jpg", "png")
_TAHUN = [MinValueValidator(2000, "Tahun tidak masuk akal."), MaxValueValidator(2100, "Tahun tidak masuk akal.")]
_TIDAK_NEGATIF = [MinValueValidator(Decimal(0), "Jumlah tidak boleh negatif.")]


class RegulasiRAD(models.Model):
    """A regional regulation (Pergub, Perbup, Perwali) whose annex is a RAD logframe."""

    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="regulasi_rad")
    nomor = models.CharField("nomor", max_length=50)
    tahun = models.PositiveSmallIntegerField("tahun regulasi", validators=_TAHUN)
    judul = models.CharField("judul", max_length=300)
    tahun_mulai = models.PositiveSmallIntegerField("tahun awal RAD", validators=_TAHUN)
    tahun_selesai = models.PositiveSmallIntegerField("tahun akhir RAD", validators=_TAHUN)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["wilayah_id", "-tahun", "nomor"]
        verbose_name = "regulasi RAD"
        verbose_name_plural = "regulasi RAD"
        constraints = [
            models.UniqueConstraint(fields=["wilayah", "nomor", "tahun"], name="rad_regulasi_unik",
                                    violation_error_message="Regulasi dengan nomor dan tahun ini sudah ada di wilayah ini."),
            models.CheckConstraint(condition=models.Q(tahun_selesai__gte=models.F("tahun_mulai")),
                                   name="rad_regulasi_periode_urut",
                                   violation_error_message="Tahun akhir RAD tidak boleh sebelum tahun awal."),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.nomor}/{self.tahun})"

    @property
    def daftar_tahun(self) -> list[int]:
        return list(range(self.tahun_mulai, self.tahun_selesai + 1))


class TargetPrevalensiRAD(models.Model):
    """The stunting-prevalence target of one year (Pergub Bengkulu 45/2025 Pasal 3)."""

    regulasi = models.ForeignKey(RegulasiRAD, on_delete=models.CASCADE, related_name="target_prevalensi")
    tahun = models.PositiveSmallIntegerField("tahun", validators=_TAHUN)
    persen = models.DecimalField(
        "target prevalensi (%)", max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal(0), "Persentase paling kecil 0."),
                    MaxValueValidator(Decimal(100), "Persentase paling besar 100.")],
    )

    class Meta:
        ordering = ["regulasi", "tahun"]
        verbose_name = "target prevalensi RAD"
        verbose_name_plural = "target prevalensi RAD"
        constraints = [
            models.UniqueConstraint(fields=["regulasi", "tahun"], name="rad_prevalensi_unik"),
            models.CheckConstraint(condition=models.Q(persen__gte=0, persen__lte=100), name="rad_prevalensi_persen"),
        ]

    def __str__(self) -> str:
        return f"{self.tahun}: {self.persen}%"


class Pilar(models.Model):
    regulasi = models.ForeignKey(RegulasiRAD, on_delete=models.CASCADE, related_name="pilar")
    nomor = models.PositiveSmallIntegerField(
        "nomor pilar", validators=[MinValueValidator(1, "Nomor pilar 1–5."), MaxValueValidator(5, "Nomor pilar 1–5.")],
    )
    nama = models.CharField("nama pilar", max_length=200)

    class Meta:
        ordering = ["regulasi", "nomor"]
        verbose_name = "pilar"
        verbose_name_plural = "pilar"
        constraints = [
            models.UniqueConstraint(fields=["regulasi", "nomor"], name="rad_pilar_unik",
                                    violation_error_message="Pilar dengan nomor ini sudah ada pada regulasi ini."),
            models.CheckConstraint(condition=models.Q(nomor__gte=1, nomor__lte=5), name="rad_pilar_nomor_1_5"),
        ]

    def __str__(self) -> str:
        return f"Pilar {self.nomor} – {self.nama}"


class Strategi(models.Model):
    pilar = models.ForeignKey(Pilar, on_delete=models.CASCADE, related_name="strategi")
    urutan = models.PositiveSmallIntegerField("urutan")
    uraian = models.TextField("strategi pencapaian")

    class Meta:
        ordering = ["pilar", "urutan"]
        verbose_name = "strategi pencapaian"
        verbose_name_plural = "strategi pencapaian"
        constraints = [models.UniqueConstraint(fields=["pilar", "urutan"], name="rad_strategi_unik")]

    def __str__(self) -> str:
        return f"{self.pilar.nomor}.{self.urutan} {self.uraian[:60]}"


class Instrumen(models.Model):
    strategi = models.ForeignKey(Strategi, on_delete=models.CASCADE, related_name="instrumen")
    urutan = models.PositiveSmallIntegerField("urutan")
    uraian = models.TextField("instrumen")

    class Meta:
        ordering = ["strategi", "urutan"]
        verbose_name = "instrumen"
        verbose_name_plural = "instrumen"
        constraints = [models.UniqueConstraint(fields=["strategi", "urutan"], name="rad_instrumen_unik")]

    def __str__(self) -> str:
        return self.uraian[:80]


class Keluaran(models.Model):
    """One output row of the annex. `regulasi` repeats the instrument's, so reads filter without joins."""

    regulasi = models.ForeignKey(RegulasiRAD, on_delete=models.CASCADE, related_name="keluaran", editable=False)
    instrumen = models.ForeignKey(Instrumen, on_delete=models.CASCADE, related_name="keluaran")
    urutan = models.PositiveSmallIntegerField("urutan")
    uraian = models.TextField("keluaran")
    satuan = models.CharField("satuan", max_length=100)
    target_teks = models.TextField("target & tahun (teks regulasi)", blank=True)
    penanggung_jawab = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, related_name="keluaran_rad", verbose_name="penanggung jawab",
        help_text="Instansi yang memimpin: operatornya mengisi realisasi keluaran ini.",
    )
    penanggung_jawab_lain = models.ManyToManyField(
        UnitKerja, blank=True, related_name="keluaran_rad_bersama", verbose_name="penanggung jawab bersama",
    )
    pendukung = models.ManyToManyField(UnitKerja, blank=True, related_name="keluaran_rad_dukungan", verbose_name="pendukung")
    pj_teks = models.TextField("penanggung jawab (teks regulasi)", blank=True)
    pendukung_teks = models.TextField("pendukung (teks regulasi)", blank=True)

    class Meta:
        ordering = ["instrumen__strategi__pilar__nomor", "instrumen__strategi__urutan", "instrumen__urutan", "urutan"]
        verbose_name = "keluaran"
        verbose_name_plural = "keluaran"
        constraints = [models.UniqueConstraint(fields=["instrumen", "urutan"], name="rad_keluaran_unik")]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian[:60]}"

    @property
    def kode(self) -> str:
        """'1.2.3.1': pilar, strategi, instrumen, keluaran (needs instrumen__strategi__pilar loaded)."""
        i = self.instrumen
        return f"{i.strategi.pilar.nomor}.{i.strategi.urutan}.{i.urutan}.{self.urutan}"


class TargetTahunan(models.Model):
    """A year's target: a quantity in the output's unit, a described milestone, or both.

    `kumulatif`: the quantity is the total reached by the end of that year (and the agency reports
    its running total); otherwise it is what that year alone must deliver.
    """

    keluaran = models.ForeignKey(Keluaran, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField("tahun", validators=_TAHUN)
    jumlah = models.DecimalField("jumlah", max_digits=14, decimal_places=2, null=True, blank=True, validators=_TIDAK_NEGATIF)
    uraian = models.CharField("uraian target/milestone", max_length=255, blank=True)
    kumulatif = models.BooleanField("kumulatif", default=False)

    class Meta:
        ordering = ["keluaran", "tahun"]
        verbose_name = "target tahunan"
        verbose_name_plural = "target tahunan"
        constraints = [
            models.UniqueConstraint(fields=["keluaran", "tahun"], name="rad_target_tahunan_unik"),
            models.CheckConstraint(condition=models.Q(jumlah__isnull=False) | ~models.Q(uraian=""),
                                   name="rad_target_tahunan_berisi",
                                   violation_error_message="Target harus berisi jumlah atau uraian."),
            models.CheckConstraint(condition=models.Q(jumlah__isnull=True) | models.Q(jumlah__gte=0),
                                   name="rad_target_tahunan_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.tahun}: {self.jumlah if self.jumlah is not None else self.uraian}"


def nama_berkas_bukti(instance: "RealisasiKeluaran", filename: str) -> str:
    """A generated name: the uploader's file name never reaches the disk."""
    ekstensi = PurePosixPath(filename).suffix.lower().lstrip(".")
    ekstensi = ekstensi if ekstensi in EKSTENSI_BUKTI else "bin"
    return f"rad/bukti/{instance.tahun}/{uuid.uuid4().hex}.{ekstensi}"


class RealisasiKeluaran(models.Model):
    """The lead agency's report on one output in one year, inside its part of the RAD Laporan."""

    keluaran = models.ForeignKey(Keluaran, on_delete=models.PROTECT, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField("tahun", validators=_TAHUN)
    laporan = models.ForeignKey(Laporan, on_delete=models.PROTECT, related_name="realisasi_rad")
    jumlah = models.DecimalField("jumlah realisasi", max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=_TIDAK_NEGATIF)
    status = models.CharField("status", max_length=10, choices=StatusRealisasi.choices, default=StatusRealisasi.PROSES)
    catatan = models.TextField("catatan", blank=True)
    bukti = models.FileField("bukti dukung", upload_to=nama_berkas_bukti, max_length=200, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["keluaran", "tahun"]
        verbose_name = "realisasi keluaran"
        verbose_name_plural = "realisasi keluaran"
        constraints = [
            models.UniqueConstraint(fields=["keluaran", "tahun"], name="rad_realisasi_keluaran_unik",
                                    violation_error_message="Realisasi keluaran ini untuk tahun ini sudah ada; ubah isian yang ada."),
            models.CheckConstraint(condition=models.Q(jumlah__isnull=True) | models.Q(jumlah__gte=0),
                                   name="rad_realisasi_tidak_negatif", violation_error_message="Jumlah tidak boleh negatif."),
        ]

    def __str__(self) -> str:
        return f"{self.keluaran_id} {self.tahun}: {self.jumlah if self.jumlah is not None else self.get_status_display()}"
