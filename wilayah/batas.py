"""The boundaries shipped in wilayah/batas/ (D96): loading them into BatasWilayah (idempotent),
which regions have none, and their SVG paths for a map. The files are made by scripts/konversi_batas.py."""
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.db import transaction

from .choices import Tingkat
from .lingkup import di_dalam, q_dalam
from .models import BatasWilayah, Wilayah

FOLDER = Path(__file__).resolve().parent / "batas"
KASAR, RINCI = BatasWilayah.Detail.KASAR, BatasWilayah.Detail.RINCI


@dataclass
class HasilMuatBatas:
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    tanpa_batas: list[str] = field(default_factory=list)  # provinsi, kab/kota and kecamatan codes without an outline


def _baca(nama: str) -> tuple[int, dict[str, list]]:
    berkas = FOLDER / nama
    if not berkas.exists():
        return 0, {}
    data = json.loads(berkas.read_text())
    return data["skala"], data["wilayah"]


def _berkas_provinsi(pp: str) -> list[tuple[str, str, str]]:
    """(file, detail, code prefix filter) of everything a provinsi needs."""
    return [("provinsi.json", KASAR, pp), ("kabkota_nasional.json", KASAR, pp), (f"kabkota/{pp}.json", RINCI, pp),
            (f"kecamatan/{pp}.json", RINCI, pp)]


def batas_muat(*, kode_provinsi: list[str] | None = None) -> HasilMuatBatas:
    """Load the outlines of the given provinsi (default: every provinsi in the database) and of
    their kab/kota and kecamatan. Only regions present in Wilayah are written; a second run
    changes nothing. Reports the provinsi, kab/kota and kecamatan still without their outline."""
    provinsi = kode_provinsi or list(Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).values_list("kode", flat=True))
    hasil = HasilMuatBatas()
    dibaca: dict[str, tuple[int, dict]] = {}
    with transaction.atomic():
        for pp in provinsi:
            ada = set(Wilayah.objects.filter(q_dalam(pp), tingkat__lte=Tingkat.KECAMATAN).values_list("kode", flat=True))
            lama = {(b.wilayah_id, b.detail): b for b in BatasWilayah.objects.filter(wilayah_id__in=ada)}
            baru, ubah = [], []
            for nama, detail, awalan in _berkas_provinsi(pp):
                skala, data = dibaca.setdefault(nama, _baca(nama))
                for kode, cincin in data.items():
                    if kode not in ada or not di_dalam(kode, awalan):
                        continue
                    b = lama.get((kode, detail))
                    if b is None:
                        baru.append(BatasWilayah(wilayah_id=kode, detail=detail, skala=skala, cincin=cincin))
                    elif b.skala != skala or b.cincin != cincin:
                        b.skala, b.cincin = skala, cincin
                        ubah.append(b)
                    else:
                        hasil.tetap += 1
            # a whole country is ~8,000 outlines: written in batches, not one statement per row
            BatasWilayah.objects.bulk_create(baru, batch_size=500)
            BatasWilayah.objects.bulk_update(ubah, ["skala", "cincin"], batch_size=500)
            hasil.dibuat += len(baru)
            hasil.diubah += len(ubah)
            hasil.tanpa_batas += tanpa_batas(pp)
    return hasil


def tanpa_batas(kode_provinsi: str) -> list[str]:
    """The provinsi, kab/kota and kecamatan of a provinsi without the outline their map needs:
    provinsi and kab/kota a coarse one, kab/kota and kecamatan a detailed one."""
    perlu = {Tingkat.PROVINSI: {KASAR}, Tingkat.KABKOTA: {KASAR, RINCI}, Tingkat.KECAMATAN: {RINCI}}
    punya: dict[str, set] = {}
    for kode, detail in BatasWilayah.objects.filter(q_dalam(kode_provinsi, "wilayah__kode")).values_list("wilayah_id", "detail"):
        punya.setdefault(kode, set()).add(detail)
    return sorted(kode for kode, tingkat in Wilayah.objects.filter(q_dalam(kode_provinsi), tingkat__lte=Tingkat.KECAMATAN)
                  .values_list("kode", "tingkat") if not perlu[tingkat] <= punya.get(kode, set()))


# --- drawing: SVG paths of a set of regions (the public map, the PDFs) -----------------------------

LEBAR = 800  # the SVG's user units across; the page scales it to its box


def jalur_svg(cincin: list[list[int]], skala: int, x0: float, y1: float, k: float) -> str:
    """Relative SVG path of integer rings (x = lng × skala, y = lat × skala) scaled by `k`."""
    bagian = []
    for ring in cincin:
        px, py = round((ring[0] / skala - x0) * k, 1), round((y1 - ring[1] / skala) * k, 1)
        langkah = [f"M{px:g} {py:g}"]
        for i in range(2, len(ring), 2):
            x, y = round((ring[i] / skala - x0) * k, 1), round((y1 - ring[i + 1] / skala) * k, 1)
            dx, dy = round(x - px, 1), round(y - py, 1)
            if dx or dy:
                langkah.append(f"l{dx:g} {dy:g}")
                px, py = x, y
        bagian.append("".join(langkah) + "z")
    return "".join(bagian)


def bentuk_peta(anak: list[Wilayah], detail: str) -> tuple[str, dict[str, str]]:
    """(viewBox, {kode: path}) of the children's outlines, cached by their codes and load."""
    batas = {b.wilayah_id: b for b in BatasWilayah.objects.filter(wilayah__in=anak, detail=detail)}
    if not batas:
        return "", {}
    kunci = f"peta:{detail}:{hashlib.md5(','.join(sorted(batas)).encode()).hexdigest()}:{max(b.pk for b in batas.values())}"
    tersimpan = cache.get(kunci)
    if tersimpan is not None:
        return tersimpan
    xs = [v / b.skala for b in batas.values() for r in b.cincin for v in r[0::2]]
    ys = [v / b.skala for b in batas.values() for r in b.cincin for v in r[1::2]]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    k = LEBAR / max(x1 - x0, 1e-9)
    tinggi = (y1 - y0) * k
    hasil = (f"0 0 {LEBAR} {round(tinggi, 1):g}",
             {kode: jalur_svg(b.cincin, b.skala, x0, y1, k) for kode, b in batas.items()})
    cache.set(kunci, hasil, 3600)
    return hasil


@dataclass
class PetaCetak:
    """A map for a PDF (WeasyPrint draws inline SVG): fills as colours, no links."""

    judul: str
    viewbox: str
    daerah: list[tuple[str, str, str]]  # (path, fill colour, "name: value")
    legenda: list[tuple[str, str]]  # (colour, label)
    tanpa_batas: list[str] = field(default_factory=list)  # names of the regions without an outline


def peta_cetak(judul: str, anak: list[Wilayah], nilai: dict[str, tuple[str, str]], legenda: list[tuple[str, str]],
               kosong: tuple[str, str] = ("#d9d9d9", "tidak ada data")) -> PetaCetak | None:
    """The children `anak` (of a provinsi or kab/kota: detailed outlines) coloured by `nilai`
    ({kode: (colour, label)}), None when none of them has an outline."""
    viewbox, jalur = bentuk_peta(anak, RINCI)
    if not jalur:
        return None
    daerah = [(jalur[w.kode], nilai.get(w.kode, kosong)[0], f"{w.nama}: {nilai.get(w.kode, kosong)[1]}") for w in anak if w.kode in jalur]
    return PetaCetak(judul, viewbox, daerah, [*legenda, kosong], [w.nama_lengkap for w in anak if w.kode not in jalur])
