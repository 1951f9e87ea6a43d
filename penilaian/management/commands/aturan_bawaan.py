"""manage.py aturan_bawaan TAHUN [--tingkat N ...] [--ganti]: the portal's default scoring rules."""
from django.core.management.base import BaseCommand, CommandError

from penilaian.dasar import PenilaianGagal
from penilaian.models import TingkatPenilaian
from penilaian.services import aturan_bawaan_siapkan


class Command(BaseCommand):
    help = (
        "Buat aturan penilaian bawaan (komponen, bobot, ambang Tumbuh/Berkembang/Berdaya) untuk satu tahun di "
        "tingkat kecamatan, kab/kota dan provinsi. Rumus resmi tidak dipublikasikan: ini aturan bawaan portal "
        "(docs/decisions.md, Penilaian). Aturan aktif yang sudah ada dibiarkan, kecuali dengan --ganti. Aman diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("tahun", type=int)
        parser.add_argument("--tingkat", type=int, action="append", choices=TingkatPenilaian.values,
                            help="1 provinsi, 2 kab/kota, 3 kecamatan (boleh diulang; bawaan: ketiganya).")
        parser.add_argument("--ganti", action="store_true", help="Nonaktifkan aturan aktif yang ada dan buat aturan bawaan baru.")

    def handle(self, *args, tahun, tingkat, ganti, **options):
        try:  # the same service as the penilaian page's "Buat aturan bawaan", as the system (oleh=None)
            hasil = aturan_bawaan_siapkan(tahun=tahun, tingkat=tingkat, ganti=ganti)
        except PenilaianGagal as exc:
            raise CommandError(str(exc)) from exc
        for aturan, dibuat in hasil:
            label = TingkatPenilaian(aturan.tingkat).label
            if dibuat:
                self.stdout.write(f"Aturan bawaan {label} {tahun} dibuat ({aturan.komponen.count()} komponen).")
            else:
                self.stdout.write(f"Aturan {label} {tahun} sudah ada dan aktif; dibiarkan (pakai --ganti untuk mengganti).")
