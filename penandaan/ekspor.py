"""The tagged spending lines of a drill-down as xlsx: one row per line, codes and labels as in the
page, the Laporan's state in Bahasa Indonesia. Rendered by `inti.ekspor.Pengekspor`."""
from aksi.choices import StatusLaporan
from aksi.choices import SumberDana
from inti.ekspor import Lembar, Pengekspor, kepala

from .models import ArahSasaran

KOLOM_EKSPOR = (
    ("Kode wilayah", "laporan__wilayah_id"), ("Wilayah", "laporan__wilayah__nama"), ("Unit/OPD", "unit__singkatan"),
    ("Kode program", "kode_program"), ("Program", "nama_program"), ("Kode kegiatan", "kode_kegiatan"),
    ("Kegiatan", "nama_kegiatan"), ("Kode subkegiatan", "kode_subkegiatan"), ("Subkegiatan", "nama_subkegiatan"),
    ("Kode rekening", "kode_rekening"), ("Uraian belanja", "uraian"), ("Volume", "volume"), ("Satuan", "satuan"),
    ("Harga satuan (Rp)", "harga_satuan"), ("Total (Rp)", "total"), ("Indikator", "indikator_id"),
    ("Kelompok sasaran", "kelompok_id"), ("Ditujukan untuk", "arah"), ("Sumber dana", "sumber_dana"),
    ("Status laporan", "laporan__status"),
)
_LABEL = {"arah": dict(ArahSasaran.choices), "sumber_dana": dict(SumberDana.choices)}


class RincianBelanjaEkspor(Pengekspor):
    def __init__(self, qs, *, nama_berkas: str):
        self.qs, self.nama_berkas = qs, nama_berkas

    def _baris(self):
        status = dict(StatusLaporan.choices)
        kolom = [k for _, k in KOLOM_EKSPOR]
        yield kepala(*(judul for judul, _ in KOLOM_EKSPOR))
        for baris in self.qs.values_list(*kolom).iterator(chunk_size=2000):
            nilai = dict(zip(kolom, baris))
            for k, label in _LABEL.items():
                nilai[k] = label.get(nilai[k], nilai[k])
            nilai["laporan__status"] = status.get(nilai["laporan__status"], nilai["laporan__status"])
            yield [nilai[k] for k in kolom]

    def lembar(self):
        yield Lembar("Rincian belanja", self._baris(), beku="A2")
