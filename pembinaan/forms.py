from django import forms

from inti.forms import gaya_bootstrap

from .choices import JenisPembinaan

_FORMAT_TANGGAL = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def _tanggal(label: str) -> forms.DateField:
    return forms.DateField(label=label, input_formats=_FORMAT_TANGGAL, widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"required": f"{label} wajib diisi.",
                                           "invalid": f"{label} tidak valid; tulis seperti 31-12-2026."})


def _teks(label: str, baris: int = 3) -> forms.CharField:
    return forms.CharField(label=label, max_length=4000, widget=forms.Textarea(attrs={"rows": baris}),
                           error_messages={"required": f"{label} wajib diisi."})


class PembinaanForm(forms.Form):
    wilayah = forms.ChoiceField(label="Wilayah yang dibina", error_messages={
        "required": "Pilih wilayah yang dibina.", "invalid_choice": "Wilayah itu bukan wilayah di bawah Anda."})
    laporan = forms.TypedChoiceField(label="Laporan yang ditinjau (boleh kosong)", coerce=int, required=False, empty_value=None,
                                     error_messages={"invalid_choice": "Laporan itu bukan laporan wilayah di bawah Anda."})
    jenis = forms.ChoiceField(label="Jenis", choices=JenisPembinaan.choices,
                              error_messages={"invalid_choice": "Pilih pembinaan atau pengawasan."})
    tanggal = _tanggal("Tanggal kunjungan/tinjauan")
    temuan = _teks("Temuan")
    tindak_lanjut = _teks("Tindak lanjut yang diminta")
    batas = _tanggal("Batas tindak lanjut")

    def __init__(self, *args, anak, laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].choices = [("", "— pilih wilayah —")] + [(w.kode, w.nama_lengkap) for w in anak]
        self.fields["laporan"].choices = [("", "— tanpa laporan —")] + [
            (lap.pk, f"{lap.wilayah.nama} · {lap.tahapan.nama}") for lap in laporan]
        gaya_bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("tanggal") and data.get("batas") and data["batas"] < data["tanggal"]:
            self.add_error("batas", "Batas tindak lanjut tidak boleh sebelum tanggal kunjungan.")
        return data


class JawabForm(forms.Form):
    jawaban = _teks("Jawaban tindak lanjut", 2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)


class KirimForm(forms.Form):
    semester = forms.TypedChoiceField(label="Semester", coerce=int, choices=[(1, "Semester 1"), (2, "Semester 2")],
                                      error_messages={"invalid_choice": "Semester harus 1 atau 2."})
    catatan = forms.CharField(label="Catatan untuk provinsi (boleh kosong)", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)
