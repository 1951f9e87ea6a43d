"""Scoring rules as data (DESIGN decision 5, DOMAIN.md §4.4), the scores they give, and the
monitoring notes of the "penilaian" Laporan.

The official formula is not published: `AturanPenilaian` + `KomponenPenilaian` are the rules an
administrator edits per year and level (the portal ships a documented default, see
`penilaian.aturan.komponen_bawaan` and docs/decisions.md "Penilaian"). `NilaiPenilaian` is one
wilayah's score for a year, and `RincianNilai` its breakdown: per component the score (0–100),
the weight, the contribution and the evidence (which Laporan, in which state, approved when,
the window's close, which coverage figures). Contributions add up exactly to the total.

`CatatanMonev` is the monitoring note (problem and follow-up per monitored step) written in the
step-"penilaian" Laporan, through the same workflow as every document (`penilaian.services`).

The tables keep the names they had when these models lived in the monev app (`monev_...`).
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from aksi.models import Tahapan
from aksi.models import DokumenBagian
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

TAHAPAN_PENILAIAN = "penilaian"  # fixtures/tahapan.json
TINGKAT_DINILAI = (Tingkat.PROVINSI, Tingkat.KABKOTA, Tingkat.KECAMATAN)
CATATAN_RUMUS = (
    "Rumus resmi penilaian hasil monev tidak dipublikasikan. Komponen, bobot dan ambang kelas di sini "
    "adalah aturan bawaan portal yang terdokumentasi dan dapat diubah administrator per tahun dan tingkat."
)

AWALAN_BOBOT = "bobot_"  # a component's weight on the rule page: bobot_<kode>
_SKOR = [MinValueValidator(Decimal(0), "Skor paling kecil 0."), MaxValueValidator(Decimal(100), "Skor paling besar 100.")]


class TingkatPenilaian(models.IntegerChoices):
    PROVINSI = Tingkat.PROVINSI, "Provinsi"
    KABKOTA = Tingkat.KABKOTA, "Kabupaten/Kota"
    KECAMATAN = Tingkat.KECAMATAN, "Kecamatan"


class Kelas(models.TextChoices):
    TUMBUH = "tumbuh", "Tumbuh"
    BERKEMBANG = "berkembang", "Berkembang"
    BERDAYA = "berdaya", "Berdaya"


class JenisKomponen(models.TextChoices):
    TAHAPAN_SELESAI = "tahapan_selesai", "Tahapan selesai (semua bagian diajukan)"
    TAHAPAN_DISETUJUI = "tahapan_disetujui", "Tahapan disetujui"
    TAHAPAN_TEPAT_WAKTU = "tahapan_tepat_waktu", "Tahapan tepat waktu"
    TAHAPAN_LENGKAP = "tahapan_lengkap", "Kelengkapan isian tahapan"
    CAKUPAN_TARGET = "cakupan_target", "Cakupan indikator terhadap target"
    REGULASI = "regulasi", "Regulasi"
    PUBLIKASI = "publikasi", "Publikasi"


JENIS_TAHAPAN = (
    JenisKomponen.TAHAPAN_SELESAI, JenisKomponen.TAHAPAN_DISETUJUI,
    JenisKomponen.TAHAPAN_TEPAT_WAKTU, JenisKomponen.TAHAPAN_LENGKAP,
)


class AturanPenilaian(models.Model):
    """The scoring rules of one year and level: components with weights, and the class thresholds
    (total below `ambang_berkembang` = Tumbuh; from `ambang_berdaya` = Berdaya)."""

    tahun = models.PositiveSmallIntegerField("tahun")
    tingkat = models.PositiveSmallIntegerField("tingkat", choices=TingkatPenilaian.choices)
    keterangan = models.TextField("keterangan", blank=True, default=CATATAN_RUMUS)
    aktif = models.BooleanField(
        "aktif", default=True, help_text="Hanya satu aturan aktif per tahun dan tingkat; aturan itulah yang dipakai menghitung nilai.",
    )
    ambang_berkembang = models.DecimalField(
        "ambang Berkembang", max_digits=5, decimal_places=2, default=Decimal(50), validators=_SKOR,
        help_text="Nilai total paling kecil untuk kelas Berkembang (di bawahnya: Tumbuh).",
    )
    ambang_berdaya = models.DecimalField(
        "ambang Berdaya", max_digits=5, decimal_places=2, default=Decimal(75), validators=_SKOR,
        help_text="Nilai total paling kecil untuk kelas Berdaya.",
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "monev_aturanpenilaian"
        ordering = ["-tahun", "tingkat", "-aktif", "id"]
        verbose_name = "aturan penilaian"
        verbose_name_plural = "aturan penilaian"
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "tingkat"], condition=models.Q(aktif=True), name="aturan_penilaian_satu_aktif",
                violation_error_message="Sudah ada aturan aktif untuk tahun dan tingkat ini; nonaktifkan dulu yang lama.",
            ),
            models.CheckConstraint(
                condition=models.Q(ambang_berkembang__gte=0, ambang_berdaya__lte=100, ambang_berkembang__lte=models.F("ambang_berdaya")),
                name="aturan_penilaian_ambang_urut",
                violation_error_message="Ambang harus 0 ≤ Berkembang ≤ Berdaya ≤ 100.",
            ),
        ]

    def __str__(self) -> str:
        status = "" if self.aktif else " (nonaktif)"
        return f"Aturan penilaian {self.get_tingkat_display()} {self.tahun}{status}"

    def clean(self) -> None:
        if self.ambang_berkembang is not None and self.ambang_berdaya is not None and self.ambang_berkembang > self.ambang_berdaya:
            raise ValidationError({"ambang_berdaya": "Ambang Berdaya tidak boleh di bawah ambang Berkembang."})

    def isian(self) -> dict[str, object]:
        """What the rule page edits, by form field name: the thresholds, the note and each
        component's weight (`bobot_<kode>`). The page, the save and its conflict check share it."""
        return {
            "ambang_berkembang": self.ambang_berkembang, "ambang_berdaya": self.ambang_berdaya, "keterangan": self.keterangan,
            **{f"{AWALAN_BOBOT}{k.kode}": k.bobot for k in self.komponen.all()},
        }

    def kelas_untuk(self, total: Decimal) -> str:
        if total >= self.ambang_berdaya:
            return Kelas.BERDAYA
        if total >= self.ambang_berkembang:
            return Kelas.BERKEMBANG
        return Kelas.TUMBUH


class KomponenPenilaian(models.Model):
    """One scored component. Its contribution = score × bobot / Σ bobot of the rule (so the total
    stays 0–100 even when an administrator's weights do not add up to 100)."""

    aturan = models.ForeignKey(AturanPenilaian, on_delete=models.CASCADE, related_name="komponen")
    kode = models.SlugField("kode", max_length=60)
    nama = models.CharField("nama", max_length=200)
    jenis = models.CharField("jenis", max_length=25, choices=JenisKomponen.choices)
    tahapan = models.ForeignKey(
        Tahapan, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="tahapan",
        help_text="Wajib untuk komponen tahapan. Untuk cakupan terhadap target: tahapan yang periodenya dipakai "
                  "(kosong = analisis situasi/baseline).",
    )
    bobot = models.DecimalField(
        "bobot", max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal(0), "Bobot tidak boleh negatif.")],
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        db_table = "monev_komponenpenilaian"
        ordering = ["aturan", "urutan", "id"]
        verbose_name = "komponen penilaian"
        verbose_name_plural = "komponen penilaian"
        constraints = [
            models.UniqueConstraint(fields=["aturan", "kode"], name="komponen_penilaian_kode_unik",
                                    violation_error_message="Kode komponen sudah dipakai pada aturan ini."),
            models.CheckConstraint(condition=models.Q(bobot__gte=0), name="komponen_penilaian_bobot_tidak_negatif",
                                   violation_error_message="Bobot tidak boleh negatif."),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.bobot})"

    def clean(self) -> None:
        if self.jenis in JENIS_TAHAPAN and not self.tahapan_id:
            raise ValidationError({"tahapan": "Komponen tahapan harus menyebut tahapannya."})
        if self.jenis == JenisKomponen.CAKUPAN_TARGET and self.tahapan_id and not self.tahapan.periode:
            raise ValidationError({"tahapan": f"Tahapan {self.tahapan} tidak memiliki periode nilai desa."})


class NilaiPenilaian(models.Model):
    """A wilayah's score for a year under the rule that was active when it was computed."""

    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    tingkat = models.PositiveSmallIntegerField(choices=TingkatPenilaian.choices)
    aturan = models.ForeignKey(AturanPenilaian, on_delete=models.PROTECT, related_name="nilai")
    total = models.DecimalField(max_digits=5, decimal_places=2, validators=_SKOR)
    kelas = models.CharField(max_length=12, choices=Kelas.choices)
    dihitung_pada = models.DateTimeField()

    class Meta:
        db_table = "monev_nilaipenilaian"
        ordering = ["-tahun", "tingkat", "-total", "wilayah_id"]
        verbose_name = "nilai penilaian"
        verbose_name_plural = "nilai penilaian"
        constraints = [models.UniqueConstraint(fields=["wilayah", "tahun"], name="nilai_penilaian_unik")]
        indexes = [models.Index(fields=["tahun", "tingkat", "total"])]

    def __str__(self) -> str:
        return f"{self.wilayah_id} {self.tahun}: {self.total} ({self.get_kelas_display()})"


class RincianNilai(models.Model):
    """One component of a score. `kode`/`nama`/`jenis` are copied from the component so the
    breakdown stays as computed when the rule is edited later. `bukti` is JSON: `keterangan`
    (a sentence), and where relevant `laporan` {pk, status, status_label, disetujui_pada},
    `jendela_tutup`, `diajukan_pada`, `terisi`/`diharapkan`, `dokumen`, `indikator` (coverage)."""

    nilai = models.ForeignKey(NilaiPenilaian, on_delete=models.CASCADE, related_name="rincian")
    komponen = models.ForeignKey(KomponenPenilaian, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kode = models.CharField(max_length=60)
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=25, choices=JenisKomponen.choices)
    urutan = models.PositiveSmallIntegerField(default=0)
    skor = models.DecimalField(max_digits=5, decimal_places=2, validators=_SKOR)
    bobot = models.DecimalField(max_digits=6, decimal_places=2)
    kontribusi = models.DecimalField(max_digits=5, decimal_places=2)
    bukti = models.JSONField(default=dict)

    class Meta:
        db_table = "monev_rinciannilai"
        ordering = ["nilai", "urutan", "id"]
        verbose_name = "rincian nilai"
        verbose_name_plural = "rincian nilai"

    def __str__(self) -> str:
        return f"{self.nama}: {self.skor} × {self.bobot} → {self.kontribusi}"

    @property
    def laporan_pk(self) -> int | None:
        laporan = (self.bukti or {}).get("laporan") or {}
        return laporan.get("pk")


class CatatanMonev(DokumenBagian):
    """A monitoring note of the "penilaian" Laporan: a problem found in one step and its follow-up.
    At kecamatan it belongs to the Laporan's single part without unit (any operator of the
    wilayah writes it); at kab/kota and provinsi to Bappeda's part, beside one part per OPD that
    presents its achievements (D93). The approver is the Camat (kecamatan) or Bappeda (above)."""

    UNIT = ""  # kecamatan: the unit-less part
    UNIT_TINGKAT = {Tingkat.KABKOTA: "bappeda", Tingkat.PROVINSI: "bappeda"}  # above: Bappeda's, beside each OPD's (D93)
    TINGKAT = TINGKAT_DINILAI
    TAHAPAN = TAHAPAN_PENILAIAN

    tahapan_dipantau = models.ForeignKey(Tahapan, on_delete=models.PROTECT, related_name="+", verbose_name="tahapan yang dipantau")
    masalah = models.TextField("masalah/kendala")
    tindak_lanjut = models.TextField("tindak lanjut", blank=True)

    class Meta:
        db_table = "monev_catatanmonev"
        ordering = ["tahapan_dipantau__urutan", "id"]
        verbose_name = "catatan monev"
        verbose_name_plural = "catatan monev"

    def __str__(self) -> str:
        return f"{self.tahapan_dipantau}: {self.masalah[:40]}"

    def clean(self) -> None:
        if not self.tahapan_dipantau_id:
            return
        if self.tahapan_dipantau_id == TAHAPAN_PENILAIAN:
            raise ValidationError({"tahapan_dipantau": "Pilih tahapan yang dipantau, bukan tahapan penilaian itu sendiri."})
        if self.laporan_id and not self.tahapan_dipantau.berlaku_di(self.laporan.wilayah.tingkat):
            raise ValidationError({"tahapan_dipantau": f"Tahapan {self.tahapan_dipantau} tidak dilaksanakan di tingkat "
                                                       f"{self.laporan.wilayah.get_tingkat_display()}."})

