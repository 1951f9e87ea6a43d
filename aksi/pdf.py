"""What every PDF document of a Laporan starts with: header, parts and approval trail
(`konteks_umum`). The documents themselves belong to their apps (analisis.pdf, monev, rad,
penandaan), rendered by inti.pdf.
"""
from dataclasses import dataclass

from django.utils import timezone

from inti.pdf import ZONA_WAKTU
from wilayah.selectors import kop_surat

from .choices import StatusBagian, StatusLaporan
from .models import Laporan


@dataclass
class Jejak:
    waktu: object
    oleh: str
    tindakan: str
    dari: str
    ke: str
    catatan: str


def _nama(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "sistem"


def _label_status(kode: str, per_bagian: bool) -> str:
    pilihan = StatusBagian if per_bagian else StatusLaporan
    return pilihan(kode).label if kode in pilihan.values else kode


def _jejak(laporan: Laporan) -> list[Jejak]:
    hasil = []
    for r in laporan.riwayat.select_related("oleh", "bagian__unit"):
        tindakan = r.get_transisi_display() + (f" bagian {r.bagian.nama_unit}" if r.bagian else " laporan")
        per_bagian = r.bagian_id is not None
        hasil.append(Jejak(timezone.localtime(r.waktu, ZONA_WAKTU), _nama(r.oleh), tindakan,
                           _label_status(r.dari, per_bagian), _label_status(r.ke, per_bagian), r.catatan))
    return hasil


def konteks_umum(laporan: Laporan) -> dict:
    """Header, parts and approval trail every Laporan document starts with."""
    wilayah = laporan.wilayah
    return {
        "laporan": laporan,
        "wilayah": wilayah,
        "jenjang": [*wilayah.leluhur(), wilayah],
        "riwayat": _jejak(laporan),
        "bagian": laporan.bagian.select_related("unit"),
        "disetujui": laporan.status == StatusLaporan.DISETUJUI,
        "penyetuju": _nama(laporan.disetujui_oleh),
        "dicetak": timezone.localtime(timezone.now(), ZONA_WAKTU),
        "kop": kop_surat(wilayah),
    }
