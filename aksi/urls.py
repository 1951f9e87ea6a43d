from django.urls import path

from . import views


app_name = "aksi"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("buka/<tahun:tahun>/<slug:tahapan>/<daerah:kode>/", views.buka, name="buka"),
    path("pantau/<tahun:tahun>/<slug:tahapan>/<daerah:kode>/", views.pantau, name="pantau"),
    path("laporan/<int:pk>/", views.laporan, name="laporan"),
    path("laporan/<int:pk>/bagian/<int:bagian_pk>/ajukan/", views.ajukan, name="ajukan"),
    path("laporan/<int:pk>/bagian/<int:bagian_pk>/verifikasi/", views.verifikasi, name="verifikasi"),
    path("laporan/<int:pk>/bagian/<int:bagian_pk>/kembalikan/", views.kembalikan, name="kembalikan"),
    path("laporan/<int:pk>/setujui/", views.setujui, name="setujui"),
    path("laporan/<int:pk>/buka-kembali/", views.buka_kembali, name="buka-kembali"),
    path("laporan/<int:pk>/terima/", views.terima, name="terima"),
    path("laporan/<int:pk>/kembalikan-atas/", views.kembalikan_atas, name="kembalikan-atas"),
]
