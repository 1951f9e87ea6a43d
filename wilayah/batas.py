"""The boundaries shipped in wilayah/batas/ (D96): loading them into BatasWilayah (idempotent),
and which regions have none. The files are made by scripts/konversi_batas.py."""
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .choices import Tingkat
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
            ada = set(Wilayah.objects.filter(kode__startswith=pp, tingkat__lte=Tingkat.KECAMATAN).values_list("kode", flat=True))
            lama = {(b.wilayah_id, b.detail): b for b in BatasWilayah.objects.filter(wilayah_id__in=ada)}
            for nama, detail, awalan in _berkas_provinsi(pp):
                skala, data = dibaca.setdefault(nama, _baca(nama))
                for kode, cincin in data.items():
                    if kode not in ada or not (kode == awalan or kode.startswith(awalan + ".")):
                        continue
                    b = lama.get((kode, detail))
                    if b is None:
                        BatasWilayah.objects.create(wilayah_id=kode, detail=detail, skala=skala, cincin=cincin)
                        hasil.dibuat += 1
                    elif b.skala != skala or b.cincin != cincin:
                        b.skala, b.cincin = skala, cincin
                        b.save(update_fields=["skala", "cincin"])
                        hasil.diubah += 1
                    else:
                        hasil.tetap += 1
            hasil.tanpa_batas += tanpa_batas(pp)
    return hasil


def tanpa_batas(kode_provinsi: str) -> list[str]:
    """The provinsi, kab/kota and kecamatan of a provinsi without the outline their map needs:
    provinsi and kab/kota a coarse one, kab/kota and kecamatan a detailed one."""
    perlu = {Tingkat.PROVINSI: {KASAR}, Tingkat.KABKOTA: {KASAR, RINCI}, Tingkat.KECAMATAN: {RINCI}}
    punya: dict[str, set] = {}
    for kode, detail in BatasWilayah.objects.filter(wilayah__kode__startswith=kode_provinsi).values_list("wilayah_id", "detail"):
        punya.setdefault(kode, set()).add(detail)
    return sorted(kode for kode, tingkat in Wilayah.objects.filter(kode__startswith=kode_provinsi, tingkat__lte=Tingkat.KECAMATAN)
                  .values_list("kode", "tingkat") if not perlu[tingkat] <= punya.get(kode, set()))
