from django import forms

from aksi.seksi import FormDokumen
from inti.forms import PilihIndikator

from .models import CapaianOPD


class CapaianOPDForm(FormDokumen):
    """One intervention of an OPD; `unit` offers only the OPD parts the user may fill now."""

    unit = forms.ChoiceField(label="OPD", error_messages={"required": "Pilih OPD.",
                                                         "invalid_choice": "Anda tidak dapat mengisi bagian OPD itu sekarang."})

    class Meta:
        model = CapaianOPD
        fields = ["indikator", "intervensi", "satuan", "target", "realisasi", "anggaran", "realisasi_anggaran", "kendala"]
        field_classes = {"indikator": PilihIndikator}
        widgets = {"kendala": forms.Textarea(attrs={"rows": 2})}
        localized_fields = ["target", "realisasi", "anggaran", "realisasi_anggaran"]

    def __init__(self, *args, unit: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["unit"]  # a row stays with its OPD
        else:
            self.fields["unit"].choices = [("", "— pilih OPD —"), *unit]
            self.fields["unit"].widget.attrs["class"] = "form-select"
            self.order_fields(["unit", *self.Meta.fields])
        self.fields["indikator"].required = False
