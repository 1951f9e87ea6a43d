"""The per-desa entry grid of a kecamatan Laporan: columns, rows, totals and coverage.

Built once per request from the catalog and the stored values; the view renders it and the
POST handler reads it back with `isian_dari_post`.
"""
from dataclasses import dataclass, field
from itertools import groupby

from aksi.models import BagianLaporan, Laporan
from aksi.selectors import bagian_dapat_diisi
from indikator.katalog import JENIS_LABEL, Item, cakupan_persen, daftar_item
from indikator.selectors import desa_laporan, nilai_laporan

from .services import Konflik, kunci_versi

AWALAN = "v-"
# One hidden field with every non-empty cell as loaded, compact for slow links (~4 bytes a cell,
# no characters HTML must escape): "<item>,<item>,...;<desa>=<v>,<v>,...;<desa>=..." with the
# values in the order of the item list and an empty cell left empty.
ASAL = "asal"


@dataclass
class Sel:
    nama: str
    nilai: object  # int, posted text, or None
    ubah: bool
    salah: str = ""
    konflik: str = ""
    label: str = ""  # the input's accessible name: "S04 — desa Batu Ampar" (WCAG 2.1, D99)


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
    asal: str = "{}"  # the ASAL field's value
    konflik: list[tuple[str, Konflik]] = field(default_factory=list)  # (nama desa, conflict)


def _label_kelompok(item: Item) -> str:
    if item.jenis == "capaian":
        return f"Capaian {item.kelompok}. {item.kelompok_nama}"
    return JENIS_LABEL[item.jenis]


def _unit_bagian(item: Item, bagian: dict[str, BagianLaporan]) -> str:
    return item.pj if item.pj in bagian else ""


def bangun_grid(*, user, laporan: Laporan, kiriman: dict | None = None, asal: dict | None = None,
                kesalahan=None, konflik: list[Konflik] | None = None) -> Grid:
    """The grid. `kiriman` holds the cells the user changed in a refused save: they show what
    was typed (nothing typed is lost) and keep the value the user had loaded (`asal`), except a
    conflicting cell, whose loaded value becomes what is stored now — saving it again is the
    user's explicit choice. Every other cell shows, and will compare against, what is stored."""
    item = daftar_item()
    bagian = {kunci_versi(b.unit_id): b for b in laporan.bagian.select_related("unit", "laporan__wilayah")}
    boleh = {k for k, b in bagian.items() if bagian_dapat_diisi(user, b)}
    tersimpan = nilai_laporan(laporan)
    kiriman = kiriman or {}
    salah = {(k.desa, k.item): k.pesan for k in (kesalahan or [])}
    konflik = konflik or []
    per_konflik = {(k.desa, k.item): str(k) for k in konflik}
    dimuat = {k: v for k, v in tersimpan.items() if v is not None}
    for kunci in kiriman if asal is not None else ():
        if kunci not in per_konflik:
            dimuat.pop(kunci, None)
            if (asal or {}).get(kunci) not in (None, ""):
                dimuat[kunci] = asal[kunci]
    baris = []
    desa = desa_laporan(laporan)
    for kode, nama in desa.items():
        sel = []
        for i in item:
            kunci = (kode, i.kode)
            nilai = kiriman[kunci] if kunci in kiriman else tersimpan.get(kunci)
            sel.append(Sel(f"{AWALAN}{kode}-{i.kode}", nilai, _unit_bagian(i, bagian) in boleh,
                           salah.get(kunci, ""), per_konflik.get(kunci, ""), f"{i.kode} — desa {nama}"))
        baris.append((kode, nama, sel))
    total = _jumlah_per_item(tersimpan)
    jumlah = [total.get(i.kode) for i in item]
    cakupan = [
        cakupan_persen(total.get(i.kode), sum(total.get(s, 0) for s in i.penyebut)) if i.cakupan else None for i in item
    ]
    kelompok = [(label, len(list(g))) for label, g in groupby(item, key=_label_kelompok)]
    return Grid(item, kelompok, baris, jumlah, cakupan, {k: b.versi for k, b in bagian.items()}, bool(boleh),
                [bagian[k] for k in boleh], _asal_teks(dimuat), [(desa.get(k.desa, k.desa), k) for k in konflik])


def _asal_teks(nilai: dict[tuple[str, str], object]) -> str:
    item = sorted({i for _, i in nilai})
    per_desa: dict[str, dict[str, object]] = {}
    for (d, i), n in nilai.items():
        per_desa.setdefault(d, {})[i] = n
    baris = [f"{d}=" + ",".join(str(v.get(i, "")) for i in item) for d, v in sorted(per_desa.items())]
    return ";".join([",".join(item), *baris])


def _jumlah_per_item(tersimpan: dict) -> dict[str, int]:
    total: dict[str, int] = {}
    for (_, item), nilai in tersimpan.items():
        total[item] = total.get(item, 0) + nilai
    return total


def isian_dari_post(post) -> tuple[dict, dict, dict | None]:
    """(isian, versi, asal) from a grid POST: fields v-<desa>-<item>, versi-<part key> and the
    ASAL field (None when the form did not send it)."""
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
    return isian, versi, _baca_asal(post.get(ASAL))


def _baca_asal(teks: str | None) -> dict | None:
    """{(desa, item): value as loaded} from the ASAL field (None when the form did not send it; a
    damaged field reads as all empty, so every posted value counts as the user's change)."""
    if teks is None:
        return None
    kepala, *baris = teks.split(";")
    item = kepala.split(",")
    hasil = {}
    for satu in baris:
        desa, _, nilai = satu.partition("=")
        for kode, n in zip(item, nilai.split(",")):
            if n:
                hasil[(desa, kode)] = n
    return hasil


def sel_diubah(kiriman: dict, asal: dict | None) -> dict:
    """The posted cells whose value differs from what the user had loaded."""
    if asal is None:
        return kiriman
    return {k: v for k, v in kiriman.items() if str(v).strip() != str(asal.get(k, "") or "").strip()}
