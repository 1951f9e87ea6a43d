"""Long PDFs of a Laporan (D101): made by a Celery task with a progress page, and kept while the
data behind them are unchanged, so the next reader downloads the stored file at once.

The fingerprint (`sidik_laporan`) covers what a document shows: the Laporan's state and last
change, every part's version and state (each document or grid write bumps its part's version),
its history, the last change of any Laporan below of the year (kab/kota and provinsi documents
show the coverage of the regions below) and the letterhead. The renderer is named by a dotted path, so the kernel imports no
feature app."""
import hashlib
import importlib
import logging

from celery import shared_task
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse
from django.shortcuts import render

from inti.berkas import tandai_pembuatan

from .models import BerkasPdf, Laporan

log = logging.getLogger(__name__)
VERSI = "1"  # raise when a document's template changes what it prints


def sidik_laporan(laporan: Laporan) -> str:
    from wilayah.lingkup import q_dalam
    from wilayah.models import KopSurat, kode_leluhur

    bagian = sorted(laporan.bagian.values_list("pk", "versi", "status"))
    riwayat = laporan.riwayat.aggregate(m=Max("pk"))["m"]
    kop = KopSurat.objects.filter(wilayah_id__in=[laporan.wilayah_id, *kode_leluhur(laporan.wilayah_id)]).aggregate(m=Max("diubah_pada"))["m"]
    bawah = None
    if laporan.wilayah.tingkat < 3:
        bawah = (Laporan.objects.filter(q_dalam(laporan.wilayah_id, "wilayah__kode", termasuk_diri=False), tahun=laporan.tahun)
                 .aggregate(m=Max("diubah_pada"))["m"])
    teks = f"{VERSI}|{laporan.status}|{laporan.diubah_pada.isoformat()}|{bagian}|{riwayat}|{kop}|{bawah}"
    return hashlib.sha256(teks.encode()).hexdigest()


def _tandai(pk: int, status: str, *, pdf: bytes | None = None, galat: str = "") -> None:
    b = BerkasPdf.objects.only("jenis", "laporan_id").get(pk=pk)
    tandai_pembuatan(BerkasPdf, pk, status, selesai=status in (BerkasPdf.Status.SELESAI, BerkasPdf.Status.GAGAL), isi=pdf,
                     nama=f"{b.jenis}-{b.laporan_id}.pdf", galat=galat)


@shared_task(name="aksi.buat_pdf")
def buat_pdf(pk: int, pembuat: str) -> str:
    """Make one stored PDF with the renderer at dotted path `pembuat` (a function of the Laporan)."""
    berkas = BerkasPdf.objects.select_related("laporan__wilayah", "laporan__tahapan").get(pk=pk)
    _tandai(pk, BerkasPdf.Status.PROSES)
    modul, nama = pembuat.rsplit(".", 1)
    try:
        pdf = getattr(importlib.import_module(modul), nama)(berkas.laporan)
    except Exception as exc:
        log.exception("PDF %s laporan %s gagal", berkas.jenis, berkas.laporan_id)
        _tandai(pk, BerkasPdf.Status.GAGAL, galat=f"{type(exc).__name__}: {exc}")
        return BerkasPdf.Status.GAGAL
    _tandai(pk, BerkasPdf.Status.SELESAI, pdf=pdf)
    return BerkasPdf.Status.SELESAI


def pdf_laporan(request, laporan: Laporan, *, jenis: str, pembuat: str, nama_berkas: str):
    """The view's answer: the stored PDF when its data are unchanged; else the PDF is (re)made by a
    Celery task and the page says so, polling until it is there (at once when Celery runs eagerly)."""
    kunci = sidik_laporan(laporan)
    b = BerkasPdf.objects.filter(laporan=laporan, jenis=jenis).first()
    if b is None or b.kunci != kunci or b.status == BerkasPdf.Status.GAGAL or (b.status == BerkasPdf.Status.SELESAI and not b.berkas):
        with transaction.atomic():
            b, _ = BerkasPdf.objects.select_for_update().get_or_create(laporan=laporan, jenis=jenis, defaults={"kunci": kunci})
            b.kunci, b.status, b.galat, b.selesai_pada = kunci, BerkasPdf.Status.ANTRE, "", None
            b.save()
            transaction.on_commit(lambda: buat_pdf.delay(b.pk, pembuat), robust=True)
        b.refresh_from_db()  # an eager Celery has made it already
    if b.status == BerkasPdf.Status.SELESAI and b.berkas:
        respons = FileResponse(b.berkas.open("rb"), content_type="application/pdf", as_attachment=True, filename=nama_berkas)
        respons["Cache-Control"] = "private, no-store"
        return respons
    return render(request, "aksi/pdf_dibuat.html", {"laporan": laporan, "berkas": b}, status=202)
