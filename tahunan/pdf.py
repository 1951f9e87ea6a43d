"""The annual report as HTML (tests read it) and as PDF (inti.pdf.render_pdf), portrait A4."""
from django.template.loader import render_to_string
from django.utils import timezone, translation

from inti.pdf import ZONA_WAKTU, render_pdf
from wilayah.selectors import kop_surat

from .selectors import isi_laporan

TEMPLATE = "pdf/laporan_tahunan.html"


def html_laporan_tahunan(wilayah, tahun: int) -> str:
    with translation.override("id"), timezone.override(ZONA_WAKTU):
        isi = isi_laporan(wilayah, tahun)
        return render_to_string(TEMPLATE, {"isi": isi, "jenjang": [*wilayah.leluhur(), wilayah], "kop": kop_surat(wilayah),
                                           "kepala": f"Laporan Tahunan Aksi Konvergensi · {wilayah.nama_lengkap} {tahun}",
                                           "kaki": " · hanya data yang disetujui",
                                           "dicetak": timezone.localtime(timezone.now(), ZONA_WAKTU)})


def dokumen_laporan_tahunan(wilayah, tahun: int) -> bytes:
    return render_pdf(html_laporan_tahunan(wilayah, tahun))
