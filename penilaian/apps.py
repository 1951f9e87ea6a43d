from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = "Penilaian hasil monev"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan

        from .models import TAHAPAN_PENILAIAN

        # the monitoring notes are the document of the penilaian step (completeness counts them)
        daftarkan(Langkah(app="penilaian", tahapan=(TAHAPAN_PENILAIAN,), seksi=("penilaian.CatatanMonev",)))
