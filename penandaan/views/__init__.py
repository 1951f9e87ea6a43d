"""Pages of budget tagging: `rincian` (a Laporan's spending lines and the SIPD import),
`anggaran` (the budget read pages and the APBD perubahan before/after) and `realisasi` (the
kecamatan semester realisation and its roll-up). URLs in penandaan/urls.py."""
