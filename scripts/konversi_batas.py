"""Convert the region boundaries of ../shared/geo/wilayah_boundaries (MIT, cahyadsn) once into the
compact files the portal ships in wilayah/batas/ (D96). Run by a developer when the source
changes; `manage.py muat_batas` loads the result. Standard library only.

    python scripts/konversi_batas.py [SOURCE_DIR] [OUT_DIR]

Each output file is {"skala": S, "wilayah": {kode: [ring, ...]}} where a ring is a flat list
[x1, y1, x2, y2, ...] of integers: x = round(lng × S), y = round(lat × S). Rings are simplified
(Douglas–Peucker) to the tolerance of the map they serve, tiny islands dropped, and repeated
points after rounding removed:

- provinsi.json            provinsi for the national map        (tolerance 0.03°, S = 100)
- kabkota_nasional.json    every kab/kota, for the national map (tolerance 0.03°, S = 100)
- kabkota/PP.json          kab/kota of provinsi PP, its page    (tolerance 0.004°, S = 1000)
- kecamatan/PP.json        kecamatan of provinsi PP, kab pages  (tolerance 0.0015°, S = 1000)
"""
import json
import re
import sys
from pathlib import Path

BARIS = re.compile(r"\('([0-9.]+)',\s*'((?:[^'\\]|\\.|'')*)',\s*(-?[0-9.eE+-]+),\s*(-?[0-9.eE+-]+),\s*'(\[.*?\])'\s*\)", re.S)


def baca(berkas: Path):
    """(kode, rings as [(lng, lat), ...]) of every row; the source's points are [lat, lng]."""
    teks = berkas.read_text(encoding="utf-8", errors="replace")
    for m in BARIS.finditer(teks):
        kode, path = m.group(1), json.loads(m.group(5))
        cincin = []
        for ring in path:
            if ring and isinstance(ring[0][0], list):  # a polygon with holes: keep the outer ring
                ring = ring[0]
            cincin.append([(float(p[1]), float(p[0])) for p in ring])
        yield kode, cincin


def _jarak2(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return (x - x1) ** 2 + (y - y1) ** 2
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2


def sederhanakan(titik: list, toleransi: float) -> list:
    """Douglas–Peucker, iterative."""
    if len(titik) < 3:
        return titik
    tol2, simpan = toleransi * toleransi, [False] * len(titik)
    simpan[0] = simpan[-1] = True
    tumpuk = [(0, len(titik) - 1)]
    while tumpuk:
        a, b = tumpuk.pop()
        jauh, indeks = 0.0, -1
        for i in range(a + 1, b):
            d = _jarak2(titik[i], titik[a], titik[b])
            if d > jauh:
                jauh, indeks = d, i
        if jauh > tol2:
            simpan[indeks] = True
            tumpuk += [(a, indeks), (indeks, b)]
    return [p for p, s in zip(titik, simpan, strict=True) if s]


def ringkas(cincin: list, toleransi: float, skala: int) -> list[list[int]]:
    hasil = []
    for ring in cincin:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        if max(xs) - min(xs) < 2 * toleransi and max(ys) - min(ys) < 2 * toleransi:
            continue  # an island smaller than the map can show
        datar, akhir = [], None
        for x, y in sederhanakan(ring, toleransi):
            q = (round(x * skala), round(y * skala))
            if q != akhir:
                datar += q
                akhir = q
        if len(datar) >= 6:
            hasil.append(datar)
    return hasil


def tulis(tujuan: Path, data: dict, skala: int) -> None:
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    tujuan.write_text(json.dumps({"skala": skala, "wilayah": data}, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{tujuan}: {len(data)} wilayah, {tujuan.stat().st_size / 1024:.0f} KB")


def main(sumber: Path, keluar: Path) -> None:
    db = sumber / "db"
    prov = {k: ringkas(c, 0.03, 100) for f in sorted((db / "prov").glob("*.sql")) for k, c in baca(f)}
    tulis(keluar / "provinsi.json", {k: v for k, v in prov.items() if v}, 100)
    nasional = {}
    for f in sorted((db / "kab").glob("*.sql")):
        pp = f.stem.rsplit("_", 1)[-1]
        semua = list(baca(f))
        nasional |= {k: ringkas(c, 0.03, 100) for k, c in semua}
        tulis(keluar / "kabkota" / f"{pp}.json", {k: r for k, c in semua if (r := ringkas(c, 0.004, 1000))}, 1000)
    tulis(keluar / "kabkota_nasional.json", {k: v for k, v in nasional.items() if v}, 100)
    for f in sorted((db / "kec").glob("*.sql")):
        pp = f.stem.rsplit("_", 1)[-1]
        tulis(keluar / "kecamatan" / f"{pp}.json", {k: r for k, c in baca(f) if (r := ringkas(c, 0.0015, 1000))}, 1000)


if __name__ == "__main__":
    akar = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else akar.parent / "shared" / "geo" / "wilayah_boundaries",
         Path(sys.argv[2]) if len(sys.argv) > 2 else akar / "wilayah" / "batas")
