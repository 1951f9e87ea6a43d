"""Semester realisation page of a kecamatan capaian-semester Laporan, and the semester roll-up
of the wilayah below for kab/kota and provinsi."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aksi.models import Tahapan
from aksi.selectors import bagian_dapat_diisi, laporan_ambil
from analisis.selectors import cakupan_wilayah_bawah
from inti.galat import Ditolak
from wilayah.lingkup import lingkup_wajib
from wilayah.choices import Tingkat
from wilayah.selectors import wilayah_ambil

from ..forms import RealisasiForm
from ..models import TAHAPAN_SEMESTER, RealisasiProgram
from ..selectors import bagian_realisasi, realisasi_per_wilayah_bawah
from ..services import realisasi_hapus, realisasi_simpan


def _laporan(request, pk: int):
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id not in TAHAPAN_SEMESTER or laporan.wilayah.tingkat != Tingkat.KECAMATAN:
        raise Http404("Realisasi program hanya ada pada capaian layanan semester kecamatan.")
    return laporan


def _versi(request) -> int | None:
    """The part version the page was loaded with; a damaged one never matches (refused as stale)."""
    versi = request.POST.get("versi")
    if not versi:
        return None
    try:
        return int(versi)
    except ValueError:
        return -1


@lingkup_wajib
def realisasi(request, pk: int):
    laporan = _laporan(request, pk)
    bagian = bagian_realisasi(laporan)
    form = RealisasiForm(request.POST or None, laporan=laporan)
    if request.method == "POST" and form.is_valid():
        try:
            realisasi_simpan(user=request.user, laporan=laporan, versi=_versi(request),
                             **{f: form.cleaned_data[f] for f in form.Meta.fields})
        except ValidationError as exc:
            for field, pesan in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, pesan)
        except Ditolak as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Realisasi program disimpan.")
            return redirect("penandaan:realisasi", pk=laporan.pk)
    baris = RealisasiProgram.objects.filter(laporan=laporan).select_related("indikator", "desa")
    return render(request, "penandaan/realisasi.html", {
        "laporan": laporan, "bagian": bagian, "form": form, "baris": baris,
        "dapat_diisi": bagian_dapat_diisi(request.user, bagian),
        "per_sumber": baris.order_by().values("sumber_dana").annotate(anggaran=Sum("anggaran"), realisasi=Sum("realisasi")),
    }, status=400 if form.errors else 200)


@lingkup_wajib
@require_POST
def realisasi_hapus_view(request, pk: int, obj: int):
    laporan = _laporan(request, pk)
    baris = get_object_or_404(RealisasiProgram, pk=obj, laporan=laporan)
    try:
        realisasi_hapus(user=request.user, baris=baris, versi=_versi(request))
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Baris realisasi dihapus.")
    return redirect("penandaan:realisasi", pk=laporan.pk)


@lingkup_wajib
def rekap_semester(request, tahun: int, tahapan: str, kode: str):
    """Kab/kota and provinsi read the semester of the wilayah below: Laporan state, coverage from
    approved kecamatan Laporan, and realisation of APBDes/swadaya/swasta programs."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    tahapan = get_object_or_404(Tahapan, pk=tahapan, kode__in=TAHAPAN_SEMESTER)
    if wilayah.tingkat not in (Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Rekap semester untuk kabupaten/kota dan provinsi.")
    cakupan = cakupan_wilayah_bawah(wilayah=wilayah, tahun=tahun, tahapan_id=tahapan.pk)
    realisasi = realisasi_per_wilayah_bawah(wilayah=wilayah, tahun=tahun, tahapan_id=tahapan.pk)
    return render(request, "penandaan/rekap_semester.html", {
        "wilayah": wilayah, "tahapan": tahapan, "tahun": tahun, "cakupan": cakupan,
        "baris": [(b, realisasi.get(b.wilayah.kode)) for b in cakupan.baris],
    })
