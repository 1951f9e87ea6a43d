"""Named public reads of workflow data: what anyone may see without logging in.

Only approved data leaves here: approved Laporan (status disetujui) and counts of approved
Laporan. The step catalogue (Tahapan) and whether a year's cycle exists are configuration,
public as such. Anonymous pages (publikasi.portal) read the workflow through these functions
only, never through Laporan.objects, so what "public" means is written once.
"""
from django.db.models import Count, Q, QuerySet

from wilayah.lingkup import q_dalam

from .choices import StatusLaporan
from .models import Laporan, Siklus, Tahapan


def laporan_publik(*, tahapan: str | None = None, wilayah_kode: str | None = None,
                   tahun: int | None = None) -> QuerySet[Laporan]:
    """Approved Laporan only: of one step (tahapan code), of exactly one wilayah (not its
    subtree) and of one year; each filter left as None does not filter."""
    qs = Laporan.objects.filter(status=StatusLaporan.DISETUJUI)
    if tahapan is not None:
        qs = qs.filter(tahapan_id=tahapan)
    if wilayah_kode is not None:
        qs = qs.filter(wilayah_id=wilayah_kode)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return qs


def jumlah_laporan_disetujui(*, tahun: int, wilayah_kode: str | None = None) -> dict[tuple[str, int], int]:
    """{(tahapan code, tingkat): number of approved Laporan} of the year in the subtree of
    `wilayah_kode` (itself included; None: everywhere). Every (step, level) with a Laporan at
    all is a key, 0 when none is approved yet: which steps were opened is public, nothing else
    of an unapproved Laporan is."""
    qs = Laporan.objects.filter(tahun=tahun)
    if wilayah_kode is not None:
        qs = qs.filter(q_dalam(wilayah_kode, "wilayah__kode"))
    baris = (qs.order_by().values("tahapan_id", "wilayah__tingkat")
             .annotate(ok=Count("id", filter=Q(status=StatusLaporan.DISETUJUI))))
    return {(r["tahapan_id"], r["wilayah__tingkat"]): r["ok"] for r in baris}


def tahapan_publik() -> QuerySet[Tahapan]:
    """The steps of the workflow in their order (configuration)."""
    return Tahapan.objects.order_by("urutan", "kode")


def siklus_ada(tahun: int) -> bool:
    """Whether the cycle of the year has been created (then every step is expected)."""
    return Siklus.objects.filter(tahun=tahun).exists()
