from django.apps import AppConfig


class AnalisisConfig(AppConfig):
    name = "analisis"
    verbose_name = "Analisis situasi"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan

        from .models import TAHAPAN_ANALISIS

        daftarkan(Langkah(
            app="analisis", tahapan=(TAHAPAN_ANALISIS,),
            seksi=("analisis.ProgramKegiatan", "analisis.UsulanProgram", "analisis.MasalahLayanan", "analisis.Rekomendasi",
                   "analisis.HasilPengukuran", "analisis.TargetPrevalensi", "analisis.TargetCakupan", "analisis.Rapat"),
            urls="analisis.urls",
        ))
