from django.conf import settings
from django.db import models

from .choices import PANJANG_KODE, PERAN_KEMAMPUAN, Izin, Jenis, Peran, Tingkat
from .lingkup import q_dalam


def kode_leluhur(kode: str) -> list[str]:
    """Codes of the ancestors of a dotted code, top first: '17.01.01' -> ['17', '17.01']."""
    bagian = kode.split(".")
    return [".".join(bagian[:i]) for i in range(1, len(bagian))]


class WilayahQuerySet(models.QuerySet):
    def dalam(self, kode: str, *, termasuk_diri: bool = True) -> "WilayahQuerySet":
        """The regions of `kode`'s subtree (itself included unless told not)."""
        return self.filter(q_dalam(kode, termasuk_diri=termasuk_diri))


class Wilayah(models.Model):
    """A region of the Kemendagri tree. The dotted code is the key and the materialised path."""

    kode = models.CharField(primary_key=True, max_length=13)
    nama = models.CharField(max_length=100)
    tingkat = models.PositiveSmallIntegerField(choices=Tingkat.choices, db_index=True)
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    induk = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="anak"
    )
    kode_pos = models.CharField(max_length=5, blank=True)

    objects = WilayahQuerySet.as_manager()
    # Descendant counts, kept by the hitung_jumlah_wilayah task (set-based UPDATEs).
    jumlah_kabkota = models.PositiveIntegerField(default=0)
    jumlah_kecamatan = models.PositiveIntegerField(default=0)
    jumlah_desa = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kode"]
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        default_permissions = ("add", "change", "delete", "view")
        permissions = [(izin.value, izin.label) for izin in Izin if izin != Izin.LIHAT]
        indexes = [
            # LIKE 'prefix%' on PostgreSQL needs a pattern-ops index; other databases ignore opclasses.
            models.Index(fields=["kode"], name="wilayah_kode_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        """Name with its kind, as officials write it: 'Kecamatan Kedurang', 'Kabupaten Bengkulu Selatan'."""
        if self.jenis in (Jenis.KABUPATEN, Jenis.KOTA) and self.nama.lower().startswith(("kabupaten", "kota")):
            return self.nama
        return f"{self.get_jenis_display()} {self.nama}"

    @property
    def kode_leluhur(self) -> list[str]:
        return kode_leluhur(self.kode)

    def leluhur(self) -> models.QuerySet["Wilayah"]:
        return Wilayah.objects.filter(kode__in=self.kode_leluhur).order_by("tingkat")

    def subpohon(self, *, termasuk_diri: bool = True) -> models.QuerySet["Wilayah"]:
        return Wilayah.objects.dalam(self.kode, termasuk_diri=termasuk_diri)

    def kode_pada_tingkat(self, tingkat: int) -> str:
        return self.kode[: PANJANG_KODE[tingkat]]


class UnitKerja(models.Model):
    """A data-supplying unit (PJ data): Setcam, Puskesmas, PLKB at kecamatan; an OPD above."""

    kode = models.SlugField(primary_key=True, max_length=30)
    nama = models.CharField(max_length=120)
    singkatan = models.CharField(max_length=30)
    di_kecamatan = models.BooleanField("ada di kecamatan", default=False)
    di_daerah = models.BooleanField("ada di kab/kota dan provinsi", default=False)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "kode"]
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"

    def __str__(self) -> str:
        return self.singkatan

    def berlaku_di(self, tingkat: int | None) -> bool:
        if tingkat == Tingkat.KECAMATAN:
            return self.di_kecamatan
        if tingkat in (Tingkat.KABKOTA, Tingkat.PROVINSI):
            return self.di_daerah
        return False


class Penugasan(models.Model):
    """A user's role in one wilayah (and unit). No wilayah means nasional (Kemendagri).

    The rights themselves are django-guardian object permissions on the Wilayah (global
    permissions for nasional); services keep them in step with these rows.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="penugasan")
    wilayah = models.ForeignKey(
        Wilayah, null=True, blank=True, on_delete=models.PROTECT, related_name="penugasan",
        help_text="Kosongkan untuk tingkat nasional (hanya pemantau dan administrator).",
    )
    peran = models.CharField(max_length=20, choices=Peran.choices)
    unit = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="penugasan",
        help_text="Unit PJ data; operator dan verifikator dibatasi pada item unitnya.",
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["wilayah_id", "peran", "user_id"]
        verbose_name = "penugasan"
        verbose_name_plural = "penugasan"
        constraints = [
            models.UniqueConstraint(fields=["user", "wilayah", "peran", "unit"], name="penugasan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.label_peran} {self.label_wilayah}"

    @property
    def label_peran(self) -> str:
        if self.peran == Peran.APPROVER:
            return "Penyetuju (Camat)" if self.tingkat == Tingkat.KECAMATAN else "Penyetuju (Bappeda)"
        label = self.get_peran_display()
        return f"{label} {self.unit.singkatan}" if self.unit_id else label

    @property
    def label_wilayah(self) -> str:
        return self.wilayah.nama_lengkap if self.wilayah_id else "Nasional"

    @property
    def tingkat(self) -> int | None:
        return self.wilayah.tingkat if self.wilayah_id else None

    @property
    def kemampuan(self) -> tuple[str, ...]:
        return PERAN_KEMAMPUAN[self.peran]


class BatasWilayah(models.Model):
    """A simplified outline of a wilayah for the public maps (D96), loaded from wilayah/batas/ by
    `manage.py muat_batas`: rings of integer coordinates (x = lng × skala, y = lat × skala). A
    provinsi or kab/kota has a coarse outline for the national map (`kasar`), a kab/kota or
    kecamatan a detailed one for its parent's page (`rinci`)."""

    class Detail(models.TextChoices):
        KASAR = "kasar", "Peta nasional"
        RINCI = "rinci", "Peta provinsi/kabupaten"

    wilayah = models.ForeignKey(Wilayah, on_delete=models.CASCADE, related_name="batas")
    detail = models.CharField(max_length=5, choices=Detail.choices)
    skala = models.PositiveIntegerField()
    cincin = models.JSONField(help_text="[[x1, y1, x2, y2, ...], ...]")

    class Meta:
        verbose_name = "batas wilayah"
        verbose_name_plural = "batas wilayah"
        constraints = [models.UniqueConstraint(fields=["wilayah", "detail"], name="batas_wilayah_unik")]

    def __str__(self) -> str:
        return f"{self.wilayah_id} ({self.detail})"


def _jalur_logo(obj: "KopSurat", nama: str) -> str:
    return f"kop-surat/{obj.wilayah_id}.{nama.rsplit('.', 1)[-1]}"


class KopSurat(models.Model):
    """The letterhead logo a wilayah's administrator sets for its official documents (D100); the
    government's name itself comes from the region (`wilayah.selectors.kop_surat`)."""

    wilayah = models.OneToOneField(Wilayah, on_delete=models.CASCADE, primary_key=True, related_name="kop_surat")
    logo = models.FileField(upload_to=_jalur_logo)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kop surat"
        verbose_name_plural = "kop surat"

    def __str__(self) -> str:
        return f"Kop surat {self.wilayah_id}"
