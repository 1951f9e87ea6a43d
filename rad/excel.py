"""The logframe's .xlsx format, both ways: the same columns download (template or current logframe)
and upload (import for any province or kab/kota). Reads and checks the file; the write is
`services.logframe_ganti`.

Sheet "Logframe": a header row (searched in the first rows) with the columns of KOLOM and one
column per year of the RAD period (its header is the year), then one row per keluaran. As in the
annex, an empty Pilar / Nama pilar / Strategi / Instrumen cell means "same as the row above". A
year cell holds a number (quantity in the output's unit: 300, "1.514", "2,5"), a text (milestone)
or both as "300 | uraian"; empty = no target that year. Kumulatif: ya/tidak. Penanggung jawab and
Pendukung: unit kerja codes, abbreviations or names separated by ";" — the lead agency first.
Optional sheet "Prevalensi": Tahun | Target prevalensi (%). Sheet "Unit kerja" lists the codes.

The whole file is read and checked first; every problem is reported with sheet/row/column (a
formula in a column the import reads is one: only typed values count), and a clean file goes to
`logframe_ganti`, which replaces the logframe in one transaction or not at all. The download
writes user text formula-safe (`inti.ekspor`), exactly as typed, so it imports back unchanged.
"""
import re
from decimal import Decimal

from inti.angka import BukanAngka, baca_desimal
from inti.ekspor import Lembar, Pengekspor, Sel, kepala
from inti.galat import IsianTidakValid, Kesalahan
from inti.xlsx import (
    Rumus,
    baca_isi,
    baris_bertipe,
    buka_buku,
    bukan_xlsx,
    cari_rumus,
    lokasi_sel,
    normal,
    tolak,
    tolak_bila_salah,
)
from wilayah.models import UnitKerja

from .models import RegulasiRAD
from .selectors import keluaran_logframe
from .services import BarisLogframe, HasilLogframe, TargetIsian, logframe_ganti

LEMBAR = "Logframe"
LEMBAR_PREVALENSI = "Prevalensi"
LEMBAR_UNIT = "Unit kerja"
KOLOM = (
    ("pilar", "Pilar"), ("nama_pilar", "Nama Pilar"), ("strategi", "Strategi Pencapaian"), ("instrumen", "Instrumen"),
    ("keluaran", "Keluaran"), ("satuan", "Satuan"), ("target_teks", "Target & Tahun (teks regulasi)"),
    ("kumulatif", "Kumulatif"), ("pj", "Penanggung Jawab"), ("pendukung", "Pendukung"),
    ("pj_teks", "Keterangan Penanggung Jawab"), ("pendukung_teks", "Keterangan Pendukung"),
)
JUDUL = dict(KOLOM)
WAJIB = ("pilar", "nama_pilar", "strategi", "instrumen", "keluaran", "satuan", "pj")
TERUS = ("pilar", "nama_pilar", "strategi", "instrumen")  # empty = as above (merged cells in the annex)
PEMISAH = " | "
BARIS_CARI_JUDUL = 15
YA = {"ya", "y", "true", "1", "benar", "kumulatif"}
TIDAK = {"", "tidak", "t", "false", "0", "salah", "per tahun"}


# --- writing -------------------------------------------------------------------------------------

def _angka(jumlah: Decimal) -> str:
    return f"{jumlah.normalize():f}".replace(".", ",")


def _teks_target(t) -> object:
    """A year cell: the number itself, the milestone text, or 'number | text'."""
    if t.jumlah is None:
        return t.uraian
    if t.uraian:
        return f"{_angka(t.jumlah)}{PEMISAH}{t.uraian}"
    return int(t.jumlah) if t.jumlah == t.jumlah.to_integral_value() else float(t.jumlah)


class TemplatLogframe(Pengekspor):
    """The import template: the regulation's current logframe (empty rows for a new one)."""

    def __init__(self, regulasi: RegulasiRAD):
        self.regulasi = regulasi
        self.nama_berkas = f"logframe-rad-{regulasi.wilayah.kode}-{regulasi.tahun}"

    def lembar(self):
        regulasi, tahun = self.regulasi, self.regulasi.daftar_tahun
        judul = [j for _, j in KOLOM[:7]] + [str(t) for t in tahun] + [j for _, j in KOLOM[7:]]
        yield Lembar(LEMBAR, self._logframe(judul), beku="A5",
                     lebar={k: 45 if 3 <= k <= 5 else 16 for k in range(1, len(judul) + 1)})
        ada = dict(regulasi.target_prevalensi.values_list("tahun", "persen"))
        yield Lembar(LEMBAR_PREVALENSI, [kepala("Tahun", "Target Prevalensi (%)"),
                                         *([t, float(ada[t]) if t in ada else None] for t in tahun)])
        yield Lembar(LEMBAR_UNIT, [
            kepala("Kode", "Singkatan", "Nama", "Dapat menjadi penanggung jawab di tingkat ini"),
            *([u.pk, u.singkatan, u.nama, "ya" if u.berlaku_di(regulasi.wilayah.tingkat) else "tidak (hanya pendukung)"]
              for u in UnitKerja.objects.all()),
        ])

    def _logframe(self, judul: list[str]):
        regulasi, tahun = self.regulasi, self.regulasi.daftar_tahun
        yield [Sel(f"Logframe RAD — {regulasi.judul} ({regulasi.nomor}/{regulasi.tahun}), {regulasi.wilayah.nama_lengkap}",
                   tebal=True, ukuran=13)]
        yield [Sel("Satu baris per keluaran. Sel Pilar/Nama Pilar/Strategi/Instrumen kosong = sama dengan baris di atasnya. "
                   f"Kolom tahun: angka (jumlah), teks (milestone) atau 'angka{PEMISAH}teks'. Penanggung jawab/pendukung: "
                   "kode unit kerja (lihat lembar 'Unit kerja'), dipisah ';', yang memimpin lebih dulu.",
                   miring=True, warna="595959")]
        yield []
        yield kepala(*judul, isi="E2EFDA")
        sebelumnya: tuple = ()
        for k in keluaran_logframe(regulasi):
            s = k.instrumen.strategi
            atas = (s.pilar.nomor, s.pilar.nama, s.uraian, k.instrumen.uraian)
            kiri = [v if sebelumnya[:i + 1] != atas[:i + 1] else None for i, v in enumerate(atas)] if sebelumnya else list(atas)
            sebelumnya = atas
            target = {t.tahun: t for t in k.target.all()}
            kumulatif = any(t.kumulatif for t in target.values())
            pj = [k.penanggung_jawab_id, *sorted(u.pk for u in k.penanggung_jawab_lain.all())]
            nilai = [*kiri, k.uraian, k.satuan, k.target_teks, *[_teks_target(target[t]) if t in target else None for t in tahun],
                     "ya" if kumulatif else "tidak", "; ".join(pj), "; ".join(sorted(u.pk for u in k.pendukung.all())),
                     k.pj_teks, k.pendukung_teks]
            yield [Sel(v, bungkus=True) for v in nilai]


def buat_logframe_xlsx(regulasi: RegulasiRAD) -> bytes:
    return TemplatLogframe(regulasi).xlsx()


# --- reading -------------------------------------------------------------------------------------

def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


def _pencari_unit() -> dict[str, str]:
    cari = {}
    for kode, singkatan, nama in UnitKerja.objects.values_list("pk", "singkatan", "nama"):
        for kunci in (kode, singkatan, nama):
            cari.setdefault(normal(kunci), kode)
    return cari


def _baca_unit(teks: str, cari: dict[str, str]) -> list[str]:
    hasil = []
    for bagian in re.split(r"[;\n]", teks):
        bagian = re.sub(r"^\s*[a-z]\.\s+", "", bagian.strip())  # "a. Bapperida" as the annex lists them
        if not bagian:
            continue
        kode = cari.get(normal(bagian))
        if kode is None:
            raise ValueError(f"unit kerja '{bagian}' tidak dikenal (lihat lembar '{LEMBAR_UNIT}' pada templat)")
        if kode not in hasil:
            hasil.append(kode)
    return hasil


def _baca_target(v) -> TargetIsian | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return TargetIsian(baca_desimal(v))
    teks = _teks(v)
    angka, pisah, uraian = teks.partition("|")
    if pisah:
        try:
            jumlah = baca_desimal(angka.strip())
        except BukanAngka:
            raise ValueError(f"sebelum '|' harus angka, bukan '{angka.strip()[:20]}'") from None
        return TargetIsian(jumlah, uraian.strip())
    try:  # a number too large or in other digits is an error, not a milestone text
        return TargetIsian(baca_desimal(teks))
    except BukanAngka:
        return TargetIsian(None, teks)


def _cari_judul(awal: list[tuple], tahun_sah: list[int]) -> tuple[int, dict[str, int], dict[int, int]]:
    dikenal = {normal(j): n for n, j in KOLOM} | {normal("Target & Tahun"): "target_teks"}
    nomor = next((n for n, b in enumerate(awal, start=1) if sum(normal(v) in dikenal for v in b or ()) >= 4), None)
    if nomor is None:
        raise tolak(f"Baris judul kolom tidak ditemukan di {BARIS_CARI_JUDUL} baris pertama; judul yang diharapkan: "
                     + ", ".join(JUDUL.values()) + ", lalu satu kolom per tahun. Unduh templat dari halaman ini.", lokasi_sel(LEMBAR))
    kolom, kolom_tahun, salah = {}, {}, []
    for k, v in enumerate(awal[nomor - 1], start=1):
        teks = _teks(v)
        if re.fullmatch(r"\d{4}", teks):
            if int(teks) not in tahun_sah:
                salah.append(Kesalahan(f"tahun {teks} di luar periode RAD {tahun_sah[0]}–{tahun_sah[-1]}", lokasi=lokasi_sel(LEMBAR, nomor, k)))
            kolom_tahun[int(teks)] = k
        elif normal(teks) in dikenal:
            kolom.setdefault(dikenal[normal(teks)], k)
    hilang = [JUDUL[n] for n in WAJIB if n not in kolom]
    if hilang:
        salah.append(Kesalahan(f"kolom tidak ada: {', '.join(hilang)}", lokasi=lokasi_sel(LEMBAR, nomor)))
    if not kolom_tahun:
        salah.append(Kesalahan(f"tidak ada kolom tahun ({tahun_sah[0]}–{tahun_sah[-1]})", lokasi=lokasi_sel(LEMBAR, nomor)))
    tolak_bila_salah(salah)
    return nomor, kolom, kolom_tahun


def _baca_baris(semua: list[tuple], regulasi: RegulasiRAD) -> list[BarisLogframe]:
    nomor_judul, kolom, kolom_tahun = _cari_judul(semua[:BARIS_CARI_JUDUL], regulasi.daftar_tahun)
    cari = _pencari_unit()
    judul_kolom = {k: JUDUL[n] for n, k in kolom.items()} | {k: str(t) for t, k in kolom_tahun.items()}
    salah = cari_rumus(LEMBAR, semua[nomor_judul:], judul_kolom, mulai=nomor_judul + 1, kolom=set(judul_kolom))
    hasil, atas = [], {}
    for nomor, baris in enumerate(semua[nomor_judul:], start=nomor_judul + 1):
        sel = {n: (baris[k - 1] if baris and k <= len(baris) else None) for n, k in kolom.items()}
        sel_tahun = {t: (baris[k - 1] if baris and k <= len(baris) else None) for t, k in kolom_tahun.items()}
        berumus = {n for n, v in sel.items() if isinstance(v, Rumus)}  # reported above; read as empty here
        sel = {n: None if n in berumus else v for n, v in sel.items()}
        sel_tahun = {t: None if isinstance(v, Rumus) else v for t, v in sel_tahun.items()}
        if not any(_teks(v) for v in [*sel.values(), *sel_tahun.values()]):
            continue
        nilai = {n: _teks(v) for n, v in sel.items()}
        for i, n in enumerate(TERUS):  # empty = as above; a new value restarts the levels below it
            if not nilai.get(n):
                nilai[n] = atas.get(n, "")
            elif nilai[n] != atas.get(n):
                for bawah in TERUS[i + 1:]:
                    atas.pop(bawah, None)
        tempat = lambda n: lokasi_sel(LEMBAR, nomor, kolom.get(n), JUDUL.get(n, ""))  # noqa: E731
        for n in WAJIB:
            if not nilai.get(n) and n not in berumus:
                salah.append(Kesalahan("wajib diisi", lokasi=tempat(n)))
        cocok = re.fullmatch(r"(?:pilar\s*)?(\d+)", nilai["pilar"], flags=re.IGNORECASE)
        pilar = int(cocok.group(1)) if cocok else 0
        if nilai["pilar"] and not (cocok and 1 <= pilar <= 5):
            salah.append(Kesalahan(f"nomor pilar 1–5, bukan '{nilai['pilar']}'", lokasi=tempat("pilar")))
        target = {}
        for t, v in sel_tahun.items():
            try:
                isi = _baca_target(v)
            except ValueError as exc:
                salah.append(Kesalahan(str(exc), lokasi=lokasi_sel(LEMBAR, nomor, kolom_tahun[t], str(t))))
                continue
            if isi is not None and isi.jumlah is not None and isi.jumlah < 0:
                salah.append(Kesalahan("jumlah target tidak boleh negatif", lokasi=lokasi_sel(LEMBAR, nomor, kolom_tahun[t], str(t))))
            elif isi is not None:
                target[t] = isi
        kumulatif = normal(nilai.get("kumulatif", ""))
        if kumulatif not in YA | TIDAK:
            salah.append(Kesalahan(f"isi 'ya' atau 'tidak', bukan '{nilai['kumulatif']}'", lokasi=tempat("kumulatif")))
        unit = {}
        for n in ("pj", "pendukung"):
            try:
                unit[n] = _baca_unit(nilai.get(n, ""), cari)
            except ValueError as exc:
                salah.append(Kesalahan(str(exc), lokasi=tempat(n)))
                unit[n] = []
        atas.update({n: nilai[n] for n in TERUS if nilai[n]})
        hasil.append(BarisLogframe(
            pilar=pilar, nama_pilar=nilai["nama_pilar"], strategi=nilai["strategi"], instrumen=nilai["instrumen"],
            keluaran=nilai["keluaran"], satuan=nilai["satuan"], target=target, pj=unit["pj"], pendukung=unit["pendukung"],
            kumulatif=kumulatif in YA, target_teks=nilai.get("target_teks", ""), pj_teks=nilai.get("pj_teks", ""),
            pendukung_teks=nilai.get("pendukung_teks", ""), lokasi=lokasi_sel(LEMBAR, nomor)))
    tolak_bila_salah(salah)
    if not hasil:
        raise tolak(f"Lembar '{LEMBAR}' tidak berisi baris keluaran di bawah baris judul {nomor_judul}.", lokasi_sel(LEMBAR))
    return hasil


def _baca_prevalensi(semua: list[tuple]) -> dict[int, Decimal]:
    salah = cari_rumus(LEMBAR_PREVALENSI, semua[1:], mulai=2, kolom={1, 2})
    hasil = {}
    for nomor, baris in enumerate(semua[1:], start=2):
        if not baris or all(v is None for v in baris) or any(isinstance(v, Rumus) for v in baris[:2]):
            continue
        tahun, nilai = _teks(baris[0]), baris[1] if len(baris) > 1 else None
        if nilai is None or _teks(nilai) == "":
            continue
        if not re.fullmatch(r"[0-9]{4}", tahun):
            salah.append(Kesalahan(f"tahun '{tahun[:20]}' tidak sah", lokasi=lokasi_sel(LEMBAR_PREVALENSI, nomor, 1)))
            continue
        try:
            hasil[int(tahun)] = baca_desimal(nilai)
        except ValueError as exc:
            salah.append(Kesalahan(str(exc), lokasi=lokasi_sel(LEMBAR_PREVALENSI, nomor, 2)))
    tolak_bila_salah(salah)
    return hasil


def baca_logframe(berkas, regulasi: RegulasiRAD) -> tuple[list[BarisLogframe], dict[int, Decimal] | None]:
    """(rows, prevalence targets or None when the sheet is absent), or IsianTidakValid listing every problem."""
    isi = baca_isi(berkas)
    wb = buka_buku(isi)
    try:
        nama = {normal(n): n for n in wb.sheetnames}
        if normal(LEMBAR) not in nama:
            raise tolak(f"Lembar '{LEMBAR}' tidak ada (lembar di berkas: {', '.join(wb.sheetnames)}). "
                         "Unduh templat logframe dari halaman ini.", "berkas")
        semua = list(baris_bertipe(wb[nama[normal(LEMBAR)]]))
        prevalensi = None
        if normal(LEMBAR_PREVALENSI) in nama:
            prevalensi = _baca_prevalensi(list(baris_bertipe(wb[nama[normal(LEMBAR_PREVALENSI)]])))
    except IsianTidakValid:
        raise
    except Exception as exc:  # a sheet whose XML is broken fails only when read
        raise bukan_xlsx(isi) from exc
    finally:
        wb.close()
    return _baca_baris(semua, regulasi), prevalensi


def impor_logframe(*, user, regulasi: RegulasiRAD, berkas) -> HasilLogframe:
    baris, prevalensi = baca_logframe(berkas, regulasi)
    return logframe_ganti(oleh=user, regulasi=regulasi, baris=baris, prevalensi=prevalensi,
                          sumber=getattr(berkas, "name", "") or "xlsx")
