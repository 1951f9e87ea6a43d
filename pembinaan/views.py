"""Supervision of the wilayah below and its answers (D90); semester reports to the provinsi (D91)."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from inti.galat import Ditolak
from wilayah.choices import Tingkat
from wilayah.lingkup import lingkup_wajib
from wilayah.models import Wilayah
from wilayah.selectors import wilayah_ambil

from . import services
from .forms import JawabForm, KirimForm, PembinaanForm
from .models import LaporanSemester
from .selectors import (
    boleh_kirim,
    boleh_membina,
    boleh_menjawab,
    boleh_putuskan,
    hitung_per_semester,
    kiriman_bawah,
    kiriman_wilayah,
    laporan_pilihan,
    pembinaan_bawah,
    pembinaan_diterima,
    tabel_kiriman,
)


@lingkup_wajib
def wilayah(request, kode: str, tahun: int):
    """A wilayah's supervision of the year: what it received (and answers), and what it gave the
    wilayah directly below with the count per semester."""
    w = wilayah_ambil(user=request.user, kode=kode)
    anak = list(Wilayah.objects.filter(induk=w).order_by("kode")) if w.tingkat in (Tingkat.PROVINSI, Tingkat.KABKOTA) else []
    boleh_catat = bool(anak) and boleh_membina(request.user, anak[0])
    laporan = list(laporan_pilihan(w, tahun)) if boleh_catat else []
    form = PembinaanForm(request.POST if "catat" in request.POST else None, anak=anak, laporan=laporan)
    if request.method == "POST" and "catat" in request.POST and boleh_catat and form.is_valid():
        d = form.cleaned_data
        try:
            services.pembinaan_catat(oleh=request.user, wilayah=next(a for a in anak if a.kode == d["wilayah"]), jenis=d["jenis"],
                                     tanggal=d["tanggal"], temuan=d["temuan"], tindak_lanjut=d["tindak_lanjut"], batas=d["batas"],
                                     laporan=next((lap for lap in laporan if lap.pk == d["laporan"]), None))
        except Ditolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Pembinaan dicatat; wilayah itu melihatnya dan menjawab tindak lanjutnya.")
            return redirect("pembinaan:wilayah", w.kode, tahun)
    if request.method == "POST" and "jawab" in request.POST:
        p = get_object_or_404(pembinaan_diterima(w, tahun), pk=request.POST.get("jawab") or 0)
        jawab = JawabForm(request.POST)
        try:
            if not jawab.is_valid():
                raise Ditolak("; ".join(e for es in jawab.errors.values() for e in es))
            services.pembinaan_jawab(oleh=request.user, pembinaan=p, jawaban=jawab.cleaned_data["jawaban"])
        except Ditolak as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Jawaban tindak lanjut disimpan.")
        return redirect("pembinaan:wilayah", w.kode, tahun)
    diterima, hari = list(pembinaan_diterima(w, tahun)), timezone.localdate()
    return render(request, "pembinaan/wilayah.html", {
        "wilayah": w, "tahun": tahun, "form": form if boleh_catat else None,
        "diterima": [(p, boleh_menjawab(request.user, p), p.keadaan(hari)) for p in diterima],
        "bawah": [(p, p.keadaan(hari)) for p in pembinaan_bawah(w, tahun)] if anak else [],
        "hitung": hitung_per_semester(w, tahun) if anak else [],
    }, status=400 if request.method == "POST" else 200)


@lingkup_wajib
def semester(request, kode: str, tahun: int):
    """A kab/kota sends its semester rekap to the provinsi; a provinsi sees who has reported."""
    w = wilayah_ambil(user=request.user, kode=kode)
    if w.tingkat not in (Tingkat.PROVINSI, Tingkat.KABKOTA):
        raise Http404("Laporan semester dikirim kabupaten/kota ke provinsi.")
    form = KirimForm(request.POST or None)
    if request.method == "POST" and w.tingkat == Tingkat.KABKOTA and form.is_valid():
        try:
            k = services.laporan_semester_kirim(oleh=request.user, wilayah=w, tahun=tahun, **form.cleaned_data)
        except Ditolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Laporan semester {k.semester} {tahun} dikirim ke {w.induk.nama_lengkap}.")
            return redirect("pembinaan:semester", w.kode, tahun)
    return render(request, "pembinaan/semester.html", {
        "wilayah": w, "tahun": tahun, "form": form if boleh_kirim(request.user, w) else None,
        "milik": kiriman_wilayah(w, tahun) if w.tingkat == Tingkat.KABKOTA else {},
        "bawah": kiriman_bawah(w, tahun) if w.tingkat == Tingkat.PROVINSI else [],
    }, status=400 if request.method == "POST" else 200)


@lingkup_wajib
def kiriman(request, pk: int):
    """One sent report as it was sent; the provinsi receives it or returns it with a reason."""
    k = get_object_or_404(LaporanSemester.objects.select_related("wilayah__induk", "dikirim_oleh", "diputuskan_oleh"), pk=pk)
    wilayah_ambil(user=request.user, kode=k.wilayah_id)  # outside the caller's scope: 404
    boleh = boleh_putuskan(request.user, k)
    if request.method == "POST":
        try:
            if not boleh:
                raise Ditolak("Anda tidak dapat menerima atau mengembalikan laporan ini.")
            services.laporan_semester_putuskan(oleh=request.user, kiriman=k, terima=request.POST.get("terima") == "1",
                                               alasan=request.POST.get("alasan", ""))
        except Ditolak as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Laporan diterima." if request.POST.get("terima") == "1" else "Laporan dikembalikan.")
        return redirect("pembinaan:kiriman", k.pk)
    kolom, baris = tabel_kiriman(k.isi or {})
    return render(request, "pembinaan/kiriman.html", {"k": k, "boleh": boleh, "kolom": kolom, "baris": baris})


