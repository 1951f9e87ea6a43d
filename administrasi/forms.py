from django import forms

from inti.forms import PilihUnit, gaya_bootstrap
from wilayah.choices import Peran
from wilayah.models import Wilayah

from .selectors import unit_semua, wilayah_pilihan


class PilihWilayah(forms.ModelChoiceField):
    def label_from_instance(self, obj: Wilayah) -> str:
        return f"{obj.kode} — {obj.nama_lengkap}"


class PeranForm(forms.Form):
    wilayah = PilihWilayah(queryset=Wilayah.objects.none(), label="Wilayah")
    peran = forms.ChoiceField(choices=Peran.choices, label="Peran")
    unit = PilihUnit(queryset=unit_semua(), required=False, label="Unit (operator dan verifikator)")

    def __init__(self, *args, oleh, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(oleh)
        gaya_bootstrap(self)


class PenggunaBaruForm(PeranForm):
    username = forms.RegexField(regex=r"^[\w.@+-]{3,150}$", label="Nama pengguna",
                                error_messages={"invalid": "3–150 huruf, angka atau . @ + - _ saja."})
    first_name = forms.CharField(label="Nama depan", max_length=150)
    last_name = forms.CharField(label="Nama belakang", max_length=150, required=False)
    email = forms.EmailField(label="Alamat surel", help_text="Tautan untuk membuat kata sandi dikirim ke sini.")
    field_order = ["username", "first_name", "last_name", "email", "wilayah", "peran", "unit"]


class ImporPenggunaForm(forms.Form):
    berkas = forms.FileField(label="Berkas pengguna (.xlsx dari templat)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)


class JadwalForm(forms.Form):
    mulai = forms.DateField(label="Dibuka", widget=forms.DateInput(attrs={"type": "date"}))
    selesai = forms.DateField(label="Ditutup", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)


class PerpanjanganForm(forms.Form):
    jadwal = forms.ModelChoiceField(queryset=None, label="Tahapan dan tingkat")
    wilayah = PilihWilayah(queryset=Wilayah.objects.none(), label="Wilayah (dan wilayah di bawahnya)")
    selesai = forms.DateField(label="Ditutup pada", widget=forms.DateInput(attrs={"type": "date"}))
    alasan = forms.CharField(label="Alasan", max_length=255)

    def __init__(self, *args, oleh, jadwal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jadwal"].queryset = jadwal
        self.fields["jadwal"].label_from_instance = lambda j: f"{j.tahapan.nama} — {j.get_tingkat_display()} (tutup {j.selesai:%d-%m-%Y})"
        self.fields["wilayah"].queryset = wilayah_pilihan(oleh)
        gaya_bootstrap(self)


class MintaPerpanjanganForm(PerpanjanganForm):
    """The same fields: the wilayah asks for itself (the choice lists the administered wilayah)."""
