"""What a budget-tagging spending line (RincianBelanja) may hold: its fields in SIPD order, the
catalog its indicator and kelompok sasaran come from, and the checks and normalisation every
writer (one line, the SIPD import) and the forms share. Reads only; penandaan.services writes."""
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation

from aksi.models import Laporan
from aksi.choices import SumberDana
from indikator.models import IndikatorCapaian, KelompokSasaran
from inti.format import angka

from .models import TAHAPAN_PENANDAAN, ArahSasaran, JenisPenandaan, RincianBelanja

# The fields a user fills, in SIPD order (foreign keys by their column: indikator_id, kelompok_id).
KOLOM_TEKS = (
    "kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan", "kode_subkegiatan", "nama_subkegiatan",
    "kode_rekening", "uraian", "satuan",
)
KOLOM_ANGKA = ("volume", "harga_satuan", "total")
KOLOM_PILIHAN = ("arah", "sumber_dana")
KOLOM_KATALOG = {"indikator": "indikator_id", "kelompok": "kelompok_id"}
KOLOM_ISIAN = (*KOLOM_TEKS, *KOLOM_ANGKA, *KOLOM_PILIHAN, *KOLOM_KATALOG.values())

SEN = Decimal("0.01")


def _batas(nama: str) -> Decimal:
    """The first amount the column cannot store (max_digits with two decimals)."""
    field = RincianBelanja._meta.get_field(nama)
    return Decimal(10) ** (field.max_digits - field.decimal_places)


BATAS_ANGKA = {nama: _batas(nama) for nama in KOLOM_ANGKA}
PANJANG_TEKS = {nama: RincianBelanja._meta.get_field(nama).max_length for nama in KOLOM_TEKS}
LABEL = {f.name: str(f.verbose_name) for f in RincianBelanja._meta.fields}


# --- reading helpers shared with sipd.py and the views ----------------------------------------

def jenis_penandaan(laporan: Laporan) -> JenisPenandaan | None:
    return TAHAPAN_PENANDAAN.get(laporan.tahapan_id)


def perubahan(laporan: Laporan) -> bool:
    return jenis_penandaan(laporan) == JenisPenandaan.PERUBAHAN


@dataclass(frozen=True)
class Katalog:
    """What a line is checked against: indicator -> its kelompok, kelompok -> its name."""

    kelompok_indikator: Mapping[str, str]
    nama_kelompok: Mapping[str, str]


def katalog() -> Katalog:
    return Katalog(
        kelompok_indikator=dict(IndikatorCapaian.objects.values_list("kode", "kelompok_id")),
        nama_kelompok=dict(KelompokSasaran.objects.values_list("kode", "nama")),
    )


def total_seharusnya(volume: Decimal, harga_satuan: Decimal) -> Decimal:
    return (volume * harga_satuan).quantize(SEN, rounding=ROUND_HALF_UP)


def teks_angka(nilai: Decimal) -> str:
    """2.5 -> '2,5'; 1250000 -> '1.250.000' (Indonesian, as the user typed it)."""
    desimal = max(0, min(2, -nilai.normalize().as_tuple().exponent))
    with translation.override("id"):
        return angka(nilai, desimal)


def _sebagai_desimal(nilai) -> Decimal | None:
    if isinstance(nilai, Decimal):
        return nilai
    if isinstance(nilai, bool) or nilai is None or nilai == "":
        return None
    try:
        return Decimal(str(nilai))
    except InvalidOperation:
        return None


def periksa_isian(isian: Mapping, kat: Katalog) -> dict[str, str]:
    """Problems of one line as {field name: reason}; empty when the line is valid.

    `isian` maps KOLOM_ISIAN to parsed values (amounts as Decimal). The reasons name no field,
    so pages put them under the field and the SIPD import after the cell's location.
    """
    salah: dict[str, str] = {}
    for nama in KOLOM_TEKS:
        teks = isian.get(nama)
        if teks is None or not str(teks).strip():
            salah[nama] = "wajib diisi"
        elif len(str(teks)) > PANJANG_TEKS[nama]:
            salah[nama] = f"paling panjang {PANJANG_TEKS[nama]} karakter (berisi {len(str(teks))})"
    angka_sah: dict[str, Decimal] = {}
    for nama in KOLOM_ANGKA:
        mentah = isian.get(nama)
        nilai = _sebagai_desimal(mentah)
        if mentah is None or mentah == "":
            salah[nama] = "wajib diisi"
        elif nilai is None or not nilai.is_finite():
            salah[nama] = f"bukan angka: '{str(mentah)[:20]}'"
        elif nilai < 0:
            salah[nama] = f"tidak boleh negatif ({teks_angka(nilai)})"
        elif nilai != nilai.quantize(SEN, rounding=ROUND_HALF_UP):
            salah[nama] = f"paling banyak 2 angka di belakang koma ({nilai})".replace(".", ",")
        elif nilai >= BATAS_ANGKA[nama]:
            salah[nama] = f"terlalu besar ({teks_angka(nilai)})"
        else:
            angka_sah[nama] = nilai
    if len(angka_sah) == 3:
        volume, harga, total = angka_sah["volume"], angka_sah["harga_satuan"], angka_sah["total"]
        seharusnya = total_seharusnya(volume, harga)
        if total != seharusnya:
            salah["total"] = (
                f"total {teks_angka(total)} tidak sama dengan volume {teks_angka(volume)} × harga satuan "
                f"{teks_angka(harga)} = {teks_angka(seharusnya)}"
            )
    indikator, kelompok = isian.get("indikator_id"), isian.get("kelompok_id")
    if not indikator:
        salah["indikator"] = "wajib diisi"
    elif indikator not in kat.kelompok_indikator:
        salah["indikator"] = f"kode indikator '{indikator}' tidak ada di katalog (A1–F6)"
    if not kelompok:
        salah["kelompok"] = "wajib diisi"
    elif kelompok not in kat.nama_kelompok:
        salah["kelompok"] = f"kelompok sasaran '{kelompok}' tidak dikenal (A–F)"
    elif indikator in kat.kelompok_indikator and kat.kelompok_indikator[indikator] != kelompok:
        milik = kat.kelompok_indikator[indikator]
        salah["kelompok"] = (
            f"indikator {indikator} termasuk kelompok sasaran {milik} ({kat.nama_kelompok.get(milik, '')}), "
            f"bukan {kelompok} ({kat.nama_kelompok[kelompok]})"
        )
    for nama, sah in (("arah", ArahSasaran.values), ("sumber_dana", SumberDana.values)):
        if not isian.get(nama):
            salah[nama] = "wajib diisi"
        elif isian[nama] not in sah:
            salah[nama] = f"pilihan '{isian[nama]}' tidak dikenal"
    return salah


def normalkan_isian(isian: Mapping) -> dict:
    """Service keywords -> model columns: indikator/kelompok (object or code) -> *_id, amounts
    to Decimal when they parse, text stripped. Unknown keywords are a programming error."""
    hasil = {}
    for nama, nilai in isian.items():
        kolom = KOLOM_KATALOG.get(nama, nama)
        if kolom not in KOLOM_ISIAN:
            raise TypeError(f"rincian belanja tidak mempunyai isian '{nama}'")
        if kolom in KOLOM_KATALOG.values():
            nilai = getattr(nilai, "pk", nilai)
            nilai = str(nilai).strip().upper() if nilai not in (None, "") else None
        elif kolom in KOLOM_ANGKA:
            desimal = _sebagai_desimal(nilai)
            nilai = desimal if desimal is not None and desimal.is_finite() else nilai
        elif isinstance(nilai, str):
            nilai = nilai.strip()
        hasil[kolom] = nilai
    return hasil


def siap_simpan(isian: dict) -> dict:
    """Valid amounts stored with exactly two decimals."""
    return {k: v.quantize(SEN) if k in KOLOM_ANGKA else v for k, v in isian.items()}
