from django.apps import AppConfig


class MonevConfig(AppConfig):
    name = "monev"
    verbose_name = "Pemantauan: rekap capaian"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan

        from .tasks import laporan_diterima, laporan_status_berubah

        # the roll-up follows every approval and reopening, and acceptance where a year counts
        # accepted data only (aksi.services calls the registry)
        daftarkan(Langkah(app="monev", saat_status_berubah=laporan_status_berubah, saat_transisi=laporan_diterima))
