"""URLs of the roll-up under monev/ (the scores' pages, monev/penilaian/..., are the penilaian app's)."""
from django.urls import path

from . import views

app_name = "monev"
urlpatterns = [
    path("rekap/", views.rekap, name="rekap"),
    path("rekap/kualitas/", views.rekap_kualitas, name="rekap-kualitas"),
    path("rekap/hitung-ulang/", views.rekap_hitung_ulang, name="rekap-hitung-ulang"),
    path("rekap/progres/", views.rekap_progres, name="rekap-progres"),
    path("rekap/atur/", views.rekap_atur, name="rekap-atur"),
]
