"""Download the Analisis situasi document of a Laporan as PDF (URL name aksi:pdf)."""
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from .models_analisis import TAHAPAN_ANALISIS
from .pdf import dokumen_analisis_situasi
from .selectors import laporan_ambil


@login_required
@require_GET
def unduh_pdf(request, pk: int):
    laporan = laporan_ambil(user=request.user, pk=pk)  # 404 outside the user's scope
    if laporan.tahapan_id != TAHAPAN_ANALISIS:
        raise Http404("Dokumen PDF hanya tersedia untuk tahapan analisis situasi.")
    respons = HttpResponse(dokumen_analisis_situasi(laporan), content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="analisis-situasi-{laporan.tahun}-{laporan.wilayah_id}.pdf"'
    respons["Cache-Control"] = "private, no-store"
    return respons
