from django.apps import AppConfig


class MonevConfig(AppConfig):
    name = "monev"
    verbose_name = "Pemantauan dan penilaian"

    def ready(self):
        from django.db.models.signals import post_init, post_save

        from aksi.langkah import Langkah, daftarkan
        from aksi.models import Laporan

        from . import admin_rekap  # noqa: F401  (the roll-up setting in the admin)
        from .models_penilaian import TAHAPAN_PENILAIAN
        from .tasks import laporan_ingat_status, laporan_tersimpan

        post_init.connect(laporan_ingat_status, sender=Laporan, dispatch_uid="monev.laporan_ingat_status")
        post_save.connect(laporan_tersimpan, sender=Laporan, dispatch_uid="monev.laporan_tersimpan")
        daftarkan(Langkah(app="monev", tahapan=(TAHAPAN_PENILAIAN,), seksi=("monev.CatatanMonev",)))
