from django.apps import AppConfig


class RadConfig(AppConfig):
    name = "rad"
    verbose_name = "Rencana Aksi Daerah (RAD)"

    def ready(self):
        from aksi.langkah import Langkah, SeksiBaris, daftarkan
        from aksi.selectors import SYARAT_BUKA
        from aksi.signals import laporan_dibuat

        from .choices import TAHAPAN_RAD
        from .realisasi import bagian_rad_pada_laporan_baru, rad_tidak_dapat_dibuka

        laporan_dibuat.connect(bagian_rad_pada_laporan_baru, dispatch_uid="rad.bagian_laporan")
        SYARAT_BUKA[TAHAPAN_RAD] = rad_tidak_dapat_dibuka
        daftarkan(Langkah(app="rad", tahapan=(TAHAPAN_RAD,), seksi=(
            SeksiBaris("rad.RealisasiKeluaran", "Realisasi keluaran RAD", kolom_unit="keluaran__penanggung_jawab"),)))
