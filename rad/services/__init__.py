"""Writes of the Rencana Aksi Daerah, split by meaning: `regulasi` (a regulation and its logframe
item by item, from the UI forms), `logframe` (replacing a whole logframe from rows: the xlsx
import and the Bengkulu regulation loader) and `realisasi` (the RAD Laporan's parts and the yearly
realisation of outputs). Reads are in rad.selectors."""
from .logframe import (
    MAKS_TAHUN_RAD,
    TINGKAT_RAD,
    BarisLogframe,
    HasilLogframe,
    TargetIsian,
    logframe_ganti,
    prevalensi_ganti,
)
from .realisasi import (
    bagian_rad_lengkapi,
    bagian_rad_pada_laporan_baru,
    laporan_rad_buka,
    realisasi_hapus,
    realisasi_simpan,
)
from .regulasi import (
    instrumen_tambah,
    keluaran_hapus,
    keluaran_simpan,
    pilar_tambah,
    regulasi_simpan,
    strategi_tambah,
)

__all__ = [
    "MAKS_TAHUN_RAD", "TINGKAT_RAD", "BarisLogframe", "HasilLogframe", "TargetIsian", "bagian_rad_lengkapi",
    "bagian_rad_pada_laporan_baru", "instrumen_tambah", "keluaran_hapus", "keluaran_simpan", "laporan_rad_buka",
    "logframe_ganti", "pilar_tambah", "prevalensi_ganti", "realisasi_hapus", "realisasi_simpan", "regulasi_simpan",
    "strategi_tambah",
]
