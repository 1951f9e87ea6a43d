from django.apps import AppConfig


class AdministrasiConfig(AppConfig):
    """Administration in the portal (issue 15, item 5): a wilayah administrator manages the users
    and roles of its wilayah and below, scoped like everything else."""

    name = "administrasi"
    verbose_name = "Administrasi pengguna"
