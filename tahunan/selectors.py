"""What the annual report of a wilayah says (D94), from the same reads as the pages it sums up —
the rekap (coverage), the published scores, the approved budget tags, the proposals tracker and
the supervision records — so each number equals the page's."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser

from aksi.choices import Periode
from indikator.katalog import Item, daftar_item
from indikator.models import JenisIntervensi
from monev.selectors import Basis, basis_cakupan, rekap_cakupan
from pembinaan.selectors import hitung_per_semester, kiriman_wilayah, pembinaan_diterima
from penandaan.models import JenisPenandaan
from penandaan.selectors import anggaran_ringkas, realisasi_per_intervensi
from penilaian.models import NilaiPenilaian
from penilaian.selectors import nilai_penilaian_publik
from publikasi.portal import KemajuanTahapan, kemajuan_tahapan
from usulan.selectors import hitung_status, status_usulan, usulan_wilayah
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .models import LaporanTahunan


@dataclass
class BarisCakupan:
    item: Item
    nilai: list[tuple[int | None, int | None, float | None]]  # per column of `IsiLaporan.kolom`


@dataclass
class BarisAnggaran:
    label: str
    murni: Decimal
    perubahan: Decimal
    realisasi_anggaran: Decimal | None = None  # APBDes/swadaya/swasta programs (semester 2, else 1)
    realisasi: Decimal | None = None


@dataclass
class IsiLaporan:
    wilayah: Wilayah
    tahun: int
    kolom: list[str]  # the coverage columns: "<periode> <tahun>"
    cakupan: list[BarisCakupan]
    basis: Basis | None
    nilai: NilaiPenilaian | None
    anggaran: list[BarisAnggaran]
    total_murni: Decimal
    total_perubahan: Decimal
    usulan: list[tuple[str, int]]
    jumlah_usulan: int
    kemajuan: list[KemajuanTahapan]
    pembinaan_diterima: list = field(default_factory=list)
    pembinaan_bawah: list = field(default_factory=list)
    kiriman: dict = field(default_factory=dict)


# the coverage columns: the year's three periods, then the previous year's baseline (the trend)
def _kolom(tahun: int) -> list[tuple[int, str]]:
    return [(tahun - 1, Periode.BASELINE), (tahun, Periode.BASELINE), (tahun, Periode.SEMESTER_1), (tahun, Periode.SEMESTER_2)]


def isi_laporan(wilayah: Wilayah, tahun: int) -> IsiLaporan:
    kolom = _kolom(tahun)
    per_kolom = [rekap_cakupan(wilayah_kode=wilayah.kode, tahun=th, periode=p) for th, p in kolom]
    cakupan = [BarisCakupan(i, [k.get(i.kode, (None, None, None)) for k in per_kolom])
               for i in daftar_item() if i.jenis == "capaian"]
    publik = AnonymousUser()  # the report shows what the public may read: approved data
    murni = anggaran_ringkas(user=publik, wilayah=wilayah, tahun=tahun, jenis=JenisPenandaan.MURNI)
    perubahan = anggaran_ringkas(user=publik, wilayah=wilayah, tahun=tahun, jenis=JenisPenandaan.PERUBAHAN)
    realisasi = (realisasi_per_intervensi(wilayah=wilayah, tahun=tahun, tahapan_id="capaian-semester-2")
                 or realisasi_per_intervensi(wilayah=wilayah, tahun=tahun, tahapan_id="capaian-semester-1"))
    per_murni = {b.kode: b.total for b in murni.per_intervensi}
    per_perubahan = {b.kode: b.total for b in perubahan.per_intervensi}
    anggaran = [BarisAnggaran(label, per_murni.get(kode, Decimal(0)), per_perubahan.get(kode, Decimal(0)),
                              (realisasi.get(kode) or {}).get("anggaran"), (realisasi.get(kode) or {}).get("realisasi"))
                for kode, label in JenisIntervensi.choices]
    usulan = status_usulan(list(usulan_wilayah(wilayah.kode, tahun)))
    return IsiLaporan(
        wilayah=wilayah, tahun=tahun, kolom=[f"{Periode(p).label} {th}" for th, p in kolom], cakupan=cakupan,
        basis=basis_cakupan([wilayah.kode], tahun=tahun, periode=Periode.BASELINE).get(wilayah.kode),
        nilai=nilai_penilaian_publik().filter(wilayah=wilayah, tahun=tahun).select_related("aturan").prefetch_related("rincian").first(),
        anggaran=anggaran, total_murni=murni.total, total_perubahan=perubahan.total,
        usulan=hitung_status(usulan), jumlah_usulan=len(usulan), kemajuan=kemajuan_tahapan(wilayah, tahun),
        pembinaan_diterima=list(pembinaan_diterima(wilayah, tahun)) if wilayah.tingkat > Tingkat.PROVINSI else [],
        pembinaan_bawah=hitung_per_semester(wilayah, tahun) if wilayah.tingkat < Tingkat.KECAMATAN else [],
        kiriman=kiriman_wilayah(wilayah, tahun) if wilayah.tingkat == Tingkat.KABKOTA else {},
    )


def laporan_tahunan(wilayah: Wilayah, tahun: int) -> LaporanTahunan | None:
    return LaporanTahunan.objects.filter(wilayah=wilayah, tahun=tahun).first()
