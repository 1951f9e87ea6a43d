"""Constants and helpers every part of the scoring shares."""
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from aksi.choices import StatusBagian, StatusLaporan

DUA_DESIMAL = Decimal("0.01")
SERATUS = Decimal(100)
NOL = Decimal(0)
PERIODE_BAWAAN = "baseline"  # analisis situasi
STATUS_MAJU = (StatusLaporan.DIAJUKAN, StatusLaporan.DIVERIFIKASI, StatusLaporan.DISETUJUI)
BAGIAN_MAJU = (StatusBagian.DIAJUKAN, StatusBagian.DIVERIFIKASI)

Progres = Callable[[int, int, str], None]


class PenilaianGagal(Exception):
    """Scoring cannot run (no active rule, bad level); the message says why, in Bahasa Indonesia."""


def bulat(nilai) -> Decimal:
    return Decimal(nilai).quantize(DUA_DESIMAL, ROUND_HALF_UP)
