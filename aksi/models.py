"""The yearly cycle (siklus, tahapan, jadwal) and the one unit of workflow, the Laporan.

A Laporan is one (tahun, tahapan, wilayah). It has a part (bagian) per unit that fills the
step; each part is submitted by its unit's operator and verified by its unit's verifikator;
when every part is verified the approver approves the whole (DESIGN decision 3).
"""
import calendar
import datetime

from django.conf import settings
from django.db import models

from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

from .choices import STATUS_DAPAT_DIUBAH, Periode, StatusBagian, StatusLaporan, StatusTinjauan, Transisi


def rentang_bulan(tahun: int, bulan: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(tahun, bulan, 1), datetime.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


class Tahapan(models.Model):
    """A step of the annual cycle (DOMAIN.md §4), with its default month per level."""

    kode = models.SlugField(primary_key=True, max_length=40)
    nama = models.CharField(max_length=120)
    aksi_utama = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Nomor aksi utama (1–4); kosong untuk aksi pendukung."
    )
    periode = models.CharField(
        max_length=10, choices=Periode.choices, blank=True,
        help_text="Periode nilai desa yang diisi pada tahapan ini (jika ada).",
    )
    bulan_kecamatan = models.PositiveSmallIntegerField(null=True, blank=True)
    bulan_kabkota = models.PositiveSmallIntegerField(null=True, blank=True)
    bulan_provinsi = models.PositiveSmallIntegerField(null=True, blank=True)
    sepanjang_tahun = models.BooleanField(default=False, help_text="Aksi pendukung: terbuka Januari–Desember di semua tingkat.")
    tingkat_terbawah = models.PositiveSmallIntegerField(
        choices=Tingkat.choices, default=Tingkat.KECAMATAN,
        help_text="Tingkat paling bawah yang menjalankan tahapan ini (mis. RAD hanya provinsi dan kabupaten/kota).",
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "kode"]
        verbose_name = "tahapan"
        verbose_name_plural = "tahapan"
        # one step feeds each periode of desa values (the roll-up groups a periode's values by
        # their kecamatan Laporan: one per kecamatan and year)
        constraints = [models.UniqueConstraint(fields=["periode"], condition=~models.Q(periode=""),
                                               name="tahapan_periode_unik",
                                               violation_error_message="Periode ini sudah diisi oleh tahapan lain.")]

    def __str__(self) -> str:
        return self.nama

    def bulan_bawaan(self, tingkat: int) -> int | None:
        return {
            Tingkat.KECAMATAN: self.bulan_kecamatan,
            Tingkat.KABKOTA: self.bulan_kabkota,
            Tingkat.PROVINSI: self.bulan_provinsi,
        }.get(tingkat)

    def berlaku_di(self, tingkat: int) -> bool:
        return tingkat in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI) and tingkat <= self.tingkat_terbawah and (
            self.sepanjang_tahun or self.bulan_bawaan(tingkat) is not None
        )

    def rentang_bawaan(self, tahun: int, tingkat: int) -> tuple[datetime.date, datetime.date]:
        """The default window: the step's month at that level, or the whole year."""
        if self.sepanjang_tahun:
            return datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
        return rentang_bulan(tahun, self.bulan_bawaan(tingkat))


class TahapanUnit(models.Model):
    """Which units fill a step at a level: one part (bagian) of the Laporan each."""

    tahapan = models.ForeignKey(Tahapan, on_delete=models.CASCADE, related_name="unit_pengisi")
    tingkat = models.PositiveSmallIntegerField(choices=Tingkat.choices)
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["tahapan", "tingkat", "unit__urutan"]
        verbose_name = "unit pengisi tahapan"
        verbose_name_plural = "unit pengisi tahapan"
        constraints = [models.UniqueConstraint(fields=["tahapan", "tingkat", "unit"], name="tahapan_unit_unik")]

    def __str__(self) -> str:
        return f"{self.tahapan} · {self.get_tingkat_display()} · {self.unit}"


class Siklus(models.Model):
    tahun = models.PositiveSmallIntegerField(primary_key=True)
    aktif = models.BooleanField(default=True)
    rekap_hanya_diterima = models.BooleanField(
        "rekap hanya data yang diterima tingkat atas", default=False,
        help_text="Bila dicentang, rekap dan halaman publik tahun ini hanya menghitung laporan kecamatan yang sudah "
                  "disetujui dan diterima kabupaten/kota. Bawaan: semua laporan yang disetujui.",
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-tahun"]
        verbose_name = "siklus"
        verbose_name_plural = "siklus"

    def __str__(self) -> str:
        return f"Siklus {self.tahun}"


class Jadwal(models.Model):
    """When a step is open at a level in a year; administrators open, close and extend it."""

    siklus = models.ForeignKey(Siklus, on_delete=models.CASCADE, related_name="jadwal")
    tahapan = models.ForeignKey(Tahapan, on_delete=models.PROTECT, related_name="jadwal")
    tingkat = models.PositiveSmallIntegerField(choices=Tingkat.choices)
    mulai = models.DateField()
    selesai = models.DateField()

    class Meta:
        ordering = ["siklus", "tahapan__urutan", "tingkat"]
        verbose_name = "jadwal"
        verbose_name_plural = "jadwal"
        constraints = [
            models.UniqueConstraint(fields=["siklus", "tahapan", "tingkat"], name="jadwal_unik"),
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="jadwal_urut"),
        ]

    def __str__(self) -> str:
        return f"{self.tahapan} {self.get_tingkat_display()} {self.siklus_id}: {self.mulai:%d-%m} s.d. {self.selesai:%d-%m}"


class PerpanjanganJadwal(models.Model):
    """A later closing date for one wilayah (and the wilayah below it)."""

    jadwal = models.ForeignKey(Jadwal, on_delete=models.CASCADE, related_name="perpanjangan")
    wilayah = models.ForeignKey(Wilayah, on_delete=models.CASCADE, related_name="+")
    selesai = models.DateField()
    alasan = models.CharField(max_length=255)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "perpanjangan jadwal"
        verbose_name_plural = "perpanjangan jadwal"
        constraints = [models.UniqueConstraint(fields=["jadwal", "wilayah"], name="perpanjangan_unik")]



class StatusPermintaan(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu keputusan"
    DISETUJUI = "disetujui", "Disetujui"
    DITOLAK = "ditolak", "Ditolak"


class PermintaanPerpanjangan(models.Model):
    """A wilayah asks the level above for a later closing date; an administrator above grants it
    (a PerpanjanganJadwal) or refuses it, both with a reason."""

    jadwal = models.ForeignKey(Jadwal, on_delete=models.CASCADE, related_name="permintaan")
    wilayah = models.ForeignKey(Wilayah, on_delete=models.CASCADE, related_name="+")
    selesai = models.DateField("ditutup pada")
    alasan = models.CharField("alasan permintaan", max_length=255)
    diminta_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diminta_pada = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=StatusPermintaan.choices, default=StatusPermintaan.MENUNGGU)
    keputusan = models.CharField("alasan keputusan", max_length=255, blank=True)
    diputuskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-diminta_pada", "-id"]
        verbose_name = "permintaan perpanjangan"
        verbose_name_plural = "permintaan perpanjangan"

class Laporan(models.Model):
    """The workflow unit: every value, tag and document of a step in a wilayah belongs here."""

    tahun = models.PositiveSmallIntegerField()
    tahapan = models.ForeignKey(Tahapan, on_delete=models.PROTECT, related_name="laporan")
    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="laporan")
    status = models.CharField(max_length=15, choices=StatusLaporan.choices, default=StatusLaporan.DRAFT, db_index=True)
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dibuka_kembali = models.BooleanField(
        default=False, help_text="Dibuka kembali oleh penyetuju/administrator: boleh diubah di luar jadwal sampai disetujui lagi.",
    )
    direvisi = models.BooleanField(
        default=False, help_text="Dibuka kembali setelah disetujui: angka terakhir yang disetujui tetap tampil di publik "
                                 "(indikator.NilaiTerbit) sampai laporan disetujui lagi.",
    )
    # the review by the level above: set when it accepts this approval, cleared by a new approval;
    # a reopening keeps it, as the acceptance of the version that stays published while revised
    diterima_pada = models.DateTimeField(null=True, blank=True)
    diterima_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-tahun", "tahapan__urutan", "wilayah_id"]
        verbose_name = "laporan"
        verbose_name_plural = "laporan"
        constraints = [models.UniqueConstraint(fields=["tahun", "tahapan", "wilayah"], name="laporan_unik")]

    def __str__(self) -> str:
        return f"{self.tahapan} {self.tahun} — {self.wilayah.nama_lengkap}"

    @property
    def disetujui(self) -> bool:
        return self.status == StatusLaporan.DISETUJUI

    @property
    def ditinjau_atas(self) -> bool:
        """Whether the level above reviews this Laporan: kecamatan (by its kab/kota) and kab/kota (by its provinsi)."""
        return self.wilayah.tingkat in (Tingkat.KECAMATAN, Tingkat.KABKOTA)

    @property
    def tinjauan(self) -> str:
        if not (self.disetujui and self.ditinjau_atas):
            return StatusTinjauan.TIDAK_ADA
        return StatusTinjauan.DITERIMA if self.diterima_pada else StatusTinjauan.MENUNGGU

    def get_tinjauan_display(self) -> str:
        return StatusTinjauan(self.tinjauan).label


class BagianLaporan(models.Model):
    """One unit's part of a Laporan. `versi` guards against lost updates."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="bagian")
    unit = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Kosong bila tahapan diisi satu bagian tanpa unit.",
    )
    status = models.CharField(max_length=15, choices=StatusBagian.choices, default=StatusBagian.DRAFT)
    versi = models.PositiveIntegerField(default=1)
    diubah_pada = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["laporan", "unit__urutan"]
        verbose_name = "bagian laporan"
        verbose_name_plural = "bagian laporan"
        constraints = [models.UniqueConstraint(fields=["laporan", "unit"], name="bagian_unik")]

    def __str__(self) -> str:
        return f"{self.laporan} · {self.nama_unit}"

    @property
    def nama_unit(self) -> str:
        return self.unit.singkatan if self.unit_id else "Umum"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in STATUS_DAPAT_DIUBAH and not self.laporan.disetujui


class RiwayatLaporan(models.Model):
    """The transition log: who moved what from which state to which, when, and why."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="riwayat")
    bagian = models.ForeignKey(BagianLaporan, null=True, blank=True, on_delete=models.CASCADE, related_name="riwayat")
    transisi = models.CharField(max_length=15, choices=Transisi.choices)
    dari = models.CharField(max_length=15)
    ke = models.CharField(max_length=15)
    catatan = models.TextField(blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["waktu", "id"]
        verbose_name = "riwayat laporan"
        verbose_name_plural = "riwayat laporan"


# Levels a document section is filled at (`DokumenBagian.TINGKAT`).
TINGKAT_KECAMATAN = (Tingkat.KECAMATAN,)
TINGKAT_DAERAH = (Tingkat.KABKOTA, Tingkat.PROVINSI)


class DokumenBagian(models.Model):
    """Abstract base of a document-section row of a feature app, belonging to one part of its Laporan (writes: aksi.dokumen)."""

    UNIT: str = ""  # UnitKerja code of the part this document belongs to ("" = the unit-less part)
    UNIT_TINGKAT: dict[int, str] = {}  # a different unit at some levels (e.g. Bappeda above the kecamatan)
    TINGKAT: tuple[int, ...] = ()  # levels whose Laporan carry this document

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @classmethod
    def unit_di(cls, tingkat: int) -> str:
        """The unit whose part holds these documents at `tingkat`."""
        return cls.UNIT_TINGKAT.get(tingkat, cls.UNIT)

    @classmethod
    def bagian_laporan(cls, laporan: Laporan) -> BagianLaporan | None:
        """The part of `laporan` this kind of document belongs to: the unit's part, else the unit-less one."""
        bagian = {b.unit_id: b for b in laporan.bagian.select_related("unit", "diubah_oleh")}
        for b in bagian.values():
            b.laporan = laporan
        return bagian.get(cls.unit_di(laporan.wilayah.tingkat)) or bagian.get(None)

    @property
    def bagian(self) -> BagianLaporan | None:
        return self.bagian_laporan(self.laporan)



class BerkasPdf(models.Model):
    """A Laporan's PDF made by a Celery task and kept while the data behind it are unchanged
    (`kunci`: their fingerprint, aksi.cetak.sidik_laporan) — D101."""

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu dibuat"
        PROSES = "proses", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="berkas_pdf")
    jenis = models.CharField(max_length=30)
    kunci = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRE)
    berkas = models.FileField(upload_to="pdf-laporan/", blank=True)
    galat = models.CharField(max_length=300, blank=True)
    diminta_pada = models.DateTimeField(auto_now=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "berkas PDF laporan"
        verbose_name_plural = "berkas PDF laporan"
        constraints = [models.UniqueConstraint(fields=["laporan", "jenis"], name="berkas_pdf_unik")]
