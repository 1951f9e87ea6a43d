"""The SIPD file format of budget tagging: the .xlsx import of tagged spending lines (read and
checked here, written by `services.rincian_impor`) and its blank template (DOMAIN.md §8).

A real SIPD export format is not in the documents, so the file is one sheet "Rincian Belanja"
with a header row naming the columns of KOLOM (found in the first rows, in any order; extra
columns are ignored) and one spending line per row. The whole file is read and checked first;
every problem is reported as "lembar 'Rincian Belanja', baris N, kolom X (Header): reason",
and only a clean file reaches `services.rincian_impor`, which writes all lines of the unit in
one transaction (bulk insert) or nothing.

Amounts may be numbers or Indonesian text: "1.250.000" (dots group thousands), "2,5" (comma
decimals), "1.250.000,50"; "Rp" is ignored; digits are 0-9 only, at most 20 before the comma.
Kelompok sasaran is A–F (or its name); "Ditujukan untuk" and "Sumber dana" take the label or the
code, in any case. A formula in a column the import reads is an error of that cell: only typed
values count, never a formula's cached result.
"""
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from aksi.choices import SumberDana
from aksi.models import Laporan
from indikator.models import IndikatorCapaian
from inti.angka import baca_desimal
from inti.ekspor import Lembar, Pengekspor, Sel
from inti.galat import Ditolak, IsianTidakValid, Kesalahan
from inti.xlsx import (
    Rumus,
    baca_isi,
    baris_cepat,
    buka_buku,
    bukan_xlsx,
    cari_rumus,
    lokasi_sel,
    normal,
    tolak,
    tolak_bila_salah,
)
from wilayah.models import UnitKerja

from .isian import Katalog, katalog, periksa_isian
from .models import ArahSasaran
from .selectors import alasan_tidak_dapat_diubah
from .services import HasilImpor, periksa_laporan, rincian_impor, unit_rincian

LEMBAR = "Rincian Belanja"
# (field of rincian_impor, header in the file), in the template's order
KOLOM = (
    ("kode_program", "Kode Program"),
    ("nama_program", "Nama Program"),
    ("kode_kegiatan", "Kode Kegiatan"),
    ("nama_kegiatan", "Nama Kegiatan"),
    ("kode_subkegiatan", "Kode Sub Kegiatan"),
    ("nama_subkegiatan", "Nama Sub Kegiatan"),
    ("kode_rekening", "Kode Rekening"),
    ("uraian", "Uraian Belanja"),
    ("volume", "Koefisien/Volume"),
    ("satuan", "Satuan"),
    ("harga_satuan", "Harga Satuan"),
    ("total", "Total"),
    ("indikator", "Kode Indikator"),
    ("kelompok", "Kelompok Sasaran"),
    ("arah", "Ditujukan Untuk"),
    ("sumber_dana", "Sumber Dana"),
)
JUDUL = dict(KOLOM)
KOLOM_JUMLAH = ("volume", "harga_satuan", "total")
BARIS_CARI_JUDUL = 20  # the header row may sit under a title block
BARIS_TEMPLAT = 5000  # rows the template's drop-down lists cover


def _normal_judul(teks) -> str:
    # "Kelompok Sasaran (A–F)" and "Kelompok Sasaran" are the same column
    return normal(re.sub(r"\s*\(.*\)\s*$", "", "" if teks is None else str(teks)))


PILIHAN_ARAH = {
    **{normal(a.value): a.value for a in ArahSasaran},
    **{normal(a.label): a.value for a in ArahSasaran},
    "bimbingan pengawasan": ArahSasaran.BIMBINGAN.value,
}
PILIHAN_SUMBER = {
    **{normal(s.value): s.value for s in SumberDana},
    **{normal(s.label): s.value for s in SumberDana},
    **{normal(alias): s.value for alias, s in (
        ("APBD prov", SumberDana.APBD_PROVINSI), ("APBD kab/kota", SumberDana.APBD_KABKOTA),
        ("APBD kabupaten", SumberDana.APBD_KABKOTA), ("APBD kota", SumberDana.APBD_KABKOTA),
        ("APBDesa", SumberDana.APBDES), ("Swadaya", SumberDana.SWADAYA), ("Swasta", SumberDana.SWASTA),
        ("Kemitraan", SumberDana.SWASTA), ("CSR", SumberDana.SWASTA), ("Lain-lain", SumberDana.LAINNYA),
    )},
}


# --- template ------------------------------------------------------------------------------------

class TemplatSipd(Pengekspor):
    """The blank .xlsx: the header row, drop-down lists for the coded columns, notes on each."""

    nama_berkas = "templat-rincian-belanja"

    def lembar(self):
        kode_indikator = list(IndikatorCapaian.objects.order_by("urutan", "kode").values_list("kode", flat=True))
        catatan = {
            "volume": "Angka ≥ 0, paling banyak 2 desimal; boleh ditulis 2,5.",
            "harga_satuan": "Rupiah ≥ 0; boleh ditulis 1.250.000.",
            "total": "Harus sama dengan Koefisien/Volume × Harga Satuan (dibulatkan ke sen).",
            "indikator": "Kode indikator capaian: " + ", ".join(kode_indikator) + ".",
            "kelompok": "Huruf kelompok sasaran (A–F); harus kelompok indikatornya.",
            "arah": "Salah satu: " + "; ".join(str(a.label) for a in ArahSasaran) + ".",
            "sumber_dana": "Salah satu: " + "; ".join(str(s.label) for s in SumberDana) + ".",
        }
        daftar = {
            "indikator": kode_indikator,
            "kelompok": ["A", "B", "C", "D", "E", "F"],
            "arah": [str(a.label) for a in ArahSasaran],
            "sumber_dana": [str(s.label) for s in SumberDana],
        }
        validasi = []
        for kolom, (nama, _) in enumerate(KOLOM, start=1):
            if nama in daftar:
                dv = DataValidation(type="list", formula1='"' + ",".join(daftar[nama]) + '"', allow_blank=True,
                                    showErrorMessage=False)
                huruf = get_column_letter(kolom)
                dv.add(f"{huruf}2:{huruf}{BARIS_TEMPLAT + 1}")
                validasi.append(dv)
        judul = [Sel(j, tebal=True, isi="E2EFDA", bungkus=True, catatan=catatan.get(nama, "")) for nama, j in KOLOM]
        # a hint of the number format in the first rows; the reader accepts any number
        contoh = [Sel(format_angka="#,##0.00") if nama in KOLOM_JUMLAH else None for nama, _ in KOLOM]
        yield Lembar(
            LEMBAR, [judul, *[contoh] * 10], beku="A2", validasi=validasi,
            lebar={k: 40 if nama.startswith("nama") or nama == "uraian" else 18 for k, (nama, _) in enumerate(KOLOM, start=1)},
        )


def buat_templat() -> bytes:
    return TemplatSipd().xlsx()


# --- reading ---------------------------------------------------------------------------------------

def impor_sipd(*, user, laporan: Laporan, berkas, unit: UnitKerja | str | None = None, mode: str = "ganti",
               versi: int | None = None) -> HasilImpor:
    """Read, check and write an uploaded file into the lines of `unit` (default: the user's unit)."""
    laporan = Laporan.objects.select_related("wilayah", "tahapan").get(pk=laporan.pk)  # its state now
    periksa_laporan(user, laporan)
    unit_id = unit_rincian(user, laporan, unit)
    alasan = alasan_tidak_dapat_diubah(user, laporan, unit_id)
    if alasan:  # refuse before parsing: cell errors are no use to someone who may not import
        raise Ditolak(alasan)
    baris = baca_sipd(berkas)
    return rincian_impor(user=user, laporan=laporan, unit=unit_id, baris=baris, mode=mode, versi=versi,
                         sumber=getattr(berkas, "name", "") or "", sudah_diperiksa=True)


def baca_sipd(berkas) -> list[dict]:
    """The file's lines as keyword dicts for `rincian_impor`, or IsianTidakValid listing every problem."""
    isi = baca_isi(berkas)
    kat = katalog()
    with _buku(isi) as (judul_lembar, baris_baris):
        try:
            return _baca_baris(judul_lembar, baris_baris, kat)
        except (IsianTidakValid, Ditolak):
            raise
        except Exception as exc:  # a sheet whose XML is broken fails only when read
            raise bukan_xlsx(isi) from exc


@contextmanager
def _buku(isi: bytes) -> Iterator[tuple[str, Iterator[tuple]]]:
    """Open the workbook read-only and yield (sheet title, row iterator); any unreadable file -> one message."""
    wb = buka_buku(isi)
    try:
        nama = {normal(n): n for n in wb.sheetnames}
        if normal(LEMBAR) in nama:
            ws = wb[nama[normal(LEMBAR)]]
        elif len(wb.sheetnames) == 1:  # a single sheet under another name is still the lines
            ws = wb.worksheets[0]
        else:
            raise tolak(
                f"Lembar '{LEMBAR}' tidak ada (lembar di berkas: {', '.join(wb.sheetnames)}). "
                "Unduh templat rincian belanja dari halaman ini.", "berkas",
            )
        ws.reset_dimensions()  # stored dimensions may be wrong in files from other tools
        yield ws.title, baris_cepat(ws)
    finally:
        wb.close()


def _lokasi(lembar: str, baris: int | None = None, kolom: int | None = None, nama: str = "") -> str:
    return lokasi_sel(lembar, baris, kolom, JUDUL[nama] if nama else "")


def _cari_judul(lembar: str, awal: list[tuple]) -> tuple[int, dict[str, int]]:
    """(header row number, {field: column number}); missing or doubled columns are errors."""
    dikenal = {_normal_judul(judul): nama for nama, judul in KOLOM}
    terbaik = (0, 0)
    for nomor, baris in enumerate(awal, start=1):
        cocok = sum(1 for v in baris or () if _normal_judul(v) in dikenal)
        terbaik = max(terbaik, (cocok, -nomor))
    if terbaik[0] < 3:
        raise tolak(
            f"Baris judul kolom tidak ditemukan di {BARIS_CARI_JUDUL} baris pertama; judul yang diharapkan: "
            + ", ".join(JUDUL.values()) + ". Unduh templat rincian belanja dari halaman ini.", _lokasi(lembar),
        )
    nomor = -terbaik[1]
    kolom, salah = {}, []
    for k, nilai in enumerate(awal[nomor - 1], start=1):
        nama = dikenal.get(_normal_judul(nilai))
        if nama is None:
            continue
        if nama in kolom:
            salah.append(Kesalahan(f"kolom {JUDUL[nama]} muncul dua kali (juga kolom {get_column_letter(kolom[nama])})",
                                   lokasi=_lokasi(lembar, nomor, k)))
        else:
            kolom[nama] = k
    hilang = [judul for nama, judul in KOLOM if nama not in kolom]
    if hilang:
        salah.append(Kesalahan(f"kolom tidak ada: {', '.join(hilang)}", lokasi=_lokasi(lembar, nomor)))
    tolak_bila_salah(salah)
    return nomor, kolom


def _baca_baris(lembar: str, baris_baris, kat: Katalog) -> list[dict]:
    awal = []
    for baris in baris_baris:
        awal.append(baris)
        if len(awal) >= BARIS_CARI_JUDUL:
            break
    nomor_judul, kolom = _cari_judul(lembar, awal)
    pengurai = {nama: _PENGURAI.get(nama, _teks) for nama, _ in KOLOM}
    judul_kolom = {k: JUDUL[nama] for nama, k in kolom.items()}
    hasil, salah = [], []

    def semua():
        yield from enumerate(awal[nomor_judul:], start=nomor_judul + 1)
        yield from enumerate(baris_baris, start=len(awal) + 1)

    for nomor, baris in semua():
        if not baris:
            continue
        mentah = {nama: (baris[k - 1] if k <= len(baris) else None) for nama, k in kolom.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in mentah.values()):
            continue
        salah.extend(cari_rumus(lembar, [baris], judul_kolom, mulai=nomor, kolom=set(judul_kolom)))
        isian, gagal = {}, set()
        for nama, nilai in mentah.items():
            if isinstance(nilai, Rumus):  # reported above; its cached result is not a typed value
                gagal.add(nama)
                continue
            try:
                isian[nama] = pengurai[nama](nilai, kat)
            except ValueError as exc:
                gagal.add(nama)
                salah.append(Kesalahan(str(exc), lokasi=_lokasi(lembar, nomor, kolom[nama], nama)))
        periksa = {**isian, "indikator_id": isian.get("indikator"), "kelompok_id": isian.get("kelompok")}
        for nama, pesan in periksa_isian(periksa, kat).items():
            if nama not in gagal:
                salah.append(Kesalahan(pesan, lokasi=_lokasi(lembar, nomor, kolom[nama], nama)))
        isian["_lokasi"] = _lokasi(lembar, nomor)
        hasil.append(isian)
    tolak_bila_salah(salah)
    if not hasil:
        raise tolak(f"Lembar '{lembar}' tidak berisi rincian belanja di bawah baris judul {nomor_judul}.", _lokasi(lembar))
    return hasil


# --- cell parsers: value -> field value, or ValueError with the reason -------------------------------

def baca_jumlah(mentah, kat: Katalog | None = None) -> Decimal | None:
    """An amount cell (the column parsers take the catalogue too): `inti.angka.baca_desimal`."""
    return baca_desimal(mentah)


def _teks(mentah, kat: Katalog | None = None) -> str:
    if mentah is None:
        return ""
    if isinstance(mentah, float) and mentah.is_integer():
        return str(int(mentah))
    return " ".join(str(mentah).split())


def _indikator(mentah, kat: Katalog) -> str:
    return _teks(mentah).upper().replace(" ", "")


def _kelompok(mentah, kat: Katalog) -> str:
    teks = _teks(mentah)
    if not teks:
        return ""
    huruf = re.match(r"^([A-Za-z])(?:$|[.)\s])", teks)
    if huruf and huruf.group(1).upper() in kat.nama_kelompok:
        return huruf.group(1).upper()
    for kode, nama in kat.nama_kelompok.items():
        if normal(nama) == normal(teks):
            return kode
    raise ValueError(f"kelompok sasaran '{teks[:30]}' tidak dikenal; isi huruf {', '.join(kat.nama_kelompok)}")


def _pilihan(pilihan: dict[str, str], label: list[str]):
    def urai(mentah, kat: Katalog | None = None) -> str:
        teks = _teks(mentah)
        if not teks:
            return ""
        try:
            return pilihan[normal(teks)]
        except KeyError:
            raise ValueError(f"'{teks[:40]}' tidak dikenal; isi salah satu: {'; '.join(label)}") from None
    return urai


_PENGURAI = {
    "volume": baca_jumlah,
    "harga_satuan": baca_jumlah,
    "total": baca_jumlah,
    "indikator": _indikator,
    "kelompok": _kelompok,
    "arah": _pilihan(PILIHAN_ARAH, [str(a.label) for a in ArahSasaran]),
    "sumber_dana": _pilihan(PILIHAN_SUMBER, [str(s.label) for s in SumberDana]),
}
