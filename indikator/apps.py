from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    name = "indikator"
    verbose_name = "Katalog indikator"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan
        from aksi.models import Laporan

        from .services import nilai_salin_periode_sebelumnya

        # a new semester Laporan starts from the latest approved values (the function picks the steps)
        daftarkan(Langkah(app="indikator", saat_dibuat=lambda laporan, user: nilai_salin_periode_sebelumnya(
            Laporan, laporan=laporan, user=user)))

        from django.db.models.signals import m2m_changed, post_delete, post_save

        from wilayah.models import UnitKerja

        from . import models
        from .katalog import lupakan_katalog

        for model in (models.KelompokSasaran, models.Sasaran, models.IndikatorCapaian, models.DataPendukung, UnitKerja):
            post_save.connect(lupakan_katalog, sender=model, dispatch_uid=f"katalog.simpan.{model.__name__}")
            post_delete.connect(lupakan_katalog, sender=model, dispatch_uid=f"katalog.hapus.{model.__name__}")
        m2m_changed.connect(lupakan_katalog, sender=models.IndikatorCapaian.penyebut.through, dispatch_uid="katalog.penyebut")
