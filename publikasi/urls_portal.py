from django.urls import path, re_path

from . import views_portal

app_name = "portal"
urlpatterns = [
    path("publik/", views_portal.wilayah_publik, name="nasional"),
    re_path(r"^publik/wilayah/(?P<kode>\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)/$", views_portal.wilayah_publik, name="wilayah"),
]
