"""Public complaints (layanan pengaduan masyarakat, Pergub 45/2025 pillar 5).

Anyone files one without logging in and gets an unguessable tracking code; staff of the
wilayah (and above) assign, answer and close it. The complainant's name and contact are
personal data: they are shown to staff in scope only, never on a public page or in the audit.
"""
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.db import models

from inti.unggah import NamaAcak
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

ABJAD_KODE = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed back by hand
PANJANG_KODE = 10  # 32**10 ≈ 10**15 codes: unguessable, and misses are throttled
MAKS_ISI = 5000


def kode_baru() -> str:
    return "".join(secrets.choice(ABJAD_KODE) for _ in range(PANJANG_KODE))


def normalkan_kode(teks: str) -> str:
    """What the visitor typed, as stored: upper case, without spaces or dashes."""
    return re.sub(r"[^0-9A-Z]", "", (teks or "").upper())[:PANJANG_KODE + 5]


def normalkan_kontak(teks: str) -> str:
    """An e-mail address (domain lower-cased) or an Indonesian phone number as 08…/02…;
    anything else raises ValidationError keyed 'kontak'."""
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"kontak": "Isi nomor HP/telepon atau alamat email agar petugas dapat menghubungi Anda."})
    if "@" in teks:
        try:
            validate_email(teks)
        except ValidationError:
            raise ValidationError({"kontak": "Alamat email tidak valid; contoh: nama@contoh.id."}) from None
        lokal, _, domain = teks.rpartition("@")
        return f"{lokal}@{domain.lower()}"
    nomor = re.sub(r"[\s().\-/]", "", teks)
    if nomor.startswith("+62"):
        nomor = "0" + nomor[3:]
    elif nomor.startswith("62"):
        nomor = "0" + nomor[2:]
    if not re.fullmatch(r"0[1-9]\d{7,12}", nomor):
        raise ValidationError({"kontak": (
            "Nomor telepon tidak valid; tulis seperti 0812-3456-7890 atau +62 812 3456 7890, atau isi alamat email."
        )})
    return nomor


class TopikPengaduan(models.TextChoices):
    LAYANAN_KESEHATAN = "layanan_kesehatan", "Layanan kesehatan ibu dan anak (posyandu, puskesmas)"
    GIZI = "gizi", "Gizi dan makanan tambahan"
    AIR_SANITASI = "air_sanitasi", "Air minum dan sanitasi"
    PENGASUHAN = "pengasuhan", "Pengasuhan dan PAUD"
    PERLINDUNGAN_SOSIAL = "perlindungan_sosial", "Bantuan sosial dan jaminan kesehatan"
    ADMINDUK = "adminduk", "Administrasi kependudukan (NIK, akta kelahiran)"
    PENDATAAN = "pendataan", "Pendataan sasaran (balita, ibu hamil, keluarga berisiko)"
    LAINNYA = "lainnya", "Lainnya"


class StatusPengaduan(models.TextChoices):
    BARU = "baru", "Diterima"
    DIPROSES = "diproses", "Diproses"
    DIJAWAB = "dijawab", "Dijawab"
    SELESAI = "selesai", "Selesai"


class Pengaduan(models.Model):
    kode = models.CharField("kode pelacakan", max_length=PANJANG_KODE, unique=True, editable=False)
    nama = models.CharField("nama", max_length=100, blank=True)
    kontak = models.CharField("kontak", max_length=254, help_text="Nomor HP/telepon atau email; hanya untuk petugas.")
    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+", verbose_name="wilayah")
    topik = models.CharField("topik", max_length=20, choices=TopikPengaduan.choices)
    isi = models.TextField("isi pengaduan", validators=[MaxLengthValidator(MAKS_ISI)])
    lampiran = models.FileField("lampiran", upload_to=NamaAcak("pengaduan"), max_length=200, blank=True)
    status = models.CharField("status", max_length=10, choices=StatusPengaduan.choices, default=StatusPengaduan.BARU,
                              db_index=True)
    petugas = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name="petugas")
    jawaban = models.TextField("jawaban untuk publik", blank=True)
    dijawab_pada = models.DateTimeField(null=True, blank=True)
    dijawab_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    ditutup_pada = models.DateTimeField(null=True, blank=True)
    ditutup_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    versi = models.PositiveIntegerField(default=1)
    dibuat_pada = models.DateTimeField("diterima", auto_now_add=True, db_index=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "publikasi_pengaduan"  # the app was part of publikasi; its table kept the name
        ordering = ["-dibuat_pada", "-id"]
        verbose_name = "pengaduan"
        verbose_name_plural = "pengaduan"
        indexes = [
            # Staff lists filter by subtree (LIKE 'prefix%'); PostgreSQL needs pattern ops for that.
            models.Index(fields=["wilayah"], name="pengaduan_wilayah_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"Pengaduan {self.kode}"

    @property
    def selesai(self) -> bool:
        return self.status == StatusPengaduan.SELESAI

    def clean(self) -> None:
        if self.wilayah_id and self.wilayah.tingkat not in (Tingkat.PROVINSI, Tingkat.KABKOTA, Tingkat.KECAMATAN):
            raise ValidationError({"wilayah": "Pilih provinsi, kabupaten/kota atau kecamatan."})

