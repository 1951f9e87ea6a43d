from django.urls import include, path

from . import views_rekap

app_name = "monev"
urlpatterns = [
    path("rekap/", views_rekap.rekap, name="rekap"),
    path("rekap/kualitas/", views_rekap.rekap_kualitas, name="rekap-kualitas"),
    path("rekap/hitung-ulang/", views_rekap.rekap_hitung_ulang, name="rekap-hitung-ulang"),
    path("rekap/progres/", views_rekap.rekap_progres, name="rekap-progres"),
]

# Scores and rankings (monev/urls_penilaian.py), in the same "monev" namespace.
urlpatterns += [path("", include("monev.urls_penilaian"))]
