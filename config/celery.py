"""Celery application. Configured from Django settings (CELERY_* names).

With no REDIS_URL (the embedded default) settings make every task run eagerly in the
calling process, so the demo needs no broker.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("aksi_konvergensi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
