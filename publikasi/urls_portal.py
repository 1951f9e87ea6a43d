from django.urls import path

from . import views_portal

app_name = "portal"
urlpatterns = [
    path("publik/", views_portal.wilayah_publik, name="nasional"),
    path("publik/wilayah/<wilayah:kode>/", views_portal.wilayah_publik, name="wilayah"),
]
