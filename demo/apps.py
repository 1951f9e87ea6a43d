from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The embedded demo (`make run`): demo logins on every level and role, the cycle, sample data.
    It sits on top of every other app, since it sets all of them up."""

    name = "demo"
    verbose_name = "Demo"
