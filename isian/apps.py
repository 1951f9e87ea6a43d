from django.apps import AppConfig


class IsianConfig(AppConfig):
    name = "isian"
    verbose_name = "Isian data desa"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan

        from .services import nilai_salin_periode_sebelumnya

        # the entry pages of a Laporan; a new semester Laporan starts from the latest approved
        # values (the function picks the steps it copies for)
        daftarkan(Langkah(app="isian", saat_dibuat=nilai_salin_periode_sebelumnya, urls="isian.urls"))
