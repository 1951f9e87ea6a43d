"""The Berita Acara of the Pra-musrenbang tematik stunting (DOMAIN.md §4.2), rendered by WeasyPrint
to be printed, signed by the pimpinan rapat and the participants' representatives, and scanned back.

Portrait A4: the header with the wilayah and year, the agenda, the planned programs grouped by
kategori with their totals, for kab/kota and provinsi the OPD evaluation, commitment declaration
and awards, then the signature blocks. Before the Berita Acara is filled in, its facts print as
dotted lines to write by hand. `html_berita_acara` gives the HTML (tests read it);
`dokumen_berita_acara` the PDF. Like aksi/pdf.py, no remote resource is ever fetched.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aksi.models import Laporan
from aksi.models import TINGKAT_DAERAH
from indikator.models import IndikatorCapaian
from inti.pdf import ZONA_WAKTU, render_pdf
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .models import (
    AgendaMusrenbang, BeritaAcara, DeklarasiKomitmen, EvaluasiKinerjaOPD, KategoriProgram, Penghargaan, RencanaProgram,
)

TEMPLATE = "pdf/berita_acara_musrenbang.html"
BARIS_TTD_KOSONG = 8  # signature lines printed when no representatives are named


@dataclass
class KelompokKategori:
    kategori: str
    label: str
    rencana: list[RencanaProgram] = field(default_factory=list)
    jumlah: Decimal = Decimal(0)


def rencana_per_kategori(rencana: Iterable[RencanaProgram]) -> tuple[list[KelompokKategori], Decimal]:
    """Planned programs per kategori, in the order of KategoriProgram (empty ones included), and the total."""
    kelompok = {k.value: KelompokKategori(k.value, k.label) for k in KategoriProgram}
    for r in rencana:
        k = kelompok[r.kategori]
        k.rencana.append(r)
        k.jumlah += r.perkiraan_anggaran
    return list(kelompok.values()), sum((k.jumlah for k in kelompok.values()), Decimal(0))


def rencana_laporan(laporan: Laporan):
    return (RencanaProgram.objects.filter(laporan=laporan).select_related("unit_pelaksana").prefetch_related(
        Prefetch("indikator", queryset=IndikatorCapaian.objects.order_by("urutan", "kode")),
        Prefetch("lokasi", queryset=Wilayah.objects.order_by("kode").only("kode", "nama")),
    ))


def _konteks(laporan: Laporan) -> dict:
    wilayah = laporan.wilayah
    berita_acara = BeritaAcara.objects.filter(laporan=laporan).first()
    kelompok, total = rencana_per_kategori(rencana_laporan(laporan))
    daerah = wilayah.tingkat in TINGKAT_DAERAH
    peserta = berita_acara.penandatangan_peserta if berita_acara else []
    return {
        "laporan": laporan,
        "wilayah": wilayah,
        "jenjang": [*wilayah.leluhur(), wilayah],
        "ba": berita_acara,
        "agenda": AgendaMusrenbang.objects.filter(laporan=laporan),
        "kelompok": kelompok,
        "total": total,
        "jumlah_rencana": sum(len(k.rencana) for k in kelompok),
        "tahun_rencana": laporan.tahun + 1,
        "label_lokasi": Tingkat(wilayah.tingkat + 1).label,
        "daerah": daerah,
        "evaluasi": EvaluasiKinerjaOPD.objects.filter(laporan=laporan).select_related("unit") if daerah else [],
        "komitmen": DeklarasiKomitmen.objects.filter(laporan=laporan) if daerah else [],
        "penghargaan": Penghargaan.objects.filter(laporan=laporan) if daerah else [],
        "peserta": peserta or [("", "")] * BARIS_TTD_KOSONG,
        "dicetak": timezone.localtime(timezone.now(), ZONA_WAKTU),
    }


def html_berita_acara(laporan: Laporan) -> str:
    """The Berita Acara as HTML, in Bahasa Indonesia (day and month names) and Asia/Jakarta time."""
    with translation.override("id"), timezone.override(ZONA_WAKTU):
        return render_to_string(TEMPLATE, _konteks(laporan))


def dokumen_berita_acara(laporan: Laporan) -> bytes:
    return render_pdf(html_berita_acara(laporan))
