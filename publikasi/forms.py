"""Forms of regulasi, publikasi and pengaduan. They parse and give early feedback (every bad
field at once, files by content); the services check everything again."""
from django import forms
from django.core.exceptions import ValidationError

from aksi.forms import FormDokumen
from aksi.models import Laporan, Tahapan

from .berkas import DOKUMEN, GAMBAR, PDF, maks_unggah, periksa_berkas
from .models import JenisPublikasi, Publikasi, Regulasi, pilihan_jenis
from .models_pengaduan import MAKS_ISI, TopikPengaduan, normalkan_kontak
from .selectors import calon_petugas, pilihan_wilayah

_TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_PDF = forms.FileInput(attrs={"accept": ".pdf,application/pdf"})
_GAMBAR = forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,image/jpeg,image/png"})
_DOKUMEN = forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"})


def _gaya(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs["class"] = "form-check-input"
        elif isinstance(widget, forms.Select):
            widget.attrs["class"] = "form-select"
        else:
            widget.attrs["class"] = "form-control"


def _berkas(form: forms.BaseForm, field: str, *, nama: str, boleh: tuple[str, ...], maks: int):
    """clean_<field> for an optional upload: its real type and size, as a field error."""
    berkas = form.cleaned_data.get(field)
    if berkas:
        try:
            periksa_berkas(berkas, field=field, nama=nama, boleh=boleh, maks=maks)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict[field]) from None
    return berkas


class RegulasiForm(FormDokumen):
    # Not the model field: the service checks the content and stores it under a generated name.
    berkas = forms.FileField(label="Berkas PDF", widget=_PDF,
                             help_text="Hanya PDF. Saat mengubah, kosongkan untuk mempertahankan berkas yang ada.")

    class Meta:
        model = Regulasi
        fields = ["jenis", "nomor", "tanggal", "judul", "tahapan_terkait"]
        widgets = {"tanggal": _TANGGAL}

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, laporan=laporan, **kwargs)
        self.fields["jenis"].choices = [("", "---------"), *pilihan_jenis(laporan.wilayah)]
        self.fields["tahapan_terkait"].queryset = Tahapan.objects.exclude(pk=Regulasi.TAHAPAN)
        self.fields["tahapan_terkait"].empty_label = "–"
        self.fields["berkas"].required = not self.instance.pk

    def clean_berkas(self):
        return _berkas(self, "berkas", nama="Dokumen regulasi", boleh=PDF, maks=maks_unggah("AKSI_MAKS_UNGGAH_DOKUMEN"))


class PublikasiForm(forms.Form):
    """A plain form: the model's checks need the files, which only the service attaches."""

    wilayah = forms.ModelChoiceField(queryset=None, label="Wilayah")
    jenis = forms.ChoiceField(label="Jenis", choices=JenisPublikasi.choices)
    judul = forms.CharField(label="Judul", max_length=200)
    isi = forms.CharField(label="Isi", required=False, widget=forms.Textarea(attrs={"rows": 10}),
                          help_text=Publikasi._meta.get_field("isi").help_text)
    gambar = forms.FileField(label="Gambar", required=False, widget=_GAMBAR, help_text="PNG atau JPEG.")
    keterangan_gambar = forms.CharField(label="Keterangan gambar", max_length=200, required=False,
                                        help_text="Teks pengganti gambar untuk pembaca layar.")
    lampiran = forms.FileField(label="Lampiran PDF", required=False, widget=_PDF)
    hapus_gambar = forms.BooleanField(label="Hapus gambar yang ada", required=False)
    hapus_lampiran = forms.BooleanField(label="Hapus lampiran yang ada", required=False)

    def __init__(self, *args, wilayah=None, instance: Publikasi | None = None, **kwargs):
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", {f: getattr(instance, f) for f in ("jenis", "judul", "isi", "keterangan_gambar")})
        super().__init__(*args, **kwargs)
        if instance is None:
            self.fields["wilayah"].queryset = wilayah
            self.fields["wilayah"].label_from_instance = lambda w: w.nama_lengkap
            del self.fields["hapus_gambar"], self.fields["hapus_lampiran"]
        else:
            del self.fields["wilayah"]
            if not instance.gambar:
                del self.fields["hapus_gambar"]
            if not instance.lampiran:
                del self.fields["hapus_lampiran"]
        _gaya(self)

    def clean_gambar(self):
        return _berkas(self, "gambar", nama="Gambar", boleh=GAMBAR, maks=maks_unggah("PUBLIKASI_MAKS_GAMBAR", 2 * 1024 * 1024))

    def clean_lampiran(self):
        return _berkas(self, "lampiran", nama="Lampiran", boleh=PDF, maks=maks_unggah("AKSI_MAKS_UNGGAH_DOKUMEN"))


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
        _gaya(self)

    def clean_kontak(self):
        try:
            return normalkan_kontak(self.cleaned_data.get("kontak", ""))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["kontak"]) from None

    def clean_lampiran(self):
        return _berkas(self, "lampiran", nama="Lampiran", boleh=DOKUMEN,
                       maks=maks_unggah("PENGADUAN_MAKS_LAMPIRAN", 5 * 1024 * 1024))

    def pilihan(self):
        data = self.data if self.is_bound else {}
        return pilihan_wilayah(data.get("provinsi", ""), data.get("kabkota", ""), data.get("kecamatan", ""))

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
        _gaya(self)


class JawabForm(forms.Form):
    jawaban = forms.CharField(label="Jawaban untuk pelapor", widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="Tampil di halaman pelacakan publik. Jangan tulis data pribadi.")

    def __init__(self, *args, pengaduan, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("jawaban", pengaduan.jawaban)
        _gaya(self)
