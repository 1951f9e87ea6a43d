"""The RAD dashboard as .xlsx and the yearly RAD monitoring PDF.

xlsx: sheet "Target vs realisasi" (one row per output, per year target / realisation / state, late
or missing cells filled red, running-year gaps yellow) and sheet "Ringkasan <tahun>" (per pilar and
per agency). PDF (`pdf/rad_pemantauan.html`, landscape A4 through `inti.pdf.render_pdf`): the
regulation, the year's prevalence target, the counts, then every output with a target that year
grouped by pilar; the RAD Laporan's parts and approval trail come from `aksi.pdf.konteks_umum`, and an
unapproved year carries the draft banner and watermark like every other Laporan document.
"""
import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from aksi.models import Laporan
from aksi.pdf import konteks_umum
from inti.ekspor import baris_xlsx, tulis
from inti.pdf import ZONA_WAKTU, render_pdf

from .choices import TAHAPAN_RAD, Keadaan
from .selectors import Dasbor

WARNA = {Keadaan.TERLAMBAT: "F8D7DA", Keadaan.TIDAK_LAPOR: "F8D7DA", Keadaan.BELUM_LAPOR: "FFF3CD",
         Keadaan.TERCAPAI: "D1E7DD", Keadaan.PROSES: "CFE2FF"}


def _angka(nilai):
    if nilai is None:
        return None
    return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)


def dasbor_xlsx(d: Dasbor) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Target vs realisasi"
    tebal = Font(bold=True)
    ws.append(baris_xlsx(ws, [f"Pemantauan RAD — {d.regulasi.judul} ({d.regulasi.nomor}/{d.regulasi.tahun}), {d.regulasi.wilayah.nama_lengkap}"]))
    ws.append(["Realisasi: " + ("semua isian (termasuk yang belum disetujui)" if d.semua else "hanya laporan RAD yang disetujui")
               + f"; keadaan per {d.hari:%d-%m-%Y}."])
    kepala = ["Kode", "Pilar", "Strategi", "Instrumen", "Keluaran", "Satuan", "Penanggung jawab"]
    for t in d.daftar_tahun:
        kepala += [f"Target {t}", f"Realisasi {t}", f"Keadaan {t}"]
    ws.append(kepala)
    for sel in ws[3]:
        sel.font = tebal
    for b in d.baris:
        k = b.keluaran
        s = k.instrumen.strategi
        baris = [k.kode, s.pilar.nomor, s.uraian, k.instrumen.uraian, k.uraian, k.satuan, k.penanggung_jawab.singkatan]
        for t in d.daftar_tahun:
            sel = b.sel.get(t)
            if sel is None:
                baris += [None, None, None]
                continue
            target = _angka(sel.target.jumlah) if sel.target.jumlah is not None else sel.target.uraian
            r = sel.realisasi
            realisasi = None if r is None else (_angka(r.jumlah) if r.jumlah is not None else r.get_status_display())
            baris += [target, realisasi, sel.keadaan.label]
        nomor = ws.max_row + 1
        for kolom, nilai in enumerate(baris, start=1):
            tulis(ws, nomor, kolom, nilai)
        for i, t in enumerate(d.daftar_tahun):
            sel = b.sel.get(t)
            if sel is not None and sel.keadaan in WARNA:
                ws.cell(nomor, 8 + 3 * i + 2).fill = PatternFill("solid", fgColor=WARNA[sel.keadaan])
    for kolom, lebar in enumerate([9, 6, 40, 40, 50, 16, 18], start=1):
        ws.column_dimensions[get_column_letter(kolom)].width = lebar
    ws.freeze_panes = "F4"
    _ringkasan(wb.create_sheet(f"Ringkasan {d.tahun}"), d)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _ringkasan(ws, d: Dasbor) -> None:
    keadaan = [k for k in Keadaan if k != Keadaan.AKAN_DATANG] + [Keadaan.AKAN_DATANG]
    if d.tahun in d.prevalensi:
        ws.append([f"Target prevalensi stunting {d.tahun}", float(d.prevalensi[d.tahun])])  # no user text
    for judul, daftar in (("Per pilar", d.per_pilar), ("Per penanggung jawab", d.per_unit)):
        ws.append([])
        ws.append([judul, "Keluaran bertarget", *[k.label for k in keadaan], "% tercapai"])
        for sel in ws[ws.max_row]:
            sel.font = Font(bold=True)
            sel.alignment = Alignment(wrap_text=True)
        for r in [*daftar, d.total]:
            ws.append(baris_xlsx(ws, [r.label, r.total, *[r.hitung(k) for k in keadaan],
                                      None if r.persen_tercapai is None else float(r.persen_tercapai)]))
    ws.column_dimensions["A"].width = 60


def laporan_rad(d: Dasbor) -> Laporan | None:
    return Laporan.objects.filter(tahun=d.tahun, tahapan_id=TAHAPAN_RAD, wilayah=d.regulasi.wilayah).order_by().first()


def konteks_pdf(d: Dasbor) -> dict:
    laporan = laporan_rad(d)
    if laporan is not None:
        konteks = konteks_umum(laporan)
    else:  # nothing reported yet: the same header without parts or trail
        wilayah = d.regulasi.wilayah
        konteks = {"laporan": None, "wilayah": wilayah, "jenjang": [*wilayah.leluhur(), wilayah], "riwayat": [],
                   "bagian": [], "disetujui": False, "dicetak": timezone.localtime(timezone.now(), ZONA_WAKTU)}
    per_pilar = {}
    for b in d.baris_tahun():
        per_pilar.setdefault(b.keluaran.instrumen.strategi.pilar, []).append((b.keluaran, b.sel[d.tahun]))
    return {**konteks, "d": d, "per_pilar": per_pilar, "prevalensi": d.prevalensi.get(d.tahun)}


def html_pemantauan(d: Dasbor) -> str:
    with translation.override("id"):
        return render_to_string("pdf/rad_pemantauan.html", konteks_pdf(d))


def dokumen_pemantauan(d: Dasbor) -> bytes:
    return render_pdf(html_pemantauan(d))
