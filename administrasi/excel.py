"""Users from an xlsx (issue 15, item 5): the template and the reader. One row per role: a user
with two roles takes two rows with the same username. Every problem is named by sheet, row and
column, and nothing is saved while one remains (`services.pengguna_impor`)."""
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from inti.ekspor import Lembar, Pengekspor, Sel, kepala
from inti.galat import Kesalahan
from inti.xlsx import Rumus, baris_lembar, kolom_judul, lokasi_sel, normal, teks_sel, tolak, tolak_bila_salah
from wilayah.choices import Peran
from wilayah.models import UnitKerja, Wilayah

LEMBAR = "Pengguna"
KOLOM = (("username", "Nama pengguna"), ("first_name", "Nama depan"), ("last_name", "Nama belakang"),
         ("email", "Surel"), ("wilayah", "Kode wilayah"), ("peran", "Peran"), ("unit", "Unit"))
WAJIB = ("username", "email", "wilayah", "peran")


class TemplatPengguna(Pengekspor):
    nama_berkas = "templat-pengguna"

    def lembar(self):
        catatan = {"peran": "Salah satu: " + ", ".join(f"{p.value} ({p.label})" for p in Peran) + ".",
                   "unit": "Kosong, atau kode/singkatan unit (operator dan verifikator saja).",
                   "wilayah": "Kode Kemendagri: 17.01 (kab/kota), 17.01.01 (kecamatan)."}
        yield Lembar(LEMBAR, [[Sel(j, tebal=True, isi="E2EFDA", catatan=catatan.get(n, "")) for n, j in KOLOM],
                              ["op.kedurang", "Siti", "Aminah", "siti@contoh.go.id", "17.01.01", "operator", "setcam"]],
                     beku="A2", lebar={k: 22 for k in range(1, len(KOLOM) + 1)})
        yield Lembar("Unit", [kepala("Kode", "Singkatan", "Nama"),
                              *([u.pk, u.singkatan, u.nama] for u in UnitKerja.objects.order_by("urutan", "pk"))])


def buat_templat() -> bytes:
    return TemplatPengguna().xlsx()



def baca_pengguna(berkas) -> list[dict]:
    """The rows for `pengguna_impor`, or IsianTidakValid listing every problem."""
    baris_baris = baris_lembar(berkas, LEMBAR, "unduh templat pengguna dari halaman ini")
    kolom = kolom_judul(baris_baris[0], KOLOM, WAJIB, LEMBAR)
    peran_dikenal = {normal(p.value): p.value for p in Peran} | {normal(p.label): p.value for p in Peran}
    unit_dikenal = {}
    for u in UnitKerja.objects.all():
        unit_dikenal[normal(u.pk)] = unit_dikenal[normal(u.singkatan)] = u
    kode_wilayah = set()
    hasil, salah = [], []
    for nomor, baris in enumerate(baris_baris[1:], start=2):
        nilai = {n: (baris[k - 1] if k - 1 < len(baris) else None) for n, k in kolom.items()}
        if all(v in (None, "") for v in nilai.values()):
            continue

        def lok(n, nomor=nomor):
            return lokasi_sel(LEMBAR, nomor, kolom.get(n), dict(KOLOM)[n])

        rumus = [n for n, v in nilai.items() if isinstance(v, Rumus)]
        for n in rumus:
            salah.append(Kesalahan("sel berisi rumus; isi nilainya saja", lokasi=lok(n)))
        if rumus:
            continue
        b = {n: teks_sel(nilai.get(n)) for n, _ in KOLOM}
        for n in WAJIB:
            if not b[n]:
                salah.append(Kesalahan(f"{dict(KOLOM)[n]} wajib diisi.", lokasi=lok(n)))
        if b["email"]:
            try:
                validate_email(b["email"])
            except ValidationError:
                salah.append(Kesalahan(f"alamat surel tidak valid: '{b['email'][:40]}'", lokasi=lok("email")))
        peran = peran_dikenal.get(normal(b["peran"])) if b["peran"] else None
        if b["peran"] and peran is None:
            salah.append(Kesalahan(f"peran tidak dikenal: '{b['peran'][:30]}'", lokasi=lok("peran")))
        unit = None
        if b["unit"]:
            unit = unit_dikenal.get(normal(b["unit"]))
            if unit is None:
                salah.append(Kesalahan(f"unit tidak dikenal: '{b['unit'][:30]}' (lihat lembar 'Unit')", lokasi=lok("unit")))
        kode_wilayah.add(b["wilayah"])
        hasil.append({**b, "email": b["email"].lower(), "peran": peran, "unit": unit, "lokasi": lokasi_sel(LEMBAR, nomor),
                      "_lokasi_wilayah": lok("wilayah")})
    wilayah = Wilayah.objects.in_bulk([b["wilayah"] for b in hasil if b["wilayah"]])
    for b in hasil:
        lokasi_wilayah = b.pop("_lokasi_wilayah")
        kode = b["wilayah"]
        b["wilayah"] = wilayah.get(kode) if kode else None
        if kode and b["wilayah"] is None:
            salah.append(Kesalahan(f"kode wilayah tidak dikenal: '{kode[:20]}'", lokasi=lokasi_wilayah))
    if not hasil and not salah:
        raise tolak("Tidak ada baris pengguna di bawah baris judul.", lokasi_sel(LEMBAR))
    tolak_bila_salah(salah)
    return hasil
