from django.apps import AppConfig


class AksiConfig(AppConfig):
    name = "aksi"
    verbose_name = "Siklus dan alur kerja"

    def ready(self):
        # TEMPORARY (issue 14): the pra-musrenbang sections, while their models still live in aksi;
        # the musrenbang app registers them itself once it exists. Delete with the musrenbang move.
        from .langkah import Langkah, daftarkan

        daftarkan(Langkah(app="musrenbang", tahapan=("pra-musrenbang",), seksi=(
            "aksi.AgendaMusrenbang", "aksi.RencanaProgram", "aksi.EvaluasiKinerjaOPD", "aksi.DeklarasiKomitmen",
            "aksi.Penghargaan", "aksi.BeritaAcara")))
