"""Saving desa values of a Laporan: the one path for the grid form and the Excel import, and
the copy of the previous period's values into a new semester Laporan (its `saat_dibuat` step).

The values (indikator.NilaiDesa, with their history in indikator.RiwayatIsian) belong to the
catalog app; their reads are `indikator.selectors`.
"""
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from aksi.choices import StatusLaporan
from aksi.models import BagianLaporan, Laporan
from aksi.selectors import bagian_dapat_diisi
from indikator.katalog import Item, daftar_item
from indikator.models import NilaiDesa, RiwayatIsian
from indikator.selectors import desa_laporan, nilai_laporan, pengubah_terakhir
from indikator.validasi import baca_angka, periksa_penyebut
from inti.bulk import upsert
from inti.galat import Ditolak, IsianTidakValid, Kesalahan

KUNCI_TANPA_UNIT = ""


def kunci_versi(unit_id: str | None) -> str:
    return unit_id or KUNCI_TANPA_UNIT


@dataclass(frozen=True)
class HasilSimpan:
    diubah: int
    versi: dict[str, int]


def _baca(isian, item_per_kode, desa, lokasi) -> tuple[dict, list[Kesalahan]]:
    nilai, salah = {}, []
    for (kode_desa, kode_item), mentah in isian.items():
        tempat = lokasi.get((kode_desa, kode_item), "") if lokasi else ""
        item = item_per_kode.get(kode_item)
        if kode_desa not in desa:
            salah.append(Kesalahan(f"kode desa {kode_desa} bukan desa/kelurahan di kecamatan ini", kode_desa, kode_item, tempat))
            continue
        if item is None:
            salah.append(Kesalahan(f"item {kode_item} tidak ada di katalog", kode_desa, kode_item, tempat))
            continue
        try:
            nilai[(kode_desa, kode_item)] = baca_angka(mentah, item)
        except ValueError as exc:
            salah.append(Kesalahan(f"{item.kode} desa {desa[kode_desa]}: {exc}", kode_desa, kode_item, tempat))
    return nilai, salah


class IsianDitolak(IsianTidakValid, Ditolak):
    """Changed cells in parts the user may not fill now: a refusal that names every cell."""


class KonflikIsian(Ditolak):
    """Cells this user changed that someone else changed too since the page/template was loaded.
    Nothing was saved; `konflik` has both values of each such cell for the user to choose."""

    def __init__(self, konflik: list["Konflik"]):
        self.konflik = konflik
        super().__init__(
            f"{len(konflik)} isian yang Anda ubah sudah diubah juga oleh pengguna lain setelah Anda membukanya. "
            "Tidak ada yang disimpan: pilih nilai yang benar pada sel bertanda kuning, lalu simpan lagi."
        )


@dataclass(frozen=True)
class Konflik:
    desa: str
    item: str
    nilai_anda: object  # the raw text this user sent
    asal: int | None  # what the user had loaded
    tersimpan: int | None  # what is stored now
    oleh: str = ""
    waktu: object = None
    lokasi: str = ""  # sheet/row/column for an Excel upload

    def __str__(self) -> str:
        kosong = lambda n: "kosong" if n is None or n == "" else n  # noqa: E731
        siapa = f" oleh {self.oleh}" if self.oleh else ""
        kapan = f" pada {timezone.localtime(self.waktu):%d-%m-%Y %H:%M}" if self.waktu else ""
        return (f"Tersimpan sekarang: {kosong(self.tersimpan)} (diubah{siapa}{kapan}); "
                f"saat Anda membuka: {kosong(self.asal)}; nilai Anda: {kosong(self.nilai_anda)}")


def _teks_sel(mentah) -> str:
    return "" if mentah is None else str(mentah).strip()


def nilai_simpan(
    *, user, laporan: Laporan, isian: dict[tuple[str, str], object], versi: dict[str, int] | None = None,
    asal: dict[tuple[str, str], object] | None = None,
    sumber: str = "formulir", lokasi: dict[tuple[str, str], str] | None = None,
) -> HasilSimpan:
    """Save (desa, item) -> raw value for a kecamatan Laporan, all or nothing.

    With `asal` (each cell's value as the user loaded it: the grid form and the Excel template
    send it) only the cells the user changed are written; a cell changed by the user that
    someone else changed too since it was loaded is a conflict (KonflikIsian, both values), and
    an untouched cell is never written — a stale page can never undo a colleague's save.
    Without `asal` (older templates, direct callers) every value that differs from what is
    stored counts as a change, and each touched part's `versi` must equal the one the user
    loaded. Every changed item must belong to a part the user may fill now (role, PJ unit,
    state, window). Raises IsianTidakValid (every bad cell), KonflikIsian or Ditolak.
    """
    daftar = daftar_item()
    item_per_kode = {i.kode: i for i in daftar}
    desa = desa_laporan(laporan)
    if asal is not None:
        isian = {k: v for k, v in isian.items() if _teks_sel(v) != _teks_sel(asal.get(k))}
    baru, salah = _baca(isian, item_per_kode, desa, lokasi)
    if salah:
        raise IsianTidakValid(salah)

    with transaction.atomic():
        bagian = {kunci_versi(b.unit_id): b for b in BagianLaporan.objects.select_for_update(of=("self",)).filter(laporan=laporan).select_related("unit", "laporan__wilayah")}
        lama = nilai_laporan(laporan)
        if asal is not None:
            _periksa_konflik(laporan, baru, asal, lama, isian, item_per_kode, lokasi or {})
        ubah = {k: v for k, v in baru.items() if lama.get(k) != v}
        if not ubah:
            return HasilSimpan(diubah=0, versi={k: b.versi for k, b in bagian.items()})
        item_per_bagian = _kelompokkan_per_bagian(ubah, item_per_kode, bagian)
        _periksa_boleh_ubah(user, bagian, item_per_bagian, ubah, desa, lokasi)
        if asal is None:
            for kunci in item_per_bagian:
                _periksa_versi(bagian[kunci], (versi or {}).get(kunci))
        _periksa_semua_penyebut(lama, ubah, daftar, desa, lokasi)
        _tulis(laporan=laporan, lama=lama, ubah=ubah, user=user, sumber=sumber)
        for b in (bagian[k] for k in item_per_bagian):
            b.versi += 1
            b.diubah_oleh = user
            b.save(update_fields=["versi", "diubah_oleh", "diubah_pada"])
    return HasilSimpan(diubah=len(ubah), versi={k: b.versi for k, b in bagian.items()})


def _periksa_konflik(laporan, baru, asal, lama, isian, item_per_kode, lokasi) -> None:
    konflik = []
    for kunci, nilai in baru.items():
        try:
            dimuat = baca_angka(asal.get(kunci), item_per_kode[kunci[1]])
        except ValueError:
            dimuat = None  # a tampered original: compare with empty
        sekarang = lama.get(kunci)
        if sekarang != dimuat and sekarang != nilai:
            konflik.append((kunci, dimuat, sekarang))
    if not konflik:
        return
    terakhir = pengubah_terakhir(laporan, {k for k, _, _ in konflik})
    raise KonflikIsian([
        Konflik(d, i, isian[(d, i)], dimuat, sekarang, *terakhir.get((d, i), ("", None)), lokasi.get((d, i), ""))
        for (d, i), dimuat, sekarang in konflik
    ])


def _kelompokkan_per_bagian(ubah, item_per_kode: dict[str, Item], bagian) -> dict[str, set[str]]:
    """{part key: changed item codes}. An item belongs to its PJ unit's part, or to the unit-less part."""
    hasil: dict[str, set[str]] = defaultdict(set)
    for _, kode_item in ubah:
        pj = item_per_kode[kode_item].pj
        kunci = pj if pj in bagian else KUNCI_TANPA_UNIT
        if kunci not in bagian:
            raise Ditolak(f"Item {kode_item} (PJ {item_per_kode[kode_item].pj_nama}) tidak termasuk bagian mana pun dari laporan ini.")
        hasil[kunci].add(kode_item)
    return hasil


def _periksa_boleh_ubah(user, bagian, item_per_bagian, ubah, desa, lokasi) -> None:
    """Every changed cell of a part the user may not fill now is an error naming desa and column."""
    salah = []
    for kunci, item in item_per_bagian.items():
        b = bagian[kunci]
        if bagian_dapat_diisi(user, b):
            continue
        sebab = (f"bagian {b.nama_unit} berstatus {b.get_status_display().lower()}"
                 if b.status not in (StatusLaporan.DRAFT, StatusLaporan.DIKEMBALIKAN)
                 else f"kolom ini diisi oleh bagian {b.nama_unit}, bukan unit Anda, atau jadwalnya sudah tutup")
        for d, i in sorted(k for k in ubah if k[1] in item):
            salah.append(Kesalahan(f"{i} desa {desa[d]}: tidak dapat diubah — {sebab}", d, i, (lokasi or {}).get((d, i), "")))
    if salah:
        raise IsianDitolak(salah)


def _periksa_versi(bagian: BagianLaporan, versi_dimuat: int | None) -> None:
    if versi_dimuat != bagian.versi:
        pengubah = bagian.diubah_oleh
        oleh = (pengubah.get_full_name() or pengubah.get_username()) if pengubah else "pengguna lain"
        waktu = timezone.localtime(bagian.diubah_pada)
        raise Ditolak(
            f"Isian bagian {bagian.nama_unit} sudah diubah oleh {oleh} pada {waktu:%d-%m-%Y %H:%M} setelah Anda membukanya. "
            "Isian Anda belum disimpan: muat ulang halaman, lalu masukkan lagi perubahan Anda."
        )


def _periksa_semua_penyebut(lama, ubah, daftar, desa, lokasi) -> None:
    capaian = [i for i in daftar if i.cakupan]
    per_desa: dict[str, dict[str, int]] = defaultdict(dict)
    for (d, i), n in lama.items():
        per_desa[d][i] = n
    diubah_per_desa: dict[str, set[str]] = defaultdict(set)
    for (d, i), n in ubah.items():
        diubah_per_desa[d].add(i)
        if n is None:
            per_desa[d].pop(i, None)
        else:
            per_desa[d][i] = n
    salah = []
    for d, kode_diubah in diubah_per_desa.items():
        for item, pembilang, penyebut in periksa_penyebut(per_desa[d], capaian):
            if item.kode in kode_diubah or kode_diubah.intersection(item.penyebut):
                salah.append(Kesalahan(
                    f"{item.kode} desa {desa[d]}: pembilang {pembilang} melebihi penyebut "
                    f"{'+'.join(item.penyebut)} = {penyebut}",
                    d, item.kode, (lokasi or {}).get((d, item.kode), ""),
                ))
    if salah:
        raise IsianTidakValid(salah)


def _simpan_nilai(laporan, nilai: dict[tuple[str, str], int]) -> None:
    """Insert or update {(desa, item): value} of `laporan` in one statement (per 1,000 rows).
    Who changed what and when is in RiwayatIsian, written by every caller."""
    upsert(
        NilaiDesa, kolom=("laporan_id", "desa_id", "item", "nilai"),
        baris=[(laporan.pk, d, i, n) for (d, i), n in nilai.items()],
        konflik=("laporan_id", "desa_id", "item"), perbarui=("nilai",),
    )


def _tulis(*, laporan, lama, ubah, user, sumber) -> None:
    _simpan_nilai(laporan, {k: n for k, n in ubah.items() if n is not None})
    hapus = [(d, i) for (d, i), n in ubah.items() if n is None]
    if hapus:
        for d, items in _kelompok_hapus(hapus).items():
            NilaiDesa.objects.filter(laporan=laporan, desa_id=d, item__in=items).delete()
    RiwayatIsian.objects.create(
        laporan=laporan, oleh=user, sumber=sumber, jumlah=len(ubah),
        perubahan=[(d, i, lama.get((d, i)), n) for (d, i), n in ubah.items()],
    )


def _kelompok_hapus(hapus):
    hasil = defaultdict(list)
    for d, i in hapus:
        hasil[d].append(i)
    return hasil


# Which earlier periods a semester starts from, nearest first: (tahun offset, tahapan).
PERIODE_SEBELUMNYA = {
    "capaian-semester-1": ((0, "analisis-situasi"), (-1, "capaian-semester-2")),
    "capaian-semester-2": ((0, "capaian-semester-1"), (0, "analisis-situasi")),
}


def nilai_salin_periode_sebelumnya(laporan: Laporan, user) -> int:
    """Pre-fill a new semester Laporan with the latest APPROVED values of the same kecamatan.

    Operators then only update what changed (DOMAIN.md §4.3). Recorded as one RiwayatIsian
    with sumber "salinan". Returns the number of values copied. The `saat_dibuat` step of this
    app (isian.apps): runs inside the transaction that creates the Laporan.
    """
    for selisih, tahapan in PERIODE_SEBELUMNYA.get(laporan.tahapan_id, ()):
        sumber = Laporan.objects.filter(
            tahun=laporan.tahun + selisih, tahapan_id=tahapan, wilayah_id=laporan.wilayah_id, status=StatusLaporan.DISETUJUI,
        ).first()
        if sumber is None:
            continue
        lama = nilai_laporan(sumber)
        if not lama:
            continue
        _simpan_nilai(laporan, lama)
        RiwayatIsian.objects.create(
            laporan=laporan, oleh=user if getattr(user, "is_authenticated", False) else None, sumber="salinan",
            jumlah=len(lama), perubahan=[(d, i, None, n) for (d, i), n in lama.items()],
        )
        return len(lama)
    return 0
