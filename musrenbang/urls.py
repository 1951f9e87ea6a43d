"""URLs of the Pra-musrenbang documents, included by config/urls.py under `aksi/laporan/<int:pk>/`
(declared through the step registry, see musrenbang/apps.py; namespace "musrenbang"):
musrenbang:dokumen (pk), musrenbang:rencana, musrenbang:rencana-ubah (pk, obj),
musrenbang:rencana-hapus (pk, obj), musrenbang:berita-acara-pdf (pk), musrenbang:berita-acara-ttd (pk)."""
from django.urls import path

from . import views

app_name = "musrenbang"


def _seksi(slug: str) -> list:
    """A section's list/add page, its row edit page and its row delete action."""
    return [
        path(f"musrenbang/{slug}/", views.seksi, {"seksi": slug}, name=slug),
        path(f"musrenbang/{slug}/<int:obj>/ubah/", views.ubah, {"seksi": slug}, name=f"{slug}-ubah"),
        path(f"musrenbang/{slug}/<int:obj>/hapus/", views.hapus, {"seksi": slug}, name=f"{slug}-hapus"),
    ]


urlpatterns = [
    path("musrenbang/", views.ringkasan, name="dokumen"),
    path("musrenbang/berita-acara/pdf/", views.berita_acara_pdf, name="berita-acara-pdf"),
    path("musrenbang/berita-acara/ttd/", views.berita_acara_ttd, name="berita-acara-ttd"),
    # every level (Setcam part at kecamatan, Bappeda above)
    *_seksi("agenda"),
    *_seksi("rencana"),
    *_seksi("berita-acara"),
    # kab/kota and provinsi
    *_seksi("evaluasi-opd"),
    *_seksi("komitmen"),
    *_seksi("penghargaan"),
]
