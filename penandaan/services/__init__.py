"""Writes of budget tagging, split by meaning: `rincian` (the spending lines, one at a time or a
unit's lines at once), `perubahan` (starting an APBD perubahan from the approved murni tags) and
`realisasi` (the kecamatan semester realisation of programs). Reads are in penandaan.selectors."""
from .perubahan import perubahan_mulai
from .realisasi import realisasi_hapus, realisasi_simpan
from .rincian import (
    MODE_IMPOR,
    HasilImpor,
    periksa_laporan,
    rincian_buat,
    rincian_hapus,
    rincian_impor,
    rincian_pulihkan,
    rincian_ubah,
    unit_rincian,
)

__all__ = [
    "MODE_IMPOR", "HasilImpor", "periksa_laporan", "perubahan_mulai", "realisasi_hapus", "realisasi_simpan",
    "rincian_buat", "rincian_hapus", "rincian_impor", "rincian_pulihkan", "rincian_ubah", "unit_rincian",
]
