from django.urls import path

from . import views

app_name = "tahunan"
urlpatterns = [
    path("<daerah:kode>/<tahun:tahun>/", views.halaman, name="halaman"),
    path("<daerah:kode>/<tahun:tahun>/status/", views.status, name="status"),
    path("<daerah:kode>/<tahun:tahun>/unduh/", views.unduh, name="unduh"),
]
