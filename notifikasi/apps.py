from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    """Notifications in the portal and by e-mail for every event where someone must act next."""

    name = "notifikasi"
    verbose_name = "Notifikasi"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan

        from pengaduan.services import saat_berubah

        from .tasks import pengaduan_berubah, transisi_terjadi

        daftarkan(Langkah(app="notifikasi", saat_transisi=transisi_terjadi))
        saat_berubah(pengaduan_berubah)
