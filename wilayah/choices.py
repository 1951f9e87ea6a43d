from django.db import models


class Tingkat(models.IntegerChoices):
    PROVINSI = 1, "Provinsi"
    KABKOTA = 2, "Kabupaten/Kota"
    KECAMATAN = 3, "Kecamatan"
    DESA = 4, "Desa/Kelurahan"


class Jenis(models.TextChoices):
    PROVINSI = "provinsi", "Provinsi"
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"
    KECAMATAN = "kecamatan", "Kecamatan"
    DISTRIK = "distrik", "Distrik"
    DESA = "desa", "Desa"
    KELURAHAN = "kelurahan", "Kelurahan"
    DESA_ADAT = "desa_adat", "Desa adat"


class Peran(models.TextChoices):
    OPERATOR = "operator", "Operator"
    VERIFIKATOR = "verifikator", "Verifikator"
    APPROVER = "approver", "Penyetuju"
    PEMANTAU = "pemantau", "Pemantau"
    ADMINISTRATOR = "administrator", "Administrator"


class Izin(models.TextChoices):
    """Object permissions on a Wilayah; a role is a set of these (see PERAN_IZIN)."""

    LIHAT = "view_wilayah", "Membaca data wilayah dan wilayah di bawahnya"
    ISI = "isi_data", "Mengisi dan mengajukan data"
    VERIFIKASI = "verifikasi_data", "Memverifikasi atau mengembalikan data"
    SETUJUI = "setujui_data", "Menyetujui, mengembalikan atau membuka kembali data"
    KELOLA = "kelola_wilayah", "Mengelola penugasan pengguna"


PERAN_IZIN: dict[str, tuple[str, ...]] = {
    Peran.OPERATOR: (Izin.LIHAT, Izin.ISI),
    Peran.VERIFIKATOR: (Izin.LIHAT, Izin.VERIFIKASI),
    Peran.APPROVER: (Izin.LIHAT, Izin.SETUJUI),
    Peran.PEMANTAU: (Izin.LIHAT,),
    Peran.ADMINISTRATOR: (Izin.LIHAT, Izin.KELOLA),
}

# Length of the dotted code at each level: the ancestor at a level is a fixed-width prefix.
PANJANG_KODE = {Tingkat.PROVINSI: 2, Tingkat.KABKOTA: 5, Tingkat.KECAMATAN: 8, Tingkat.DESA: 13}


# What each role may do, told to the user on the home page (UI text).
PERAN_KEMAMPUAN: dict[str, tuple[str, ...]] = {
    Peran.OPERATOR: (
        "Mengisi data dan dokumen setiap tahapan untuk wilayah Anda, lewat formulir atau Excel.",
        "Mengajukan isian ke verifikator dan memperbaiki isian yang dikembalikan.",
        "Membaca data wilayah Anda dan wilayah di bawahnya.",
    ),
    Peran.VERIFIKATOR: (
        "Memeriksa isian yang diajukan operator unit Anda.",
        "Menyatakan isian terverifikasi atau mengembalikannya dengan alasan.",
        "Membaca data wilayah Anda dan wilayah di bawahnya.",
    ),
    Peran.APPROVER: (
        "Menyetujui laporan yang seluruh bagiannya sudah terverifikasi.",
        "Mengembalikan satu bagian dengan alasan, atau membuka kembali laporan yang sudah disetujui.",
        "Membaca data wilayah Anda dan wilayah di bawahnya.",
    ),
    Peran.PEMANTAU: (
        "Membaca data, capaian dan nilai wilayah Anda dan seluruh wilayah di bawahnya.",
        "Tidak dapat mengubah data.",
    ),
    Peran.ADMINISTRATOR: (
        "Mengelola penugasan pengguna di wilayah Anda dan wilayah di bawahnya.",
        "Membuka kembali laporan yang sudah disetujui.",
        "Membaca data wilayah Anda dan wilayah di bawahnya.",
    ),
}
