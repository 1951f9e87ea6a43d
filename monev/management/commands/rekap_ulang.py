"""Full rebuild of the roll-up (Rekap) for every kecamatan, kab/kota, provinsi and the nation."""
import time

from django.core.management.base import BaseCommand

from monev.services import rekap_bangun_ulang


class Command(BaseCommand):
    help = "Menghitung ulang seluruh rekap (kecamatan, kabupaten/kota, provinsi, nasional) dari nilai desa."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, help="Hanya tahun ini (bawaan: semua tahun).")

    def handle(self, *args, tahun=None, **options):
        def progres(langkah: int, total: int, keterangan: str) -> None:
            if options["verbosity"] >= 2:
                self.stdout.write(f"  [{langkah}/{total}] {keterangan}")

        mulai = time.perf_counter()
        hasil = rekap_bangun_ulang(tahun=tahun, progres=progres)
        detik = time.perf_counter() - mulai
        rincian = ", ".join(f"{tingkat} {n}" for tingkat, n in hasil.items())
        self.stdout.write(self.style.SUCCESS(
            f"Rekap {'tahun ' + str(tahun) if tahun else 'semua tahun'}: {sum(hasil.values())} baris ditulis "
            f"({rincian}) dalam {detik:.2f} detik."
        ))
