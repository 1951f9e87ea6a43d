"""The public portal: no login, approved data only, light pages that work on a phone."""
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from wilayah.models import Wilayah

from ..portal import (
    anak_dengan_kelas,
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
    tahun = cakupan.tahun or timezone.localdate().year
    return render(request, "publikasi/portal/wilayah.html", {
        "wilayah": wilayah,
        "leluhur": list(wilayah.leluhur()) if wilayah else [],
        "cakupan": cakupan,
        "lingkup": wilayah.get_jenis_display().lower() if wilayah else "nasional",  # "belum mewakili <lingkup>"
        "prevalensi": prevalensi_publik(wilayah),
        "kemajuan": kemajuan_tahapan(wilayah, tahun),
        "tahun": tahun,
        "anak": anak_dengan_kelas(wilayah),
        "penilaian": penilaian_publik(wilayah),
        "dokumen": dokumen_publik(wilayah),
    })
