"""The documents of the Pra-musrenbang tematik stunting step (DOMAIN.md §4.2, tahapan "pra-musrenbang").

Every level: the agenda of the meeting, the list of planned programs/activities for next year
(each classified Fisik prasarana, Sosial budaya or Ekonomi) and the Berita Acara with its signed
scan. Kab/kota and provinsi add: OPD performance evaluation, the leadership commitment
declaration and awards to well-performing OPD/institutions/desa.

The documents are shaped like the Analisis situasi ones (`aksi.models.DokumenBagian`), but they are filled
by a different unit per level (Setcam at kecamatan, Bappeda above: `UNIT_TINGKAT`, as in
fixtures/tahapan.json) and belong to `TAHAPAN`; musrenbang.services checks the part's operator,
state, window and version before any write. The tables keep their names from when these models
lived in `aksi` (Meta.db_table "aksi_...").
"""
import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from aksi.choices import SumberDana
from aksi.models import TINGKAT_DAERAH, DokumenBagian
from indikator.models import IndikatorCapaian
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

TAHAPAN_MUSRENBANG = "pra-musrenbang"  # fixtures/tahapan.json
TINGKAT_SEMUA = (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI)
EKSTENSI_BERKAS_TTD = ("pdf", "jpg", "png")


class TopikAgenda(models.TextChoices):
    CAPAIAN = "capaian", "Kendala, masalah dan keberhasilan cakupan layanan"
    PRIORITAS = "prioritas", "Program dan intervensi prioritas"
    RENCANA = "rencana", "Rencana program/kegiatan tahun depan"
    KLASIFIKASI = "klasifikasi", "Klasifikasi program/kegiatan (fisik prasarana, sosial budaya, ekonomi)"
    EVALUASI_OPD = "evaluasi_opd", "Evaluasi kinerja OPD"
    KOMITMEN = "komitmen", "Deklarasi komitmen pimpinan"
    PENGHARGAAN = "penghargaan", "Penghargaan kepada OPD/lembaga/desa berkinerja baik"


# Agenda topics held only at kab/kota and provinsi.
TOPIK_DAERAH = (TopikAgenda.EVALUASI_OPD, TopikAgenda.KOMITMEN, TopikAgenda.PENGHARGAAN)


class KategoriProgram(models.TextChoices):
    FISIK_PRASARANA = "fisik_prasarana", "Fisik prasarana"
    SOSIAL_BUDAYA = "sosial_budaya", "Sosial budaya"
    EKONOMI = "ekonomi", "Ekonomi"


class JenisPenerima(models.TextChoices):
    OPD = "opd", "OPD"
    LEMBAGA = "lembaga", "Lembaga"
    DESA = "desa", "Desa/kelurahan"


class DokumenMusrenbang(DokumenBagian):
    """A row of a Pra-musrenbang document; it belongs to the part of its level's unit."""

    TAHAPAN = TAHAPAN_MUSRENBANG
    TINGKAT = TINGKAT_SEMUA
    UNIT_TINGKAT: dict[int, str] = {Tingkat.KECAMATAN: "setcam", Tingkat.KABKOTA: "bappeda", Tingkat.PROVINSI: "bappeda"}
    BERKAS: str | None = None  # the FileField checked by content and deleted with the row

    class Meta:
        abstract = True


def _tidak_negatif(nama: str) -> MinValueValidator:
    return MinValueValidator(Decimal(0), f"{nama} tidak boleh negatif.")


class AgendaMusrenbang(DokumenMusrenbang):
    """One item of the meeting's agenda, in the order it was discussed."""

    urutan = models.PositiveSmallIntegerField("urutan", default=1, validators=[MinValueValidator(1, "Urutan dimulai dari 1.")])
    topik = models.CharField("topik", max_length=15, choices=TopikAgenda.choices)
    uraian = models.TextField("uraian/hasil pembahasan")

    class Meta:
        db_table = "aksi_agendamusrenbang"
        ordering = ["urutan", "id"]
        verbose_name = "agenda"
        verbose_name_plural = "agenda"

    def __str__(self) -> str:
        return f"{self.urutan}. {self.get_topik_display()}"

    def clean(self) -> None:
        if self.laporan_id and self.topik in TOPIK_DAERAH and self.laporan.wilayah.tingkat == Tingkat.KECAMATAN:
            raise ValidationError({"topik": f"Topik “{self.get_topik_display()}” hanya dibahas di kabupaten/kota dan provinsi."})


class RencanaProgram(DokumenMusrenbang):
    """A program/activity planned for next year, classified by kategori, for one or more indicators."""

    nama = models.CharField("nama program/kegiatan", max_length=255)
    kategori = models.CharField("kategori", max_length=20, choices=KategoriProgram.choices)
    indikator = models.ManyToManyField(IndikatorCapaian, related_name="+", verbose_name="indikator")
    lokasi = models.ManyToManyField(Wilayah, blank=True, related_name="+", verbose_name="lokasi")
    perkiraan_anggaran = models.DecimalField(
        "perkiraan anggaran (Rp)", max_digits=17, decimal_places=2, validators=[_tidak_negatif("Perkiraan anggaran")],
    )
    sumber_dana = models.CharField("sumber dana", max_length=20, choices=SumberDana.choices)
    unit_pelaksana = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="unit pelaksana",
    )

    class Meta:
        db_table = "aksi_rencanaprogram"
        ordering = ["id"]
        verbose_name = "rencana program/kegiatan"
        verbose_name_plural = "rencana program/kegiatan"
        constraints = [
            models.CheckConstraint(condition=models.Q(perkiraan_anggaran__gte=0), name="rencana_anggaran_tidak_negatif",
                                   violation_error_message="Perkiraan anggaran tidak boleh negatif."),
        ]

    def __str__(self) -> str:
        return f"{self.get_kategori_display()}: {self.nama}"

    def clean(self) -> None:
        if self.laporan_id and self.unit_pelaksana_id and not self.unit_pelaksana.berlaku_di(self.laporan.wilayah.tingkat):
            raise ValidationError({"unit_pelaksana": (
                f"{self.unit_pelaksana} bukan unit kerja tingkat {self.laporan.wilayah.get_tingkat_display().lower()}."
            )})


class EvaluasiKinerjaOPD(DokumenMusrenbang):
    """Kab/kota and provinsi: how one OPD performed on its convergence interventions."""

    TINGKAT = TINGKAT_DAERAH

    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    capaian = models.TextField("capaian kinerja")
    catatan = models.TextField("catatan/tindak lanjut", blank=True)
    nilai = models.DecimalField(
        "nilai (0–100)", max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0), "Nilai paling kecil 0."), MaxValueValidator(Decimal(100), "Nilai paling besar 100.")],
    )

    class Meta:
        db_table = "aksi_evaluasikinerjaopd"
        ordering = ["unit__urutan", "id"]
        verbose_name = "evaluasi kinerja OPD"
        verbose_name_plural = "evaluasi kinerja OPD"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "unit"], name="evaluasi_opd_unik",
                                    violation_error_message="Evaluasi OPD ini sudah diisi; ubah isian yang ada."),
            models.CheckConstraint(condition=models.Q(nilai__gte=0, nilai__lte=100) | models.Q(nilai__isnull=True),
                                   name="evaluasi_opd_nilai", violation_error_message="Nilai harus 0–100."),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.nilai}"

    def clean(self) -> None:
        if self.unit_id and not self.unit.di_daerah:
            raise ValidationError({"unit": f"{self.unit} bukan perangkat daerah (OPD)."})


class DeklarasiKomitmen(DokumenMusrenbang):
    """Kab/kota and provinsi: the leadership commitment declaration."""

    TINGKAT = TINGKAT_DAERAH

    tanggal = models.DateField("tanggal")
    penandatangan = models.TextField("penandatangan", help_text="Nama dan jabatan, satu baris per penandatangan.")
    isi = models.TextField("isi komitmen")

    class Meta:
        db_table = "aksi_deklarasikomitmen"
        ordering = ["tanggal", "id"]
        verbose_name = "deklarasi komitmen"
        verbose_name_plural = "deklarasi komitmen"

    def __str__(self) -> str:
        return f"Deklarasi {self.tanggal:%d-%m-%Y}"


class Penghargaan(DokumenMusrenbang):
    """Kab/kota and provinsi: an award to a well-performing OPD, institution or desa."""

    TINGKAT = TINGKAT_DAERAH

    penerima = models.CharField("penerima", max_length=200)
    jenis = models.CharField("jenis penerima", max_length=10, choices=JenisPenerima.choices)
    alasan = models.TextField("alasan/capaian")

    class Meta:
        db_table = "aksi_penghargaan"
        ordering = ["id"]
        verbose_name = "penghargaan"
        verbose_name_plural = "penghargaan"

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.penerima}"


def nama_berkas_ttd(instance: "BeritaAcara", filename: str) -> str:
    """A generated name: the uploader's file name never reaches the disk."""
    ekstensi = PurePosixPath(filename).suffix.lower().lstrip(".")
    ekstensi = ekstensi if ekstensi in EKSTENSI_BERKAS_TTD else "bin"
    return f"berita-acara/{instance.laporan.tahun}/{uuid.uuid4().hex}.{ekstensi}"


class BeritaAcara(DokumenMusrenbang):
    """The minutes of the meeting (one per Laporan); printed from the portal, signed, scanned back."""

    BERKAS = "berkas_ttd"

    tanggal = models.DateField("tanggal rapat")
    tempat = models.CharField("tempat", max_length=200)
    pimpinan_rapat = models.CharField("pimpinan rapat", max_length=200, help_text="Nama pimpinan rapat.")
    jabatan_pimpinan = models.CharField("jabatan pimpinan rapat", max_length=200, blank=True)
    jumlah_peserta = models.PositiveIntegerField("jumlah peserta")
    perwakilan_peserta = models.TextField(
        "perwakilan peserta penandatangan", blank=True,
        help_text="Satu baris per orang: nama — jabatan/unsur. Kosongkan untuk baris tanda tangan kosong.",
    )
    catatan = models.TextField("catatan/kesepakatan", blank=True)
    berkas_ttd = models.FileField("berita acara bertanda tangan", upload_to=nama_berkas_ttd, max_length=200, blank=True)

    class Meta:
        db_table = "aksi_beritaacara"
        verbose_name = "berita acara"
        verbose_name_plural = "berita acara"
        constraints = [
            models.UniqueConstraint(fields=["laporan"], name="berita_acara_musrenbang_unik",
                                    violation_error_message="Berita acara laporan ini sudah dibuat; ubah isian yang ada."),
        ]

    def __str__(self) -> str:
        return f"Berita acara {self.tanggal:%d-%m-%Y}"

    @property
    def penandatangan_peserta(self) -> list[tuple[str, str]]:
        """(nama, jabatan/unsur) per non-empty line of `perwakilan_peserta`."""
        hasil = []
        for baris in self.perwakilan_peserta.splitlines():
            nama, _, jabatan = baris.replace(" — ", " - ").partition(" - ")
            if nama.strip():
                hasil.append((nama.strip(), jabatan.strip()))
        return hasil
