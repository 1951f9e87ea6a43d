from django.apps import AppConfig


class RadConfig(AppConfig):
    name = "rad"
    verbose_name = "Rencana Aksi Daerah (RAD)"

    def ready(self):
        from aksi.signals import laporan_dibuat

        from .realisasi import bagian_rad_pada_laporan_baru

        laporan_dibuat.connect(bagian_rad_pada_laporan_baru, dispatch_uid="rad.bagian_laporan")
