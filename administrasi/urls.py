from django.urls import path

from . import views

app_name = "administrasi"
urlpatterns = [
    path("pengguna/", views.daftar, name="daftar"),
    path("pengguna/tambah/", views.tambah, name="tambah"),
    path("pengguna/templat.xlsx", views.templat, name="templat"),
    path("pengguna/impor/", views.impor, name="impor"),
    path("pengguna/<int:pk>/", views.pengguna, name="pengguna"),
    path("pengguna/<int:pk>/aktif/", views.aktif, name="aktif"),
    path("pengguna/<int:pk>/tautan-sandi/", views.tautan_sandi, name="tautan_sandi"),
    path("pengguna/<int:pk>/peran/<int:penugasan>/cabut/", views.cabut, name="cabut"),
    path("jadwal/<tahun:tahun>/", views.jadwal, name="jadwal"),
    path("kop-surat/<daerah:kode>/", views.kop_surat, name="kop-surat"),
    path("jadwal/<tahun:tahun>/permintaan/<int:pk>/", views.putuskan, name="putuskan"),
]
