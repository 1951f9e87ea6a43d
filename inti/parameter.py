"""Query-parameter rules shared by the API: a `tahun` is an integer in TAHUN_MIN..TAHUN_MAKS,
else a 400 with one Indonesian message, whatever the endpoint (FilterSet or plain view)."""
import django_filters
from django import forms
from rest_framework.exceptions import ValidationError

# The portal's cycles start in the 2000s; a larger number would overflow the year columns on
# PostgreSQL (a 500 instead of a 400).
TAHUN_MIN, TAHUN_MAKS = 2000, 2100
PESAN_TAHUN = f"Tahun harus bilangan bulat antara {TAHUN_MIN} dan {TAHUN_MAKS}, misalnya 2026."


class TahunFilter(django_filters.NumberFilter):
    """A FilterSet's `tahun`: 400 {"tahun": [PESAN_TAHUN]} outside the range or not a number."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", TAHUN_MIN)
        kwargs.setdefault("max_value", TAHUN_MAKS)
        kwargs.setdefault("error_messages", dict.fromkeys(("invalid", "min_value", "max_value"), PESAN_TAHUN))
        super().__init__(*args, **kwargs)


def tahun_parameter(teks: str | None, *, nama: str = "tahun") -> int:
    """A required year parameter of a view without a FilterSet: 400 naming `nama` when it is
    missing, not a whole number (ASCII digits) or outside TAHUN_MIN..TAHUN_MAKS."""
    teks = (teks or "").strip()
    if not (teks.isascii() and teks.isdigit()) or not TAHUN_MIN <= int(teks) <= TAHUN_MAKS:
        raise ValidationError({nama: [PESAN_TAHUN]})
    return int(teks)
