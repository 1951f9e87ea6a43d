from django.apps import AppConfig


class RadConfig(AppConfig):
    name = "rad"
    verbose_name = "Rencana Aksi Daerah (RAD)"

    def ready(self):
        from aksi.langkah import Langkah, SeksiBaris, daftarkan
        from aksi.selectors import SYARAT_BUKA

        from .choices import TAHAPAN_RAD
        from .selectors import rad_tidak_dapat_dibuka
        from .services import bagian_rad_pada_laporan_baru

        SYARAT_BUKA[TAHAPAN_RAD] = rad_tidak_dapat_dibuka
        # a new RAD Laporan gets one part per lead agency; the realisation rows are its sections
        daftarkan(Langkah(app="rad", tahapan=(TAHAPAN_RAD,), saat_dibuat=bagian_rad_pada_laporan_baru, seksi=(
            SeksiBaris("rad.RealisasiKeluaran", "Realisasi keluaran RAD", kolom_unit="keluaran__penanggung_jawab"),)))
