"""Constants and helpers every part of the scoring shares."""
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from aksi.choices import StatusBagian, StatusLaporan
from inti.galat import Ditolak

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


def kontribusi(skor: Decimal, bobot: Decimal, total_bobot: Decimal) -> Decimal:
    """A component's share of the total: round(skor × bobot / Σ bobot, 0.01) (docs/decisions.md D34)."""
    return bulat(skor * bobot / total_bobot) if total_bobot else NOL


class AturanBentrok(Ditolak):
    """Nothing was saved: fields this user changed were changed by someone else too since the page
    was loaded. `konflik`: (field, what this user entered, what is stored now)."""

    def __init__(self, konflik: list[tuple[str, object, object]], label: dict[str, str]):
        self.konflik = konflik
        rinci = "; ".join(f"{label.get(f, f)}: Anda mengisi {_teks(a)}, tersimpan sekarang {_teks(b)}" for f, a, b in konflik)
        super().__init__(
            f"Tidak disimpan: {len(konflik)} isian yang Anda ubah sudah diubah pengguna lain setelah Anda membuka halaman ini "
            f"({rinci}). Formulir kini memuat nilai tersimpan terbaru untuk isian yang tidak Anda ubah; periksa, lalu simpan "
            "lagi bila nilai Anda yang benar."
        )


def _teks(nilai) -> str:
    if isinstance(nilai, Decimal):
        return f"{nilai.normalize():f}".replace(".", ",")
    return f"'{nilai}'" if nilai else "(kosong)"
