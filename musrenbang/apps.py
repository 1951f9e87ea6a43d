from django.apps import AppConfig


class MusrenbangConfig(AppConfig):
    name = "musrenbang"
    verbose_name = "Pra-musrenbang tematik stunting"

    def ready(self) -> None:
        from aksi.langkah import Langkah, daftarkan

        from .models import TAHAPAN_MUSRENBANG
        from .selectors import berita_acara_kurang

        daftarkan(Langkah(app="musrenbang", tahapan=(TAHAPAN_MUSRENBANG,), kekurangan_ajukan=berita_acara_kurang,
                          urls="musrenbang.urls"))
