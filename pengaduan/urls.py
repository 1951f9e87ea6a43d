"""URLs of the public complaints, included at the site root (namespace "pengaduan"): staff
pages under publikasi/pengaduan/, public pages (no login) under publik/pengaduan/."""
from django.urls import path

from . import views

app_name = "pengaduan"
urlpatterns = [
    # staff
    path("publikasi/pengaduan/", views.daftar, name="daftar"),
    path("publikasi/pengaduan/<int:pk>/", views.detail, name="detail"),
    path("publikasi/pengaduan/<int:pk>/tugaskan/", views.tugaskan, name="tugaskan"),
    path("publikasi/pengaduan/<int:pk>/jawab/", views.jawab, name="jawab"),
    path("publikasi/pengaduan/<int:pk>/lampiran/", views.lampiran, name="lampiran"),
    # public
    path("publik/pengaduan/", views.kirim, name="kirim"),
    path("publik/pengaduan/terkirim/", views.terkirim, name="terkirim"),
    path("publik/pengaduan/lacak/", views.lacak, name="lacak"),
]
