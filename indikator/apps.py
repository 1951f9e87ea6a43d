from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    name = "indikator"
    verbose_name = "Katalog indikator"

    def ready(self):
        from aksi.signals import laporan_dibuat

        from .services import nilai_salin_periode_sebelumnya

        laporan_dibuat.connect(nilai_salin_periode_sebelumnya, dispatch_uid="indikator.salin_periode")
