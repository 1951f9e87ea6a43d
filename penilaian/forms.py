"""The monitoring note's form (CatatanMonev): it only parses; the service validates the model."""
from django import forms

from aksi.models import Laporan, Tahapan

from .models import TAHAPAN_PENILAIAN, CatatanMonev


class CatatanMonevForm(forms.ModelForm):
    class Meta:
        model = CatatanMonev
        fields = ("tahapan_dipantau", "masalah", "tindak_lanjut")
        widgets = {"masalah": forms.Textarea(attrs={"rows": 3}), "tindak_lanjut": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.laporan = laporan
        tingkat = laporan.wilayah.tingkat
        kode = [t.kode for t in Tahapan.objects.exclude(pk=TAHAPAN_PENILAIAN) if t.berlaku_di(tingkat)]
        self.fields["tahapan_dipantau"].queryset = Tahapan.objects.filter(pk__in=kode).order_by("urutan")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def _post_clean(self):  # the service validates the model; the form only parses
        pass
