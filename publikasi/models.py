"""Regulasi and publikasi: the two supporting actions of every step (DOMAIN.md §4). The public
complaints are the app `pengaduan`.

Regulasi are documents of the yearly "regulasi" Laporan of a wilayah: they go through the
shared workflow (operator adds, verifikator verifies, approver approves) exactly like the
Pra-musrenbang documents, whose row base (`DokumenMusrenbang`) and writes they reuse. The
public sees one only when its Laporan is approved AND the approver marked it published.

Publikasi (articles, news, infographics) are not data of a step: each one is its own small
state machine, draf -> terbit by the wilayah's approver (services.publikasi_terbitkan).
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from aksi.models import Tahapan
from inti.unggah import NamaAcak  # migration 0001 names it here too
from musrenbang.models import TINGKAT_SEMUA, DokumenMusrenbang
from wilayah.choices import Jenis, Tingkat
from wilayah.models import Wilayah

TAHAPAN_REGULASI = "regulasi"  # fixtures/tahapan.json (sepanjang tahun, one part without unit)


# --- regulasi ------------------------------------------------------------------------------------

class JenisRegulasi(models.TextChoices):
    PERDA = "perda", "Peraturan Daerah (Perda)"
    PERKADA = "perkada", "Peraturan Kepala Daerah (Perbup/Perwali/Pergub)"
    SURAT_EDARAN = "surat_edaran", "Surat Edaran"
    BERITA_ACARA = "berita_acara", "Berita Acara kesepakatan"


# Which forms exist at which level (DOMAIN.md §4): data, so it is changed in one place.
JENIS_PER_TINGKAT: dict[int, tuple[str, ...]] = {
    Tingkat.KECAMATAN: (JenisRegulasi.BERITA_ACARA, JenisRegulasi.SURAT_EDARAN),
    Tingkat.KABKOTA: (JenisRegulasi.PERDA, JenisRegulasi.PERKADA, JenisRegulasi.SURAT_EDARAN, JenisRegulasi.BERITA_ACARA),
    Tingkat.PROVINSI: (JenisRegulasi.PERDA, JenisRegulasi.PERKADA, JenisRegulasi.SURAT_EDARAN, JenisRegulasi.BERITA_ACARA),
}


def label_jenis_regulasi(jenis: str, wilayah: Wilayah) -> str:
    """The form as the region writes it: a kota's Perkada is a Peraturan Wali Kota."""
    if jenis == JenisRegulasi.PERKADA:
        if wilayah.tingkat == Tingkat.PROVINSI:
            return "Peraturan Gubernur"
        return "Peraturan Wali Kota" if wilayah.jenis == Jenis.KOTA else "Peraturan Bupati"
    return JenisRegulasi(jenis).label if jenis in JenisRegulasi.values else jenis


def pilihan_jenis(wilayah: Wilayah) -> list[tuple[str, str]]:
    return [(j, label_jenis_regulasi(j, wilayah)) for j in JENIS_PER_TINGKAT.get(wilayah.tingkat, ())]


class Regulasi(DokumenMusrenbang):
    """One regulation document of a wilayah's yearly "regulasi" Laporan (one part, no unit)."""

    TAHAPAN = TAHAPAN_REGULASI
    TINGKAT = TINGKAT_SEMUA
    UNIT_TINGKAT: dict[int, str] = {}  # no TahapanUnit rows: the part without unit
    BERKAS = "berkas"

    jenis = models.CharField("bentuk regulasi", max_length=20, choices=JenisRegulasi.choices)
    nomor = models.CharField("nomor", max_length=100)
    tanggal = models.DateField("tanggal penetapan")
    judul = models.CharField("judul/tentang", max_length=300)
    tahapan_terkait = models.ForeignKey(
        Tahapan, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="tahapan terkait",
        help_text="Tahapan aksi konvergensi yang didukung regulasi ini (boleh dikosongkan).",
    )
    berkas = models.FileField("berkas PDF", upload_to=NamaAcak("regulasi", ("pdf",)), max_length=200)
    dipublikasikan = models.BooleanField(
        "dipublikasikan", default=False,
        help_text="Ditandai penyetuju; tampil di portal publik hanya bila laporan regulasinya juga disetujui.",
    )
    dipublikasikan_pada = models.DateTimeField(null=True, blank=True)
    dipublikasikan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="+")

    class Meta:
        ordering = ["-tanggal", "id"]
        verbose_name = "dokumen regulasi"
        verbose_name_plural = "dokumen regulasi"
        indexes = [models.Index(fields=["dipublikasikan", "laporan"])]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nomor}"

    @property
    def label_jenis(self) -> str:
        return label_jenis_regulasi(self.jenis, self.laporan.wilayah)

    def clean(self) -> None:
        if not (self.laporan_id and self.jenis):
            return
        wilayah = self.laporan.wilayah
        boleh = JENIS_PER_TINGKAT.get(wilayah.tingkat, ())
        if self.jenis not in boleh:
            daftar = ", ".join(label for _, label in pilihan_jenis(wilayah))
            raise ValidationError({"jenis": (
                f"Bentuk regulasi “{label_jenis_regulasi(self.jenis, wilayah)}” tidak ada di tingkat "
                f"{wilayah.get_tingkat_display().lower()}; pilih salah satu: {daftar}."
            )})


# --- publikasi -----------------------------------------------------------------------------------

class JenisPublikasi(models.TextChoices):
    BERITA = "berita", "Berita"
    ARTIKEL = "artikel", "Artikel"
    INFOGRAFIS = "infografis", "Infografis"


class StatusPublikasi(models.TextChoices):
    DRAF = "draf", "Draf"
    TERBIT = "terbit", "Terbit"


class Publikasi(models.Model):
    """An article, news item or infographic of a wilayah; public once its approver publishes it."""

    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+", verbose_name="wilayah")
    jenis = models.CharField("jenis", max_length=12, choices=JenisPublikasi.choices, default=JenisPublikasi.BERITA)
    judul = models.CharField("judul", max_length=200)
    slug = models.SlugField("slug", max_length=100, unique=True, editable=False)
    isi = models.TextField("isi", blank=True, help_text="Teks biasa; pisahkan paragraf dengan baris kosong. HTML tidak diproses.")
    gambar = models.FileField("gambar", upload_to=NamaAcak("publikasi", ("jpg", "png")), max_length=200, blank=True)
    keterangan_gambar = models.CharField("keterangan gambar", max_length=200, blank=True,
                                         help_text="Teks pengganti gambar untuk pembaca layar.")
    lampiran = models.FileField("lampiran PDF", upload_to=NamaAcak("publikasi", ("pdf",)), max_length=200, blank=True)
    status = models.CharField("status", max_length=10, choices=StatusPublikasi.choices, default=StatusPublikasi.DRAF,
                              db_index=True)
    versi = models.PositiveIntegerField(default=1)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diterbitkan_pada = models.DateTimeField(null=True, blank=True, db_index=True)
    diterbitkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")

    class Meta:
        ordering = ["-diterbitkan_pada", "-dibuat_pada"]
        verbose_name = "publikasi"
        verbose_name_plural = "publikasi"
        indexes = [
            models.Index(fields=["wilayah"], name="publikasi_wilayah_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.judul

    @property
    def terbit(self) -> bool:
        return self.status == StatusPublikasi.TERBIT

    def clean(self) -> None:
        if self.jenis == JenisPublikasi.INFOGRAFIS and not self.gambar:
            raise ValidationError({"gambar": "Infografis wajib memiliki gambar (PNG atau JPEG)."})
        if self.jenis != JenisPublikasi.INFOGRAFIS and not self.isi.strip():
            raise ValidationError({"isi": "Isi wajib diisi (hanya infografis yang boleh tanpa isi)."})
        if self.wilayah_id and self.wilayah.tingkat not in JENIS_PER_TINGKAT:
            raise ValidationError({"wilayah": "Publikasi dibuat oleh kecamatan, kabupaten/kota atau provinsi."})

