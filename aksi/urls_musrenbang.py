"""URLs of the Pra-musrenbang documents, to be included by aksi/urls.py under `laporan/<int:pk>/`
(namespace "aksi"): aksi:musrenbang-dokumen (pk), aksi:musrenbang-rencana, aksi:musrenbang-rencana-ubah
(pk, obj), aksi:musrenbang-rencana-hapus (pk, obj), aksi:musrenbang-berita-acara-pdf (pk),
aksi:musrenbang-berita-acara-ttd (pk)."""
from django.urls import path

from . import views_musrenbang as views


def _seksi(slug: str) -> list:
    """A section's list/add page, its row edit page and its row delete action."""
    return [
        path(f"musrenbang/{slug}/", views.seksi, {"seksi": slug}, name=f"musrenbang-{slug}"),
        path(f"musrenbang/{slug}/<int:obj>/ubah/", views.ubah, {"seksi": slug}, name=f"musrenbang-{slug}-ubah"),
        path(f"musrenbang/{slug}/<int:obj>/hapus/", views.hapus, {"seksi": slug}, name=f"musrenbang-{slug}-hapus"),
    ]


urlpatterns = [
    path("musrenbang/", views.ringkasan, name="musrenbang-dokumen"),
    path("musrenbang/berita-acara/pdf/", views.berita_acara_pdf, name="musrenbang-berita-acara-pdf"),
    path("musrenbang/berita-acara/ttd/", views.berita_acara_ttd, name="musrenbang-berita-acara-ttd"),
    # every level (Setcam part at kecamatan, Bappeda part above)
    *_seksi("agenda"),
    *_seksi("rencana"),
    *_seksi("berita-acara"),
    # kab/kota and provinsi
    *_seksi("evaluasi-opd"),
    *_seksi("komitmen"),
    *_seksi("penghargaan"),
]
