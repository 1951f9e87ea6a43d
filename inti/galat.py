"""The errors every app shares.

`Ditolak`: an action the user may not take now (a refused transition, a write outside the
window, a locked part). Views turn it into a message; the API into 400/409.
`Kesalahan` / `IsianTidakValid`: per-cell validation of a form or an uploaded file; nothing is
saved and every problem found is listed with where it is.
"""
from dataclasses import dataclass


class Ditolak(Exception):
    """An action the user may not take now; the message says why, in Bahasa Indonesia."""


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
