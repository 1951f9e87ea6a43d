"""Celery application. Configured from Django settings (CELERY_* names).

With no REDIS_URL (the embedded default) settings make every task run eagerly in the
calling process, so the demo needs no broker.
"""
import os

from celery import Celery
from celery.signals import task_postrun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("aksi_konvergensi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_postrun.connect
def _close_db_connections(task=None, **kwargs):
    """Release a worker's database connection after each task (per CONN_MAX_AGE), as a
    request would; eager tasks share the caller's connection and transaction, so keep it."""
    if task is not None and task.request.is_eager:
        return
    from django.db import close_old_connections

    close_old_connections()
