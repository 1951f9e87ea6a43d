from django.urls import path

from . import views

app_name = "pembinaan"
urlpatterns = [
    path("<daerah:kode>/<tahun:tahun>/", views.wilayah, name="wilayah"),
    path("semester/<daerah:kode>/<tahun:tahun>/", views.semester, name="semester"),
    path("semester/kiriman/<int:pk>/", views.kiriman, name="kiriman"),
]
