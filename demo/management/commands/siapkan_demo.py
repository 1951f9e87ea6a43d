from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from aksi.models import Tahapan
from indikator.models import IndikatorCapaian
from demo.services import demo_siapkan_akun, demo_siapkan_siklus
from wilayah.services import KodeProvinsiTidakDikenal, wilayah_muat


class Command(BaseCommand):
    help = "Siapkan portal demo: wilayah, katalog indikator, akun demo per peran. Aman diulang."

    def add_arguments(self, parser):
        parser.add_argument("--wilayah", default="17", help="Kode provinsi (dipisah koma) atau 'all'. Bawaan: 17 (Bengkulu).")
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Alamat portal yang dicetak di akhir (make run: dari HOST).")

    def handle(self, *args, wilayah, **options):
        kode = [k.strip() for k in wilayah.split(",") if k.strip()]
        try:
            hasil = wilayah_muat(kode_provinsi=kode)
        except KodeProvinsiTidakDikenal as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Wilayah: {hasil.dibuat} dibuat, {hasil.diubah} diubah, {hasil.tetap} sudah ada.")
        # the outlines of the public maps (wilayah/batas/), for the provinces just loaded
        call_command("muat_batas", *([] if kode == ["all"] else kode), stdout=self.stdout)
        if not IndikatorCapaian.objects.exists():
            call_command("loaddata", "katalog", verbosity=0)
            self.stdout.write("Katalog indikator dimuat.")
        else:
            self.stdout.write("Katalog indikator sudah ada (tidak ditimpa).")
        provinsi = None if kode == ["all"] else kode[0]
        akun = demo_siapkan_akun(kode_provinsi=provinsi)
        if not Tahapan.objects.exists():
            call_command("loaddata", "tahapan", verbosity=0)
        if kode == ["all"] or "17" in kode:
            # the Bengkulu Rencana Aksi Daerah (Pergub 45/2025) and the agencies it names
            call_command("muat_rad_bengkulu", stdout=self.stdout)
        siklus = demo_siapkan_siklus(kode_provinsi=provinsi)
        self.stdout.write(f"Siklus {siklus.tahun}: jadwal demo diperpanjang sampai akhir tahun agar semua tahapan dapat dicoba.")
        # the default scoring rules of the year (idempotent: an active rule is left alone)
        call_command("aturan_bawaan", str(siklus.tahun), stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write("Akun demo (nama pengguna / kata sandi / peran / wilayah):")
        for a, sandi, w in akun:
            tempat = w.nama_lengkap if w else ("seluruh wilayah" if a.peran == "superadmin" else "Nasional")
            peran = f"{a.peran} {a.unit}" if a.unit else a.peran
            self.stdout.write(f"  {a.username:<27} {sandi:<13} {peran:<23} {tempat}")
        self.stdout.write("")
        self.stdout.write(f"Buka {options['url']} dan masuk dengan salah satu akun di atas.")
