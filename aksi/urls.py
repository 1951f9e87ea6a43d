from django.urls import include, path

from penandaan import views_realisasi

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
    path("laporan/<int:pk>/realisasi/", views_realisasi.realisasi, name="realisasi"),
    path("laporan/<int:pk>/realisasi/<int:obj>/hapus/", views_realisasi.realisasi_hapus_view, name="realisasi-hapus"),
    path("rekap/<tahun:tahun>/<slug:tahapan>/<daerah:kode>/", views_realisasi.rekap_semester, name="rekap-semester"),
    path("laporan/<int:pk>/", include("penandaan.urls")),
]
