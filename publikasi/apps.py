from django.apps import AppConfig


class PublikasiConfig(AppConfig):
    name = "publikasi"
    verbose_name = "Regulasi dan publikasi"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan

        from .models import TAHAPAN_REGULASI

        daftarkan(Langkah(app="publikasi", tahapan=(TAHAPAN_REGULASI,), seksi=("publikasi.Regulasi",)))
