"""RAD realisation pages: the yearly realisation entry of a regulation's outputs, the way from a
RAD Laporan to it, and the evidence download. Every regulation comes through `regulasi_ambil` and
every evidence file through `realisasi_ambil`, so anything outside the user's scope answers 404.
Workflow actions (ajukan, verifikasi, setujui) stay on the shared Laporan page (aksi:laporan),
which the realisation page links to.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aksi.dokumen import alasan_tidak_dapat_diisi
from aksi.selectors import SEMUA_UNIT, laporan_ambil, unit_peran
from inti.forms import kesalahan_ke_form, versi_dikirim
from inti.galat import Ditolak
from wilayah.lingkup import lingkup_wajib
from wilayah.choices import Peran

from ..choices import TAHAPAN_RAD
from ..forms import RealisasiForm
from ..models import Keluaran, RealisasiKeluaran, RegulasiRAD
from ..selectors import (
    keluaran_logframe,
    realisasi_ambil,
    regulasi_ambil,
    regulasi_dapat_dibaca,
)
from ..services import laporan_rad_buka, realisasi_hapus, realisasi_simpan


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


@lingkup_wajib
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


@lingkup_wajib
@require_GET
def dari_laporan(request, pk: int):
    """From a RAD Laporan (aksi:laporan) to the realisation page of its wilayah's regulation and year."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    regulasi = regulasi_dapat_dibaca(request.user).filter(
        wilayah_id=laporan.wilayah_id, tahun_mulai__lte=laporan.tahun, tahun_selesai__gte=laporan.tahun).order_by("-tahun").first()
    if laporan.tahapan_id != TAHAPAN_RAD or regulasi is None:
        raise Http404("Laporan ini bukan laporan Rencana Aksi Daerah.")
    return redirect("rad:realisasi", pk=regulasi.pk, tahun=laporan.tahun)


@lingkup_wajib
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


@lingkup_wajib
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

