"""The catalog of DOMAIN.md §5–§7: kelompok sasaran, sasaran, 31 capaian, data pendukung.

Loaded from fixtures/katalog.json and editable in the admin.
"""
from django.db import models

from wilayah.models import UnitKerja


class JenisPenyebut(models.TextChoices):
    SASARAN = "sasaran", "Jumlah sasaran"
    HITUNGAN = "hitungan", "Hitungan (bukan cakupan)"
    DESA = "desa", "Jumlah desa/kelurahan"


class KelompokSasaran(models.Model):
    kode = models.CharField(primary_key=True, max_length=1)
    nama = models.CharField(max_length=80)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "kode"]
        verbose_name = "kelompok sasaran"
        verbose_name_plural = "kelompok sasaran"

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"


class ItemDesa(models.Model):
    """A count entered per desa/kelurahan, supplied by one PJ unit."""

    kode = models.CharField(primary_key=True, max_length=4)
    nama = models.CharField(max_length=120, help_text="Yang dihitung, mis. 'jumlah ibu hamil'.")
    pj = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+", verbose_name="PJ data")
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["urutan", "kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Sasaran(ItemDesa):
    """A target-group count (S01–S16), the denominators of the capaian indicators."""

    class Meta(ItemDesa.Meta):
        verbose_name = "sasaran"
        verbose_name_plural = "sasaran"


class IndikatorCapaian(models.Model):
    """A convergence indicator (A1–F6): numerator entered per desa, coverage against its denominator."""

    kode = models.CharField(primary_key=True, max_length=4)
    kelompok = models.ForeignKey(KelompokSasaran, on_delete=models.PROTECT, related_name="indikator")
    pembilang = models.CharField("pembilang", max_length=200, help_text="Yang dihitung di pembilang.")
    jenis_penyebut = models.CharField(max_length=10, choices=JenisPenyebut.choices, default=JenisPenyebut.SASARAN)
    penyebut = models.ManyToManyField(
        Sasaran, blank=True, related_name="indikator",
        help_text="Sasaran yang dijumlahkan sebagai penyebut (jenis penyebut 'sasaran').",
    )
    pj = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+", verbose_name="PJ data")
    catatan = models.TextField(blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "kode"]
        verbose_name = "indikator capaian"
        verbose_name_plural = "indikator capaian"

    def __str__(self) -> str:
        return f"{self.kode} {self.pembilang}"

    @property
    def kode_penyebut(self) -> list[str] | str:
        """The denominator as DOMAIN.md writes it: a list of sasaran codes, 'count' or 'desa'."""
        if self.jenis_penyebut == JenisPenyebut.HITUNGAN:
            return "count"
        if self.jenis_penyebut == JenisPenyebut.DESA:
            return "desa"
        return sorted(s.kode for s in self.penyebut.all())


class DataPendukung(ItemDesa):
    """A supporting-service count (P01–P13)."""

    class Meta(ItemDesa.Meta):
        verbose_name = "data pendukung"
        verbose_name_plural = "data pendukung"
