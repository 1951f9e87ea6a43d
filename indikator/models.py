"""The catalog of DOMAIN.md §5–§7: kelompok sasaran, sasaran, 31 capaian, data pendukung.

Loaded from fixtures/katalog.json and editable in the admin.
"""
from django.conf import settings
from django.db import models

from wilayah.models import UnitKerja


class JenisPenyebut(models.TextChoices):
    SASARAN = "sasaran", "Jumlah sasaran"
    HITUNGAN = "hitungan", "Hitungan (bukan cakupan)"
    DESA = "desa", "Jumlah desa/kelurahan"


class JenisIntervensi(models.TextChoices):
    """Pergub 45/2025 Pasal 7: an intervention is spesifik when aimed at ibu hamil/nifas/menyusui,
    baduta, balita, remaja putri or calon pengantin (kelompok A–E), sensitif when aimed at poor
    and vulnerable families (kelompok F, rumah tangga & masyarakat) — D92."""

    SPESIFIK = "spesifik", "Intervensi spesifik"
    SENSITIF = "sensitif", "Intervensi sensitif"


class KelompokSasaran(models.Model):
    kode = models.CharField(primary_key=True, max_length=1)
    nama = models.CharField(max_length=80)
    jenis_intervensi = models.CharField("jenis intervensi", max_length=10, choices=JenisIntervensi.choices,
                                        default=JenisIntervensi.SPESIFIK,
                                        help_text="Indikator dan baris belanja kelompok ini dikelompokkan menurut jenis ini.")
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
    def jenis_intervensi(self) -> str:
        return self.kelompok.jenis_intervensi

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


class NilaiDesa(models.Model):
    """One long-format value: (Laporan, desa, item) -> a whole number ≥ 0.

    `item` is a catalog code: a sasaran (S01–S16), a capaian numerator (A1–F6) or a data
    pendukung (P01–P13). The Laporan gives the tahun, tahapan (and so the periode) and the
    owning kecamatan.
    """

    # One index, no more (a bulk load of millions of values rebuilds every index): the primary
    # key (laporan, desa, item). It is the row's identity and serves every lookup, all of which
    # name the Laporan — values by desa go through the desa's kecamatan Laporan, since a value's
    # desa always lies in its Laporan's kecamatan (isian.services checks every desa code).
    # On PostgreSQL `desa_id` and `item` are COLLATE "C" (migration 0005: byte order, the key
    # builds without the locale's rules); Django does not know it, so an AlterField of either
    # column must set it again.
    pk = models.CompositePrimaryKey("laporan", "desa", "item")
    laporan = models.ForeignKey("aksi.Laporan", on_delete=models.CASCADE, related_name="nilai", db_index=False)
    desa = models.ForeignKey("wilayah.Wilayah", on_delete=models.PROTECT, related_name="+", db_index=False)
    item = models.CharField(max_length=4)
    nilai = models.PositiveIntegerField()
    # no per-value timestamp: RiwayatIsian records who changed which value when (and 8 bytes
    # less per row in a table of millions)

    class Meta:
        verbose_name = "nilai desa"
        verbose_name_plural = "nilai desa"

    def __str__(self) -> str:
        return f"{self.desa_id} {self.item} = {self.nilai}"


class RiwayatIsian(models.Model):
    """One save of desa values: who, when, by form or Excel, and every changed cell's old and
    new value (`perubahan`: [[desa, item, lama, baru], ...]). One row per save keeps a
    full-grid save to a single insert instead of one per cell."""

    laporan = models.ForeignKey("aksi.Laporan", on_delete=models.CASCADE, related_name="riwayat_isian")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sumber = models.CharField(max_length=10, default="formulir")
    waktu = models.DateTimeField(auto_now_add=True)
    jumlah = models.PositiveIntegerField()
    perubahan = models.JSONField()

    class Meta:
        ordering = ["-waktu", "-id"]
        verbose_name = "riwayat isian"
        verbose_name_plural = "riwayat isian"

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.jumlah} nilai ({self.sumber})"


class NilaiTerbit(models.Model):
    """The desa values of a Laporan as last approved, kept while it is reopened for revision
    (D88): the roll-up and the public pages count these instead of the values being edited, until
    the Laporan is approved again, so reopening never makes published figures vanish. Empty for
    every Laporan not under revision (a handful at a time), so it needs no other index."""

    pk = models.CompositePrimaryKey("laporan", "desa", "item")
    laporan = models.ForeignKey("aksi.Laporan", on_delete=models.CASCADE, related_name="nilai_terbit", db_index=False)
    desa = models.ForeignKey("wilayah.Wilayah", on_delete=models.PROTECT, related_name="+", db_index=False)
    item = models.CharField(max_length=4)
    nilai = models.PositiveIntegerField()

    class Meta:
        verbose_name = "nilai terbit"
        verbose_name_plural = "nilai terbit"


class VersiTerbit(models.Model):
    """A published version of a Laporan that a reopening superseded (D88): when it was approved
    (and accepted above), when and why it was reopened, and its desa values — the history of
    published figures, readable after the new version replaced it."""

    laporan = models.ForeignKey("aksi.Laporan", on_delete=models.CASCADE, related_name="versi_terbit")
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = models.CharField(max_length=150, blank=True)
    diterima_pada = models.DateTimeField(null=True, blank=True)
    ditarik_pada = models.DateTimeField(auto_now_add=True)
    ditarik_oleh = models.CharField(max_length=150, blank=True)
    alasan = models.TextField(blank=True)
    jumlah_nilai = models.PositiveIntegerField(default=0)
    nilai = models.JSONField(default=list, help_text="[[kode desa, item, nilai], ...]")

    class Meta:
        ordering = ["-ditarik_pada", "-id"]
        verbose_name = "versi terbit"
        verbose_name_plural = "versi terbit"
