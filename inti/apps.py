from django.apps import AppConfig


class IntiConfig(AppConfig):
    name = "inti"
    verbose_name = "Inti (audit, format)"

    def ready(self):
        from .konverter import daftarkan

        daftarkan()
