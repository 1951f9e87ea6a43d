"""Form fields every app uses to choose a region's unit of work."""
from django import forms

from .models import UnitKerja


class PilihUnit(forms.ModelChoiceField):
    """A unit (OPD/puskesmas/...) shown as 'Singkatan — Nama' (the name alone when they are the same)."""

    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{obj.singkatan} — {obj.nama}" if obj.singkatan != obj.nama else obj.nama
