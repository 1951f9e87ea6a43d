"""The yearly RAD monitoring document as PDF (`pdf/rad_pemantauan.html`, landscape A4 through
`inti.pdf.render_pdf`): the regulation, the year's prevalence target, the counts, then every
output with a target that year grouped by pilar. The RAD Laporan's parts and approval trail come
from `aksi.pdf.konteks_umum`, and an unapproved year carries the draft banner and watermark like
every other Laporan document."""
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aksi.pdf import konteks_umum
from inti.pdf import ZONA_WAKTU, render_pdf

from .selectors import Dasbor, laporan_rad


def konteks_pdf(d: Dasbor) -> dict:
    laporan = laporan_rad(d)
    if laporan is not None:
        konteks = konteks_umum(laporan)
    else:  # nothing reported yet: the same header without parts or trail
        wilayah = d.regulasi.wilayah
        konteks = {"laporan": None, "wilayah": wilayah, "jenjang": [*wilayah.leluhur(), wilayah], "riwayat": [],
                   "bagian": [], "disetujui": False, "dicetak": timezone.localtime(timezone.now(), ZONA_WAKTU)}
    per_pilar = {}
    for b in d.baris_tahun():
        per_pilar.setdefault(b.keluaran.instrumen.strategi.pilar, []).append((b.keluaran, b.sel[d.tahun]))
    return {**konteks, "d": d, "per_pilar": per_pilar, "prevalensi": d.prevalensi.get(d.tahun)}


def html_pemantauan(d: Dasbor) -> str:
    with translation.override("id"):
        return render_to_string("pdf/rad_pemantauan.html", konteks_pdf(d))


def dokumen_pemantauan(d: Dasbor) -> bytes:
    return render_pdf(html_pemantauan(d))
