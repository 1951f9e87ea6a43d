"""The documents of the Analisis situasi step (DOMAIN.md §4.1), besides the per-desa values.

Kecamatan (steps 2–5, the Setcam part): the inventory of running programs per indicator,
the problems of service coverage from three sides, recommendations and proposed programs.
Kab/kota and provinsi (steps 1–5): last year's August measurement per kecamatan (kab/kota)
or kab/kota (provinsi) (Dinkes part), prevalence and coverage targets and the meetings
(Bappeda part).

Every model names the unit whose part (BagianLaporan) of the Laporan it belongs to (`UNIT`)
and the levels it is filled at (`TINGKAT`); analisis.services checks that part's operator,
state, window and version before any write. The tables keep their first names ("aksi_...":
the models lived in the aksi app until issue 14).
"""
import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from aksi.choices import SumberDana
from aksi.models import TINGKAT_DAERAH, TINGKAT_KECAMATAN, DokumenBagian
from indikator.models import IndikatorCapaian, JenisPenyebut
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

TAHAPAN_ANALISIS = "analisis-situasi"  # fixtures/tahapan.json
TINGKAT_SEMUA = (*TINGKAT_KECAMATAN, *TINGKAT_DAERAH)
BAPPEDA_DI_DAERAH = {Tingkat.KABKOTA: "bappeda", Tingkat.PROVINSI: "bappeda"}  # above the kecamatan: Bappeda's part (D95)
EKSTENSI_NOTULEN = ("pdf", "jpg", "png")

_PERSEN = [
    MinValueValidator(Decimal(0), "Persentase paling kecil 0."),
    MaxValueValidator(Decimal(100), "Persentase paling besar 100."),
]


class SisiMasalah(models.TextChoices):
    PENERIMA = "penerima", "Penerima layanan"
    KETERSEDIAAN = "ketersediaan", "Ketersediaan layanan"
    TATA_KELOLA = "tata_kelola", "Tata kelola"


class SumberTarget(models.TextChoices):
    RPJPD = "rpjpd", "RPJPD"
    RPJMD = "rpjmd", "RPJMD"
    RKPD = "rkpd", "RKPD"


class JenisRapat(models.TextChoices):
    LINTAS_OPD = "lintas_opd", "Rapat lintas OPD terintegrasi"
    INTERNAL_OPD = "internal_opd", "Rapat internal OPD"


def _tidak_negatif(nama: str) -> MinValueValidator:
    return MinValueValidator(Decimal(0), f"{nama} tidak boleh negatif.")


class ProgramDesa(DokumenBagian):
    """Shared fields of running and proposed programs: per indicator, with desa locations."""

    indikator = models.ForeignKey(IndikatorCapaian, on_delete=models.PROTECT, related_name="+", verbose_name="indikator")
    nama = models.CharField("nama program/kegiatan", max_length=255)
    volume = models.DecimalField("volume", max_digits=14, decimal_places=2, validators=[_tidak_negatif("Volume")])
    satuan = models.CharField("satuan", max_length=50)
    sumber_dana = models.CharField("sumber dana", max_length=20, choices=SumberDana.choices)

    UNIT = "setcam"
    TINGKAT = TINGKAT_KECAMATAN

    class Meta:
        abstract = True
        ordering = ["indikator__urutan", "id"]

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.nama}"

    @property
    def desimal_volume(self) -> int:
        """Decimals worth showing: '12' for a whole volume, '2,50' otherwise."""
        return 0 if self.volume == self.volume.to_integral_value() else 2


class ProgramKegiatan(ProgramDesa):
    """Step 2: a running program/activity, per indicator (PJ Sekretariat Kecamatan)."""

    anggaran = models.DecimalField("anggaran (Rp)", max_digits=17, decimal_places=2, validators=[_tidak_negatif("Anggaran")])
    pelaksana = models.CharField("pelaksana", max_length=200, blank=True)
    lokasi = models.ManyToManyField(Wilayah, blank=True, related_name="+", verbose_name="lokasi (desa/kelurahan)")

    class Meta(ProgramDesa.Meta):
        db_table = "aksi_programkegiatan"
        verbose_name = "program/kegiatan berjalan"
        verbose_name_plural = "program/kegiatan berjalan"
        constraints = [
            models.CheckConstraint(condition=models.Q(volume__gte=0), name="program_volume_tidak_negatif",
                                   violation_error_message="Volume tidak boleh negatif."),
            models.CheckConstraint(condition=models.Q(anggaran__gte=0), name="program_anggaran_tidak_negatif",
                                   violation_error_message="Anggaran tidak boleh negatif."),
        ]


class UsulanProgram(ProgramDesa):
    """Step 5: a proposed program/activity for the coming plan; above the kecamatan, Bappeda's,
    located in the wilayah directly below (D95)."""

    UNIT_TINGKAT = BAPPEDA_DI_DAERAH
    TINGKAT = TINGKAT_SEMUA

    perkiraan_anggaran = models.DecimalField(
        "perkiraan anggaran (Rp)", max_digits=17, decimal_places=2, validators=[_tidak_negatif("Perkiraan anggaran")],
    )
    lokasi = models.ManyToManyField(Wilayah, blank=True, related_name="+", verbose_name="lokasi (wilayah di bawahnya)")

    class Meta(ProgramDesa.Meta):
        db_table = "aksi_usulanprogram"
        verbose_name = "usulan program/kegiatan"
        verbose_name_plural = "usulan program/kegiatan"
        constraints = [
            models.CheckConstraint(condition=models.Q(volume__gte=0), name="usulan_volume_tidak_negatif",
                                   violation_error_message="Volume tidak boleh negatif."),
            models.CheckConstraint(condition=models.Q(perkiraan_anggaran__gte=0), name="usulan_anggaran_tidak_negatif",
                                   violation_error_message="Perkiraan anggaran tidak boleh negatif."),
        ]


class MasalahLayanan(DokumenBagian):
    """Step 3: a problem or constraint of service coverage, from one of three sides, and its cause.
    Kecamatan: Setcam's part; kab/kota and provinsi: Bappeda's ("problems, causes and priority
    solutions", D95)."""

    UNIT = "setcam"
    UNIT_TINGKAT = BAPPEDA_DI_DAERAH
    TINGKAT = TINGKAT_SEMUA

    indikator = models.ForeignKey(IndikatorCapaian, on_delete=models.PROTECT, related_name="+", verbose_name="indikator")
    sisi = models.CharField("sisi", max_length=15, choices=SisiMasalah.choices)
    uraian = models.TextField("uraian masalah/kendala")
    penyebab = models.TextField("penyebab", blank=True, help_text="Akar masalah: mengapa cakupan ini belum tercapai.")

    class Meta:
        db_table = "aksi_masalahlayanan"
        ordering = ["indikator__urutan", "sisi", "id"]
        verbose_name = "masalah layanan"
        verbose_name_plural = "masalah layanan"

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.get_sisi_display()}"


class Rekomendasi(DokumenBagian):
    """Step 4: a recommendation (a priority solution above the kecamatan), for one indicator or for
    the whole wilayah."""

    UNIT = "setcam"
    UNIT_TINGKAT = BAPPEDA_DI_DAERAH
    TINGKAT = TINGKAT_SEMUA

    indikator = models.ForeignKey(
        IndikatorCapaian, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="indikator",
        help_text="Kosongkan untuk rekomendasi umum.",
    )
    uraian = models.TextField("uraian rekomendasi")

    class Meta:
        db_table = "aksi_rekomendasi"
        ordering = ["indikator__urutan", "id"]
        verbose_name = "rekomendasi"
        verbose_name_plural = "rekomendasi"

    def __str__(self) -> str:
        return f"{self.indikator_id or 'Umum'}: {self.uraian[:40]}"


class HasilPengukuran(DokumenBagian):
    """Step 1 (kab/kota, provinsi): last year's August toddler measurement of one region below."""

    UNIT = "dinkes"
    TINGKAT = TINGKAT_DAERAH

    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+", verbose_name="wilayah")
    jumlah_diukur = models.PositiveIntegerField("jumlah balita diukur")
    jumlah_stunting = models.PositiveIntegerField("jumlah balita stunting")

    class Meta:
        db_table = "aksi_hasilpengukuran"
        ordering = ["wilayah_id"]
        verbose_name = "hasil pengukuran"
        verbose_name_plural = "hasil pengukuran"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "wilayah"], name="pengukuran_wilayah_unik",
                                    violation_error_message="Hasil pengukuran wilayah ini sudah diisi; ubah isian yang ada."),
            models.CheckConstraint(condition=models.Q(jumlah_stunting__lte=models.F("jumlah_diukur")),
                                   name="pengukuran_stunting_tidak_melebihi_diukur",
                                   violation_error_message="Jumlah stunting tidak boleh melebihi jumlah diukur."),
        ]

    def __str__(self) -> str:
        return f"{self.wilayah_id}: {self.jumlah_stunting}/{self.jumlah_diukur}"

    @property
    def prevalensi(self) -> Decimal | None:
        """Stunting prevalence in percent, two decimals; None when nobody was measured."""
        if not self.jumlah_diukur:
            return None
        return (Decimal(self.jumlah_stunting) * 100 / self.jumlah_diukur).quantize(Decimal("0.01"))

    def clean(self) -> None:
        salah = {}
        if self.laporan_id and self.wilayah_id:
            induk = self.laporan.wilayah
            if self.wilayah.induk_id != induk.kode:
                salah["wilayah"] = f"{self.wilayah.nama_lengkap} tidak berada langsung di bawah {induk.nama_lengkap}."
        if self.jumlah_diukur is not None and self.jumlah_stunting is not None and self.jumlah_stunting > self.jumlah_diukur:
            salah["jumlah_stunting"] = (
                f"Jumlah stunting ({self.jumlah_stunting}) tidak boleh melebihi jumlah diukur ({self.jumlah_diukur})."
            )
        if salah:
            raise ValidationError(salah)


class TargetPrevalensi(DokumenBagian):
    """Step 2: a stunting-prevalence target of a year from a planning document."""

    UNIT = "bappeda"
    TINGKAT = TINGKAT_DAERAH

    tahun_target = models.PositiveSmallIntegerField(
        "tahun target", validators=[MinValueValidator(2000, "Tahun tidak masuk akal."), MaxValueValidator(2100, "Tahun tidak masuk akal.")],
    )
    sumber = models.CharField("dokumen sumber", max_length=10, choices=SumberTarget.choices)
    target_persen = models.DecimalField("target prevalensi (%)", max_digits=5, decimal_places=2, validators=_PERSEN)

    class Meta:
        db_table = "aksi_targetprevalensi"
        ordering = ["tahun_target", "sumber"]
        verbose_name = "target prevalensi"
        verbose_name_plural = "target prevalensi"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "tahun_target", "sumber"], name="target_prevalensi_unik",
                                    violation_error_message="Target tahun dan dokumen sumber ini sudah diisi; ubah isian yang ada."),
            models.CheckConstraint(condition=models.Q(target_persen__gte=0, target_persen__lte=100),
                                   name="target_prevalensi_persen", violation_error_message="Persentase harus 0–100."),
        ]

    def __str__(self) -> str:
        return f"{self.get_sumber_display()} {self.tahun_target}: {self.target_persen}%"


class TargetCakupan(DokumenBagian):
    """Step 3: the coverage target of one indicator (count indicators such as C5 have none)."""

    UNIT = "bappeda"
    TINGKAT = TINGKAT_DAERAH

    indikator = models.ForeignKey(IndikatorCapaian, on_delete=models.PROTECT, related_name="+", verbose_name="indikator")
    target_persen = models.DecimalField("target cakupan (%)", max_digits=5, decimal_places=2, validators=_PERSEN)

    class Meta:
        db_table = "aksi_targetcakupan"
        ordering = ["indikator__urutan"]
        verbose_name = "target cakupan"
        verbose_name_plural = "target cakupan"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "indikator"], name="target_cakupan_unik",
                                    violation_error_message="Target indikator ini sudah diisi; ubah isian yang ada."),
            models.CheckConstraint(condition=models.Q(target_persen__gte=0, target_persen__lte=100),
                                   name="target_cakupan_persen", violation_error_message="Persentase harus 0–100."),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id}: {self.target_persen}%"

    def clean(self) -> None:
        if self.indikator_id and self.indikator.jenis_penyebut == JenisPenyebut.HITUNGAN:
            raise ValidationError({"indikator": f"{self.indikator_id} adalah hitungan kasus, bukan cakupan; tidak diberi target persen."})


def nama_berkas_notulen(instance: "Rapat", filename: str) -> str:
    """A generated name: the uploader's file name never reaches the disk."""
    ekstensi = PurePosixPath(filename).suffix.lower().lstrip(".")
    ekstensi = ekstensi if ekstensi in EKSTENSI_NOTULEN else "bin"
    return f"notulen/{instance.laporan.tahun}/{uuid.uuid4().hex}.{ekstensi}"


class Rapat(DokumenBagian):
    """Steps 4–5: the cross-OPD integrated meeting and the internal OPD meetings."""

    UNIT = "bappeda"
    TINGKAT = TINGKAT_DAERAH

    jenis = models.CharField("jenis rapat", max_length=15, choices=JenisRapat.choices)
    tanggal = models.DateField("tanggal")
    peserta = models.TextField("peserta")
    catatan = models.TextField("catatan/hasil rapat", blank=True)
    notulen = models.FileField("notulen", upload_to=nama_berkas_notulen, max_length=200, blank=True)

    class Meta:
        db_table = "aksi_rapat"
        ordering = ["tanggal", "id"]
        verbose_name = "rapat"
        verbose_name_plural = "rapat"

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}"


class TargetAnggaran(DokumenBagian):
    """Kab/kota and provinsi: the budget target of one OPD for one indicator this year and what it
    achieved (Bappeda compiles them; D95). Entered on the page or by the Excel round trip."""

    UNIT = "bappeda"
    TINGKAT = TINGKAT_DAERAH

    indikator = models.ForeignKey(IndikatorCapaian, on_delete=models.PROTECT, related_name="+", verbose_name="indikator")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    target = models.DecimalField("target anggaran (Rp)", max_digits=17, decimal_places=2, validators=[_tidak_negatif("Target anggaran")])
    capaian = models.DecimalField("capaian/realisasi (Rp)", max_digits=17, decimal_places=2,
                                  validators=[_tidak_negatif("Capaian anggaran")])
    keterangan = models.CharField("keterangan", max_length=255, blank=True)

    class Meta:
        ordering = ["indikator__urutan", "unit__urutan", "id"]
        verbose_name = "target dan capaian anggaran"
        verbose_name_plural = "target dan capaian anggaran"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "indikator", "unit"], name="target_anggaran_unik",
                                    violation_error_message="Target anggaran OPD ini untuk indikator itu sudah ada."),
            models.CheckConstraint(condition=models.Q(target__gte=0, capaian__gte=0), name="target_anggaran_tidak_negatif",
                                   violation_error_message="Anggaran tidak boleh negatif."),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.unit_id}"

    @property
    def persen(self) -> Decimal | None:
        return self.capaian * 100 / self.target if self.target else None

