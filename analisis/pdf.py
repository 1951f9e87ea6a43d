"""The PDF document of the Analisis situasi step (DOMAIN.md §4.1), rendered by WeasyPrint.

Kecamatan: sasaran, capaian and data pendukung per desa with totals and coverage, then the
program inventory, problems, recommendations and proposals. Kab/kota and provinsi: the
measurement, targets and meetings, and the coverage of every wilayah directly below
(`analisis.selectors`, from the APPROVED kecamatan Laporan under it). Header, parts and
approval trail: `aksi.pdf.konteks_umum`.

`html_analisis_situasi` gives the HTML (tests read it); `dokumen_analisis_situasi` the PDF.
No remote resource is ever fetched: the fetcher only accepts data: URLs.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aksi.models import Laporan
from aksi.pdf import konteks_umum
from indikator.katalog import Item, cakupan_persen, daftar_item
from indikator.selectors import desa_laporan, nilai_laporan
from inti.format import persen as persen_id
from inti.pdf import ZONA_WAKTU, render_pdf
from wilayah.batas import peta_cetak
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .models import (
    HasilPengukuran, MasalahLayanan, ProgramKegiatan, Rapat, Rekomendasi, SisiMasalah, TargetAnggaran, TargetCakupan,
    TargetPrevalensi, UsulanProgram,
)
from .selectors import Cakupan, cakupan_wilayah_bawah

TEMPLATE = {Tingkat.KECAMATAN: "pdf/analisis_situasi_kecamatan.html"}
TEMPLATE_DAERAH = "pdf/analisis_situasi_daerah.html"

# --- coverage --------------------------------------------------------------------------------

def kaki_item(item: Item, total: dict[str, int], jumlah_desa: int) -> Cakupan:
    """The foot of one item's column in a kecamatan table: Σ numerator over Σ denominator sasaran;
    F6-like = desa with 1 / desa; C5 and non-capaian items a plain total."""
    jumlah = total.get(item.kode)
    if item.cakupan:
        return Cakupan(item, jumlah, sum(total.get(s, 0) for s in item.penyebut))
    if item.ya_tidak:
        return Cakupan(item, jumlah, jumlah_desa)
    return Cakupan(item, jumlah)


def bulatkan(nilai: float | None, tempat: str = "0.1") -> Decimal | None:
    """Round half up before formatting: Django's number_format (used by |persen) truncates."""
    return None if nilai is None else Decimal(str(nilai)).quantize(Decimal(tempat), ROUND_HALF_UP)


def _jumlah_per_item(nilai: dict[tuple[str, str], int]) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for (_, item), n in nilai.items():
        total[item] += n
    return total


# --- kecamatan -------------------------------------------------------------------------------

@dataclass
class TabelDesa:
    judul: str
    item: list[Item]
    baris: list[tuple[str, str, list[int | None]]]  # (kode desa, nama desa, values)
    kaki: list[Cakupan]
    cakupan: bool = False


def _tabel_desa(judul, item, desa, nilai, total, *, cakupan=False) -> TabelDesa:
    baris = [(kode, nama, [nilai.get((kode, i.kode)) for i in item]) for kode, nama in desa.items()]
    return TabelDesa(judul, item, baris, [kaki_item(i, total, len(desa)) for i in item], cakupan)


def _tabel_kecamatan(laporan: Laporan) -> dict:
    item = daftar_item()
    desa = desa_laporan(laporan)
    nilai = nilai_laporan(laporan)
    total = _jumlah_per_item(nilai)
    capaian = [i for i in item if i.jenis == "capaian"]
    sasaran = _tabel_desa("Sasaran", [i for i in item if i.jenis == "sasaran"], desa, nilai, total)
    per_kelompok = [
        _tabel_desa(f"{kode}. {nama}", list(anggota), desa, nilai, total, cakupan=True)
        for (kode, nama), anggota in groupby(capaian, key=lambda i: (i.kelompok, i.kelompok_nama))
    ]
    pendukung = _tabel_desa("Data pendukung", [i for i in item if i.jenis == "pendukung"], desa, nilai, total)
    return {
        "jumlah_desa": len(desa),
        "bagian_desa": [
            ("1. Sasaran per desa/kelurahan", [sasaran]),
            ("2. Capaian layanan per desa/kelurahan", per_kelompok),
            ("3. Data pendukung layanan per desa/kelurahan", [pendukung]),
        ],
    }


@dataclass
class KelompokProgram:
    indikator: object
    program: list = field(default_factory=list)
    jumlah: object = 0


def _per_indikator(daftar, anggaran: str) -> tuple[list[KelompokProgram], object]:
    kelompok = []
    for indikator, anggota in groupby(daftar, key=lambda p: p.indikator):
        anggota = list(anggota)
        kelompok.append(KelompokProgram(indikator, anggota, sum(getattr(p, anggaran) for p in anggota)))
    return kelompok, sum(k.jumlah for k in kelompok)


def _lokasi():
    return Prefetch("lokasi", queryset=Wilayah.objects.order_by("kode").only("kode", "nama"))


def _narasi(laporan: Laporan) -> dict:
    """Problems (with causes), recommendations and proposals: every level (D95)."""
    usulan = UsulanProgram.objects.filter(laporan=laporan).select_related("indikator").prefetch_related(_lokasi())
    usulan, total_usulan = _per_indikator(usulan, "perkiraan_anggaran")
    masalah = []
    for indikator, anggota in groupby(MasalahLayanan.objects.filter(laporan=laporan).select_related("indikator"),
                                      key=lambda m: m.indikator):
        anggota = list(anggota)
        masalah.append((indikator, [[(m.uraian, m.penyebab) for m in anggota if m.sisi == s] for s in SisiMasalah.values]))
    return {
        "usulan": usulan, "total_usulan": total_usulan,
        "masalah": masalah, "sisi": SisiMasalah.labels,
        "rekomendasi": Rekomendasi.objects.filter(laporan=laporan).select_related("indikator"),
    }


def _narasi_kecamatan(laporan: Laporan) -> dict:
    program = ProgramKegiatan.objects.filter(laporan=laporan).select_related("indikator").prefetch_related(_lokasi())
    program, total_program = _per_indikator(program, "anggaran")
    return {"program": program, "total_program": total_program, **_narasi(laporan)}


# --- kab/kota and provinsi -------------------------------------------------------------------

# stunting prevalence classes of the map (the national target of 14 %, then WHO's 20 and 30 % thresholds)
KELAS_PREVALENSI = ((14, "#fee5d9", "< 14%"), (20, "#fcae91", "14–19,9%"), (30, "#fb6a4a", "20–29,9%"),
                    (None, "#cb181d", "≥ 30%"))


def _warna_prevalensi(persen) -> tuple[str, str]:
    warna = next(w for batas, w, _ in KELAS_PREVALENSI if batas is None or persen < batas)
    return warna, persen_id(persen, 2)


def _pengukuran(laporan: Laporan) -> dict:
    hasil = list(HasilPengukuran.objects.filter(laporan=laporan).select_related("wilayah"))
    diukur = sum(h.jumlah_diukur for h in hasil)
    stunting = sum(h.jumlah_stunting for h in hasil)
    anak = list(Wilayah.objects.filter(induk_id=laporan.wilayah_id).order_by("kode"))
    peta = peta_cetak(f"Peta prevalensi stunting Agustus {laporan.tahun - 1} per {Tingkat(laporan.wilayah.tingkat + 1).label.lower()}",
                      anak, {h.wilayah_id: _warna_prevalensi(h.prevalensi) for h in hasil if h.prevalensi is not None},
                      [(w, label) for _, w, label in KELAS_PREVALENSI], kosong=("#d9d9d9", "belum diukur"))
    return {"pengukuran": hasil, "pengukuran_jumlah": (diukur, stunting, bulatkan(cakupan_persen(stunting, diukur), "0.01")),
            "peta": peta}


def _konteks_daerah(laporan: Laporan) -> dict:
    cakupan = cakupan_wilayah_bawah(wilayah=laporan.wilayah, tahun=laporan.tahun, tahapan_id=laporan.tahapan_id)
    target = {t.indikator_id: t for t in TargetCakupan.objects.filter(laporan=laporan).select_related("indikator")}
    anggaran = list(TargetAnggaran.objects.filter(laporan=laporan).select_related("indikator", "unit"))
    return {
        **_pengukuran(laporan),
        "target_prevalensi": TargetPrevalensi.objects.filter(laporan=laporan),
        "target_cakupan": [(target[c.item.kode], c) for c in cakupan.total.cakupan if c.item.kode in target],
        "target_per_kolom": [target.get(i.kode) for i in cakupan.indikator],
        "rapat": Rapat.objects.filter(laporan=laporan),
        "cakupan": cakupan,
        "tingkat_anak": Tingkat(laporan.wilayah.tingkat + 1).label,
        **_narasi(laporan), "target_anggaran": anggaran,
        "target_anggaran_jumlah": (sum(t.target for t in anggaran), sum(t.capaian for t in anggaran)),
    }


# --- rendering -------------------------------------------------------------------------------

def html_analisis_situasi(laporan: Laporan) -> str:
    """The document as HTML, in Bahasa Indonesia and Asia/Jakarta time."""
    with translation.override("id"), timezone.override(ZONA_WAKTU):
        konteks = konteks_umum(laporan)
        if laporan.wilayah.tingkat == Tingkat.KECAMATAN:
            konteks |= _tabel_kecamatan(laporan) | _narasi_kecamatan(laporan)
        else:
            konteks |= _konteks_daerah(laporan)
        return render_to_string(TEMPLATE.get(laporan.wilayah.tingkat, TEMPLATE_DAERAH), konteks)


def dokumen_analisis_situasi(laporan: Laporan) -> bytes:
    return render_pdf(html_analisis_situasi(laporan))
