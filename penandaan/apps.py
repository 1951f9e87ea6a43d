from django.apps import AppConfig


class PenandaanConfig(AppConfig):
    name = "penandaan"
    verbose_name = "Penandaan anggaran"
