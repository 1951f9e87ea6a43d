"""The portal's documented default rule set (docs/decisions.md, "Penilaian") and copying a rule to another year."""
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from aksi.models import Tahapan
from inti.services import audit_catat
from wilayah.choices import Tingkat

from ..models_penilaian import (
    AturanPenilaian,
    JenisKomponen,
    KomponenPenilaian,
    TingkatPenilaian,
)

# The roll-up's own cell function, so coverage here is exactly what `rekap_cakupan` gives per wilayah.
from .dasar import PenilaianGagal

# --- the default rule set --------------------------------------------------------------------

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


def aturan_bawaan_buat(*, tahun: int, tingkat: int, oleh=None, ganti: bool = False) -> tuple[AturanPenilaian, bool]:
    """Create the default rule of (tahun, tingkat). An existing active rule is kept (returned with
    False) unless `ganti`, which deactivates it and creates a fresh default."""
    if tingkat not in TingkatPenilaian.values:
        raise PenilaianGagal(f"Tingkat {tingkat} tidak dinilai; pilih 1 (provinsi), 2 (kab/kota) atau 3 (kecamatan).")
    with transaction.atomic():
        lama = AturanPenilaian.objects.select_for_update().filter(tahun=tahun, tingkat=tingkat, aktif=True).first()
        if lama is not None and not ganti:
            return lama, False
        if lama is not None:
            lama.aktif = False
            lama.save(update_fields=["aktif", "diubah_pada"])
        aturan = AturanPenilaian.objects.create(
            tahun=tahun, tingkat=tingkat, ambang_berkembang=AMBANG_BERKEMBANG, ambang_berdaya=AMBANG_BERDAYA,
        )
        KomponenPenilaian.objects.bulk_create([
            KomponenPenilaian(aturan=aturan, kode=k.kode, nama=k.nama, jenis=k.jenis, tahapan_id=k.tahapan, bobot=k.bobot,
                              urutan=(i + 1) * 10)
            for i, k in enumerate(komponen_bawaan(tingkat))
        ])
        audit_catat(pengguna=oleh, aksi="aturan_bawaan_buat", objek=aturan,
                    lama={"aturan_nonaktif": lama.pk} if lama else None,
                    baru={"tahun": tahun, "tingkat": tingkat, "komponen": aturan.komponen.count()})
    return aturan, True


def aturan_salin(*, aturan: AturanPenilaian, tahun: int, oleh=None) -> AturanPenilaian:
    """Copy a rule (thresholds and components) to another year; the copy is active unless that year
    and level already has an active rule."""
    with transaction.atomic():
        aktif = not AturanPenilaian.objects.filter(tahun=tahun, tingkat=aturan.tingkat, aktif=True).exists()
        salinan = AturanPenilaian.objects.create(
            tahun=tahun, tingkat=aturan.tingkat, keterangan=aturan.keterangan, aktif=aktif,
            ambang_berkembang=aturan.ambang_berkembang, ambang_berdaya=aturan.ambang_berdaya,
        )
        KomponenPenilaian.objects.bulk_create([
            KomponenPenilaian(aturan=salinan, kode=k.kode, nama=k.nama, jenis=k.jenis, tahapan_id=k.tahapan_id, bobot=k.bobot,
                              urutan=k.urutan)
            for k in aturan.komponen.all()
        ])
        audit_catat(pengguna=oleh, aksi="aturan_salin", objek=salinan, lama={"aturan": aturan.pk}, baru={"tahun": tahun, "aktif": aktif})
    return salinan
