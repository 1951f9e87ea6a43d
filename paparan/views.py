"""/aksi/laporan/<pk>/capaian-opd/: every OPD's achievements in the kab/kota or provinsi penilaian (D93)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from aksi.selectors import laporan_ambil
from inti.forms import kesalahan_ke_form
from inti.galat import Ditolak
from wilayah.lingkup import lingkup_wajib

from . import services
from .forms import CapaianOPDForm
from .models import CapaianOPD
from .selectors import berlaku_untuk, capaian_per_opd


def _laporan(request, pk: int):
    laporan = laporan_ambil(user=request.user, pk=pk)
    if not berlaku_untuk(laporan):
        raise Http404("Capaian OPD diisi pada penilaian kabupaten/kota dan provinsi.")
    return laporan


def _versi(request) -> int | None:
    try:
        return int(request.POST["versi"])
    except (KeyError, ValueError):
        return None


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def daftar(request, pk: int):
    laporan = _laporan(request, pk)
    opd = capaian_per_opd(request.user, laporan)
    boleh = [(o.bagian.unit_id, o.bagian.unit.nama) for o in opd if o.alasan is None]
    form = CapaianOPDForm(request.POST or None, laporan=laporan, unit=boleh)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data.pop("unit")
        try:
            versi = int(request.POST.get(f"versi_{unit}", ""))  # the OPD part's version as the page showed it
        except ValueError:
            versi = None
        try:
            services.capaian_buat(user=request.user, laporan=laporan, unit=unit, versi=versi, **form.cleaned_data)
        except Ditolak as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        else:
            messages.success(request, "Capaian intervensi disimpan.")
            return redirect("paparan:daftar", pk=laporan.pk)
    return render(request, "paparan/daftar.html", {"laporan": laporan, "opd": opd, "form": form if boleh else None},
                  status=400 if request.method == "POST" else 200)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def ubah(request, pk: int, obj: int):
    laporan = _laporan(request, pk)
    objek = get_object_or_404(CapaianOPD, pk=obj, laporan=laporan)
    bagian = laporan.bagian.get(unit_id=objek.unit_id)
    form = CapaianOPDForm(request.POST or None, instance=objek, laporan=laporan, unit=[])
    if request.method == "POST" and form.is_valid():
        try:
            services.capaian_ubah(user=request.user, objek=objek, versi=_versi(request), **form.cleaned_data)
        except Ditolak as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        else:
            messages.success(request, "Capaian intervensi diubah.")
            return redirect("paparan:daftar", pk=laporan.pk)
    return render(request, "paparan/ubah.html", {
        "laporan": laporan, "objek": objek, "form": form,
        "versi": _versi(request) if request.method == "POST" else bagian.versi,
    }, status=400 if request.method == "POST" else 200)


@lingkup_wajib
@require_POST
def hapus(request, pk: int, obj: int):
    laporan = _laporan(request, pk)
    objek = get_object_or_404(CapaianOPD, pk=obj, laporan=laporan)
    try:
        services.capaian_hapus(user=request.user, objek=objek, versi=_versi(request))
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Capaian intervensi dihapus.")
    return redirect("paparan:daftar", pk=laporan.pk)
