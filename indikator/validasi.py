"""Checks on desa values, shared by the grid form and the Excel import."""
import re
from dataclasses import dataclass

from .katalog import Item

_BULAT = re.compile(r"^\d+$")
_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 1.234 written the Indonesian way


@dataclass(frozen=True)
class Kesalahan:
    pesan: str
    desa: str = ""
    item: str = ""
    lokasi: str = ""  # e.g. "lembar 'Data Desa', baris 7, kolom K (A2)" for Excel

    def __str__(self) -> str:
        return f"{self.lokasi}: {self.pesan}" if self.lokasi else self.pesan


class IsianTidakValid(Exception):
    """Nothing was saved; `kesalahan` lists every problem found."""

    def __init__(self, kesalahan: list[Kesalahan]):
        self.kesalahan = kesalahan
        super().__init__("; ".join(str(k) for k in kesalahan[:5]))


def baca_angka(mentah, item: Item) -> int | None:
    """Parse one cell/field. Empty -> None. Raises ValueError with the reason in Indonesian."""
    if mentah is None:
        return None
    if isinstance(mentah, bool):
        raise ValueError("bukan angka")
    if isinstance(mentah, int):
        nilai = mentah
    elif isinstance(mentah, float):
        if not mentah.is_integer():
            raise ValueError(f"harus bilangan bulat, bukan {mentah:g}".replace(".", ","))
        nilai = int(mentah)
    else:
        teks = str(mentah).strip().replace(" ", "")
        if teks == "":
            return None
        if teks.startswith("-") and (_BULAT.match(teks[1:]) or _RIBUAN.match(teks[1:])):
            raise ValueError("tidak boleh negatif")
        if _RIBUAN.match(teks):
            teks = teks.replace(".", "")
        if not _BULAT.match(teks):
            if re.match(r"^-?\d+([.,]\d+)?$", teks):
                raise ValueError(f"harus bilangan bulat, bukan {teks}")
            raise ValueError(f"bukan angka: '{str(mentah).strip()[:20]}'")
        nilai = int(teks)
    if nilai < 0:
        raise ValueError("tidak boleh negatif")
    if item.ya_tidak and nilai not in (0, 1):
        raise ValueError("isi 1 (ya) atau 0 (tidak)")
    if nilai > 2_000_000_000:
        raise ValueError("terlalu besar")
    return nilai


def periksa_penyebut(nilai: dict[str, int], capaian: list[Item]) -> list[tuple[Item, int, int]]:
    """Numerators above their denominator in one desa: (item, numerator, denominator).

    Checked only when every sasaran of the denominator has a value.
    """
    hasil = []
    for item in capaian:
        if not item.cakupan or item.kode not in nilai:
            continue
        if any(s not in nilai for s in item.penyebut):
            continue
        penyebut = sum(nilai[s] for s in item.penyebut)
        if nilai[item.kode] > penyebut:
            hasil.append((item, nilai[item.kode], penyebut))
    return hasil
