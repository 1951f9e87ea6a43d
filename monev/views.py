"""The rekap page: coverage per indicator for a wilayah and its children, data quality,
and for central administrators a "Hitung ulang" (full rebuild task) with live progress
(read from the result backend by `monev.selectors.rekap_bangun_ulang_progres`)."""
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from aksi.choices import Periode
from aksi.models import Siklus
from aksi.services import siklus_atur_rekap
from inti.galat import Ditolak
from wilayah.choices import Izin
from wilayah.lingkup import lingkup_baca, lingkup_wajib

from .grafik import tren_indikator
from .kualitas import (
    AMBANG_LONJAKAN_MUTLAK,
    AMBANG_LONJAKAN_PERSEN,
    BATAS_DAFTAR,
    kualitas_data,
)
from .models import KODE_NASIONAL, PengaturanRekap
from .selectors import (
    kelengkapan_per_periode,
    rekap_bangun_ulang_progres,
    rekap_tabel,
    rekap_wilayah,
)
from .tasks import rekap_bangun_ulang

KUNCI_TUGAS = "monev_tugas_rekap"  # the running rebuild's task id, in the admin's session


def boleh_hitung_ulang(user) -> bool:
    """Central administrators only: the rebuild covers the whole country."""
    return user.is_superuser or user.has_perm(f"wilayah.{Izin.KELOLA}")


def _parameter(request) -> tuple[str, int, str]:
    data = request.POST if request.method == "POST" else request.GET
    kode = data.get("wilayah")
    if kode is None:
        lingkup = lingkup_baca(request.user)
        if lingkup.kosong:
            raise Http404("Tidak ada wilayah dalam lingkup Anda.")
        kode = KODE_NASIONAL if lingkup.semua else lingkup.akar[0]
    try:
        tahun = int(data.get("tahun") or 0)
    except ValueError:
        tahun = 0
    if not 2000 <= tahun <= 2100:
        tahun = Siklus.objects.order_by("-tahun").values_list("tahun", flat=True).first() or timezone.localdate().year
    periode = data.get("periode")
    if periode not in Periode.values:
        periode = Periode.BASELINE
    return kode.strip(), tahun, periode


def _url_rekap(kode: str, tahun: int, periode: str) -> str:
    return f"{reverse('monev:rekap')}?{urlencode({'wilayah': kode, 'tahun': tahun, 'periode': periode})}"


@lingkup_wajib
def rekap(request):
    kode, tahun, periode = _parameter(request)
    tabel = rekap_tabel(user=request.user, wilayah_kode=kode, tahun=tahun, periode=periode)
    tahun_pilihan = sorted(set(Siklus.objects.values_list("tahun", flat=True)) | {tahun}, reverse=True)
    return render(request, "monev/rekap.html", {
        "tabel": tabel,
        "tahun": tahun,
        "periode": periode,
        "periode_pilihan": Periode.choices,
        "periode_label": Periode(periode).label,
        "tahun_pilihan": tahun_pilihan,
        "kelengkapan": [(Periode(p).label, p == periode, v) for p, v in kelengkapan_per_periode(wilayah_kode=tabel.kode, tahun=tahun).items()],
        "url_anak": [(b, _url_rekap(b.kode, tahun, periode) if b.dapat_dibuka else "") for b in tabel.baris],
        "url_leluhur": [(nama, _url_rekap(k, tahun, periode) if boleh else "") for k, nama, boleh in tabel.leluhur],
        "sertakan_belum_disetujui": PengaturanRekap.ambil().sertakan_belum_disetujui,
        "hanya_diterima": Siklus.objects.filter(tahun=tahun, rekap_hanya_diterima=True).exists(),
        "boleh_hitung_ulang": boleh_hitung_ulang(request.user),
        "tugas": request.session.get(KUNCI_TUGAS, "") if boleh_hitung_ulang(request.user) else "",
        "url_kualitas": f"{reverse('monev:rekap-kualitas')}?{urlencode({'wilayah': tabel.kode, 'tahun': tahun, 'periode': periode})}",
        **_tren(request, tabel),
    })


def _tren(request, tabel) -> dict:
    """The trend chart under the table: the indicator asked for (`tren`), else the first coverage one."""
    capaian = [c.item for c in tabel.total.cakupan if c.item.cakupan]
    item = next((i for i in capaian if i.kode == request.GET.get("tren")), capaian[0] if capaian else None)
    return {"tren": tren_indikator(tabel.kode, item) if item else None, "pilihan_tren": capaian, "tren_dipilih": item}


@lingkup_wajib
def rekap_kualitas(request):
    """The data-quality part of the page, loaded by htmx after the table (it reads the desa values)."""
    kode, tahun, periode = _parameter(request)
    kode, nama, _ = rekap_wilayah(user=request.user, wilayah_kode=kode)
    k = kualitas_data(wilayah_kode=kode, tahun=tahun, periode=periode)
    return render(request, "monev/_rekap_kualitas.html", {
        "k": k, "nama": nama, "periode_label": Periode(periode).label, "batas": BATAS_DAFTAR,
        "periode_lalu_label": Periode(k.periode_sebelumnya[1]).label,
        "ambang_persen": AMBANG_LONJAKAN_PERSEN, "ambang_mutlak": AMBANG_LONJAKAN_MUTLAK,
    })


@lingkup_wajib
@require_POST
def rekap_hitung_ulang(request):
    if not boleh_hitung_ulang(request.user):
        raise Http404("Halaman tidak ditemukan.")
    return _hitung_ulang(request, *_parameter(request))


@lingkup_wajib
@require_POST
def rekap_atur(request):
    """The year's choice: count approved data, or only what the level above accepted (D87)."""
    if not boleh_hitung_ulang(request.user):
        raise Http404("Halaman tidak ditemukan.")
    kode, tahun, periode = _parameter(request)
    try:
        berubah = siklus_atur_rekap(oleh=request.user, tahun=tahun, hanya_diterima=request.POST.get("hanya_diterima") == "1")
    except Ditolak as exc:
        messages.error(request, str(exc))
        return redirect(_url_rekap(kode, tahun, periode))
    if not berubah:
        messages.info(request, "Pengaturan rekap tidak berubah.")
        return redirect(_url_rekap(kode, tahun, periode))
    return _hitung_ulang(request, kode, tahun, periode)


def _hitung_ulang(request, kode: str, tahun: int, periode: str):
    hasil = rekap_bangun_ulang.delay(tahun=tahun)
    if hasil.ready():  # eager (no broker): already done within this request
        messages.success(request, f"Rekap tahun {tahun} dihitung ulang: {sum(hasil.get().values())} baris.")
    else:
        request.session[KUNCI_TUGAS] = hasil.id
        messages.info(request, f"Hitung ulang rekap tahun {tahun} dijadwalkan; kemajuannya tampil di bawah.")
    return redirect(_url_rekap(kode, tahun, periode))


@lingkup_wajib
def rekap_progres(request):
    """Progress of the rebuild task: JSON, or for htmx a small fragment (status 286 = stop polling)."""
    if not boleh_hitung_ulang(request.user):
        raise Http404("Halaman tidak ditemukan.")
    tugas = request.GET.get("tugas") or request.session.get(KUNCI_TUGAS)
    if not tugas:
        raise Http404("Tidak ada hitung ulang yang berjalan.")
    data = rekap_bangun_ulang_progres(tugas)
    if data["selesai"] and request.session.get(KUNCI_TUGAS) == tugas:
        del request.session[KUNCI_TUGAS]
    if request.headers.get("HX-Request"):
        return render(request, "monev/_rekap_progres.html", {"p": data}, status=286 if data["selesai"] else 200)
    return JsonResponse(data)
