"""Checks on desa values, shared by the grid form and the Excel import."""
import re

from inti.angka import bukan_ascii

from .katalog import Item

# Only the ASCII digits 0-9: `\d` would also take ١٢ or １２ (and int() reads them as 12).
_BULAT = re.compile(r"^[0-9]+$")
_RIBUAN = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")  # 1.234 written the Indonesian way
_DESIMAL = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
NILAI_MAKS = 2_000_000_000
TERLALU_BESAR = "terlalu besar (paling besar 2.000.000.000)"


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
        if salah := bukan_ascii(teks):
            raise salah
        if teks.startswith("-") and (_BULAT.match(teks[1:]) or _RIBUAN.match(teks[1:])):
            raise ValueError("tidak boleh negatif")
        if _RIBUAN.match(teks):
            teks = teks.replace(".", "")
        if not _BULAT.match(teks):
            if _DESIMAL.match(teks):
                raise ValueError(f"harus bilangan bulat, bukan {teks[:20]}")
            raise ValueError(f"bukan angka: '{str(mentah).strip()[:20]}'")
        teks = teks.lstrip("0") or "0"
        if len(teks) > len(str(NILAI_MAKS)):  # before int(): Python refuses over 4,300 digits in English
            raise ValueError(TERLALU_BESAR)
        nilai = int(teks)
    if nilai < 0:
        raise ValueError("tidak boleh negatif")
    if item.ya_tidak and nilai not in (0, 1):
        raise ValueError("isi 1 (ya) atau 0 (tidak)")
    if nilai > NILAI_MAKS:
        raise ValueError(TERLALU_BESAR)
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
