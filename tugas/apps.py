from django.apps import AppConfig


class TugasConfig(AppConfig):
    """Tugas saya: what waits for each user, and by when (the home page and the navigation count)."""

    name = "tugas"
    verbose_name = "Tugas saya"
