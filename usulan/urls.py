"""`urlpatterns`: included by config/urls.py at aksi/laporan/<int:pk>/ with namespace "usulan" (see
aksi.langkah); `publik`: the public page of a wilayah, namespace "usulan-publik"."""
from django.urls import path

from . import views

urlpatterns = [
    path("usulan/", views.laporan, name="laporan"),
]

publik = ([
    path("publik/wilayah/<wilayah:kode>/usulan/", views.wilayah_publik, name="wilayah"),
], "usulan-publik")
