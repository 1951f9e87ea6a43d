"""URLs of budget tagging. The lead includes them under `aksi/laporan/<int:pk>/` in the
namespace "aksi": aksi:penandaan-rincian (pk), aksi:penandaan-tambah (pk),
aksi:penandaan-ubah / -hapus / -pulihkan (pk, obj), aksi:penandaan-templat (pk),
aksi:penandaan-impor (pk)."""
from django.urls import path

from . import views

urlpatterns = [
    path("penandaan/", views.rincian, name="penandaan-rincian"),
    path("penandaan/tambah/", views.tambah, name="penandaan-tambah"),
    path("penandaan/<int:obj>/", views.ubah, name="penandaan-ubah"),
    path("penandaan/<int:obj>/hapus/", views.hapus, name="penandaan-hapus"),
    path("penandaan/<int:obj>/pulihkan/", views.pulihkan, name="penandaan-pulihkan"),
    path("penandaan/templat.xlsx", views.templat, name="penandaan-templat"),
    path("penandaan/impor/", views.impor, name="penandaan-impor"),
]
