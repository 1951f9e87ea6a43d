"""What a part must contain before its operator may submit it, per step.

Kept here, next to the transitions, so every step's completeness rule is in one place.
"""
from .models import BagianLaporan
from .models_musrenbang import TAHAPAN_MUSRENBANG, BeritaAcara


def kekurangan_ajukan(bagian: BagianLaporan) -> str | None:
    """The reason this part cannot be submitted yet, or None."""
    laporan = bagian.laporan
    if laporan.tahapan_id == TAHAPAN_MUSRENBANG and bagian.unit_id == BeritaAcara.unit_di(laporan.wilayah.tingkat):
        ba = BeritaAcara.objects.filter(laporan=laporan).first()
        if ba is None or not ba.berkas_ttd:
            return "Unggah dulu scan Berita Acara pra-musrenbang yang sudah ditandatangani (PDF, JPEG atau PNG)."
    return None
