"""What an OPD presents in the kab/kota and provinsi penilaian (D93)."""
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from aksi.models import TINGKAT_DAERAH, DokumenBagian
from indikator.models import IndikatorCapaian
from wilayah.models import UnitKerja

_NOL = MinValueValidator(Decimal(0), "Tidak boleh negatif.")


class CapaianOPD(DokumenBagian):
    """One intervention of one OPD in the year: its output target and realisation, its budget and
    spending, and its constraints. Belongs to the part of its OPD (`unit`) — not one class-wide
    unit as other documents — so every OPD fills, submits and answers for its own rows."""

    TINGKAT = TINGKAT_DAERAH

    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    indikator = models.ForeignKey(IndikatorCapaian, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="indikator (boleh kosong)")
    intervensi = models.CharField("program/kegiatan intervensi", max_length=255)
    satuan = models.CharField("satuan keluaran", max_length=50)
    target = models.DecimalField("target keluaran", max_digits=14, decimal_places=2, validators=[_NOL])
    realisasi = models.DecimalField("realisasi keluaran", max_digits=14, decimal_places=2, validators=[_NOL])
    anggaran = models.DecimalField("anggaran (Rp)", max_digits=17, decimal_places=2, validators=[_NOL])
    realisasi_anggaran = models.DecimalField("realisasi anggaran (Rp)", max_digits=17, decimal_places=2, validators=[_NOL])
    kendala = models.TextField("kendala dan tindak lanjut", blank=True)

    class Meta:
        ordering = ["unit__urutan", "indikator__urutan", "id"]
        verbose_name = "capaian intervensi OPD"
        verbose_name_plural = "capaian intervensi OPD"
        constraints = [
            models.CheckConstraint(condition=models.Q(target__gte=0, realisasi__gte=0, anggaran__gte=0, realisasi_anggaran__gte=0),
                                   name="capaian_opd_tidak_negatif", violation_error_message="Angka tidak boleh negatif."),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.intervensi}"

    @property
    def persen_keluaran(self) -> Decimal | None:
        return self.realisasi * 100 / self.target if self.target else None

    @property
    def persen_anggaran(self) -> Decimal | None:
        return self.realisasi_anggaran * 100 / self.anggaran if self.anggaran else None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.anggaran is not None and self.realisasi_anggaran is not None and self.realisasi_anggaran > self.anggaran:
            raise ValidationError({"realisasi_anggaran": "Realisasi anggaran tidak boleh melebihi anggaran."})
