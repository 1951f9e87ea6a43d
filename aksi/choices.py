from django.db import models


class StatusBagian(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIVERIFIKASI = "diverifikasi", "Diverifikasi"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


class StatusLaporan(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIVERIFIKASI = "diverifikasi", "Menunggu persetujuan"
    DISETUJUI = "disetujui", "Disetujui"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


class Periode(models.TextChoices):
    """The period a step's desa values belong to (DESIGN decision 4)."""

    BASELINE = "baseline", "Analisis situasi (baseline)"
    SEMESTER_1 = "s1", "Semester 1"
    SEMESTER_2 = "s2", "Semester 2"


class Transisi(models.TextChoices):
    AJUKAN = "ajukan", "Ajukan"
    VERIFIKASI = "verifikasi", "Verifikasi"
    KEMBALIKAN = "kembalikan", "Kembalikan"
    SETUJUI = "setujui", "Setujui"
    BUKA_KEMBALI = "buka_kembali", "Buka kembali"
    TAMBAH_BAGIAN = "tambah_bagian", "Bagian ditambahkan"
    # the review by the level above (kab/kota reviews its kecamatan, provinsi its kab/kota)
    TERIMA = "terima", "Diterima tingkat atas"
    KEMBALIKAN_ATAS = "kembali_atas", "Dikembalikan tingkat atas"


class StatusTinjauan(models.TextChoices):
    """The review of an approved Laporan by the level above (derived: `Laporan.tinjauan`)."""

    TIDAK_ADA = "", "—"  # not approved yet, or a level nobody reviews (provinsi)
    MENUNGGU = "menunggu", "Menunggu tinjauan"
    DITERIMA = "diterima", "Diterima"


# Parts that may be edited by their operator.
STATUS_DAPAT_DIUBAH = (StatusBagian.DRAFT, StatusBagian.DIKEMBALIKAN)


class SumberDana(models.TextChoices):
    """Funding source of a program or a tagged spending line (analisis, musrenbang, penandaan)."""

    APBD_PROVINSI = "apbd_provinsi", "APBD provinsi"
    APBD_KABKOTA = "apbd_kabkota", "APBD kabupaten/kota"
    APBDES = "apbdes", "APBDes"
    SWADAYA = "swadaya", "Swadaya masyarakat"
    SWASTA = "swasta", "Swasta/kemitraan"
    LAINNYA = "lainnya", "Lainnya"
