from django.apps import AppConfig


class AksiConfig(AppConfig):
    name = "aksi"
    verbose_name = "Siklus dan alur kerja"
