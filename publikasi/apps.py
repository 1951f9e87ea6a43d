from django.apps import AppConfig


class PublikasiConfig(AppConfig):
    name = "publikasi"
    verbose_name = "Regulasi dan publikasi"
