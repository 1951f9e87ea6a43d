from django.urls import path, re_path

from . import views

app_name = "wilayah"
urlpatterns = [
    path("", views.pohon, name="pohon"),
    re_path(r"^(?P<kode>\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)/$", views.detail, name="detail"),
]
