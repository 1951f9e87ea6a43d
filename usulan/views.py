"""The proposals page of a Laporan (aksi/laporan/<pk>/usulan/) and the public page of a wilayah."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control

from aksi.selectors import laporan_ambil
from inti.galat import Ditolak
from wilayah.lingkup import lingkup_wajib
from wilayah.models import Wilayah

from . import services
from .choices import TAHAP_PENANDAAN
from .forms import TautanForm
from .selectors import baris_laporan, hitung_status, per_indikator, status_usulan, tahun_terakhir, tahun_usulan, usulan_wilayah


@lingkup_wajib
def laporan(request, pk: int):
    """Pra-musrenbang: the kecamatan proposals below, by indicator, with their status. Tagging and
    semester steps: the same, and linking them to this Laporan's rows."""
    obj = laporan_ambil(user=request.user, pk=pk)
    tahun = tahun_usulan(obj)
    usulan = list(usulan_wilayah(obj.wilayah_id, tahun))
    baris = baris_laporan(obj)
    form = TautanForm(request.POST if request.POST.get("aksi") == "tautkan" else None, usulan=usulan, baris=baris,
                      label_baris="Baris belanja yang ditandai" if obj.tahapan_id in TAHAP_PENANDAAN else "Realisasi program")
    if request.method == "POST":
        try:
            if request.POST.get("aksi") == "lepas":
                services.tautan_hapus(user=request.user, laporan=obj, tautan_id=int(request.POST.get("tautan") or 0))
                messages.success(request, "Tautan usulan dilepas.")
                return redirect("usulan:laporan", pk=obj.pk)
            if form.is_valid():
                services.tautan_buat(user=request.user, laporan=obj, usulan_id=form.cleaned_data["usulan"],
                                     baris_id=form.cleaned_data["baris"])
                messages.success(request, "Usulan ditautkan.")
                return redirect("usulan:laporan", pk=obj.pk)
        except Ditolak as exc:
            form.add_error(None, str(exc))
    daftar = status_usulan(usulan)
    milik = {b.pk for b in baris}
    return render(request, "usulan/laporan.html", {
        "laporan": obj, "tahun": tahun, "kelompok": per_indikator(daftar), "ringkas": hitung_status(daftar),
        "jumlah": len(daftar), "form": form if baris and usulan else None,
        "tautan_sini": [(b, t) for b in daftar for t in b.tautan if (t.rincian_id or t.realisasi_id) in milik
                        and (t.rincian or t.realisasi).laporan_id == obj.pk],
    }, status=400 if request.method == "POST" else 200)


@cache_control(public=True, max_age=300)
def wilayah_publik(request, kode: str):
    """Public: the proposals of the kecamatan in a wilayah and how far each went (approved data)."""
    wilayah = Wilayah.objects.filter(kode=kode).first()
    if wilayah is None or wilayah.tingkat > 3:
        raise Http404("Wilayah tidak ditemukan.")
    try:
        tahun = int(request.GET.get("tahun") or 0) or tahun_terakhir(kode)
    except ValueError:
        tahun = tahun_terakhir(kode)
    daftar = status_usulan(list(usulan_wilayah(kode, tahun))) if tahun else []
    return render(request, "usulan/publik.html", {
        "wilayah": wilayah, "tahun": tahun, "kelompok": per_indikator(daftar), "ringkas": hitung_status(daftar),
        "jumlah": len(daftar),
    })
