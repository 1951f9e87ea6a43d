"""Roll-ups of the desa values (Rekap) and the roll-up's setting (the scores live in the penilaian app)."""
from django.db import models

from aksi.choices import Periode

KODE_NASIONAL = ""  # the nation's row in Rekap has the empty code


class Rekap(models.Model):
    """Sum of one item's desa values for a wilayah (kecamatan, kab/kota, provinsi or nasional),
    a year and a period. Coverage is always computed from these sums (numerator over the sum of
    its denominator sasaran), never by averaging percentages.

    Rebuilt set-based (one GROUP BY per level) from the NilaiDesa of kecamatan Laporan whose
    tahapan has this periode — approved ones only unless the administrator's setting says
    otherwise — fully or incrementally for one kecamatan and its ancestors.
    """

    # On PostgreSQL the table is partitioned by tahun (LIST, one partition per year plus a
    # default one; migration 0004): a full rebuild of a year builds a new partition beside the
    # old one and swaps them (monev.services). The primary key is the row's identity and its lookup.
    # Its text columns are COLLATE "C" there (byte order; Django does not know it, so an
    # AlterField of one of them must set it again).
    pk = models.CompositePrimaryKey("wilayah_kode", "item", "periode", "tahun")
    wilayah_kode = models.CharField(max_length=13, blank=True, help_text="Kosong = nasional.")
    tingkat = models.PositiveSmallIntegerField(help_text="0 nasional, 1 provinsi, 2 kab/kota, 3 kecamatan.")
    tahun = models.PositiveSmallIntegerField()
    periode = models.CharField(max_length=10, choices=Periode.choices)
    item = models.CharField(max_length=4)
    jumlah = models.BigIntegerField(help_text="Jumlah nilai desa.")
    jumlah_desa = models.PositiveIntegerField(help_text="Banyak desa yang mengisi item ini.")
    dihitung_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "rekap"
        verbose_name_plural = "rekap"
        # no other index: every read names its wilayah codes (a level's rows through Wilayah)

    def __str__(self) -> str:
        return f"{self.wilayah_kode or 'nasional'} {self.tahun} {self.periode} {self.item} = {self.jumlah}"


class PengaturanRekap(models.Model):
    """The administrator's choices for the roll-up: one row (pk 1), edited in the admin.

    The row is also the roll-up's lock: every rebuild, full or incremental, holds it
    (SELECT ... FOR UPDATE) so two workers never write the same ancestor rows at once.
    """

    sertakan_belum_disetujui = models.BooleanField(
        "sertakan data yang belum disetujui", default=False,
        help_text="Bila dicentang, rekap juga menjumlahkan nilai desa dari laporan kecamatan yang belum "
                  "disetujui (draf, diajukan, diverifikasi, dikembalikan). Bawaan: hanya laporan yang disetujui. "
                  "Menyimpan pengaturan ini menjadwalkan hitung ulang seluruh rekap.",
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pengaturan rekap"
        verbose_name_plural = "pengaturan rekap"

    def __str__(self) -> str:
        return "Pengaturan rekap"

    @classmethod
    def ambil(cls) -> "PengaturanRekap":
        return cls.objects.get_or_create(pk=1)[0]

