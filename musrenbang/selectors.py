"""Reads of the Pra-musrenbang documents that the workflow asks for through the step registry."""
from aksi.models import BagianLaporan

from .models import TAHAPAN_MUSRENBANG, BeritaAcara


def berita_acara_kurang(bagian: BagianLaporan) -> str | None:
    """Why this part cannot be submitted yet (the part of the Berita Acara's unit needs its
    signed scan), or None. Declared as the step's `kekurangan_ajukan` in musrenbang/apps.py."""
    laporan = bagian.laporan
    if laporan.tahapan_id == TAHAPAN_MUSRENBANG and bagian.unit_id == BeritaAcara.unit_di(laporan.wilayah.tingkat):
        ba = BeritaAcara.objects.filter(laporan=laporan).first()
        if ba is None or not ba.berkas_ttd:
            return "Unggah dulu scan Berita Acara pra-musrenbang yang sudah ditandatangani (PDF, JPEG atau PNG)."
    return None
