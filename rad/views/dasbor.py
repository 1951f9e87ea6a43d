"""RAD pages: the list of regulations and the dashboard (per pilar and per agency, xlsx, PDF).
Every regulation comes through `regulasi_ambil`, so anything outside the user's scope answers 404.

Query parameters of the dashboard and its exports: `tahun` (default this year, kept inside the RAD
period), `semua=1` (also realisation not yet approved), `pilar` (1–5), `unit` (lead agency code).
"""
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from wilayah.lingkup import lingkup_wajib
from ..ekspor import dasbor_xlsx
from ..forms import SaringDasbor, wilayah_kelola
from ..models import RegulasiRAD
from ..pdf import dokumen_pemantauan
from ..selectors import dasbor_rad, laporan_rad, regulasi_ambil, regulasi_dapat_dibaca

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _tahun_bawaan(regulasi: RegulasiRAD) -> int:
    return min(max(timezone.localdate().year, regulasi.tahun_mulai), regulasi.tahun_selesai)


def _saringan(request, regulasi: RegulasiRAD) -> dict:
    form = SaringDasbor(request.GET)
    if not form.is_valid():
        raise BadRequest("Parameter tidak valid: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    data = form.cleaned_data
    tahun = data["tahun"] or _tahun_bawaan(regulasi)
    if tahun not in regulasi.daftar_tahun:
        raise Http404(f"Tahun {tahun} di luar periode RAD ini.")
    return {"tahun": tahun, "semua": data["semua"], "pilar": data["pilar"], "unit": data["unit"] or None}


def _query(s: dict, **ubah) -> str:
    nilai = {"tahun": s["tahun"], "semua": "1" if s["semua"] else "", "pilar": s["pilar"] or "", "unit": s["unit"] or ""} | ubah
    return urlencode({k: v for k, v in nilai.items() if v not in ("", None)})


@lingkup_wajib
def daftar(request):
    return render(request, "rad/daftar.html", {
        "daftar": regulasi_dapat_dibaca(request.user).order_by("wilayah_id", "-tahun"),
        "boleh_buat": wilayah_kelola(request.user).exists(),
    })


@lingkup_wajib
@require_GET
def dasbor(request, pk: int):
    regulasi = regulasi_ambil(user=request.user, pk=pk)
    s = _saringan(request, regulasi)
    d = dasbor_rad(regulasi=regulasi, **s)
    return render(request, "rad/dasbor.html", {
        "regulasi": regulasi, "d": d, "s": s, "query": _query(s), "laporan": laporan_rad(d),
        "tautan_tahun": [(t, _query(s, tahun=t)) for t in regulasi.daftar_tahun],
        "tautan_semua": _query(s, semua="" if s["semua"] else "1"),
        "tautan_pilar": [(r, _query(s, pilar=r.kunci, unit="")) for r in d.per_pilar],
        "tautan_unit": [(r, _query(s, unit=r.kunci, pilar="")) for r in d.per_unit],
        "tautan_reset": _query(s, pilar="", unit=""),
    })


@lingkup_wajib
@require_GET
def dasbor_ekspor(request, pk: int):
    regulasi = regulasi_ambil(user=request.user, pk=pk)
    s = _saringan(request, regulasi)
    respons = HttpResponse(dasbor_xlsx(dasbor_rad(regulasi=regulasi, **s)), content_type=JENIS_XLSX)
    respons["Content-Disposition"] = f'attachment; filename="rad-{regulasi.wilayah_id}-{s["tahun"]}.xlsx"'
    respons["Cache-Control"] = "private, no-store"
    return respons


@lingkup_wajib
@require_GET
def pdf(request, pk: int, tahun: int):
    regulasi = regulasi_ambil(user=request.user, pk=pk)
    if tahun not in regulasi.daftar_tahun:
        raise Http404(f"Tahun {tahun} di luar periode RAD ini.")
    d = dasbor_rad(regulasi=regulasi, tahun=tahun, semua=request.GET.get("semua") == "1")
    respons = HttpResponse(dokumen_pemantauan(d), content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="pemantauan-rad-{regulasi.wilayah_id}-{tahun}.pdf"'
    respons["Cache-Control"] = "private, no-store"
    return respons
