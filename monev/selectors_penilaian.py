"""Reads of the scores (Tumbuh / Berkembang / Berdaya): what the public may see, and what a user may read.

A score is public only for a year whose "penilaian" Laporan of that wilayah is approved: that
Laporan is the step in which the wilayah's monev result is presented and signed off (Camat at
kecamatan, Bappeda above), so an approved one is the wilayah's acceptance of its score. A
returned or reopened Laporan hides the score again until it is approved once more. The public
portal and the anonymous API both read through `nilai_penilaian_publik`, so they cannot differ.

Users read the scores of their scope (`wilayah.selectors.lingkup_baca`), approved or not, exactly
like the staff ranking and score pages.
"""
from django.db.models import BooleanField, Exists, OuterRef, QuerySet, Value

from aksi.choices import StatusLaporan
from aksi.models import Laporan
from wilayah.selectors import lingkup_baca

from .models_penilaian import TAHAPAN_PENILAIAN, NilaiPenilaian


def nilai_penilaian_publik() -> QuerySet[NilaiPenilaian]:
    """Scores whose wilayah's "penilaian" Laporan of the same year is approved (see the module's doc)."""
    disetujui = Laporan.objects.filter(tahapan_id=TAHAPAN_PENILAIAN, status=StatusLaporan.DISETUJUI,
                                       wilayah_id=OuterRef("wilayah_id"), tahun=OuterRef("tahun"))
    return NilaiPenilaian.objects.filter(Exists(disetujui))


def nilai_penilaian_dapat_dibaca(user) -> QuerySet[NilaiPenilaian]:
    """Scores in the user's scope (nothing for a user without assignment), approved or not."""
    return lingkup_baca(user).saring(NilaiPenilaian.objects.all(), "wilayah__kode")


def nilai_penilaian_terbaca(user) -> QuerySet[NilaiPenilaian]:
    """What a caller of the API may read, annotated `publik` (shown on the portal): anonymous
    callers the public scores, users their scope (`nilai_penilaian_dapat_dibaca`)."""
    if not getattr(user, "is_authenticated", False):
        return nilai_penilaian_publik().annotate(publik=Value(True, output_field=BooleanField()))
    publik = nilai_penilaian_publik().filter(pk=OuterRef("pk"))
    return nilai_penilaian_dapat_dibaca(user).annotate(publik=Exists(publik))
