"""URLs of the Penilaian, plain urlpatterns to be included under `monev/` in namespace "monev":
monev:penilaian-peringkat, -hitung, -aturan-bawaan, -tugas (tugas_id), -wilayah (tahun, kode), -pdf (tahun, kode),
-catatan (pk of the step-"penilaian" Laporan), -catatan-ubah (pk, obj), -catatan-hapus (pk, obj)."""
from django.urls import path

from . import views_penilaian as views


urlpatterns = [
    path("penilaian/", views.peringkat, name="penilaian-peringkat"),
    path("penilaian/hitung/", views.hitung_ulang, name="penilaian-hitung"),
    path("penilaian/aturan-bawaan/", views.buat_aturan_bawaan, name="penilaian-aturan-bawaan"),
    path("penilaian/tugas/<str:tugas_id>/", views.tugas, name="penilaian-tugas"),
    path("penilaian/<tahun:tahun>/<daerah:kode>/", views.nilai_wilayah, name="penilaian-wilayah"),
    path("penilaian/<tahun:tahun>/<daerah:kode>/pdf/", views.unduh_pdf, name="penilaian-pdf"),
    path("penilaian/laporan/<int:pk>/catatan/", views.catatan, name="penilaian-catatan"),
    path("penilaian/laporan/<int:pk>/catatan/<int:obj>/ubah/", views.catatan_ubah, name="penilaian-catatan-ubah"),
    path("penilaian/laporan/<int:pk>/catatan/<int:obj>/hapus/", views.catatan_hapus, name="penilaian-catatan-hapus"),
]
