"""/laporan-tahunan/<kode>/<tahun>/: ask for the annual report, follow its making, download it."""
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from inti.galat import Ditolak
from wilayah.lingkup import lingkup_wajib
from wilayah.selectors import wilayah_ambil

from . import services
from .selectors import laporan_tahunan


@lingkup_wajib
def halaman(request, kode: str, tahun: int):
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    if request.method == "POST":
        try:
            services.laporan_tahunan_minta(oleh=request.user, wilayah=wilayah, tahun=tahun)
        except Ditolak as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Laporan tahunan sedang dibuat; halaman ini memberi tahu bila sudah selesai.")
        return redirect("tahunan:halaman", kode, tahun)
    return render(request, "tahunan/halaman.html", {"wilayah": wilayah, "tahun": tahun, "lap": laporan_tahunan(wilayah, tahun)})


@lingkup_wajib
def status(request, kode: str, tahun: int):
    """The state part of the page, polled by htmx while the report is being made."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    return render(request, "tahunan/_status.html", {"wilayah": wilayah, "tahun": tahun, "lap": laporan_tahunan(wilayah, tahun)})


@lingkup_wajib
def unduh(request, kode: str, tahun: int):
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    lap = laporan_tahunan(wilayah, tahun)
    if lap is None or not lap.berkas:
        raise Http404("Laporan tahunan belum dibuat.")
    return FileResponse(lap.berkas.open("rb"), as_attachment=True, filename=f"laporan-tahunan-{kode}-{tahun}.pdf",
                        content_type="application/pdf")
