"""Pages of the Penilaian: the ranking per level (with filters — `penilaian.selectors` — and, for
administrators, "Hitung ulang" and "Buat aturan bawaan"), the scoring rule page (edit and preview), the score of one wilayah with its
breakdown and evidence, its PDF, the progress of a recompute, and the monitoring notes of the
step-"penilaian" Laporan.

Everything is read through `penilaian.selectors` (scores: `nilai_dapat_dibaca`) and
`wilayah.selectors`: a wilayah or Laporan outside the user's scope answers 404, exactly like a
missing one. Views parse, call services or selectors, and render.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from aksi.models import Laporan, Siklus
from aksi.selectors import laporan_ambil
from inti.forms import kesalahan_ke_form
from inti.galat import Ditolak
from wilayah.lingkup import lingkup_wajib
from wilayah.lingkup import lingkup_baca
from wilayah.selectors import wilayah_akar_lingkup, wilayah_ambil

from . import selectors, services
from .dasar import AturanBentrok, PenilaianGagal
from .forms import AturanForm, CatatanMonevForm
from .models import AWALAN_BOBOT, CATATAN_RUMUS, CatatanMonev, Kelas, TingkatPenilaian
from .pdf import dokumen_laporan_penilaian
from .tasks import penilaian_hitung_tugas

PER_HALAMAN = 100
SESI_TUGAS = "monev_penilaian_tugas"


# --- parsing ---------------------------------------------------------------------------------------

def _bulat(nilai, bawaan: int | None) -> int | None:
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return bawaan


def _tahun(nilai, bawaan: int | None) -> int | None:
    """A year from a form: four digits, else `bawaan` (a huge number would overflow the column)."""
    tahun = _bulat(nilai, bawaan)
    return tahun if tahun is not None and 1000 <= tahun <= 9999 else bawaan


# --- ranking -------------------------------------------------------------------------------------

@lingkup_wajib
def peringkat(request):
    """Scores of one level in a year, best first, filtered by wilayah (subtree) and class."""
    lingkup = lingkup_baca(request.user)
    akar = list(wilayah_akar_lingkup(request.user).order_by("kode"))
    tahun_ada = selectors.tahun_dinilai(request.user)
    tahun = _tahun(request.GET.get("tahun"), tahun_ada[0] if tahun_ada else timezone.localdate().year)
    teratas = selectors.tingkat_teratas(lingkup, akar)
    tingkat = _bulat(request.GET.get("tingkat"), TingkatPenilaian.KECAMATAN)
    if tingkat not in TingkatPenilaian.values or tingkat < teratas:
        tingkat = TingkatPenilaian.KECAMATAN
    kelas = request.GET.get("kelas", "")
    kelas = kelas if kelas in Kelas.values else ""
    kode_dalam = [k.strip() for k in request.GET.getlist("dalam") if k.strip()]
    if "dalam" not in request.GET and len(lingkup.akar) == 1:
        kode_dalam = [lingkup.akar[0]]  # a user of one wilayah starts inside it
    dalam = selectors.dalam_terpilih(request.user, lingkup, kode_dalam, tingkat)
    sendiri = dalam is not None and dalam.tingkat == tingkat  # the top of the scope at the ranked level

    daftar, per_kelas = selectors.peringkat(request.user, tahun=tahun, tingkat=tingkat, dalam=dalam, kelas=kelas)
    halaman = Paginator(daftar, PER_HALAMAN).get_page(request.GET.get("halaman"))
    aturan = selectors.aturan_berlaku(tahun=tahun, tingkat=tingkat)
    dikelola = selectors.tingkat_aturan_dikelola(request.user)

    parameter = request.GET.copy()
    parameter.pop("halaman", None)
    return render(request, "penilaian/peringkat.html", {
        "halaman": halaman, "tahun": tahun, "tingkat": tingkat, "kelas": kelas, "dalam": dalam, "sendiri": sendiri,
        "judul": selectors.judul_peringkat(tingkat, dalam, lingkup), "label_tingkat": TingkatPenilaian(tingkat).label.lower(),
        "pilihan_tahun": sorted({*tahun_ada, tahun}, reverse=True),
        "pilihan_tingkat": [(k, label) for k, label in TingkatPenilaian.choices if k >= teratas],
        "pilihan_dalam": selectors.pilihan_dalam(lingkup, akar, dalam, tingkat), "pilihan_kelas": Kelas.choices,
        "per_kelas": [(k, label, per_kelas.get(k, 0)) for k, label in Kelas.choices], "ada_nilai": bool(per_kelas),
        "total_kelas": sum(per_kelas.values()),
        "boleh_hitung": selectors.boleh_hitung_ulang(request.user, dalam), "catatan_rumus": CATATAN_RUMUS, "aturan": aturan,
        "boleh_buat_aturan": aturan is None and tingkat in dikelola, "kelola_aturan": tingkat in dikelola,
        "parameter": parameter.urlencode(),
    })


@lingkup_wajib
@require_POST
def buat_aturan_bawaan(request):
    """Create the missing default rules of a year for every level the user manages (never replaces one)."""
    dikelola = selectors.tingkat_aturan_dikelola(request.user)
    if not dikelola:
        raise Http404("Tidak ditemukan.")  # do not tell others that the action exists
    tahun = _tahun(request.POST.get("tahun"), None)
    tingkat = _bulat(request.POST.get("tingkat"), None)
    kembali = reverse("penilaian:peringkat") + "?" + urlencode(
        {k: v for k, v in (("tahun", tahun), ("tingkat", tingkat)) if v is not None})
    if tahun is None:
        messages.error(request, "Pilih tahun aturan penilaian.")
        return redirect(kembali)
    try:
        hasil = services.aturan_bawaan_siapkan(tahun=tahun, tingkat=dikelola, oleh=request.user)
    except PenilaianGagal as exc:
        messages.error(request, str(exc))
        return redirect(kembali)
    dibuat = [TingkatPenilaian(a.tingkat).label for a, baru in hasil if baru]
    ada = [TingkatPenilaian(a.tingkat).label for a, baru in hasil if not baru]
    if dibuat:
        messages.success(request, f"Aturan bawaan {tahun} dibuat untuk tingkat {', '.join(dibuat)}"
                                  + (f" (tingkat {', '.join(ada)} sudah punya aturan aktif)" if ada else "")
                                  + ". Nilai dihitung dengan tombol \"Hitung ulang\".")
    else:
        messages.info(request, f"Aturan penilaian {tahun} tingkat {', '.join(ada)} sudah ada dan aktif; tidak ada yang diubah.")
    return redirect(kembali)


@lingkup_wajib
def aturan(request, tahun: int):
    """A year's active rule of one level (`?tingkat=`): the central administrators edit thresholds,
    note and weights; every administrator who manages the level previews the classes they would give
    in its scope (docs/decisions.md D86). Others: 404."""
    dikelola = selectors.tingkat_aturan_dikelola(request.user)
    if not dikelola:
        raise Http404("Tidak ditemukan.")
    tingkat = _bulat(request.GET.get("tingkat"), dikelola[-1])
    if tingkat not in dikelola:
        raise Http404("Tidak ditemukan.")
    berlaku = selectors.aturan_berlaku(tahun=tahun, tingkat=tingkat)
    form = AturanForm(request.POST or None, aturan=berlaku) if berlaku else None
    pratinjau = None
    if form is not None and request.method == "POST" and form.is_valid():
        if "simpan" not in request.POST:
            pratinjau = selectors.aturan_pratinjau(request.user, berlaku, **form.usulan())
        else:
            try:
                diubah = services.aturan_ubah(oleh=request.user, aturan=berlaku, asal=form.asal(), baru=form.isian())
            except AturanBentrok as exc:
                form = form.segarkan(selectors.aturan_berlaku(tahun=tahun, tingkat=tingkat).isian())
                form.add_error(None, str(exc))
            except ValidationError as exc:
                kesalahan_ke_form(form, exc)
            except Ditolak as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{len(diubah)} isian aturan disimpan. Nilai berubah setelah \"Hitung ulang\" di halaman Penilaian."
                                 if diubah else "Tidak ada yang berubah; aturan tidak disimpan.")
                return redirect(reverse("penilaian:aturan", args=[tahun]) + f"?tingkat={tingkat}")
    return render(request, "penilaian/aturan.html", {
        "tahun": tahun, "tingkat": tingkat, "label_tingkat": TingkatPenilaian(tingkat).label, "aturan": berlaku, "form": form,
        "tingkat_pilihan": [(t, TingkatPenilaian(t).label) for t in dikelola], "pratinjau": pratinjau,
        "boleh_ubah": selectors.boleh_ubah_aturan(request.user), "catatan_rumus": CATATAN_RUMUS,
        "bobot": [(k, form[f"{AWALAN_BOBOT}{k.kode}"]) for k in form.komponen] if form else [],
    })


# --- recompute -----------------------------------------------------------------------------------

@lingkup_wajib
@require_POST
def hitung_ulang(request):
    tahun = _tahun(request.POST.get("tahun"), None)
    tingkat = _bulat(request.POST.get("tingkat"), None)
    kode_dalam = (request.POST.get("dalam") or "").strip()
    dalam = wilayah_ambil(user=request.user, kode=kode_dalam) if kode_dalam else None
    kembali = reverse("penilaian:peringkat") + "?" + urlencode(
        {k: v for k, v in (("tahun", tahun), ("tingkat", tingkat), ("dalam", kode_dalam)) if v})
    if not selectors.boleh_hitung_ulang(request.user, dalam):
        raise Http404("Tidak ditemukan.")  # do not tell non-administrators that the action exists
    if tahun is None or tingkat not in TingkatPenilaian.values:
        messages.error(request, "Pilih tahun dan tingkat yang dinilai.")
        return redirect(kembali)
    if dalam is not None and dalam.tingkat > tingkat:
        messages.error(request, f"{dalam.nama_lengkap} berada di bawah tingkat {TingkatPenilaian(tingkat).label}; pilih wilayah yang lebih tinggi.")
        return redirect(kembali)
    try:
        services.aturan_aktif(tahun=tahun, tingkat=tingkat)
        tugas = penilaian_hitung_tugas.delay(tahun, tingkat, kode_dalam or None, request.user.pk)
    except PenilaianGagal as exc:
        messages.error(request, str(exc))
        return redirect(kembali)
    if tugas.ready():  # eager (demo without broker): already done
        hasil = tugas.get()
        messages.success(request, _ringkas(hasil))
        return redirect(kembali)
    request.session[SESI_TUGAS] = [*request.session.get(SESI_TUGAS, [])[-19:], tugas.id]
    return redirect("penilaian:tugas", tugas_id=tugas.id)


def _ringkas(hasil: dict) -> str:
    kelas = hasil.get("kelas", {})
    return (f"Penilaian {TingkatPenilaian(hasil['tingkat']).label.lower()} {hasil['tahun']} dihitung ulang: "
            f"{hasil['jumlah']} wilayah — Berdaya {kelas.get('berdaya', 0)}, Berkembang {kelas.get('berkembang', 0)}, "
            f"Tumbuh {kelas.get('tumbuh', 0)}.")


@lingkup_wajib
def tugas(request, tugas_id: str):
    """Progress of a recompute this user started (htmx polls the fragment every 2 s)."""
    if tugas_id not in request.session.get(SESI_TUGAS, []):
        raise Http404("Tugas tidak ditemukan.")
    progres = selectors.tugas_progres(tugas_id)
    konteks = {"tugas_id": tugas_id, **progres, "ringkasan": _ringkas(progres["hasil"]) if progres["hasil"] else ""}
    templat = "penilaian/_tugas.html" if request.headers.get("HX-Request") == "true" else "penilaian/tugas.html"
    return render(request, templat, konteks)


# --- one wilayah ---------------------------------------------------------------------------------

@lingkup_wajib
def nilai_wilayah(request, tahun: int, kode: str):
    tahun = int(tahun)
    wilayah, nilai = selectors.nilai_wilayah(user=request.user, tahun=tahun, kode=kode)
    lingkup = lingkup_baca(request.user)
    rincian = list(nilai.rincian.all()) if nilai else []
    for r in rincian:  # targets taken from a kab/kota the user cannot open are named, not linked
        r.target_terbaca = lingkup.mencakup(str((r.bukti or {}).get("sumber_target") or ""))
    return render(request, "penilaian/wilayah.html", {
        "wilayah": wilayah, "tahun": tahun, "nilai": nilai, "rincian": rincian,
        # ancestors outside the scope answer 404: the breadcrumb names them without a link
        "jenjang": [(w, lingkup.mencakup(w.kode)) for w in wilayah.leluhur()],
        "peringkat_bawah": [(t, label.lower()) for t, label in TingkatPenilaian.choices if t > wilayah.tingkat],
        "laporan_monev": selectors.laporan_monev(wilayah, tahun), "siklus_ada": Siklus.objects.filter(tahun=tahun).exists(),
        "catatan_rumus": CATATAN_RUMUS, "boleh_hitung": selectors.boleh_hitung_ulang(request.user, wilayah),
        "aturan": None if nilai else selectors.aturan_berlaku(tahun=tahun, tingkat=wilayah.tingkat), "label_tingkat": wilayah.get_tingkat_display().lower(),
    })


@lingkup_wajib
def unduh_pdf(request, tahun: int, kode: str):
    tahun = int(tahun)
    wilayah, nilai = selectors.nilai_wilayah(user=request.user, tahun=tahun, kode=kode)
    if nilai is None:
        raise Http404("Wilayah ini belum dinilai untuk tahun tersebut.")
    respons = HttpResponse(dokumen_laporan_penilaian(nilai, selectors.laporan_monev(wilayah, tahun)), content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="laporan-penilaian-{tahun}-{wilayah.kode}.pdf"'
    respons["Cache-Control"] = "private, no-store"
    return respons


# --- monitoring notes ------------------------------------------------------------------------------

def _ambil_laporan(request, pk: int) -> Laporan:
    laporan = laporan_ambil(user=request.user, pk=pk)  # 404 outside scope
    if not selectors.berlaku_untuk(laporan):
        raise Http404("Catatan monev hanya ada pada laporan Penilaian hasil monev.")
    return laporan


def _versi(request) -> int | None:
    return _bulat(request.POST.get("versi"), None)


def _konteks_catatan(request, laporan: Laporan, form=None) -> dict:
    alasan = selectors.alasan_tidak_dapat_menulis(request.user, laporan)
    if alasan is None and form is None:
        form = CatatanMonevForm(laporan=laporan)
    return {
        "laporan": laporan, "bagian": selectors.bagian_catatan(laporan), "dapat_isi": alasan is None, "alasan": alasan,
        "form": form, "entri": selectors.catatan_daftar(laporan),
        "catatan_rumus": CATATAN_RUMUS,
    }


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def catatan(request, pk: int):
    laporan = _ambil_laporan(request, pk)
    if request.method == "GET":
        return render(request, "penilaian/catatan.html", _konteks_catatan(request, laporan))
    form = CatatanMonevForm(request.POST, laporan=laporan)
    if form.is_valid():
        try:
            services.catatan_buat(user=request.user, laporan=laporan, versi=_versi(request),
                                     tahapan_dipantau=form.cleaned_data["tahapan_dipantau"], masalah=form.cleaned_data["masalah"],
                                     tindak_lanjut=form.cleaned_data.get("tindak_lanjut", ""))
        except Ditolak as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        else:
            messages.success(request, "Catatan monev disimpan.")
            return redirect("penilaian:catatan", pk=laporan.pk)
    return render(request, "penilaian/catatan.html", _konteks_catatan(request, laporan, form), status=400)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def catatan_ubah(request, pk: int, obj: int):
    laporan = _ambil_laporan(request, pk)
    objek = get_object_or_404(CatatanMonev, pk=obj, laporan=laporan)
    alasan = selectors.alasan_tidak_dapat_menulis(request.user, laporan)
    bagian = selectors.bagian_catatan(laporan)
    if request.method == "GET":
        form = CatatanMonevForm(instance=objek, laporan=laporan)
    else:
        form = CatatanMonevForm(request.POST, instance=objek, laporan=laporan)
        if form.is_valid():
            try:
                services.catatan_ubah(user=request.user, catatan=objek, versi=_versi(request),
                                         tahapan_dipantau=form.cleaned_data["tahapan_dipantau"],
                                         masalah=form.cleaned_data["masalah"], tindak_lanjut=form.cleaned_data.get("tindak_lanjut", ""))
            except Ditolak as exc:
                messages.error(request, str(exc))
            except ValidationError as exc:
                kesalahan_ke_form(form, exc)
            else:
                messages.success(request, "Catatan monev diubah.")
                return redirect("penilaian:catatan", pk=laporan.pk)
    return render(request, "penilaian/catatan_ubah.html", {
        "laporan": laporan, "objek": objek, "form": form, "alasan": alasan, "dapat_isi": alasan is None,
        "versi": _versi(request) if request.method == "POST" else (bagian.versi if bagian else None),
    }, status=200 if request.method == "GET" else 400)


@lingkup_wajib
@require_POST
def catatan_hapus(request, pk: int, obj: int):
    laporan = _ambil_laporan(request, pk)
    objek = get_object_or_404(CatatanMonev, pk=obj, laporan=laporan)
    try:
        services.catatan_hapus(user=request.user, catatan=objek, versi=_versi(request))
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Catatan monev dihapus.")
    return redirect("penilaian:catatan", pk=laporan.pk)
