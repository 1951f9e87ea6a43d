"""Reading numbers the way Indonesian offices type them (1.250.000,50; Rp 1.250; 2,5), for every
import and form: ASCII digits only, bounded, a clear Indonesian reason when refused."""
import math
import re
from decimal import Decimal

_ANGKA_LUAS = re.compile(r"^-?[\d.,]+$")  # a number in any script's digits


def bukan_ascii(teks: str) -> ValueError | None:
    """The refusal of a number written with other digits than 0-9 (١٢, １２, ১২), if it is one."""
    if _ANGKA_LUAS.match(teks) and not teks.isascii():
        return ValueError(f"hanya angka 0–9 yang diterima, bukan '{teks[:20]}'")
    return None


# ASCII digits only: `\d` and Decimal() would also read ١٢ or １２ as 12.
_RIBUAN = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")  # 1.250.000 or 1.250.000,50
_KOMA = re.compile(r"^[0-9]+(,[0-9]+)?$")  # 1250000 or 2,5
_TITIK = re.compile(r"^[0-9]+\.[0-9]+$")  # 2.5, 1250000.75: checked after _RIBUAN, so the dot cannot group thousands
_DERAU_FLOAT = Decimal("0.000001")
MAKS_DIGIT = 20  # before the decimal point; every amount stored here is smaller (Rp < 10^17, RAD targets < 10^12)
MAKS_DESIMAL = 10  # after it (columns keep 2; more is refused later with the value shown)
_BATAS = Decimal(10) ** MAKS_DIGIT
TERLALU_BESAR = f"terlalu besar (paling banyak {MAKS_DIGIT} digit sebelum koma)"


class BukanAngka(ValueError):
    """The cell is no number at all (a RAD year cell then holds a milestone text)."""


def _bukan_angka(mentah) -> BukanAngka:
    return BukanAngka(f"bukan angka: '{str(mentah).strip()[:30]}'")


def _dalam_batas(nilai: Decimal) -> Decimal:
    if not nilai.is_finite():
        raise BukanAngka("bukan angka")
    if abs(nilai) >= _BATAS:
        raise ValueError(TERLALU_BESAR)
    return nilai


def baca_desimal(mentah) -> Decimal | None:
    """An amount cell as Decimal (None if empty). Sign and range are checked by the caller.

    Refuses (ValueError with the reason) digits other than 0-9 and amounts of more than MAKS_DIGIT
    digits, so later arithmetic never meets a number it cannot hold; BukanAngka when it is no number.
    """
    if mentah is None:
        return None
    if isinstance(mentah, bool):
        raise _bukan_angka(mentah)
    if isinstance(mentah, int):
        return _dalam_batas(Decimal(mentah))
    if isinstance(mentah, float):
        nilai = _dalam_batas(Decimal(repr(mentah)) if math.isfinite(mentah) else Decimal("NaN"))
        dibulatkan = nilai.quantize(Decimal("0.01"))
        return dibulatkan if abs(nilai - dibulatkan) < _DERAU_FLOAT else nilai  # 0.1 + 0.2 style noise
    if isinstance(mentah, Decimal):
        return _dalam_batas(mentah)
    teks = str(mentah).replace("\xa0", "").replace(" ", "").strip()
    if teks == "":
        return None
    teks = re.sub(r"^(-?)rp\.?", r"\1", teks, flags=re.IGNORECASE)
    if salah := bukan_ascii(teks):
        raise salah
    negatif = teks.startswith("-")
    badan = teks[1:] if negatif else teks
    if _RIBUAN.match(badan):
        badan = badan.replace(".", "").replace(",", ".")
    elif _KOMA.match(badan):
        badan = badan.replace(",", ".")
    elif not _TITIK.match(badan):
        raise _bukan_angka(mentah)
    bulat, _, pecahan = badan.partition(".")
    if len(bulat.lstrip("0")) > MAKS_DIGIT:
        raise ValueError(TERLALU_BESAR)
    if len(pecahan) > MAKS_DESIMAL:
        raise ValueError(f"terlalu banyak angka di belakang koma (paling banyak {MAKS_DESIMAL})")
    nilai = Decimal(badan)
    return -nilai if negatif else nilai
