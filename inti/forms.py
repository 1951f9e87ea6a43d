"""What every form of the portal shares (fields and mixins; other apps never import an app's forms).

`AngkaAscii`: a number field accepts the digits 0-9 only. Python's int() and Decimal() read any
Unicode digit ('١٢', '１２' -> 12), so without this a form would store a value its user never saw
written that way; the grid, the Excel imports and SIPD refuse them the same way (decisions.md).

`versi_dikirim` and `kesalahan_ke_form` serve every write page: the version the user loaded, and
a service's ValidationError shown on the form.
"""
from collections.abc import Mapping

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

_ANGKA = (forms.IntegerField, forms.DecimalField, forms.FloatField)


def _digit_asing(teks: str) -> bool:
    return any(c.isdigit() and c not in "0123456789" for c in teks)


class AngkaAscii:
    """Mixin for a form: a number field whose posted text holds a non-ASCII digit is an error."""

    def _clean_fields(self):
        super()._clean_fields()
        for nama, field in self.fields.items():
            if isinstance(field, _ANGKA) and not field.disabled:
                mentah = self[nama].data
                if isinstance(mentah, str) and _digit_asing(mentah):
                    self.add_error(nama, f"Hanya angka 0–9 yang diterima, bukan '{mentah[:20]}'.")


class PilihIndikator(forms.ModelChoiceField):
    """A catalog indicator (indikator.IndikatorCapaian) shown as 'Kode — pembilang'."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.kode} — {obj.pembilang}"


class PilihUnit(forms.ModelChoiceField):
    """A unit of work (wilayah.UnitKerja) shown as 'Singkatan — Nama' (the name alone when both are
    the same). The form gives the queryset."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.singkatan} — {obj.nama}" if obj.singkatan != obj.nama else obj.nama


def gaya_bootstrap(form: forms.BaseForm) -> None:
    """Bootstrap classes on every visible widget of a form: check boxes and radio buttons
    (CheckboxSelectMultiple is a RadioSelect), selects, and every other input."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
            widget.attrs["class"] = "form-check-input"
        elif isinstance(widget, forms.Select):
            widget.attrs["class"] = "form-select"
        else:
            widget.attrs["class"] = "form-control"


def versi_dikirim(request) -> int | None:
    """The part/row version the user loaded, as POSTed in `versi` (None when missing or bad)."""
    try:
        return int(request.POST.get("versi", ""))
    except ValueError:
        return None


def kesalahan_ke_form(form, exc: ValidationError, label: Mapping[str, str] | None = None) -> None:
    """Service errors onto the form: on the field where the form has it, else at the top
    (prefixed with the field's `label`, else its name)."""
    for nama, pesan in exc.message_dict.items():
        if nama in form.fields:
            form.add_error(nama, pesan)
        elif nama == NON_FIELD_ERRORS:
            form.add_error(None, pesan)
        else:
            form.add_error(None, [f"{(label or {}).get(nama, nama)}: {p}" for p in pesan])
