"""RAD pages: the list of regulations, the dashboard (per pilar and per agency, xlsx, PDF), the
yearly realisation entry and the evidence download. Every regulation comes through
`regulasi_ambil` and every evidence file through `realisasi_ambil`, so anything outside the
user's scope answers 404. Workflow actions (ajukan, verifikasi, setujui) stay on the shared
Laporan page (aksi:laporan), which the realisation page links to.

Query parameters of the dashboard and its exports: `tahun` (default this year, kept inside the RAD
period), `semua=1` (also realisation not yet approved), `pilar` (1–5), `unit` (lead agency code).
"""
from inti.galat import Ditolak
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aksi.dokumen import alasan_tidak_dapat_diisi
from aksi.selectors import SEMUA_UNIT, laporan_ambil, unit_peran
from inti.forms import kesalahan_ke_form, versi_dikirim
from wilayah.choices import Peran

from .choices import TAHAPAN_RAD
from .ekspor import dasbor_xlsx, dokumen_pemantauan, laporan_rad
from .forms import RealisasiForm, wilayah_kelola
from .models import Keluaran, RealisasiKeluaran, RegulasiRAD
from .realisasi import laporan_rad_buka, realisasi_hapus, realisasi_simpan
from .selectors import dasbor_rad, keluaran_logframe, realisasi_ambil, regulasi_ambil, regulasi_dapat_dibaca

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SaringDasbor(forms.Form):
    tahun = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    semua = forms.BooleanField(required=False)
    pilar = forms.IntegerField(min_value=1, max_value=5, required=False)
    unit = forms.SlugField(max_length=30, required=False)


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


@login_required
def daftar(request):
    return render(request, "rad/daftar.html", {
        "daftar": regulasi_dapat_dibaca(request.user).order_by("wilayah_id", "-tahun"),
        "boleh_buat": wilayah_kelola(request.user).exists(),
    })


@login_required
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


@login_required
@require_GET
def dasbor_ekspor(request, pk: int):
    regulasi = regulasi_ambil(user=request.user, pk=pk)
    s = _saringan(request, regulasi)
    respons = HttpResponse(dasbor_xlsx(dasbor_rad(regulasi=regulasi, **s)), content_type=JENIS_XLSX)
    respons["Content-Disposition"] = f'attachment; filename="rad-{regulasi.wilayah_id}-{s["tahun"]}.xlsx"'
    respons["Cache-Control"] = "private, no-store"
    return respons


@login_required
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


# --- realisation -------------------------------------------------------------------------------------

def _baris_realisasi(user, laporan, regulasi: RegulasiRAD, tahun: int, form_salah=None, keluaran_salah=None) -> list[dict]:
    realisasi = {r.keluaran_id: r for r in RealisasiKeluaran.objects.filter(laporan=laporan).order_by()}
    bagian = {b.unit_id: b for b in laporan.bagian.select_related("unit", "diubah_oleh").order_by()}
    for b in bagian.values():
        b.laporan = laporan
    # The full check (role, state, window) only for the parts of the user's own units: the other
    # agencies' parts are simply theirs, and each check costs permission queries.
    milik = unit_peran(user, laporan.wilayah, Peran.OPERATOR)
    alasan: dict[str, str | None] = {}
    baris = []
    for k in keluaran_logframe(regulasi).filter(target__tahun=tahun):
        pj = k.penanggung_jawab_id
        if pj not in alasan:
            if milik is SEMUA_UNIT or pj in milik:
                alasan[pj] = alasan_tidak_dapat_diisi(user, bagian.get(pj), RealisasiKeluaran)
            else:
                alasan[pj] = f"Diisi oleh operator {k.penanggung_jawab.singkatan} {laporan.wilayah.nama_lengkap}."
        r = realisasi.get(k.pk)
        form = None
        if alasan[pj] is None:
            form = form_salah if keluaran_salah == k.pk else RealisasiForm(
                initial={"jumlah": r.jumlah, "status": r.status, "catatan": r.catatan} if r else None, auto_id=f"k{k.pk}_%s")
        baris.append({"keluaran": k, "target": next(t for t in k.target.all() if t.tahun == tahun), "realisasi": r,
                      "bagian": bagian.get(pj), "form": form, "alasan": alasan[pj]})
    return baris


@login_required
@require_http_methods(["GET", "POST"])
def realisasi(request, pk: int, tahun: int):
    """The outputs with a target in `tahun`; the ones whose part the user may fill carry a form."""
    regulasi = regulasi_ambil(user=request.user, pk=pk)
    try:
        laporan = laporan_rad_buka(user=request.user, regulasi=regulasi, tahun=tahun)
    except Ditolak as exc:
        messages.error(request, str(exc))
        return redirect("rad:dasbor", pk=regulasi.pk)
    semua = request.GET.get("tampil") == "semua"
    form_salah = keluaran_salah = None
    if request.method == "POST":
        keluaran = get_object_or_404(Keluaran, pk=request.POST.get("keluaran") or 0, regulasi=regulasi)
        form = RealisasiForm(request.POST, request.FILES, auto_id=f"k{keluaran.pk}_%s")
        if form.is_valid():
            try:
                realisasi_simpan(user=request.user, laporan=laporan, keluaran=keluaran, versi=versi_dikirim(request), **form.cleaned_data)
            except ValidationError as exc:
                kesalahan_ke_form(form, exc)
            except Ditolak as exc:
                messages.error(request, str(exc))
                return redirect(request.get_full_path())
            else:
                messages.success(request, f"Realisasi {keluaran.uraian[:80]} disimpan.")
                return redirect(f"{request.get_full_path()}#keluaran-{keluaran.pk}")
        form_salah, keluaran_salah = form, keluaran.pk
    baris = _baris_realisasi(request.user, laporan, regulasi, tahun, form_salah, keluaran_salah)
    milik = [b for b in baris if b["form"] is not None]
    tampil = baris if semua or not milik else milik
    return render(request, "rad/realisasi.html", {
        "regulasi": regulasi, "laporan": laporan, "tahun": tahun, "baris": tampil, "jumlah_semua": len(baris),
        "hanya_milik": tampil is milik and len(milik) < len(baris), "semua": semua,
        "daftar_tahun": regulasi.daftar_tahun,
    }, status=400 if form_salah is not None else 200)


@login_required
@require_GET
def dari_laporan(request, pk: int):
    """From a RAD Laporan (aksi:laporan) to the realisation page of its wilayah's regulation and year."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    regulasi = regulasi_dapat_dibaca(request.user).filter(
        wilayah_id=laporan.wilayah_id, tahun_mulai__lte=laporan.tahun, tahun_selesai__gte=laporan.tahun).order_by("-tahun").first()
    if laporan.tahapan_id != TAHAPAN_RAD or regulasi is None:
        raise Http404("Laporan ini bukan laporan Rencana Aksi Daerah.")
    return redirect("rad:realisasi", pk=regulasi.pk, tahun=laporan.tahun)


@login_required
@require_POST
def realisasi_hapus_view(request, pk: int, tahun: int, obj: int):
    regulasi = regulasi_ambil(user=request.user, pk=pk)
    r = get_object_or_404(RealisasiKeluaran.objects.select_related("keluaran", "laporan__wilayah"),
                          pk=obj, keluaran__regulasi=regulasi, tahun=tahun)
    try:
        realisasi_hapus(user=request.user, realisasi=r, versi=versi_dikirim(request))
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Realisasi dihapus.")
    return redirect("rad:realisasi", pk=regulasi.pk, tahun=tahun)


@login_required
@require_GET
def bukti(request, obj: int):
    """The evidence of a realisation, only to readers of its wilayah (the stored name is never shown)."""
    r = realisasi_ambil(user=request.user, pk=obj)
    if not r.bukti:
        raise Http404("Realisasi ini belum memiliki bukti dukung.")
    ekstensi = r.bukti.name.rsplit(".", 1)[-1]
    # an attachment: uploaded content is never rendered inline under the portal's origin
    respons = FileResponse(r.bukti.open("rb"), as_attachment=True, filename=f"bukti-rad-{r.tahun}-{r.keluaran_id}.{ekstensi}")
    respons["Cache-Control"] = "private, no-store"
    return respons

