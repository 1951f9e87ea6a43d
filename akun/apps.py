from django.apps import AppConfig


class AkunConfig(AppConfig):
    """The user's own account: login, password change and reset by e-mail, the profile page."""

    name = "akun"
    verbose_name = "Akun pengguna"
