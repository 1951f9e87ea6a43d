from django.apps import AppConfig


class MusrenbangConfig(AppConfig):
    name = "musrenbang"
    verbose_name = "Pra-musrenbang tematik stunting"

    def ready(self) -> None:
        from aksi.langkah import Langkah, daftarkan

        from .models import TAHAPAN_MUSRENBANG
        from .selectors import berita_acara_kurang

        # the six documents are the step's sections; the Berita Acara must be signed and uploaded
        daftarkan(Langkah(app="musrenbang", tahapan=(TAHAPAN_MUSRENBANG,), seksi=(
            "musrenbang.AgendaMusrenbang", "musrenbang.RencanaProgram", "musrenbang.EvaluasiKinerjaOPD",
            "musrenbang.DeklarasiKomitmen", "musrenbang.Penghargaan", "musrenbang.BeritaAcara",
        ), kekurangan_ajukan=berita_acara_kurang, urls="musrenbang.urls"))
