from django.apps import AppConfig


class PaparanConfig(AppConfig):
    """Per-OPD capaian in the kab/kota and provinsi penilaian (issue 16, item 6; D93): each OPD's
    part of the "penilaian" Laporan holds the achievements of its interventions, which it
    presents beside Bappeda's score."""

    name = "paparan"
    verbose_name = "Paparan capaian OPD"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan

        daftarkan(Langkah(app="paparan", tahapan=("penilaian",), urls="paparan.urls"))
