"""The portal's documented default rule set (docs/decisions.md, "Penilaian"); created by
`penilaian.services.aturan_bawaan_buat`."""
from dataclasses import dataclass
from decimal import Decimal

from aksi.models import Tahapan
from wilayah.choices import Tingkat

from .models import JenisKomponen

TAHAPAN_KECAMATAN = (
    "analisis-situasi", "pra-musrenbang", "penandaan-perencanaan", "penandaan-apbd", "penandaan-perubahan",
    "capaian-semester-1", "capaian-semester-2",
)
TAHAPAN_DAERAH = TAHAPAN_KECAMATAN[:5]  # semester capaian are filled by kecamatan only

# per step: (jenis, label, weight at kecamatan, weight at kab/kota and provinsi)
BOBOT_TAHAPAN = (
    (JenisKomponen.TAHAPAN_SELESAI, "selesai", Decimal(2), Decimal(3)),
    (JenisKomponen.TAHAPAN_DISETUJUI, "disetujui", Decimal(3), Decimal(4)),
    (JenisKomponen.TAHAPAN_TEPAT_WAKTU, "tepat waktu", Decimal(2), Decimal(3)),
    (JenisKomponen.TAHAPAN_LENGKAP, "lengkap", Decimal(3), Decimal(4)),
)
BOBOT_CAKUPAN, BOBOT_REGULASI, BOBOT_PUBLIKASI = Decimal(20), Decimal(5), Decimal(5)
AMBANG_BERKEMBANG, AMBANG_BERDAYA = Decimal(50), Decimal(75)


@dataclass(frozen=True)
class KomponenBawaan:
    kode: str
    nama: str
    jenis: str
    tahapan: str | None
    bobot: Decimal


def komponen_bawaan(tingkat: int) -> list[KomponenBawaan]:
    """The default components of a level; their weights add up to 100."""
    kecamatan = tingkat == Tingkat.KECAMATAN
    nama_tahapan = dict(Tahapan.objects.values_list("kode", "nama"))
    hasil = []
    for kode in TAHAPAN_KECAMATAN if kecamatan else TAHAPAN_DAERAH:
        for jenis, label, bobot_kec, bobot_daerah in BOBOT_TAHAPAN:
            hasil.append(KomponenBawaan(f"{kode}-{jenis.removeprefix('tahapan_').replace('_', '-')}",
                                        f"{nama_tahapan.get(kode, kode)}: {label}", jenis, kode,
                                        bobot_kec if kecamatan else bobot_daerah))
    hasil += [
        KomponenBawaan("cakupan-target", "Cakupan indikator terhadap target", JenisKomponen.CAKUPAN_TARGET, None, BOBOT_CAKUPAN),
        KomponenBawaan("regulasi", "Regulasi", JenisKomponen.REGULASI, "regulasi", BOBOT_REGULASI),
        KomponenBawaan("publikasi", "Publikasi", JenisKomponen.PUBLIKASI, "publikasi", BOBOT_PUBLIKASI),
    ]
    return hasil
