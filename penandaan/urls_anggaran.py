"""Budget pages; included by the lead under `anggaran/` in the "penandaan" namespace."""
from django.urls import path

from . import views_anggaran as views

urlpatterns = [
    path("", views.ringkas, name="anggaran-ringkas"),
    path("rincian/", views.rincian, name="anggaran-rincian"),
    path("rincian/ekspor.xlsx", views.ekspor, name="anggaran-ekspor"),
    path("rencana-vs-apbd/", views.rencana_apbd, name="anggaran-rencana-vs-apbd"),
    path("perubahan/<int:pk>/", views.perubahan, name="anggaran-perubahan"),
    path("perubahan/<int:pk>/pdf/", views.perubahan_pdf, name="anggaran-perubahan-pdf"),
]
