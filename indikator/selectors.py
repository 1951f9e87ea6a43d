"""Reads of the per-desa values of a kecamatan Laporan (writes: `isian.services`).

`laporan` is an `aksi.Laporan`; the catalog never imports `aksi` (it is the layer below), so
these take the object and use only its key and its wilayah.
"""
from inti.ekspor import Tabel
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .models import IndikatorCapaian, NilaiDesa, RiwayatIsian, VersiTerbit


def nilai_laporan(laporan) -> dict[tuple[str, str], int]:
    """{(kode desa, kode item): value} stored for this Laporan."""
    return {(d, i): n for d, i, n in NilaiDesa.objects.filter(laporan=laporan).values_list("desa_id", "item", "nilai")}


def desa_laporan(laporan) -> dict[str, str]:
    """{kode: nama} of the desa/kelurahan whose values belong to this (kecamatan) Laporan."""
    return dict(
        Wilayah.objects.filter(induk_id=laporan.wilayah_id, tingkat=Tingkat.DESA).order_by("kode").values_list("kode", "nama")
    )


def riwayat_sel(laporan, desa: str, item: str) -> list[dict]:
    """Every change of one cell, oldest first: {"lama", "baru", "oleh", "waktu", "sumber"}."""
    hasil = []
    for r in RiwayatIsian.objects.filter(laporan=laporan).order_by("waktu", "id").select_related("oleh"):
        for d, i, lama, baru in r.perubahan:
            if d == desa and i == item:
                hasil.append({"lama": lama, "baru": baru, "oleh": r.oleh, "waktu": r.waktu, "sumber": r.sumber})
    return hasil


def pengubah_terakhir(laporan, sel: set[tuple[str, str]], batas: int = 200) -> dict:
    """{(desa, item): (who, when)} of the latest recorded change of each cell (newest saves first)."""
    hasil: dict = {}
    for r in RiwayatIsian.objects.filter(laporan=laporan).order_by("-waktu", "-id").select_related("oleh")[:batas]:
        for d, i, _, _ in r.perubahan:
            if (d, i) in sel and (d, i) not in hasil:
                hasil[(d, i)] = ((r.oleh.get_full_name() or r.oleh.get_username()) if r.oleh else "", r.waktu)
        if len(hasil) == len(sel):
            break
    return hasil


def indikator_katalog():
    """The indicators in catalog order: the choices of every indicator field."""
    return IndikatorCapaian.objects.order_by("urutan", "kode")


# --- the history of published versions (D88) ---------------------------------------------------------

def versi_terbit(*, laporan=None, wilayah_kode: str | None = None):
    """The superseded published versions of a Laporan (or of every Laporan of a kecamatan), newest
    first, without their values."""
    qs = VersiTerbit.objects.defer("nilai").select_related("laporan__tahapan")
    if laporan is not None:
        qs = qs.filter(laporan=laporan)
    if wilayah_kode is not None:
        qs = qs.filter(laporan__wilayah_id=wilayah_kode)
    return qs


def versi_tabel(versi: VersiTerbit):
    """The values of one published version as a download (desa code and name, item, value)."""
    nama = dict(Wilayah.objects.filter(kode__in={d for d, _, _ in versi.nilai}).values_list("kode", "nama"))
    lap = versi.laporan
    return Tabel(judul="Versi terbit", kolom=["Kode desa", "Desa", "Item", "Nilai"],
                 baris=([d, nama.get(d, ""), i, n] for d, i, n in versi.nilai),
                 nama_berkas=f"versi-terbit-{lap.wilayah_id}-{lap.tahun}-{lap.tahapan_id}-{versi.pk}")
