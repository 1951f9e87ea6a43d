from django.urls import path

from . import views

app_name = "wilayah"
urlpatterns = [
    path("", views.pohon, name="pohon"),
    path("<wilayah:kode>/", views.detail, name="detail"),
]
