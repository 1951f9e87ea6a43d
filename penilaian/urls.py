"""URLs of the Penilaian, included under `monev/` (the paths they have always had), namespace "penilaian":
penilaian:peringkat, :hitung, :aturan-bawaan, :aturan (tahun, ?tingkat=), :tugas (tugas_id), :wilayah (tahun, kode), :pdf (tahun, kode),
:catatan (pk of the step-"penilaian" Laporan), :catatan-ubah (pk, obj), :catatan-hapus (pk, obj)."""
from django.urls import path

from . import views

app_name = "penilaian"
urlpatterns = [
    path("penilaian/", views.peringkat, name="peringkat"),
    path("penilaian/hitung/", views.hitung_ulang, name="hitung"),
    path("penilaian/aturan-bawaan/", views.buat_aturan_bawaan, name="aturan-bawaan"),
    path("penilaian/aturan/<tahun:tahun>/", views.aturan, name="aturan"),
    path("penilaian/tugas/<str:tugas_id>/", views.tugas, name="tugas"),
    path("penilaian/<tahun:tahun>/<daerah:kode>/", views.nilai_wilayah, name="wilayah"),
    path("penilaian/<tahun:tahun>/<daerah:kode>/pdf/", views.unduh_pdf, name="pdf"),
    path("penilaian/laporan/<int:pk>/catatan/", views.catatan, name="catatan"),
    path("penilaian/laporan/<int:pk>/catatan/<int:obj>/ubah/", views.catatan_ubah, name="catatan-ubah"),
    path("penilaian/laporan/<int:pk>/catatan/<int:obj>/hapus/", views.catatan_hapus, name="catatan-hapus"),
]
