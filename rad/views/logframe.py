"""Logframe pages: a regulation's logframe, creating and editing it with simple forms (regulation,
pilar, strategi, instrumen, keluaran with its yearly targets), and its xlsx round trip (download
the current logframe or a blank template, upload it back: all or nothing, errors per cell).

Reading follows the user's scope (404 outside); writing needs the wilayah's administrator or
Bappeda approver (`rad.selectors.boleh_kelola`), checked again by the services.
"""
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.galat import Ditolak, IsianTidakValid, Kesalahan

from wilayah.lingkup import lingkup_wajib
from .. import services
from ..excel import buat_logframe_xlsx, impor_logframe
from ..forms import ImporForm, KeluaranForm, PilarForm, RegulasiForm, UraianForm
from ..models import Instrumen, Keluaran, Pilar, Strategi
from ..selectors import boleh_kelola, pohon_logframe, regulasi_ambil

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kesalahan_ke_form(form, exc: ValidationError) -> None:
    for nama, pesan in exc.message_dict.items():
        if nama in form.fields or nama == NON_FIELD_ERRORS:
            form.add_error(nama if nama in form.fields else None, pesan)
        else:
            form.add_error(None, pesan)


def _kelola(request, pk: int):
    regulasi = regulasi_ambil(user=request.user, pk=pk)  # 404 outside the scope first
    if not boleh_kelola(request.user, regulasi.wilayah):
        raise PermissionDenied("Hanya administrator atau Bappeda wilayah ini yang dapat mengubah logframe RAD.")
    return regulasi


def _simpan_form(request, form, simpan, berhasil: str, kembali: str, templat: str, konteks: dict):
    """Validate, call the service, redirect (PRG) or show the form again with every error."""
    if request.method == "POST" and form.is_valid():
        try:
            hasil = simpan(form)
        except ValidationError as exc:
            _kesalahan_ke_form(form, exc)
        except Ditolak as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, berhasil)
            return redirect(kembali(hasil) if callable(kembali) else kembali)
    status = 400 if request.method == "POST" else 200
    return render(request, templat, {**konteks, "form": form}, status=status)


@lingkup_wajib
@require_GET
def regulasi(request, pk: int):
    regulasi = regulasi_ambil(user=request.user, pk=pk)
    return render(request, "rad/regulasi.html", {
        "regulasi": regulasi, "pohon": pohon_logframe(regulasi), "boleh_kelola": boleh_kelola(request.user, regulasi.wilayah),
        "prevalensi": regulasi.target_prevalensi.all(), "impor_form": ImporForm(),
    })


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def regulasi_buat(request):
    form = RegulasiForm(request.POST or None, user=request.user)
    if request.method == "GET" and not form.fields["wilayah"].queryset.exists():
        raise PermissionDenied("Anda tidak mengelola provinsi atau kabupaten/kota mana pun.")
    return _simpan_form(
        request, form, lambda f: services.regulasi_simpan(user=request.user, **f.isian()), "Regulasi RAD dibuat.",
        _url,
        "rad/form.html", {"judul": "Regulasi RAD baru", "regulasi": None})


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def regulasi_ubah(request, pk: int):
    regulasi = _kelola(request, pk)
    form = RegulasiForm(request.POST or None, user=request.user, regulasi=regulasi)
    return _simpan_form(
        request, form, lambda f: services.regulasi_simpan(user=request.user, regulasi=regulasi, **{**f.isian(), "wilayah": regulasi.wilayah}),
        "Regulasi RAD diperbarui.", _url(regulasi), "rad/form.html", {"judul": "Ubah regulasi dan target prevalensi", "regulasi": regulasi})


def _url(regulasi, jangkar: str = "") -> str:
    return reverse("rad:regulasi", args=[regulasi.pk]) + (f"#{jangkar}" if jangkar else "")


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def pilar_tambah(request, pk: int):
    regulasi = _kelola(request, pk)
    form = PilarForm(request.POST or None)
    return _simpan_form(
        request, form, lambda f: services.pilar_tambah(user=request.user, regulasi=regulasi, **f.cleaned_data), "Pilar ditambahkan.",
        lambda p: _url(regulasi, f"pilar-{p.nomor}"), "rad/form.html", {"judul": "Tambah pilar", "regulasi": regulasi})


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def strategi_tambah(request, pk: int, pilar: int):
    regulasi = _kelola(request, pk)
    p = get_object_or_404(Pilar, pk=pilar, regulasi=regulasi)
    form = UraianForm(request.POST or None, label="Strategi pencapaian")
    return _simpan_form(
        request, form, lambda f: services.strategi_tambah(user=request.user, pilar=p, **f.cleaned_data), "Strategi ditambahkan.",
        _url(regulasi, f"pilar-{p.nomor}"), "rad/form.html", {"judul": f"Tambah strategi pencapaian — {p}", "regulasi": regulasi})


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def instrumen_tambah(request, pk: int, strategi: int):
    regulasi = _kelola(request, pk)
    s = get_object_or_404(Strategi.objects.select_related("pilar__regulasi"), pk=strategi, pilar__regulasi=regulasi)
    form = UraianForm(request.POST or None, label="Instrumen")
    return _simpan_form(
        request, form, lambda f: services.instrumen_tambah(user=request.user, strategi=s, **f.cleaned_data), "Instrumen ditambahkan.",
        _url(regulasi, f"pilar-{s.pilar.nomor}"), "rad/form.html",
        {"judul": f"Tambah instrumen — strategi {s.pilar.nomor}.{s.urutan}", "regulasi": regulasi, "keterangan": s.uraian})


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def keluaran_tambah(request, pk: int, instrumen: int):
    regulasi = _kelola(request, pk)
    i = get_object_or_404(Instrumen.objects.select_related("strategi__pilar__regulasi__wilayah"), pk=instrumen,
                          strategi__pilar__regulasi=regulasi)
    form = KeluaranForm(request.POST or None, regulasi=regulasi)
    return _simpan_form(
        request, form, lambda f: services.keluaran_simpan(user=request.user, instrumen=i, **f.isian()), "Keluaran ditambahkan.",
        lambda k: _url(regulasi, f"keluaran-{k.pk}"), "rad/form_keluaran.html",
        {"judul": "Tambah keluaran", "regulasi": regulasi, "instrumen": i})


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def keluaran_ubah(request, pk: int, obj: int):
    regulasi = _kelola(request, pk)
    k = get_object_or_404(Keluaran.objects.select_related("instrumen__strategi__pilar__regulasi__wilayah"), pk=obj, regulasi=regulasi)
    form = KeluaranForm(request.POST or None, regulasi=regulasi, keluaran=k)
    return _simpan_form(
        request, form, lambda f: services.keluaran_simpan(user=request.user, instrumen=k.instrumen, keluaran=k, **f.isian()),
        "Keluaran diperbarui.", _url(regulasi, f"keluaran-{k.pk}"), "rad/form_keluaran.html",
        {"judul": f"Ubah keluaran {k.kode}", "regulasi": regulasi, "instrumen": k.instrumen, "keluaran": k})


@lingkup_wajib
@require_POST
def keluaran_hapus(request, pk: int, obj: int):
    regulasi = _kelola(request, pk)
    k = get_object_or_404(Keluaran, pk=obj, regulasi=regulasi)
    try:
        services.keluaran_hapus(user=request.user, keluaran=k)
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Keluaran dihapus.")
    return redirect(_url(regulasi))


# --- xlsx -----------------------------------------------------------------------------------------

@lingkup_wajib
@require_GET
def logframe_xlsx(request, pk: int):
    regulasi = regulasi_ambil(user=request.user, pk=pk)
    respons = HttpResponse(buat_logframe_xlsx(regulasi), content_type=JENIS_XLSX)
    respons["Content-Disposition"] = f'attachment; filename="logframe-rad-{regulasi.wilayah_id}-{regulasi.tahun}.xlsx"'
    respons["Cache-Control"] = "private, no-store"
    return respons


@lingkup_wajib
@require_POST
def impor(request, pk: int):
    regulasi = _kelola(request, pk)
    form = ImporForm(request.POST, request.FILES)
    berkas = request.FILES.get("berkas")
    try:
        if not form.is_valid():
            raise IsianTidakValid([Kesalahan("Pilih berkas logframe (.xlsx) yang akan diunggah.", lokasi="berkas")])
        hasil = impor_logframe(user=request.user, regulasi=regulasi, berkas=berkas)
    except IsianTidakValid as exc:
        return render(request, "rad/impor_gagal.html", {
            "regulasi": regulasi, "kesalahan": exc.kesalahan, "nama_berkas": getattr(berkas, "name", ""),
        }, status=400)
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Logframe diimpor: {hasil}.")
    return redirect(_url(regulasi))
