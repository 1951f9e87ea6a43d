"""Reads of regulasi and publikasi.

Public reads (`*_publik`, `publikasi_terbit`) answer only what may be published: regulasi of
an approved Laporan marked published by the approver, and published articles. Staff reads go through
wilayah.lingkup.lingkup_baca; out-of-scope rows answer 404 like missing ones.
"""
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Siklus
from wilayah.choices import Izin, Tingkat
from wilayah.models import Penugasan, Wilayah
from wilayah.lingkup import lingkup_baca, q_dalam
from wilayah.selectors import boleh_bertindak, wilayah_untuk_aksi

from .models import TAHAPAN_REGULASI, Publikasi, Regulasi, StatusPublikasi

TINGKAT_PELAKU = (Tingkat.PROVINSI, Tingkat.KABKOTA, Tingkat.KECAMATAN)


def _dalam(qs: QuerySet, field: str, wilayah_kode: str | None) -> QuerySet:
    return qs.filter(q_dalam(wilayah_kode, field)) if wilayah_kode else qs


# --- regulasi --------------------------------------------------------------------------------------

def regulasi_publik(*, wilayah_kode: str | None = None, tahun: int | None = None, jenis: str | None = None) -> QuerySet[Regulasi]:
    """Published regulasi of approved Laporan, in a wilayah's subtree (None: everywhere)."""
    qs = Regulasi.objects.filter(dipublikasikan=True, laporan__status=StatusLaporan.DISETUJUI)
    qs = _dalam(qs, "laporan__wilayah__kode", wilayah_kode)
    if tahun:
        qs = qs.filter(laporan__tahun=tahun)
    if jenis:
        qs = qs.filter(jenis=jenis)
    return qs.select_related("laporan__wilayah", "tahapan_terkait").order_by("-tanggal", "-id")


def regulasi_ambil_publik(pk: int) -> Regulasi:
    return get_object_or_404(regulasi_publik(), pk=pk)


def regulasi_dapat_dibaca(user) -> QuerySet[Regulasi]:
    return lingkup_baca(user).saring(Regulasi.objects.select_related("laporan__wilayah"), "laporan__wilayah__kode")


@dataclass
class BarisRegulasi:
    wilayah: Wilayah
    tahun: int
    laporan: Laporan | None
    jumlah: int
    terbit: int


def laporan_regulasi_saya(user) -> list[BarisRegulasi]:
    """Per assigned wilayah and active cycle: its "regulasi" Laporan (if opened) and document counts."""
    wilayah = {p.wilayah_id: p.wilayah for p in Penugasan.objects.filter(user=user, wilayah__tingkat__in=TINGKAT_PELAKU)
               .select_related("wilayah")}
    tahun = list(Siklus.objects.filter(aktif=True).values_list("tahun", flat=True))
    laporan = {
        (lap.tahun, lap.wilayah_id): lap
        for lap in Laporan.objects.filter(tahapan_id=TAHAPAN_REGULASI, tahun__in=tahun, wilayah_id__in=wilayah)
        .annotate(n=Count("regulasi"), terbit=Count("regulasi", filter=Q(regulasi__dipublikasikan=True)))
    }
    hasil = []
    for t in tahun:
        for kode, w in sorted(wilayah.items()):
            lap = laporan.get((t, kode))
            hasil.append(BarisRegulasi(w, t, lap, lap.n if lap else 0, lap.terbit if lap else 0))
    return hasil


# --- publikasi -------------------------------------------------------------------------------------

def publikasi_terbit(*, wilayah_kode: str | None = None, jenis: str | None = None) -> QuerySet[Publikasi]:
    """Published articles, newest first, in a wilayah's subtree (None: everywhere)."""
    qs = _dalam(Publikasi.objects.filter(status=StatusPublikasi.TERBIT), "wilayah__kode", wilayah_kode)
    if jenis:
        qs = qs.filter(jenis=jenis)
    return qs.select_related("wilayah").order_by("-diterbitkan_pada", "-id")


def publikasi_ambil_publik(slug: str) -> Publikasi:
    return get_object_or_404(publikasi_terbit(), slug=slug)


def publikasi_dapat_dibaca(user) -> QuerySet[Publikasi]:
    qs = Publikasi.objects.select_related("wilayah", "diubah_oleh").order_by("-diubah_pada", "-id")
    return lingkup_baca(user).saring(qs, "wilayah__kode")


def publikasi_ambil(*, user, pk: int) -> Publikasi:
    try:
        return publikasi_dapat_dibaca(user).get(pk=pk)
    except Publikasi.DoesNotExist as exc:
        raise Http404("Publikasi tidak ditemukan.") from exc


def wilayah_penulis(user) -> QuerySet[Wilayah]:
    """Where the user may write articles: its own wilayah as operator or approver."""
    kode = set(wilayah_untuk_aksi(user, Izin.ISI).filter(tingkat__in=TINGKAT_PELAKU).values_list("kode", flat=True))
    kode |= set(wilayah_untuk_aksi(user, Izin.SETUJUI).filter(tingkat__in=TINGKAT_PELAKU).values_list("kode", flat=True))
    return Wilayah.objects.filter(kode__in=kode).order_by("kode")


def boleh_menerbitkan(user, publikasi: Publikasi) -> bool:
    return boleh_bertindak(user, Izin.SETUJUI, publikasi.wilayah)
