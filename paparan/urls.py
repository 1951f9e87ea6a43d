"""Included by config/urls.py at aksi/laporan/<int:pk>/ with namespace "paparan" (see aksi.langkah)."""
from django.urls import path

from . import views

urlpatterns = [
    path("capaian-opd/", views.daftar, name="daftar"),
    path("capaian-opd/<int:obj>/ubah/", views.ubah, name="ubah"),
    path("capaian-opd/<int:obj>/hapus/", views.hapus, name="hapus"),
]
