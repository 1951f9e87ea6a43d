"""Reads of budget tagging, split by meaning: `anggaran` (the budget pages: summary, drill-down,
planning vs APBD), `perubahan` (before/after of an APBD perubahan), `rincian` (a unit's part of a
penandaan Laporan) and `realisasi` (the kecamatan semester realisation). Writes are in
penandaan.services."""
from .anggaran import (
    NOL,
    anggaran_rincian,
    anggaran_ringkas,
    jenis_penandaan,
    rencana_vs_apbd,
    rincian_dasar,
    tahun_laporan,
)
from .perubahan import baris_perubahan, laporan_murni_untuk, selisih_perubahan
from .realisasi import bagian_realisasi, realisasi_per_intervensi, realisasi_per_wilayah_bawah
from .rincian import alasan_tidak_dapat_diubah, bagian_rincian

__all__ = [
    "NOL", "alasan_tidak_dapat_diubah", "anggaran_rincian", "anggaran_ringkas", "bagian_realisasi", "bagian_rincian",
    "baris_perubahan", "jenis_penandaan", "laporan_murni_untuk", "realisasi_per_intervensi", "realisasi_per_wilayah_bawah", "rencana_vs_apbd",
    "rincian_dasar", "selisih_perubahan", "tahun_laporan",
]
