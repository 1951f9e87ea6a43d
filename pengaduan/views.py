"""Complaint pages. Public (no login, CSRF kept): the form, the page that shows the tracking
code, and the status lookup by code — which never shows the complainant's name or contact.
Staff: the complaints of their subtree, one complaint with assign/answer/close, its attachment.

Submissions are limited per client (pembatas; PENGADUAN_BATAS_KIRIM, default 5 an hour) and
so are lookups of unknown codes (PENGADUAN_BATAS_LACAK, default 20 an hour): over the
limit the answer is 429 with a page that says when to try again.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.forms import kesalahan_ke_form, versi_dikirim
from inti.galat import Ditolak
from inti.unggah import unduh
from wilayah.lingkup import lingkup_wajib
from wilayah.pilihan import pilihan_dari

from . import pembatas
from .forms import JawabForm, PengaduanForm, TugaskanForm
from .models import StatusPengaduan, TopikPengaduan
from .selectors import (
    boleh_menangani,
    pengaduan_ambil,
    pengaduan_dapat_dibaca,
    pengaduan_lacak,
)
from .services import pengaduan_jawab, pengaduan_kirim, pengaduan_tugaskan

KUNCI_SESI = "pengaduan_kode"


def kuota_kirim() -> pembatas.Kuota:
    return pembatas.kuota("kirim", (5, 3600))


def kuota_lacak() -> pembatas.Kuota:
    return pembatas.kuota("lacak", (20, 3600))


def _terlalu_banyak(request, detik: int, apa: str):
    menit = max(1, -(-detik // 60))
    respons = render(request, "pengaduan/publik/terlalu_banyak.html", {"menit": menit, "apa": apa}, status=429)
    respons["Retry-After"] = str(detik)
    return respons


# --- public ----------------------------------------------------------------------------------------

def _formulir(request, form, pilihan, status: int = 200):
    return render(request, "pengaduan/publik/kirim.html", {"form": form, "pilihan": pilihan, "menu": "pengaduan"},
                  status=status)


@require_http_methods(["GET", "POST"])
def kirim(request):
    if request.method == "GET":
        return _formulir(request, PengaduanForm(), pilihan_dari({}))
    if request.POST.get("perbarui"):  # without JavaScript: refresh the region selects, save nothing
        return _formulir(request, PengaduanForm(initial=request.POST.dict()), pilihan_dari(request.POST))
    kuota = kuota_kirim()
    tunggu = pembatas.pakai(request, kuota)
    if tunggu:
        return _terlalu_banyak(request, tunggu, "pengaduan")
    form = PengaduanForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            pengaduan = pengaduan_kirim(nama=data["nama"], kontak=data["kontak"], wilayah=data["wilayah"], topik=data["topik"],
                                        isi=data["isi"], lampiran=data["lampiran"])
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        else:
            request.session[KUNCI_SESI] = pengaduan.kode
            return redirect("pengaduan:terkirim")
    pembatas.kembalikan(request, kuota)  # a refused form saved nothing: it does not count
    return _formulir(request, form, form.pilihan(), status=400)


@require_GET
def terkirim(request):
    kode = request.session.get(KUNCI_SESI)
    if not kode:
        return redirect("pengaduan:kirim")
    return render(request, "pengaduan/publik/terkirim.html", {"kode": kode, "menu": "pengaduan"})


@require_GET
def lacak(request):
    """Status, public answer and dates of the complaint with this code; nothing personal."""
    kode = request.GET.get("kode", "").strip()
    pengaduan, status = None, 200
    if kode:
        pengaduan = pengaduan_lacak(kode)
        if pengaduan is None:
            tunggu = pembatas.pakai(request, kuota_lacak())  # only misses count: guessing is what it stops
            if tunggu:
                return _terlalu_banyak(request, tunggu, "pencarian kode")
            status = 404
    return render(request, "pengaduan/publik/lacak.html", {
        "kode": kode, "pengaduan": pengaduan, "urutan": list(StatusPengaduan), "menu": "lacak",
    }, status=status)


# --- staff -------------------------------------------------------------------------------------------

@lingkup_wajib
@require_GET
def daftar(request):
    qs = pengaduan_dapat_dibaca(request.user)
    status, topik = request.GET.get("status", ""), request.GET.get("topik", "")
    if status in StatusPengaduan.values:
        qs = qs.filter(status=status)
    if topik in TopikPengaduan.values:
        qs = qs.filter(topik=topik)
    if request.GET.get("saya"):
        qs = qs.filter(petugas=request.user)
    return render(request, "pengaduan/daftar.html", {
        "halaman": Paginator(qs, 30).get_page(request.GET.get("halaman")), "status": status, "topik": topik,
        "saya": bool(request.GET.get("saya")), "pilihan_status": StatusPengaduan.choices, "pilihan_topik": TopikPengaduan.choices,
    })


def _detail(request, pengaduan, *, tugaskan=None, jawab=None, status: int = 200):
    boleh = boleh_menangani(request.user, pengaduan) and not pengaduan.selesai
    return render(request, "pengaduan/detail.html", {
        "pengaduan": pengaduan, "boleh": boleh,
        "form_tugaskan": (tugaskan or TugaskanForm(pengaduan=pengaduan)) if boleh else None,
        "form_jawab": (jawab or JawabForm(pengaduan=pengaduan)) if boleh else None,
    }, status=status)


@lingkup_wajib
@require_GET
def detail(request, pk: int):
    return _detail(request, pengaduan_ambil(user=request.user, pk=pk))


@lingkup_wajib
@require_POST
def tugaskan(request, pk: int):
    pengaduan = pengaduan_ambil(user=request.user, pk=pk)
    form = TugaskanForm(request.POST, pengaduan=pengaduan)
    if not form.is_valid():
        return _detail(request, pengaduan, tugaskan=form, status=400)
    try:
        pengaduan_tugaskan(user=request.user, pengaduan=pengaduan, petugas=form.cleaned_data["petugas"])
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Petugas pengaduan disimpan.")
    return redirect("pengaduan:detail", pk=pengaduan.pk)


@lingkup_wajib
@require_POST
def jawab(request, pk: int):
    pengaduan = pengaduan_ambil(user=request.user, pk=pk)
    form = JawabForm(request.POST, pengaduan=pengaduan)
    if form.is_valid():
        tutup = request.POST.get("tutup") == "1"
        try:
            pengaduan_jawab(user=request.user, pengaduan=pengaduan, jawaban=form.cleaned_data["jawaban"], tutup=tutup,
                            versi=versi_dikirim(request))
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        except Ditolak as exc:
            messages.error(request, str(exc))
            return redirect("pengaduan:detail", pk=pengaduan.pk)
        else:
            messages.success(request, "Jawaban disimpan dan pengaduan ditutup." if tutup else "Jawaban disimpan.")
            return redirect("pengaduan:detail", pk=pengaduan.pk)
    return _detail(request, pengaduan, jawab=form, status=400)


@lingkup_wajib
@require_GET
def lampiran(request, pk: int):
    pengaduan = pengaduan_ambil(user=request.user, pk=pk)
    return unduh(pengaduan.lampiran, f"lampiran-pengaduan-{pengaduan.kode}", lampiran=True)
