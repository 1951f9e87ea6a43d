import time

from django.core.management.base import BaseCommand, CommandError

from inti.galat import IsianTidakValid
from rad.muat import DATA_BENGKULU, DataTidakValid, muat_rad


class Command(BaseCommand):
    help = (
        "Muat Rencana Aksi Daerah Provinsi Bengkulu (Pergub 45/2025): lima pilar, seluruh baris lampiran "
        "dengan target 2025–2029, target prevalensi Pasal 3, tahapan RAD dan unit kerja yang disebut lampiran. "
        "Aman diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--berkas", default=str(DATA_BENGKULU), help="Berkas data JSON (bawaan: rad/data/pergub_bengkulu_45_2025.json).")

    def handle(self, *args, berkas, **options):
        mulai = time.perf_counter()
        try:
            hasil = muat_rad(berkas)
        except DataTidakValid as exc:
            raise CommandError(str(exc)) from exc
        except IsianTidakValid as exc:
            raise CommandError("Data RAD tidak valid:\n" + "\n".join(str(k) for k in exc.kesalahan)) from exc
        regulasi = hasil.regulasi
        self.stdout.write(
            f"{regulasi} — {regulasi.wilayah.nama_lengkap}: {hasil.logframe}; "
            f"{hasil.unit_dibuat} unit kerja baru{', tahapan RAD dibuat' if hasil.tahapan_dibuat else ''} "
            f"({time.perf_counter() - mulai:.1f} detik)."
        )
