"""Reads of the semester realisation of kecamatan programs (APBDes, swadaya, swasta): the part
its rows belong to, and the roll-up per wilayah below for kab/kota and provinsi."""
from django.db.models import F, Sum
from django.db.models.functions import Substr

from aksi.choices import StatusLaporan
from aksi.models import BagianLaporan, Laporan
from wilayah.choices import PANJANG_KODE
from wilayah.lingkup import q_dalam
from wilayah.models import Wilayah

from ..models import RealisasiProgram

UNIT_REALISASI = "setcam"  # the kecamatan part that reports RealisasiProgram


def bagian_realisasi(laporan: Laporan) -> BagianLaporan:
    """The part a capaian-semester Laporan's RealisasiProgram rows belong to (Setcam, else the unit-less one)."""
    bagian = {b.unit_id: b for b in laporan.bagian.select_related("unit", "laporan__wilayah", "diubah_oleh")}
    return bagian.get(UNIT_REALISASI) or bagian.get(None)


def realisasi_per_wilayah_bawah(*, wilayah: Wilayah, tahun: int, tahapan_id: str) -> dict[str, dict]:
    """{code of the wilayah directly below: {anggaran, realisasi}} from the approved kecamatan Laporan."""
    panjang = PANJANG_KODE[wilayah.tingkat + 1]
    return {
        r["kode_anak"]: r for r in RealisasiProgram.objects.filter(
            q_dalam(wilayah.kode, "laporan__wilayah__kode", termasuk_diri=False),
            laporan__tahun=tahun, laporan__tahapan_id=tahapan_id, laporan__status=StatusLaporan.DISETUJUI,
        ).order_by().annotate(kode_anak=Substr("laporan__wilayah_id", 1, panjang)).values("kode_anak")
        .annotate(anggaran=Sum("anggaran"), realisasi=Sum("realisasi"))
    }


def realisasi_per_intervensi(*, wilayah: Wilayah, tahun: int, tahapan_id: str) -> dict[str, dict]:
    """{intervention type (spesifik/sensitif, D92): {anggaran, realisasi}} of the APBDes/swadaya/
    swasta programs in the approved kecamatan Laporan of `wilayah` (itself or below)."""
    return {
        r["jenis"]: r for r in RealisasiProgram.objects.filter(
            q_dalam(wilayah.kode, "laporan__wilayah__kode"), laporan__tahun=tahun, laporan__tahapan_id=tahapan_id,
            laporan__status=StatusLaporan.DISETUJUI,
        ).order_by().values(jenis=F("indikator__kelompok__jenis_intervensi"))
        .annotate(anggaran=Sum("anggaran"), realisasi=Sum("realisasi"))
    }
