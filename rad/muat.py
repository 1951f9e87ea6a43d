"""Load a RAD logframe from a structured data file in rad/data/ (Pergub Bengkulu 45/2025 ships):
the loader behind `manage.py muat_rad_bengkulu` (not a page). It
writes in one transaction, the logframe itself through `services.logframe_ganti`.

The data file nests pilar → strategi → instrumen → keluaran as the annex does. A target maps a
year (or a range "2025-2029") to a number (quantity in the output's unit), a text (milestone) or
[number, text]. Loading also makes sure the RAD step (fixtures/rad_tahapan.json) and the agencies
the annex names (fixtures/rad_unit.json) exist — creating only what is missing, so edits made in the
admin survive — and gives every existing cycle its RAD window. Idempotent: a second load changes
nothing (logframe_ganti matches by position).
"""
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from aksi.models import Siklus, Tahapan
from aksi.services import siklus_buat
from inti.services import audit_catat
from wilayah.models import UnitKerja, Wilayah

from .models import RegulasiRAD
from .services import BarisLogframe, HasilLogframe, TargetIsian, logframe_ganti

DATA_BENGKULU = Path(__file__).resolve().parent / "data" / "pergub_bengkulu_45_2025.json"


class DataTidakValid(Exception):
    pass


@dataclass
class HasilMuat:
    regulasi: RegulasiRAD
    logframe: HasilLogframe
    unit_dibuat: int
    tahapan_dibuat: bool


def _fixture(nama: str) -> list[dict]:
    for folder in settings.FIXTURE_DIRS:
        berkas = Path(folder) / nama
        if berkas.exists():
            return json.loads(berkas.read_text(encoding="utf-8"))
    raise DataTidakValid(f"Fixture {nama} tidak ditemukan di {settings.FIXTURE_DIRS}.")


def pastikan_tahapan_dan_unit() -> tuple[bool, int]:
    """Create the RAD step and the annex's agencies when missing; give every cycle its RAD window."""
    tahapan_dibuat, unit_dibuat = False, 0
    for obj in _fixture("rad_tahapan.json"):
        _, dibuat = Tahapan.objects.get_or_create(pk=obj["pk"], defaults=obj["fields"])
        tahapan_dibuat |= dibuat
    for obj in _fixture("rad_unit.json"):
        _, dibuat = UnitKerja.objects.get_or_create(pk=obj["pk"], defaults=obj["fields"])
        unit_dibuat += dibuat
    for tahun in Siklus.objects.values_list("tahun", flat=True):
        siklus_buat(oleh=None, tahun=tahun)  # adds only the missing windows (here: RAD)
    return tahapan_dibuat, unit_dibuat


def _tahun(kunci: str) -> list[int]:
    awal, _, akhir = str(kunci).partition("-")
    return list(range(int(awal), int(akhir or awal) + 1))


def _target(nilai) -> TargetIsian:
    if isinstance(nilai, list):
        jumlah, uraian = nilai
        return TargetIsian(Decimal(str(jumlah)), uraian)
    if isinstance(nilai, str):
        return TargetIsian(None, nilai)
    return TargetIsian(Decimal(str(nilai)))


def baris_dari_data(data: dict, sumber: str = "data") -> list[BarisLogframe]:
    """The nested data file as flat logframe rows (one per keluaran)."""
    hasil = []
    for pilar in data["pilar"]:
        for strategi in pilar["strategi"]:
            for instrumen in strategi["instrumen"]:
                for keluaran in instrumen["keluaran"]:
                    target = {}
                    for kunci, nilai in keluaran["target"].items():
                        for tahun in _tahun(kunci):
                            target[tahun] = _target(nilai)
                    hasil.append(BarisLogframe(
                        pilar=pilar["nomor"], nama_pilar=pilar["nama"], strategi=strategi["uraian"],
                        instrumen=instrumen["uraian"], keluaran=keluaran["uraian"], satuan=keluaran["satuan"],
                        target=target, pj=list(keluaran["pj"]), pendukung=list(keluaran.get("pendukung", [])),
                        kumulatif=bool(keluaran.get("kumulatif", False)), target_teks=keluaran.get("target_teks", ""),
                        pj_teks=keluaran.get("pj_teks", ""), pendukung_teks=keluaran.get("pendukung_teks", ""),
                        lokasi=f"{sumber}: pilar {pilar['nomor']}, keluaran '{keluaran['uraian'][:50]}'",
                    ))
    return hasil


def muat_rad(berkas: Path = DATA_BENGKULU, *, oleh=None) -> HasilMuat:
    """Create or refresh the regulation of a data file and its whole logframe, in one transaction."""
    data = json.loads(Path(berkas).read_text(encoding="utf-8"))
    info = data["regulasi"]
    wilayah = Wilayah.objects.filter(kode=info["wilayah"]).first()
    if wilayah is None:
        raise DataTidakValid(f"Wilayah {info['wilayah']} belum dimuat; jalankan dulu: manage.py load_wilayah {info['wilayah'][:2]}")
    with transaction.atomic():
        tahapan_dibuat, unit_dibuat = pastikan_tahapan_dan_unit()
        regulasi, dibuat = RegulasiRAD.objects.get_or_create(
            wilayah=wilayah, nomor=info["nomor"], tahun=info["tahun"],
            defaults={"judul": info["judul"], "tahun_mulai": info["tahun_mulai"], "tahun_selesai": info["tahun_selesai"]},
        )
        if dibuat:
            audit_catat(pengguna=oleh, aksi="rad_regulasi_buat", objek=regulasi, wilayah_kode=wilayah.kode,
                        baru={"nomor": regulasi.nomor, "tahun": regulasi.tahun, "judul": regulasi.judul})
        prevalensi = {int(t): Decimal(p) for t, p in data.get("prevalensi", {}).items()}
        hasil = logframe_ganti(oleh=oleh, regulasi=regulasi, baris=baris_dari_data(data, Path(berkas).name),
                               prevalensi=prevalensi, sumber=Path(berkas).name)
    return HasilMuat(regulasi, hasil, unit_dibuat, tahapan_dibuat)

