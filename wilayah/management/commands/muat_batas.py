from django.core.management.base import BaseCommand

from wilayah.batas import batas_muat


class Command(BaseCommand):
    help = ("Muat batas wilayah (peta publik) dari wilayah/batas/ untuk provinsi yang diberikan, atau semua provinsi "
            "yang ada di basis data. Aman diulang; melaporkan wilayah yang belum punya batas.")

    def add_arguments(self, parser):
        parser.add_argument("provinsi", nargs="*", help="Kode provinsi, mis. 17. Kosong: semua provinsi yang sudah dimuat.")

    def handle(self, *args, provinsi, **options):
        hasil = batas_muat(kode_provinsi=provinsi or None)
        self.stdout.write(f"Batas wilayah: {hasil.dibuat} dibuat, {hasil.diubah} diubah, {hasil.tetap} tidak berubah.")
        if hasil.tanpa_batas:
            contoh = ", ".join(hasil.tanpa_batas[:10]) + (" …" if len(hasil.tanpa_batas) > 10 else "")
            self.stdout.write(f"Tanpa batas (tampil di tabel, tidak di peta): {len(hasil.tanpa_batas)} wilayah — {contoh}")
