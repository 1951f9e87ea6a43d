"""Semester realisation page of a kecamatan capaian-semester Laporan."""
from inti.galat import Ditolak
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from aksi.choices import StatusLaporan
from aksi.models import Tahapan
from aksi.selectors import bagian_dapat_diisi, laporan_ambil
from analisis.selectors import cakupan_wilayah_bawah
from inti.forms import AngkaAscii
from wilayah.choices import PANJANG_KODE, Tingkat
from wilayah.lingkup import q_dalam
from wilayah.models import Wilayah
from wilayah.selectors import wilayah_ambil

from .models import RealisasiProgram
from .realisasi import TAHAPAN_SEMESTER, bagian_realisasi, realisasi_hapus, realisasi_simpan


class RealisasiForm(AngkaAscii, forms.ModelForm):
    class Meta:
        model = RealisasiProgram
        fields = ("indikator", "nama", "sumber_dana", "anggaran", "realisasi", "volume", "satuan", "desa", "masalah")
        widgets = {"masalah": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].queryset = Wilayah.objects.filter(induk_id=laporan.wilayah_id, tingkat=Tingkat.DESA)
        for nama in ("anggaran", "realisasi", "volume"):
            self.fields[nama].localize = True
            self.fields[nama].widget.is_localized = True
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


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


@login_required
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
            return redirect("aksi:realisasi", pk=laporan.pk)
    baris = RealisasiProgram.objects.filter(laporan=laporan).select_related("indikator", "desa")
    return render(request, "penandaan/realisasi.html", {
        "laporan": laporan, "bagian": bagian, "form": form, "baris": baris,
        "dapat_diisi": bagian_dapat_diisi(request.user, bagian),
        "per_sumber": baris.order_by().values("sumber_dana").annotate(anggaran=Sum("anggaran"), realisasi=Sum("realisasi")),
    }, status=400 if form.errors else 200)


@login_required
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
    return redirect("aksi:realisasi", pk=laporan.pk)


@login_required
def rekap_semester(request, tahun: int, tahapan: str, kode: str):
    """Kab/kota and provinsi read the semester of the wilayah below: Laporan state, coverage from
    approved kecamatan Laporan, and realisation of APBDes/swadaya/swasta programs."""
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    tahapan = get_object_or_404(Tahapan, pk=tahapan, kode__in=TAHAPAN_SEMESTER)
    if wilayah.tingkat not in (Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Rekap semester untuk kabupaten/kota dan provinsi.")
    cakupan = cakupan_wilayah_bawah(wilayah=wilayah, tahun=tahun, tahapan_id=tahapan.pk)
    panjang = PANJANG_KODE[wilayah.tingkat + 1]
    realisasi = {
        r["kode_anak"]: r for r in RealisasiProgram.objects.filter(
            q_dalam(wilayah.kode, "laporan__wilayah__kode", termasuk_diri=False),
            laporan__tahun=tahun, laporan__tahapan=tahapan, laporan__status=StatusLaporan.DISETUJUI,
        ).order_by().annotate(kode_anak=Substr("laporan__wilayah_id", 1, panjang)).values("kode_anak")
        .annotate(anggaran=Sum("anggaran"), realisasi=Sum("realisasi"))
    }
    return render(request, "penandaan/rekap_semester.html", {
        "wilayah": wilayah, "tahapan": tahapan, "tahun": tahun, "cakupan": cakupan,
        "baris": [(b, realisasi.get(b.wilayah.kode)) for b in cakupan.baris],
    })
