"""The "Laporan Penilaian" PDF of one wilayah and year: total, class, the breakdown per component
with its evidence, the coverage against target per indicator, and the monitoring notes of the
step-"penilaian" Laporan with that Laporan's approval trail (aksi.pdf.konteks_umum).

Portrait A4, rendered offline by inti.pdf.render_pdf; `html_laporan_penilaian` gives the HTML
(tests read it), `dokumen_laporan_penilaian` the PDF.
"""
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from aksi.pdf import konteks_umum
from inti.pdf import ZONA_WAKTU, render_pdf

from wilayah.batas import peta_cetak
from wilayah.choices import Tingkat
from wilayah.selectors import kop_surat

from .models import CATATAN_RUMUS, JenisKomponen, Kelas, NilaiPenilaian
from .selectors import catatan_daftar

TEMPLATE = "pdf/laporan_penilaian.html"


WARNA_KELAS = {Kelas.TUMBUH: "#fdae61", Kelas.BERKEMBANG: "#abd9e9", Kelas.BERDAYA: "#2c7bb6"}


def _peta_kelas(nilai: NilaiPenilaian):
    """The classes of the wilayah directly below in the same year, as a map (kab/kota and provinsi)."""
    wilayah = nilai.wilayah
    if wilayah.tingkat >= Tingkat.KECAMATAN:
        return None
    anak = list(wilayah.anak.order_by("kode"))
    kelas = {n.wilayah_id: (WARNA_KELAS[n.kelas], n.get_kelas_display())
             for n in NilaiPenilaian.objects.filter(wilayah__in=anak, tahun=nilai.tahun)}
    return peta_cetak(f"Kelas {Tingkat(wilayah.tingkat + 1).label.lower()} di {wilayah.nama_lengkap} {nilai.tahun}", anak, kelas,
                      [(WARNA_KELAS[k], k.label) for k in (Kelas.TUMBUH, Kelas.BERKEMBANG, Kelas.BERDAYA)], kosong=("#d9d9d9", "belum dinilai"))


def html_laporan_penilaian(nilai: NilaiPenilaian, laporan_monev: Laporan | None = None) -> str:
    with translation.override("id"), timezone.override(ZONA_WAKTU):
        wilayah = nilai.wilayah
        rincian = list(nilai.rincian.all())
        konteks = {
            "nilai": nilai, "wilayah": wilayah, "jenjang": [*wilayah.leluhur(), wilayah], "rincian": rincian,
            "cakupan": [r for r in rincian if r.jenis == JenisKomponen.CAKUPAN_TARGET],
            "aturan": nilai.aturan, "catatan_rumus": CATATAN_RUMUS,
            "dihitung": timezone.localtime(nilai.dihitung_pada, ZONA_WAKTU),
            "dicetak": timezone.localtime(timezone.now(), ZONA_WAKTU),
            "laporan_monev": laporan_monev, "catatan": [], "peta": _peta_kelas(nilai), "kop": kop_surat(wilayah),
            "kepala": f"Laporan Penilaian Hasil Monev · {wilayah.nama_lengkap} {nilai.tahun}", "kaki": "",
        }
        if laporan_monev is not None:
            umum = konteks_umum(laporan_monev)
            konteks |= {
                "riwayat": umum["riwayat"], "bagian": umum["bagian"], "penyetuju": umum["penyetuju"],
                "monev_disetujui": laporan_monev.status == StatusLaporan.DISETUJUI,
                "catatan": catatan_daftar(laporan_monev),
            }
        return render_to_string(TEMPLATE, konteks)


def dokumen_laporan_penilaian(nilai: NilaiPenilaian, laporan_monev: Laporan | None = None) -> bytes:
    return render_pdf(html_laporan_penilaian(nilai, laporan_monev))
