from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = "Penilaian hasil monev"
