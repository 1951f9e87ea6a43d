"""The desa sheet (issue 17, item 3; D98): one A4 page per desa for the balai desa notice board —
its coverage beside its kecamatan's and kab/kota's, its gaps, and the money aimed at it (running
programs located in it and APBDes/swadaya/swasta realisations) — from public (approved) data only."""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aksi.choices import StatusLaporan
from analisis.models import ProgramKegiatan
from indikator.katalog import Item
from inti.pdf import ZONA_WAKTU, render_pdf
from penandaan.models import RealisasiProgram
from wilayah.models import Wilayah
from wilayah.selectors import kop_surat

from .grafik import target_cakupan
from .portal import cakupan_publik_banyak

AMBANG_KESENJANGAN = 70  # below this coverage (or below its target) an indicator is a gap of the desa


@dataclass
class BarisDesa:
    item: Item
    desa: float | None
    kecamatan: float | None
    kabkota: float | None
    target: float | None

    @property
    def senjang(self) -> bool:
        batas = self.target if self.target is not None else AMBANG_KESENJANGAN
        return self.desa is not None and self.desa < batas


def isi_lembar(desa: Wilayah) -> dict:
    kecamatan, kab = desa.induk, desa.induk.induk
    cakupan = cakupan_publik_banyak([desa.kode])[desa.kode]
    atas = cakupan_publik_banyak([kecamatan.kode, kab.kode], cakupan.tahun, cakupan.periode) if cakupan.tahun else {}
    target = target_cakupan(desa, cakupan.tahun)

    def persen(kode, item_kode):
        c = atas.get(kode)
        return next((b.persen for b in c.baris if b.item.kode == item_kode), None) if c else None

    baris = [BarisDesa(b.item, b.persen, persen(kecamatan.kode, b.item.kode), persen(kab.kode, b.item.kode), target.get(b.item.kode))
             for b in cakupan.baris if b.item.cakupan]
    terbit = Q(laporan__status=StatusLaporan.DISETUJUI) | Q(laporan__direvisi=True)
    program = list(ProgramKegiatan.objects.filter(terbit, lokasi=desa, laporan__tahun=cakupan.tahun or timezone.localdate().year)
                   .select_related("indikator").order_by("indikator__urutan"))
    realisasi = (RealisasiProgram.objects.filter(desa=desa, laporan__status=StatusLaporan.DISETUJUI)
                 .order_by("-laporan__tahun").values("laporan__tahun").annotate(anggaran=Sum("anggaran"), realisasi=Sum("realisasi")))
    return {
        "desa": desa, "kecamatan": kecamatan, "kab": kab, "cakupan": cakupan, "baris": baris,
        "senjang": [b for b in baris if b.senjang], "program": program,
        "anggaran_program": sum((p.anggaran for p in program), Decimal(0)), "realisasi": list(realisasi[:2]),
        "ambang": AMBANG_KESENJANGAN, "dicetak": timezone.localtime(timezone.now(), ZONA_WAKTU), "kop": kop_surat(desa),
    }


def html_lembar_desa(desa: Wilayah) -> str:
    with translation.override("id"), timezone.override(ZONA_WAKTU):
        return render_to_string("pdf/lembar_desa.html", isi_lembar(desa))


def pdf_lembar_desa(desa: Wilayah) -> bytes:
    return render_pdf(html_lembar_desa(desa))
