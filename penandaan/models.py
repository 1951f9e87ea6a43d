"""Budget tagging (SIPD, DOMAIN.md §8): spending lines tagged to an indicator and target group.

One model serves the three kinds of tagging; the kind follows from the Laporan's tahapan
(penandaan-perencanaan: next year's RKPD; penandaan-apbd: APBD murni; penandaan-perubahan:
APBD perubahan). Each line belongs to the part (unit/OPD) that owns it.
"""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from aksi.models import Laporan
from aksi.choices import SumberDana
from indikator.models import IndikatorCapaian, KelompokSasaran
from wilayah.models import UnitKerja


class JenisPenandaan(models.TextChoices):
    PERENCANAAN = "perencanaan", "Perencanaan tahun depan (RKPD)"
    MURNI = "murni", "Pelaksanaan APBD tahun berjalan (murni)"
    PERUBAHAN = "perubahan", "Pelaksanaan pasca perubahan APBD"


# tahapan code -> kind of tagging
TAHAPAN_PENANDAAN = {
    "penandaan-perencanaan": JenisPenandaan.PERENCANAAN,
    "penandaan-apbd": JenisPenandaan.MURNI,
    "penandaan-perubahan": JenisPenandaan.PERUBAHAN,
}
# kind -> tahapan code (fixtures/tahapan.json)
KODE_TAHAPAN = {jenis: kode for kode, jenis in TAHAPAN_PENANDAAN.items()}
TAHAPAN_MURNI = KODE_TAHAPAN[JenisPenandaan.MURNI]
TAHAPAN_PERUBAHAN = KODE_TAHAPAN[JenisPenandaan.PERUBAHAN]
# the kecamatan steps whose Setcam part holds RealisasiProgram rows
TAHAPAN_SEMESTER = ("capaian-semester-1", "capaian-semester-2")


class ArahSasaran(models.TextChoices):
    """What a tagged line is aimed at."""

    SASARAN_LANGSUNG = "sasaran_langsung", "Sasaran langsung"
    LAYANAN = "layanan", "Layanan"
    BIMBINGAN = "bimbingan", "Bimbingan dan pengawasan"


_NOL = MinValueValidator(Decimal(0))


class RincianBelanja(models.Model):
    """A SIPD spending line (program → kegiatan → subkegiatan → rincian) with its stunting tag.

    total must equal volume × harga_satuan (rounded to the sen); services enforce it.
    For APBD perubahan, `asal` is the approved murni line it was copied from and `dihapus`
    marks a line removed in the revision (kept so before/after stays visible).
    """

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="rincian_belanja")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+", verbose_name="unit/OPD")
    kode_program = models.CharField("kode program", max_length=40)
    nama_program = models.CharField("program", max_length=255)
    kode_kegiatan = models.CharField("kode kegiatan", max_length=40)
    nama_kegiatan = models.CharField("kegiatan", max_length=255)
    kode_subkegiatan = models.CharField("kode subkegiatan", max_length=40)
    nama_subkegiatan = models.CharField("subkegiatan", max_length=255)
    kode_rekening = models.CharField("kode rekening belanja", max_length=40)
    uraian = models.CharField("uraian belanja", max_length=255)
    volume = models.DecimalField("koefisien/volume", max_digits=14, decimal_places=2, validators=[_NOL])
    satuan = models.CharField(max_length=50)
    harga_satuan = models.DecimalField("harga satuan (Rp)", max_digits=17, decimal_places=2, validators=[_NOL])
    total = models.DecimalField("total belanja (Rp)", max_digits=19, decimal_places=2, validators=[_NOL])
    indikator = models.ForeignKey(IndikatorCapaian, on_delete=models.PROTECT, related_name="+")
    kelompok = models.ForeignKey(KelompokSasaran, on_delete=models.PROTECT, related_name="+", verbose_name="kelompok sasaran")
    arah = models.CharField("ditujukan untuk", max_length=20, choices=ArahSasaran.choices)
    sumber_dana = models.CharField("sumber dana", max_length=20, choices=SumberDana.choices)
    asal = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="turunan",
                             help_text="Baris APBD murni asal (untuk penandaan perubahan).")
    dihapus = models.BooleanField(default=False, help_text="Dihapus pada perubahan APBD (nilai sesudah = 0).")
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kode_program", "kode_kegiatan", "kode_subkegiatan", "kode_rekening", "id"]
        verbose_name = "rincian belanja"
        verbose_name_plural = "rincian belanja"
        indexes = [models.Index(fields=["laporan", "unit"]), models.Index(fields=["laporan", "indikator"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(volume__gte=0, harga_satuan__gte=0, total__gte=0), name="rincian_tidak_negatif",
                violation_error_message="Volume, harga satuan dan total tidak boleh negatif.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode_subkegiatan} {self.kode_rekening} {self.uraian}"


class RealisasiProgram(models.Model):
    """Semester realisation (to June / to December) of a kecamatan program funded by APBDes,
    swadaya masyarakat or swasta/kemitraan (DOMAIN.md §4.3), in a capaian-semester Laporan."""

    SUMBER = (SumberDana.APBDES, SumberDana.SWADAYA, SumberDana.SWASTA)

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="realisasi_program")
    indikator = models.ForeignKey(IndikatorCapaian, on_delete=models.PROTECT, related_name="+")
    nama = models.CharField("nama program/kegiatan", max_length=255)
    sumber_dana = models.CharField("sumber dana", max_length=20, choices=[(s.value, s.label) for s in SUMBER])
    anggaran = models.DecimalField("anggaran (Rp)", max_digits=17, decimal_places=2, validators=[_NOL])
    realisasi = models.DecimalField("realisasi (Rp)", max_digits=17, decimal_places=2, validators=[_NOL])
    volume = models.DecimalField("volume", max_digits=14, decimal_places=2, validators=[_NOL])
    satuan = models.CharField(max_length=50)
    desa = models.ForeignKey("wilayah.Wilayah", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             help_text="Desa pelaksana (kosong bila tingkat kecamatan).")
    masalah = models.TextField("masalah/kendala", blank=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indikator__urutan", "id"]
        verbose_name = "realisasi program"
        verbose_name_plural = "realisasi program"
        constraints = [
            models.CheckConstraint(condition=models.Q(anggaran__gte=0, realisasi__gte=0, volume__gte=0),
                                   name="realisasi_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.nama}"

    @property
    def persen_realisasi(self) -> Decimal | None:
        return self.realisasi * 100 / self.anggaran if self.anggaran else None
