"""Forms of the public complaints: the public form (every bad field at once, the attachment
by content, the region by the three cascading selects) and the staff's assign and answer
forms. The services check everything again."""
from django import forms
from django.core.exceptions import ValidationError

from inti.forms import gaya_bootstrap
from inti.unggah import DOKUMEN, bersihkan_berkas, maks_unggah
from wilayah.pilihan import pilihan_dari

from .models import MAKS_ISI, TopikPengaduan, normalkan_kontak
from .selectors import calon_petugas

_DOKUMEN = forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"})


class PengaduanForm(forms.Form):
    nama = forms.CharField(label="Nama (boleh dikosongkan)", max_length=100, required=False)
    kontak = forms.CharField(label="Nomor HP/telepon atau email", max_length=254,
                             help_text="Hanya untuk petugas; tidak pernah ditampilkan di halaman publik.")
    provinsi = forms.CharField(label="Provinsi", required=False)
    kabkota = forms.CharField(label="Kabupaten/kota", required=False)
    kecamatan = forms.CharField(label="Kecamatan", required=False)
    topik = forms.ChoiceField(label="Topik", choices=[("", "— pilih topik —"), *TopikPengaduan.choices])
    isi = forms.CharField(label="Isi pengaduan", max_length=MAKS_ISI, min_length=10, widget=forms.Textarea(attrs={"rows": 6}),
                          help_text="Ceritakan apa yang terjadi, di mana dan kapan. Jangan tulis NIK atau data pribadi orang lain.")
    lampiran = forms.FileField(label="Lampiran (boleh dikosongkan)", required=False, widget=_DOKUMEN,
                               help_text="Foto atau dokumen: PDF, JPEG atau PNG.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)

    def clean_kontak(self):
        try:
            return normalkan_kontak(self.cleaned_data.get("kontak", ""))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["kontak"]) from None

    def clean_lampiran(self):
        return bersihkan_berkas(self, "lampiran", nama="Lampiran", boleh=DOKUMEN,
                       maks=maks_unggah("PENGADUAN_MAKS_LAMPIRAN", 5 * 1024 * 1024))

    def pilihan(self):
        return pilihan_dari(self.data if self.is_bound else {})

    def clean(self):
        data = super().clean()
        pilihan = self.pilihan()
        if not pilihan.kode_provinsi:
            self.add_error("provinsi", "Pilih provinsi tempat kejadian.")
        elif data.get("kabkota") and data["kabkota"] != pilihan.kode_kabkota:
            self.add_error("kabkota", "Kabupaten/kota ini tidak berada di provinsi yang dipilih.")
        elif data.get("kecamatan") and data["kecamatan"] != pilihan.kode_kecamatan:
            self.add_error("kecamatan", "Kecamatan ini tidak berada di kabupaten/kota yang dipilih.")
        else:
            data["wilayah"] = pilihan.wilayah_terpilih
        return data


class TugaskanForm(forms.Form):
    petugas = forms.ModelChoiceField(queryset=None, label="Petugas", required=False, empty_label="— belum ditugaskan —")

    def __init__(self, *args, pengaduan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["petugas"].queryset = calon_petugas(pengaduan)
        self.fields["petugas"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.initial.setdefault("petugas", pengaduan.petugas_id)
        gaya_bootstrap(self)


class JawabForm(forms.Form):
    jawaban = forms.CharField(label="Jawaban untuk pelapor", widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="Tampil di halaman pelacakan publik. Jangan tulis data pribadi.")

    def __init__(self, *args, pengaduan, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("jawaban", pengaduan.jawaban)
        gaya_bootstrap(self)
