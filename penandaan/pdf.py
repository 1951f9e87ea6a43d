"""The before/after document of an APBD perubahan Laporan as PDF (`pdf/penandaan_perubahan.html`,
rendered through `inti.pdf.render_pdf`; the data come from `selectors.selisih_perubahan`)."""
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aksi.models import Laporan
from inti.pdf import ZONA_WAKTU, render_pdf

from .selectors import selisih_perubahan

TEMPLATE_PDF = "pdf/penandaan_perubahan.html"


def html_perubahan(laporan_perubahan: Laporan) -> str:
    """The before/after document as HTML (the PDF's source; tests read it)."""
    from aksi.pdf import konteks_umum

    with translation.override("id"), timezone.override(ZONA_WAKTU):
        konteks = konteks_umum(laporan_perubahan) | {"selisih": selisih_perubahan(laporan_perubahan)}
        return render_to_string(TEMPLATE_PDF, konteks)


def dokumen_perubahan(laporan_perubahan: Laporan) -> bytes:
    return render_pdf(html_perubahan(laporan_perubahan))
