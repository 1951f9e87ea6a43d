"""Typed URL converters shared by every app: a year arrives in a view as an int, a region code
as a validated string. Registered once in IntiConfig.ready(), before any URLconf is imported."""
from django.urls import register_converter


class TahunConverter:
    """A four-digit year -> int (a string year once reached `laporan.tahun + 1`)."""

    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class KodeDaerahConverter:
    """Kemendagri code of a provinsi, kab/kota or kecamatan: 17, 17.01, 17.01.01."""

    regex = r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2})?)?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class KodeWilayahConverter(KodeDaerahConverter):
    """Any region code down to desa/kelurahan: 17, 17.01, 17.01.01, 17.01.01.2001."""

    regex = r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?"


def daftarkan() -> None:
    register_converter(TahunConverter, "tahun")
    register_converter(KodeDaerahConverter, "daerah")
    register_converter(KodeWilayahConverter, "wilayah")
