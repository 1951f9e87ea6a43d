"""The Excel round trip of the kab/kota and provinsi budget targets (D95): the download is the
current rows (or, when empty, one row per OPD to fill), the upload replaces them all. Every
problem is named by sheet, row and column; nothing is saved while one remains."""
from decimal import Decimal

from indikator.models import IndikatorCapaian
from inti.angka import BukanAngka, baca_desimal
from inti.ekspor import Lembar, Pengekspor, Sel, kepala
from inti.galat import Kesalahan
from inti.xlsx import Rumus, baris_lembar, kolom_judul, lokasi_sel, normal, teks_sel, tolak, tolak_bila_salah

from .models import TargetAnggaran
from .selectors import unit_opd

LEMBAR = "Target anggaran"
KOLOM = (("indikator", "Kode indikator"), ("unit", "OPD"), ("target", "Target anggaran (Rp)"),
         ("capaian", "Capaian/realisasi (Rp)"), ("keterangan", "Keterangan"))
WAJIB = ("indikator", "unit", "target", "capaian")


class TemplatTargetAnggaran(Pengekspor):
    def __init__(self, laporan):
        self.laporan = laporan
        self.nama_berkas = f"target-anggaran-{laporan.wilayah_id}-{laporan.tahun}"

    def lembar(self):
        baris = [[t.indikator_id, t.unit.singkatan, t.target, t.capaian, t.keterangan]
                 for t in TargetAnggaran.objects.filter(laporan=self.laporan).select_related("unit")]
        if not baris:
            baris = [["", u.singkatan, None, None, ""] for u in unit_opd(self.laporan.wilayah.tingkat)]
        catatan = {"indikator": "Kode indikator: A1 … F6 (lembar 'Indikator').", "unit": "Singkatan OPD (lembar 'OPD').",
                   "target": "Rupiah, tanpa titik atau dengan titik ribuan.", "capaian": "Rupiah yang terealisasi."}
        yield Lembar(LEMBAR, [[Sel(j, tebal=True, isi="E2EFDA", catatan=catatan.get(n, "")) for n, j in KOLOM], *baris],
                     beku="A2", lebar={1: 16, 2: 14, 3: 22, 4: 22, 5: 40})
        yield Lembar("Indikator", [kepala("Kode", "Indikator"),
                                   *([i.kode, i.pembilang] for i in IndikatorCapaian.objects.order_by("urutan", "kode"))])
        yield Lembar("OPD", [kepala("Singkatan", "Nama"), *([u.singkatan, u.nama] for u in unit_opd(self.laporan.wilayah.tingkat))])



def _rupiah(v, label: str, lok: str, salah: list) -> Decimal | None:
    try:
        nilai = baca_desimal(v)
    except (ValueError, BukanAngka) as exc:
        salah.append(Kesalahan(f"{label}: {exc}", lokasi=lok))
        return None
    if nilai is None:
        salah.append(Kesalahan(f"{label} wajib diisi.", lokasi=lok))
    elif nilai < 0:
        salah.append(Kesalahan(f"{label} tidak boleh negatif.", lokasi=lok))
        return None
    return nilai


def baca_target_anggaran(berkas, laporan) -> list[dict]:
    """The rows for `services.target_anggaran_impor`, or IsianTidakValid listing every problem."""
    semua = baris_lembar(berkas, LEMBAR, "unduh templat dari halaman ini")
    kolom = kolom_judul(semua[0], KOLOM, WAJIB, LEMBAR)
    indikator = {i.kode.upper(): i for i in IndikatorCapaian.objects.all()}
    opd = {}
    for u in unit_opd(laporan.wilayah.tingkat):
        opd[normal(u.singkatan)] = opd[normal(u.pk)] = u
    hasil, salah, kunci = [], [], {}
    for nomor, baris in enumerate(semua[1:], start=2):
        nilai = {n: (baris[k - 1] if k - 1 < len(baris) else None) for n, k in kolom.items()}
        if all(v in (None, "") for n, v in nilai.items() if n in ("indikator", "target", "capaian")):
            continue  # an OPD row of the template left empty

        def lok(n, nomor=nomor):
            return lokasi_sel(LEMBAR, nomor, kolom.get(n), dict(KOLOM)[n])

        rumus = [n for n, v in nilai.items() if isinstance(v, Rumus)]
        for n in rumus:
            salah.append(Kesalahan("sel berisi rumus; isi nilainya saja", lokasi=lok(n)))
        if rumus:
            continue
        kode, singkatan = teks_sel(nilai.get("indikator")).upper(), teks_sel(nilai.get("unit"))
        i = indikator.get(kode)
        if i is None:
            salah.append(Kesalahan(f"kode indikator tidak dikenal: '{kode[:10]}'" if kode else "Kode indikator wajib diisi.",
                                   lokasi=lok("indikator")))
        u = opd.get(normal(singkatan))
        if u is None:
            salah.append(Kesalahan(f"OPD tidak dikenal: '{singkatan[:30]}' (lihat lembar 'OPD')" if singkatan else "OPD wajib diisi.",
                                   lokasi=lok("unit")))
        target = _rupiah(nilai.get("target"), "Target anggaran", lok("target"), salah)
        capaian = _rupiah(nilai.get("capaian"), "Capaian", lok("capaian"), salah)
        if i and u:
            if (i.kode, u.pk) in kunci:
                salah.append(Kesalahan(f"{i.kode} {u.singkatan} sudah ada di baris {kunci[i.kode, u.pk]}.", lokasi=lokasi_sel(LEMBAR, nomor)))
            kunci[i.kode, u.pk] = nomor
        hasil.append({"indikator": i, "unit": u, "target": target, "capaian": capaian,
                      "keterangan": teks_sel(nilai.get("keterangan"))[:255], "lokasi": lokasi_sel(LEMBAR, nomor)})
    if not hasil and not salah:
        raise tolak("Tidak ada baris target di bawah baris judul.", lokasi_sel(LEMBAR))
    tolak_bila_salah(salah)
    return hasil
