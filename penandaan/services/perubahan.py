"""Start an APBD perubahan (DOMAIN.md §4.3): copy the approved murni tags into the revision.

A perubahan Laporan starts as a copy of every line of the APPROVED murni Laporan of the same
year and wilayah, each copy pointing at its murni line through `asal`. Operators then change
only what the revision changed (penandaan.services.rincian); the before/after reads are in
penandaan.selectors, the document in penandaan.pdf.
"""
from decimal import Decimal

from django.db import transaction

from aksi.models import Laporan
from inti.galat import Ditolak
from inti.services import audit_catat
from wilayah.choices import Izin
from wilayah.lingkup import lingkup_baca
from wilayah.selectors import boleh_bertindak

from ..models import TAHAPAN_PERUBAHAN, RincianBelanja
from ..selectors import NOL, laporan_murni_untuk

# Fields copied from a murni line into its perubahan copy (everything that describes the line).
KOLOM_SALIN = (
    "unit_id", "kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan", "kode_subkegiatan",
    "nama_subkegiatan", "kode_rekening", "uraian", "volume", "satuan", "harga_satuan", "total",
    "indikator_id", "kelompok_id", "arah", "sumber_dana",
)
UKURAN_BATCH = 1000


def perubahan_mulai(*, user, laporan_perubahan: Laporan) -> int:
    """Copy every line of the approved murni Laporan into an empty perubahan Laporan.

    Returns how many lines were copied: 0 when the copy was already made (some line carries an
    `asal`), so the editing page may call it on every visit; new lines an OPD added first do not
    stop the copy. Refused when the murni Laporan is not approved.
    """
    if laporan_perubahan.tahapan_id != TAHAPAN_PERUBAHAN:
        raise Ditolak("Penyalinan dari APBD murni hanya untuk laporan penandaan pasca perubahan APBD.")
    wilayah = laporan_perubahan.wilayah
    if not lingkup_baca(user).mencakup(wilayah.kode) or not boleh_bertindak(user, Izin.ISI, wilayah):
        raise Ditolak(f"Hanya operator {wilayah.nama_lengkap} yang dapat memulai penandaan perubahan APBD.")
    with transaction.atomic():
        # The row lock serialises two operators opening the Laporan at the same moment.
        laporan = Laporan.objects.select_for_update(of=("self",)).get(pk=laporan_perubahan.pk)
        if RincianBelanja.objects.filter(laporan=laporan, asal__isnull=False).exists():
            return 0
        if laporan.disetujui:
            raise Ditolak("Laporan perubahan sudah disetujui; buka kembali dulu sebelum mengubahnya.")
        murni = laporan_murni_untuk(laporan)
        if murni is None:
            raise Ditolak(
                f"Penandaan APBD murni {laporan.tahun} {wilayah.nama_lengkap} belum ada; "
                "penandaan perubahan dimulai dari penandaan APBD murni yang sudah disetujui."
            )
        if not murni.disetujui:
            raise Ditolak(
                f"Penandaan APBD murni {laporan.tahun} {wilayah.nama_lengkap} belum disetujui "
                f"(status: {murni.get_status_display().lower()}); penandaan perubahan hanya dapat dimulai "
                "dari penandaan APBD murni yang sudah disetujui."
            )
        jumlah, total = _salin(murni=murni, ke=laporan, user=user)
        audit_catat(
            pengguna=user, aksi="perubahan_mulai", objek=laporan, wilayah_kode=wilayah.kode,
            baru={"laporan_murni": murni.pk, "baris_disalin": jumlah, "total": str(total)},
        )
    return jumlah


def _salin(*, murni: Laporan, ke: Laporan, user) -> tuple[int, Decimal]:
    baris = RincianBelanja.objects.filter(laporan=murni).order_by("id").values("id", *KOLOM_SALIN)
    jumlah, total, batch = 0, NOL, []
    dibuat_oleh = user if getattr(user, "is_authenticated", False) else None
    for nilai in baris.iterator(chunk_size=UKURAN_BATCH):
        asal_id = nilai.pop("id")
        batch.append(RincianBelanja(laporan=ke, asal_id=asal_id, dibuat_oleh=dibuat_oleh, **nilai))
        total += nilai["total"]
        if len(batch) >= UKURAN_BATCH:
            RincianBelanja.objects.bulk_create(batch)
            jumlah += len(batch)
            batch = []
    RincianBelanja.objects.bulk_create(batch)
    return jumlah + len(batch), total


