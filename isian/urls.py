"""Included by config/urls.py at aksi/laporan/<int:pk>/ with namespace "isian" (see aksi.langkah)."""
from django.urls import path

from . import views

urlpatterns = [
    path("isian/", views.isian, name="isian"),
    path("isian/templat.xlsx", views.unduh_templat, name="unduh-templat"),
    path("isian/unggah/", views.unggah_excel, name="unggah-excel"),
]
