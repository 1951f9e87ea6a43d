"""The catalog as one ordered list of per-desa items (sasaran, capaian, pendukung).

The entry grid, the Excel template, validation and the PDF all read this list, so the
columns are the same everywhere and follow what an administrator edits in the admin.
"""
from dataclasses import dataclass

from django.core.cache import cache

from .models import DataPendukung, IndikatorCapaian, JenisIntervensi, JenisPenyebut, Sasaran


@dataclass(frozen=True)
class Item:
    kode: str
    nama: str
    jenis: str  # "sasaran" | "capaian" | "pendukung"
    pj: str  # unit kode
    pj_nama: str
    kelompok: str = ""  # capaian: "A".."F"
    kelompok_nama: str = ""
    intervensi: str = ""  # capaian: "spesifik" | "sensitif" (its kelompok's, D92)
    jenis_penyebut: str = ""
    penyebut: tuple[str, ...] = ()

    @property
    def ya_tidak(self) -> bool:
        """F6-like items: 1 when the desa runs the program, else 0."""
        return self.jenis_penyebut == JenisPenyebut.DESA

    @property
    def nama_pendek(self) -> str:
        """A short readable name for narrow headers (the entry grid): without the leading "jumlah",
        cut at a word within 22 characters."""
        nama = self.nama.removeprefix("jumlah ").removeprefix("Jumlah ")
        if len(nama) <= 22:
            return nama
        potong = nama[:23].rsplit(" ", 1)[0]  # a word ending exactly at 22 stays
        return potong + "…"

    @property
    def label_intervensi(self) -> str:
        return JenisIntervensi(self.intervensi).label if self.intervensi else ""

    @property
    def cakupan(self) -> bool:
        return self.jenis == "capaian" and self.jenis_penyebut == JenisPenyebut.SASARAN


JENIS_LABEL = {"sasaran": "Sasaran", "capaian": "Capaian layanan", "pendukung": "Data pendukung"}


_KUNCI_CACHE = "indikator:daftar_item:2"  # :2 since Item.intervensi


def daftar_item() -> list[Item]:
    """The ordered per-desa items, from the shared cache (Redis in production); the catalog
    signals in IndikatorConfig.ready clear it whenever an administrator edits the catalog."""
    item = cache.get(_KUNCI_CACHE)
    if item is None:
        item = _muat_item()
        cache.set(_KUNCI_CACHE, item, 3600)
    return item


def lupakan_katalog(**kwargs) -> None:
    cache.delete(_KUNCI_CACHE)


def _muat_item() -> list[Item]:
    item = [
        Item(kode=s.kode, nama=s.nama, jenis="sasaran", pj=s.pj_id, pj_nama=s.pj.singkatan)
        for s in Sasaran.objects.select_related("pj")
    ]
    for c in IndikatorCapaian.objects.select_related("pj", "kelompok").prefetch_related("penyebut"):
        item.append(Item(
            kode=c.kode, nama=c.pembilang, jenis="capaian", pj=c.pj_id, pj_nama=c.pj.singkatan,
            kelompok=c.kelompok_id, kelompok_nama=c.kelompok.nama, intervensi=c.kelompok.jenis_intervensi,
            jenis_penyebut=c.jenis_penyebut,
            penyebut=tuple(sorted(s.kode for s in c.penyebut.all())),
        ))
    item += [
        Item(kode=p.kode, nama=p.nama, jenis="pendukung", pj=p.pj_id, pj_nama=p.pj.singkatan)
        for p in DataPendukung.objects.select_related("pj")
    ]
    return item


def cakupan_persen(pembilang: int | None, penyebut: int | None) -> float | None:
    if pembilang is None or not penyebut:
        return None
    return pembilang * 100 / penyebut
