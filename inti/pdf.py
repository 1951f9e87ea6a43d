"""PDFs from Django templates with WeasyPrint, offline: no resource is fetched but data: URLs.

Every document of the portal renders through `render_pdf`, in Bahasa Indonesia and
Asia/Jakarta time, so dates and month names read the same everywhere.
"""
from zoneinfo import ZoneInfo

from django.conf import settings

ZONA_WAKTU = ZoneInfo("Asia/Jakarta")


def _pengambil_url():
    try:  # WeasyPrint ≥ 66: a fetcher object that refuses every protocol but data:
        from weasyprint import URLFetcher

        return URLFetcher(allowed_protocols={"data"})
    except ImportError:  # pragma: no cover - older WeasyPrint takes a plain function
        from weasyprint import default_url_fetcher

        def ambil(url, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError(f"Sumber luar tidak dimuat: {url}")
            return default_url_fetcher(url, *args, **kwargs)

        return ambil


# Tagged PDF (PDF/UA-1): a structure tree, the document language and title, so screen readers can
# read the documents (issue 17, D100). Every PDF template sets <html lang> and <title>.
VARIAN_PDF = "pdf/ua-1"


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy import (Pango): only when a PDF is made

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_pengambil_url()).write_pdf(pdf_variant=VARIAN_PDF)
