"""The public portal: no login, approved data only, light pages that work on a phone."""
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from indikator.selectors import versi_tabel, versi_terbit
from wilayah.models import Wilayah

from ..lembar_desa import pdf_lembar_desa
from ..grafik import sebaran_kelas, target_cakupan, tren_indikator
from ..peta import peta_wilayah
from ..portal import (
    anak_dengan_kelas,
    kelas_anak,
    cakupan_publik,
    dokumen_publik,
    kemajuan_tahapan,
    penilaian_publik,
    prevalensi_publik,
)


def _wilayah(kode: str | None) -> Wilayah | None:
    if not kode:
        return None
    try:
        return Wilayah.objects.get(kode=kode)
    except Wilayah.DoesNotExist as exc:
        raise Http404("Wilayah tidak ditemukan.") from exc


@cache_control(public=True, max_age=300)
def wilayah_publik(request, kode: str | None = None):
    wilayah = _wilayah(kode)
    cakupan = cakupan_publik(wilayah.kode if wilayah else "")
    peta = peta_wilayah(wilayah, cakupan, request.GET.get("peta"), request.GET.get("lapis"))
    kelas = kelas_anak(wilayah)  # read once: the list below, the spread of classes
    item_tren = next((b.item for b in cakupan.baris if peta and b.item.kode == peta.dipilih), None) or next(
        (b.item for b in cakupan.baris if b.item.cakupan), None)
    tahun = cakupan.tahun or timezone.localdate().year
    return render(request, "publikasi/portal/wilayah.html", {
        "wilayah": wilayah,
        "leluhur": list(wilayah.leluhur()) if wilayah else [],
        "cakupan": cakupan,
        "peta": peta,
        "tren": tren_indikator(wilayah.kode if wilayah else "", item_tren) if item_tren else None,
        "target": target_cakupan(wilayah, cakupan.tahun),
        "sebaran": sebaran_kelas(wilayah, kelas),
        "lingkup": wilayah.get_jenis_display().lower() if wilayah else "nasional",  # "belum mewakili <lingkup>"
        "prevalensi": prevalensi_publik(wilayah),
        "kemajuan": kemajuan_tahapan(wilayah, tahun),
        "tahun": tahun,
        "anak": anak_dengan_kelas(wilayah, kelas),
        "penilaian": penilaian_publik(wilayah),
        "dokumen": dokumen_publik(wilayah),
        "versi": list(versi_terbit(wilayah_kode=wilayah.kode)[:20]) if wilayah and wilayah.tingkat == 3 else [],
    })


def versi_unduh(request, kode: str, pk: int):
    """The values of a superseded published version of a kecamatan (D88), as CSV."""
    versi = get_object_or_404(versi_terbit(wilayah_kode=kode).defer(None), pk=pk)
    return versi_tabel(versi).respons("csv")


def lembar_desa(request, kode: str):
    """The desa sheet as an A4 PDF (D98): public data only, for the balai desa notice board."""
    desa = _wilayah(kode)
    if desa is None or desa.tingkat != 4:
        raise Http404("Lembar desa hanya untuk desa/kelurahan.")
    respons = HttpResponse(pdf_lembar_desa(desa), content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="lembar-desa-{desa.kode}.pdf"'
    return respons

