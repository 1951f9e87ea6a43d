"""Excel round trip of a kecamatan's per-desa values: download a template, upload it back.

The template is one visible sheet "Data Desa" (a row per desa, a column per catalog item,
headed by the item code), a hidden sheet "meta" (template marker, Laporan, kecamatan and
the `versi` of every part at download time) and a hidden sheet "asal" (every value as it was
at download time, in the same layout). An upload is read completely, every problem is
reported with its sheet/row/column, and only a clean file reaches `nilai_simpan`, which saves
all or nothing: only the cells the user changed since the download, and a cell someone else
changed meanwhile is a conflict (templates without "asal" fall back to the parts' versions).
"""
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from aksi.models import BagianLaporan, Laporan
from indikator.katalog import daftar_item
from indikator.selectors import desa_laporan, nilai_laporan
from indikator.validasi import baca_angka
from inti.ekspor import Lembar, Pengekspor, Sel
from inti.galat import IsianTidakValid, Kesalahan
from inti.xlsx import (
    Rumus,
    baca_isi,
    baris_bertipe,
    buka_buku,
    bukan_xlsx,
    cari_rumus,
    lokasi_sel,
    tolak,
    tolak_bila_salah,
)
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .services import HasilSimpan, kunci_versi, nilai_simpan

LEMBAR_DATA = "Data Desa"
LEMBAR_META = "meta"
LEMBAR_ASAL = "asal"
PENANDA = "aksi-konvergensi/nilai-desa/v1"
JUDUL_KODE, JUDUL_NAMA = "Kode desa", "Nama desa"
BARIS_KODE = 6  # header row of item codes in the template; the reader searches for it
KOLOM_ITEM_PERTAMA = 3  # A = kode desa, B = nama desa
WARNA_JENIS = {"sasaran": "DDEBF7", "capaian": "E2EFDA", "pendukung": "FFF2CC"}
BUKAN_TEMPLAT = (
    "Berkas ini bukan templat isian nilai desa Aksi Konvergensi (lembar '{lembar}' atau penanda templat tidak ada); "
    "unduh templat dari halaman ini, isi, lalu unggah lagi."
)


# --- template ------------------------------------------------------------------------------

class TemplatIsian(Pengekspor):
    """The .xlsx template of a kecamatan Laporan, pre-filled with the stored values."""

    def __init__(self, laporan: Laporan):
        self.laporan = laporan
        self.nama_berkas = f"isian-{laporan.wilayah_id}-{laporan.tahun}-{laporan.tahapan_id}"

    def lembar(self):
        laporan, daftar = self.laporan, daftar_item()
        desa, nilai = desa_laporan(laporan), nilai_laporan(laporan)
        baris_awal = BARIS_KODE + 2
        lebar = {1: 16, 2: 26} | {k: 11 for k in range(KOLOM_ITEM_PERTAMA, KOLOM_ITEM_PERTAMA + len(daftar))}
        yield Lembar(
            LEMBAR_DATA, self._data(daftar, desa, nilai), lebar=lebar, tinggi={BARIS_KODE + 1: 90},
            beku=f"{get_column_letter(KOLOM_ITEM_PERTAMA)}{baris_awal}",
            validasi=_validasi(daftar, baris_awal, baris_awal + len(desa) - 1) if desa else (),
        )
        yield Lembar(LEMBAR_META, self._meta(), tersembunyi=True)
        # the values as downloaded, so an upload writes only what the user changed in the file
        yield Lembar(LEMBAR_ASAL, [[JUDUL_KODE, *(i.kode for i in daftar)],
                                   *([kode, *(nilai.get((kode, i.kode)) for i in daftar)] for kode in desa)],
                     tersembunyi=True)

    def _data(self, daftar, desa: dict[str, str], nilai: dict):
        laporan, kec = self.laporan, self.laporan.wilayah
        yield [Sel(f"Isian nilai desa — {laporan.tahapan.nama} {laporan.tahun}", tebal=True, ukuran=14)]
        yield [f"{kec.get_jenis_display()} {kec.nama} ({kec.kode}) — {kec.nama_lengkap}"]
        yield [f"Tahun {laporan.tahun} · Tahapan: {laporan.tahapan.nama} ({laporan.tahapan_id})"]
        yield [Sel("Isi bilangan bulat ≥ 0 (F6: 1 = ya, 0 = tidak); sel kosong berarti belum ada nilai. "
                   f"Jangan ubah baris kode item (baris {BARIS_KODE}), kolom kode desa, maupun lembar tersembunyi "
                   "'meta' dan 'asal'.", miring=True, warna="595959")]
        yield []
        isi = [WARNA_JENIS.get(item.jenis, "FFFFFF") for item in daftar]
        yield [Sel(JUDUL_KODE, tebal=True), Sel(JUDUL_NAMA, tebal=True),
               *(Sel(item.kode, tebal=True, isi=w, tengah=True) for item, w in zip(daftar, isi))]
        yield [None, None, *(Sel(f"{item.nama} · {item.pj_nama}", isi=w, bungkus=True, ukuran=8) for item, w in zip(daftar, isi))]
        for kode, nama in desa.items():
            yield [kode, nama, *(Sel(nilai.get((kode, item.kode)), format_angka="0") for item in daftar)]

    def _meta(self):
        laporan = self.laporan
        yield ["templat", PENANDA]
        yield ["laporan", laporan.pk]
        yield ["kecamatan", laporan.wilayah_id]
        yield ["tahun", laporan.tahun]
        yield ["tahapan", laporan.tahapan_id]
        for unit_id, versi in BagianLaporan.objects.filter(laporan=laporan).values_list("unit_id", "versi"):
            yield [f"versi:{kunci_versi(unit_id)}", versi]


def buat_templat(laporan: Laporan) -> bytes:
    return TemplatIsian(laporan).xlsx()


def _validasi(daftar, baris_awal: int, baris_akhir: int) -> list[DataValidation]:
    """Excel's own check: whole numbers ≥ 0, F6-like items 0 or 1."""
    umum = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True, showErrorMessage=True,
        errorTitle="Nilai tidak sah", error="Isi bilangan bulat 0 atau lebih.",
    )
    ya_tidak = DataValidation(
        type="whole", operator="between", formula1="0", formula2="1", allow_blank=True, showErrorMessage=True,
        errorTitle="Nilai tidak sah", error="Isi 1 (ya) atau 0 (tidak).",
    )
    for kolom, item in enumerate(daftar, start=KOLOM_ITEM_PERTAMA):
        huruf = get_column_letter(kolom)
        (ya_tidak if item.ya_tidak else umum).add(f"{huruf}{baris_awal}:{huruf}{baris_akhir}")
    return [dv for dv in (umum, ya_tidak) if dv.sqref]


# --- upload ----------------------------------------------------------------------------------

def impor_excel(*, user, laporan: Laporan, berkas) -> HasilSimpan:
    isian, versi, lokasi, asal = baca_unggahan(berkas, laporan)
    return nilai_simpan(user=user, laporan=laporan, isian=isian, versi=versi, asal=asal, sumber="excel", lokasi=lokasi)


def baca_unggahan(berkas, laporan: Laporan) -> tuple[dict, dict, dict, dict | None]:
    """(isian, versi, lokasi, asal) for `nilai_simpan`, or IsianTidakValid listing every problem.

    Desa rows left out of the file are left untouched; an empty cell clears that value.
    `asal` is None for a template without the "asal" sheet.
    """
    baris_data, meta, baris_asal = _baca_buku(baca_isi(berkas))
    versi = _periksa_meta(meta, laporan)
    item_per_kode = {i.kode: i for i in daftar_item()}
    desa = desa_laporan(laporan)
    kepala, kolom_item = _cari_kepala(baris_data, list(item_per_kode))
    isian, lokasi = {}, {}
    # a formula is never a value: not as empty (no cached result), not as Excel's cached result
    salah = cari_rumus(LEMBAR_DATA, baris_data[kepala:], kolom_item, mulai=kepala + 1, kolom={1, *kolom_item})
    desa_per_baris = _baca_kode_desa(baris_data, kepala, desa, laporan, salah)
    for nomor, kode_desa in desa_per_baris.items():
        baris = baris_data[nomor - 1]
        for kolom, kode_item in kolom_item.items():
            mentah = baris[kolom - 1] if kolom <= len(baris) else None
            if isinstance(mentah, Rumus):  # reported above
                continue
            tempat = _lokasi(nomor, kolom, kode_item)
            try:
                isian[(kode_desa, kode_item)] = baca_angka(mentah, item_per_kode[kode_item])
            except ValueError as exc:
                salah.append(Kesalahan(f"{kode_item} desa {desa[kode_desa]}: {exc}", kode_desa, kode_item, tempat))
            lokasi[(kode_desa, kode_item)] = tempat
    tolak_bila_salah(salah)
    return isian, versi, lokasi, _baca_asal(baris_asal)


def _baca_asal(baris_asal: list[tuple] | None) -> dict | None:
    """{(desa, item): value at download}; a cell that is not a plain number counts as empty."""
    if not baris_asal:
        return None
    kepala = [str(k).strip() if k is not None else "" for k in baris_asal[0]]
    asal = {}
    for baris in baris_asal[1:]:
        if not baris or baris[0] is None:
            continue
        for kode_item, nilai in zip(kepala[1:], baris[1:]):
            if kode_item and isinstance(nilai, int) and not isinstance(nilai, bool):
                asal[(str(baris[0]).strip(), kode_item)] = nilai
    return asal


def _lokasi(baris: int | None = None, kolom: int | None = None, item: str = "") -> str:
    return lokasi_sel(LEMBAR_DATA, baris, kolom, item)


def _baca_buku(isi: bytes) -> tuple[list[tuple], dict, list[tuple] | None]:
    """(rows of 'Data Desa' as value tuples, meta key -> value, rows of 'asal' or None); any
    unreadable file -> one message."""
    wb = buka_buku(isi)
    try:
        if LEMBAR_DATA not in wb.sheetnames or LEMBAR_META not in wb.sheetnames:
            raise tolak(BUKAN_TEMPLAT.format(lembar=LEMBAR_DATA if LEMBAR_DATA not in wb.sheetnames else LEMBAR_META), "berkas")
        meta, baris_meta = {}, _semua_baris(wb[LEMBAR_META])
        tolak_bila_salah(cari_rumus(LEMBAR_META, baris_meta, kolom={1, 2}))
        for baris in baris_meta:
            if baris and baris[0] is not None:
                meta[str(baris[0]).strip()] = baris[1] if len(baris) > 1 else None
        asal = _semua_baris(wb[LEMBAR_ASAL]) if LEMBAR_ASAL in wb.sheetnames else None
        return _semua_baris(wb[LEMBAR_DATA]), meta, asal
    except IsianTidakValid:
        raise
    except Exception as exc:  # a sheet whose XML is broken fails only when read
        raise bukan_xlsx(isi) from exc
    finally:
        wb.close()


def _semua_baris(ws) -> list[tuple]:
    ws.reset_dimensions()  # stored dimensions may be wrong in files from other tools
    return list(baris_bertipe(ws))  # formula cells as Rumus


def _periksa_meta(meta: dict, laporan: Laporan) -> dict[str, int]:
    if meta.get("templat") != PENANDA:
        raise tolak(BUKAN_TEMPLAT.format(lembar=LEMBAR_META), "berkas")
    kec_templat = str(meta.get("kecamatan") or "")
    if str(meta.get("laporan")) != str(laporan.pk) or kec_templat != laporan.wilayah_id:
        wilayah = Wilayah.objects.filter(kode=kec_templat).first()
        asal = f"Kecamatan {wilayah.nama} ({kec_templat})" if wilayah else f"wilayah {kec_templat or '?'}"
        raise tolak(
            f"Templat ini milik {asal}, {meta.get('tahapan')} {meta.get('tahun')} (laporan #{meta.get('laporan')}), "
            f"bukan Kecamatan {laporan.wilayah.nama} ({laporan.wilayah_id}), {laporan.tahapan_id} {laporan.tahun} "
            f"(laporan #{laporan.pk}). Unduh templat dari halaman ini.", "berkas",
        )
    versi = {}
    for kunci, nilai in meta.items():
        if kunci.startswith("versi:"):
            try:
                versi[kunci.removeprefix("versi:")] = int(nilai)
            except (TypeError, ValueError):
                raise tolak(BUKAN_TEMPLAT.format(lembar=LEMBAR_META), "berkas") from None
    return versi


def _cari_kepala(baris_data: list[tuple], kode_katalog: list[str]) -> tuple[int, dict[int, str]]:
    """(header row number, {column number: item code}); missing/unknown columns are errors."""
    nomor = next((n for n, b in enumerate(baris_data[:30], start=1) if b and _teks(b[0]) == JUDUL_KODE), None)
    if nomor is None:
        raise tolak(f"Baris judul dengan '{JUDUL_KODE}' di kolom A tidak ditemukan. " + BUKAN_TEMPLAT.format(lembar=LEMBAR_DATA), _lokasi())
    kolom_item, salah = {}, []
    for kolom, nilai in enumerate(baris_data[nomor - 1], start=1):
        kode = _teks(nilai).upper()
        if kolom <= 2 or not kode:
            continue
        if kode not in kode_katalog:
            salah.append(Kesalahan(f"kolom '{_teks(nilai)}' bukan kode item katalog", lokasi=_lokasi(nomor, kolom)))
        elif kode in kolom_item.values():
            salah.append(Kesalahan(f"kolom item {kode} muncul dua kali", item=kode, lokasi=_lokasi(nomor, kolom, kode)))
        else:
            kolom_item[kolom] = kode
    hilang = [k for k in kode_katalog if k not in kolom_item.values()]
    if hilang:
        salah.append(Kesalahan(f"kolom item tidak ada: {', '.join(hilang)}; gunakan templat terbaru dari halaman ini", lokasi=_lokasi(nomor)))
    tolak_bila_salah(salah)
    return nomor, kolom_item


def _teks(nilai) -> str:
    return "" if nilai is None else str(nilai).strip()


def _baca_kode_desa(baris_data, kepala: int, desa: dict[str, str], laporan: Laporan, salah: list[Kesalahan]) -> dict[int, str]:
    """{row number: desa code} of valid desa rows; bad/duplicate/foreign rows go to `salah`."""
    hasil, dilihat, asing = {}, {}, {}
    for nomor, baris in enumerate(baris_data[kepala:], start=kepala + 1):
        if baris and isinstance(baris[0], Rumus):  # reported by the caller
            continue
        kode = _teks(baris[0]) if baris else ""
        if not kode:
            ada_isi = any(_teks(v) for v in baris[2:]) if baris else False
            if ada_isi and nomor != kepala + 1:  # kepala + 1 holds the item names
                salah.append(Kesalahan("baris berisi nilai tetapi kode desa kosong", lokasi=_lokasi(nomor, 1)))
            continue
        if kode in dilihat:
            salah.append(Kesalahan(f"desa {kode} muncul dua kali (juga di baris {dilihat[kode]})", kode, lokasi=_lokasi(nomor, 1)))
        elif kode in desa:
            hasil[nomor] = kode
        else:
            asing[nomor] = kode
        dilihat.setdefault(kode, nomor)
    salah.extend(_kesalahan_desa_asing(asing, laporan))
    return hasil


def _kesalahan_desa_asing(asing: dict[int, str], laporan: Laporan) -> list[Kesalahan]:
    dikenal = Wilayah.objects.filter(kode__in=set(asing.values())).select_related("induk").in_bulk()
    hasil = []
    for nomor, kode in asing.items():
        w = dikenal.get(kode)
        if w is None:
            pesan = f"kode desa {kode} tidak dikenal"
        elif w.tingkat != Tingkat.DESA:
            pesan = f"kode {kode} adalah {w.get_tingkat_display().lower()} {w.nama}, bukan desa/kelurahan"
        else:
            pesan = (
                f"desa {w.nama} ({kode}) termasuk Kecamatan {w.induk.nama} ({w.induk_id}), "
                f"bukan Kecamatan {laporan.wilayah.nama} ({laporan.wilayah_id})"
            )
        hasil.append(Kesalahan(pesan, kode, lokasi=_lokasi(nomor, 1)))
    return hasil
