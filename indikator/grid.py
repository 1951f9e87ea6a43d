"""The per-desa entry grid of a kecamatan Laporan: columns, rows, totals and coverage.

Built once per request from the catalog and the stored values; the view renders it and the
POST handler reads it back with `isian_dari_post`.
"""
from dataclasses import dataclass, field
from itertools import groupby

from aksi.models import BagianLaporan, Laporan
from aksi.selectors import bagian_dapat_diisi

from .katalog import JENIS_LABEL, Item, cakupan_persen, daftar_item
from .services import desa_laporan, kunci_versi, nilai_laporan

AWALAN = "v-"


@dataclass
class Sel:
    nama: str
    nilai: object  # int, posted text, or None
    ubah: bool
    salah: str = ""
    konflik: str = ""


@dataclass
class Grid:
    item: list[Item]
    kelompok: list[tuple[str, int]]  # (group label, column count) for the first header row
    baris: list[tuple[str, str, list[Sel]]]  # (kode desa, nama desa, cells)
    jumlah: list[int | None]
    cakupan: list[float | None]
    versi: dict[str, int]
    dapat_diisi: bool
    bagian_diisi: list[BagianLaporan] = field(default_factory=list)


def _label_kelompok(item: Item) -> str:
    if item.jenis == "capaian":
        return f"Capaian {item.kelompok}. {item.kelompok_nama}"
    return JENIS_LABEL[item.jenis]


def _unit_bagian(item: Item, bagian: dict[str, BagianLaporan]) -> str:
    return item.pj if item.pj in bagian else ""


def bangun_grid(*, user, laporan: Laporan, kiriman: dict | None = None, kesalahan=None, konflik=None) -> Grid:
    """The grid; `kiriman` (posted raw values) overrides stored ones so nothing typed is lost."""
    item = daftar_item()
    bagian = {kunci_versi(b.unit_id): b for b in laporan.bagian.select_related("unit", "laporan__wilayah")}
    boleh = {k for k, b in bagian.items() if bagian_dapat_diisi(user, b)}
    tersimpan = nilai_laporan(laporan)
    salah = {(k.desa, k.item): k.pesan for k in (kesalahan or [])}
    konflik = konflik or {}
    baris = []
    for kode, nama in desa_laporan(laporan).items():
        sel = []
        for i in item:
            kunci = (kode, i.kode)
            nilai = kiriman[kunci] if kiriman is not None and kunci in kiriman else tersimpan.get(kunci)
            sel.append(Sel(f"{AWALAN}{kode}-{i.kode}", nilai, _unit_bagian(i, bagian) in boleh,
                           salah.get(kunci, ""), konflik.get(kunci, "")))
        baris.append((kode, nama, sel))
    total = _jumlah_per_item(tersimpan)
    jumlah = [total.get(i.kode) for i in item]
    cakupan = [
        cakupan_persen(total.get(i.kode), sum(total.get(s, 0) for s in i.penyebut)) if i.cakupan else None for i in item
    ]
    kelompok = [(label, len(list(g))) for label, g in groupby(item, key=_label_kelompok)]
    return Grid(item, kelompok, baris, jumlah, cakupan, {k: b.versi for k, b in bagian.items()}, bool(boleh),
                [bagian[k] for k in boleh])


def _jumlah_per_item(tersimpan: dict) -> dict[str, int]:
    total: dict[str, int] = {}
    for (_, item), nilai in tersimpan.items():
        total[item] = total.get(item, 0) + nilai
    return total


def isian_dari_post(post) -> tuple[dict, dict]:
    """(isian, versi) from a grid POST: fields v-<desa>-<item> and versi-<part key>."""
    isian = {}
    for nama, nilai in post.items():
        if nama.startswith(AWALAN):
            desa, _, item = nama[len(AWALAN):].rpartition("-")
            isian[(desa, item)] = nilai
    versi = {}
    for nama, nilai in post.items():
        if nama.startswith("versi-"):
            try:
                versi[nama[len("versi-"):]] = int(nilai)
            except ValueError:
                continue
    return isian, versi
