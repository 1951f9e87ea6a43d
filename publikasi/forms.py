"""Forms of regulasi and publikasi. They parse and give early feedback (every bad
field at once, files by content); the services check everything again."""
from django import forms

from aksi.seksi import FormDokumen
from aksi.models import Laporan, Tahapan
from inti.forms import gaya_bootstrap
from inti.unggah import GAMBAR, PDF, bersihkan_berkas, maks_unggah

from .models import JenisPublikasi, Publikasi, Regulasi, pilihan_jenis

_TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_PDF = forms.FileInput(attrs={"accept": ".pdf,application/pdf"})
_GAMBAR = forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,image/jpeg,image/png"})


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
        return bersihkan_berkas(self, "berkas", nama="Dokumen regulasi", boleh=PDF, maks=maks_unggah("AKSI_MAKS_UNGGAH_DOKUMEN"))


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
        gaya_bootstrap(self)

    def clean_gambar(self):
        return bersihkan_berkas(self, "gambar", nama="Gambar", boleh=GAMBAR, maks=maks_unggah("PUBLIKASI_MAKS_GAMBAR", 2 * 1024 * 1024))

    def clean_lampiran(self):
        return bersihkan_berkas(self, "lampiran", nama="Lampiran", boleh=PDF, maks=maks_unggah("AKSI_MAKS_UNGGAH_DOKUMEN"))
