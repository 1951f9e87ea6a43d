"""The "Laporan Penilaian" PDF of one wilayah and year: total, class, the breakdown per component
with its evidence, the coverage against target per indicator, and the monitoring notes of the
step-"penilaian" Laporan with that Laporan's approval trail (aksi.pdf.konteks_umum).

Portrait A4, rendered offline by inti.pdf.render_pdf; `html_laporan_penilaian` gives the HTML
(tests read it), `dokumen_laporan_penilaian` the PDF.
"""
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from aksi.pdf import konteks_umum
from inti.pdf import ZONA_WAKTU, render_pdf

from .models import CATATAN_RUMUS, JenisKomponen, NilaiPenilaian
from .selectors import catatan_daftar

TEMPLATE = "pdf/laporan_penilaian.html"


def html_laporan_penilaian(nilai: NilaiPenilaian, laporan_monev: Laporan | None = None) -> str:
    with translation.override("id"), timezone.override(ZONA_WAKTU):
        wilayah = nilai.wilayah
        rincian = list(nilai.rincian.all())
        konteks = {
            "nilai": nilai, "wilayah": wilayah, "jenjang": [*wilayah.leluhur(), wilayah], "rincian": rincian,
            "cakupan": [r for r in rincian if r.jenis == JenisKomponen.CAKUPAN_TARGET],
            "aturan": nilai.aturan, "catatan_rumus": CATATAN_RUMUS,
            "dihitung": timezone.localtime(nilai.dihitung_pada, ZONA_WAKTU),
            "dicetak": timezone.localtime(timezone.now(), ZONA_WAKTU),
            "laporan_monev": laporan_monev, "catatan": [],
        }
        if laporan_monev is not None:
            umum = konteks_umum(laporan_monev)
            konteks |= {
                "riwayat": umum["riwayat"], "bagian": umum["bagian"], "penyetuju": umum["penyetuju"],
                "monev_disetujui": laporan_monev.status == StatusLaporan.DISETUJUI,
                "catatan": catatan_daftar(laporan_monev),
            }
        return render_to_string(TEMPLATE, konteks)


def dokumen_laporan_penilaian(nilai: NilaiPenilaian, laporan_monev: Laporan | None = None) -> bytes:
    return render_pdf(html_laporan_penilaian(nilai, laporan_monev))
