"""The confirmation form of the workflow transitions and each transition's page texts, and the
base form of a document-section row (`FormDokumen`, for `aksi.models.DokumenBagian` models)."""
from dataclasses import dataclass

from django import forms




class KonfirmasiForm(forms.Form):
    """The note or reason of a transition and the box the user ticks to confirm it (no JavaScript needed)."""

    konfirmasi = forms.BooleanField(error_messages={"required": "Centang kotak konfirmasi untuk melanjutkan."})

    def __init__(self, *args, langkah: "Langkah", nama_unit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[langkah.teks] = forms.CharField(
            label=langkah.label_teks, required=langkah.wajib, max_length=2000, strip=True,
            widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            error_messages={"required": "Alasan wajib diisi agar operator tahu apa yang harus diperbaiki."},
        )
        self.fields["konfirmasi"].label = langkah.pernyataan.format(unit=nama_unit)
        self.order_fields([langkah.teks, "konfirmasi"])


@dataclass(frozen=True)
class Langkah:
    """A transition as its confirmation page shows it; `{unit}` is the part's unit."""

    judul: str
    penjelasan: str
    pernyataan: str
    tombol: str
    berhasil: str
    teks: str = "catatan"
    label_teks: str = "Catatan (boleh kosong)"
    wajib: bool = False
    daftar: str = ""  # aksi_pengguna list that offers it (part transitions), else its flag


LANGKAH = {
    "ajukan": Langkah(
        "Ajukan bagian {unit}", "Bagian ini dikirim ke verifikator unitnya dan tidak dapat diubah lagi kecuali dikembalikan.",
        "Saya sudah memeriksa kelengkapan bagian {unit} di atas dan ingin mengajukannya.", "Ajukan {unit}",
        "Bagian diajukan ke verifikator.", daftar="ajukan",
        label_teks="Catatan untuk verifikator (wajib bila bagian ini memang kosong)"),
    "verifikasi": Langkah(
        "Verifikasi bagian {unit}", "Bagian ini dinyatakan benar dan diteruskan ke penyetuju.",
        "Saya sudah memeriksa isi bagian {unit} dan menyatakannya benar.", "Verifikasi {unit}",
        "Bagian diverifikasi.", daftar="verifikasi"),
    "kembalikan": Langkah(
        "Kembalikan bagian {unit}", "Bagian ini kembali ke operatornya untuk diperbaiki; alasan Anda tampil di halamannya.",
        "Saya ingin mengembalikan bagian {unit} ke operatornya.", "Kembalikan {unit}",
        "Bagian dikembalikan ke operator.", teks="alasan", label_teks="Alasan dikembalikan", wajib=True, daftar="kembalikan"),
    "setujui": Langkah(
        "Setujui laporan", "Laporan disetujui dan semua isiannya menjadi hanya dapat dibaca.",
        "Saya sudah memeriksa kelengkapan semua bagian di atas dan menyetujui laporan ini.", "Setujui laporan",
        "Laporan disetujui.", daftar="setujui"),
    "buka-kembali": Langkah(
        "Buka kembali laporan", "Semua bagian kembali ke operatornya untuk diperbaiki, juga di luar jadwal.",
        "Saya ingin membuka kembali laporan yang sudah disetujui ini.", "Buka kembali",
        "Laporan dibuka kembali untuk diperbaiki.", teks="alasan", label_teks="Alasan membuka kembali", wajib=True,
        daftar="buka_kembali"),
    "terima": Langkah(
        "Terima laporan", "Tingkat atas menerima laporan yang sudah disetujui ini; laporan tetap hanya dapat dibaca.",
        "Saya sudah meninjau laporan ini dan menerimanya.", "Terima laporan",
        "Laporan diterima.", daftar="terima"),
    "kembalikan-atas": Langkah(
        "Kembalikan laporan ke wilayahnya", "Laporan dibuka kembali untuk wilayahnya: semua bagian kembali ke operatornya "
        "dan alasan Anda tampil di halamannya; penyetujunya menyetujui lagi setelah diperbaiki.",
        "Saya ingin mengembalikan laporan yang sudah disetujui ini untuk diperbaiki.", "Kembalikan laporan",
        "Laporan dikembalikan ke wilayahnya.", teks="alasan", label_teks="Alasan dikembalikan", wajib=True,
        daftar="kembalikan_atas"),
}
