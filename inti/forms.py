"""What every form of the portal shares (fields and mixins; other apps never import an app's forms).

`AngkaAscii`: a number field accepts the digits 0-9 only. Python's int() and Decimal() read any
Unicode digit ('١٢', '１２' -> 12), so without this a form would store a value its user never saw
written that way; the grid, the Excel imports and SIPD refuse them the same way (decisions.md).

`versi_dikirim` and `kesalahan_ke_form` serve every write page: the version the user loaded, and
a service's ValidationError shown on the form.

`Desimal`: a decimal number typed the way Indonesian offices write it ("2,5", "2.5", "1.250"),
read by `inti.angka.baca_desimal` like every import, so "2.5" is never taken for 25 (Django's
localized DecimalField would drop the dot as a thousands separator). Shown back as "2,5".
"""
from decimal import Decimal

from collections.abc import Mapping

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from .angka import baca_desimal

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


class Desimal(forms.DecimalField):
    """A decimal field reading "2,5" / "2.5" / "1.250" (see the module's doc); the bounds and the
    digits are still checked by DecimalField's validators."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *, error_messages=None, **kwargs):
        super().__init__(**kwargs)
        label = self.label or "Nilai"
        self.error_messages = {  # every message names the field: forms list them at the top too
            **self.error_messages,
            "required": f"{label} harus diisi.",
            "min_value": f"{label} paling kecil %(limit_value)s.",
            "max_value": f"{label} paling besar %(limit_value)s.",
            "max_digits": f"{label}: paling banyak %(max)s digit.",
            "max_decimal_places": f"{label}: paling banyak %(max)s angka di belakang koma.",
            "max_whole_digits": f"{label}: paling banyak %(max)s digit sebelum koma.",
            **(error_messages or {}),
        }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return baca_desimal(value)
        except ValueError as exc:
            raise ValidationError(f"{self.label or 'Nilai'}: {exc}.", code="invalid") from exc

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            teks = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}".rstrip("0")
            return teks.replace(".", ",")
        return value


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
