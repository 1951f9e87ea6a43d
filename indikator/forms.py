"""Form pieces for choosing catalog indicators, shared by every app whose rows name one."""
from django import forms

from .models import IndikatorCapaian


def indikator_katalog():
    """The indicators in catalog order: the choices of every indicator field."""
    return IndikatorCapaian.objects.order_by("urutan", "kode")


class PilihIndikator(forms.ModelChoiceField):
    def label_from_instance(self, obj: IndikatorCapaian) -> str:
        return f"{obj.kode} — {obj.pembilang}"
