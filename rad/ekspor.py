"""The RAD dashboard as .xlsx (an `inti.ekspor.Pengekspor`; the monitoring PDF is in rad/pdf.py).

Sheet "Target vs realisasi" (one row per output, per year target / realisation / state, late
or missing cells filled red, running-year gaps yellow) and sheet "Ringkasan <tahun>" (per pilar and
per agency).
"""
from inti.ekspor import Lembar, Pengekspor, Sel, kepala

from .choices import Keadaan
from .selectors import Dasbor

WARNA = {Keadaan.TERLAMBAT: "F8D7DA", Keadaan.TIDAK_LAPOR: "F8D7DA", Keadaan.BELUM_LAPOR: "FFF3CD",
         Keadaan.TERCAPAI: "D1E7DD", Keadaan.PROSES: "CFE2FF"}


def _angka(nilai):
    if nilai is None:
        return None
    return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)


class DasborEkspor(Pengekspor):
    """The RAD dashboard: targets vs realisation per output and year, and the year's summary."""

    def __init__(self, d: Dasbor):
        self.d = d
        self.nama_berkas = f"pemantauan-rad-{d.regulasi.wilayah.kode}-{d.tahun}"

    def lembar(self):
        d = self.d
        yield Lembar("Target vs realisasi", self._target(), beku="F4",
                     lebar=dict(enumerate([9, 6, 40, 40, 50, 16, 18], start=1)))
        yield Lembar(f"Ringkasan {d.tahun}", self._ringkasan(), lebar={1: 60})

    def _target(self):
        d = self.d
        yield [f"Pemantauan RAD — {d.regulasi.judul} ({d.regulasi.nomor}/{d.regulasi.tahun}), {d.regulasi.wilayah.nama_lengkap}"]
        yield ["Realisasi: " + ("semua isian (termasuk yang belum disetujui)" if d.semua else "hanya laporan RAD yang disetujui")
               + f"; keadaan per {d.hari:%d-%m-%Y}."]
        judul = ["Kode", "Pilar", "Strategi", "Instrumen", "Keluaran", "Satuan", "Penanggung jawab"]
        for t in d.daftar_tahun:
            judul += [f"Target {t}", f"Realisasi {t}", f"Keadaan {t}"]
        yield kepala(*judul)
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
                # the state cell is filled with its state's colour (late or missing: red)
                keadaan = sel.keadaan.label
                baris += [target, realisasi, Sel(keadaan, isi=WARNA[sel.keadaan]) if sel.keadaan in WARNA else keadaan]
            yield baris

    def _ringkasan(self):
        d = self.d
        keadaan = [k for k in Keadaan if k != Keadaan.AKAN_DATANG] + [Keadaan.AKAN_DATANG]
        if d.tahun in d.prevalensi:
            yield [f"Target prevalensi stunting {d.tahun}", float(d.prevalensi[d.tahun])]
        for judul, daftar in (("Per pilar", d.per_pilar), ("Per penanggung jawab", d.per_unit)):
            yield []
            yield [Sel(j, tebal=True, bungkus=True) for j in (judul, "Keluaran bertarget", *[k.label for k in keadaan], "% tercapai")]
            for r in [*daftar, d.total]:
                yield [r.label, r.total, *[r.hitung(k) for k in keadaan],
                       None if r.persen_tercapai is None else float(r.persen_tercapai)]


def dasbor_xlsx(d: Dasbor) -> bytes:
    return DasborEkspor(d).xlsx()
