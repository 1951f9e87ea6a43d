"""URLs of the Analisis situasi documents, included by aksi/urls.py under `laporan/<int:pk>/`
(namespace "aksi"): e.g. aksi:analisis-program, aksi:analisis-program-ubah (pk, obj),
aksi:analisis-program-hapus (pk, obj), aksi:analisis-bawah."""
from django.urls import path

from . import views_analisis as views


def _seksi(slug: str) -> list:
    """A section's list/add page, its row edit page and its row delete action."""
    return [
        path(f"analisis/{slug}/", views.seksi, {"seksi": slug}, name=f"analisis-{slug}"),
        path(f"analisis/{slug}/<int:obj>/ubah/", views.ubah, {"seksi": slug}, name=f"analisis-{slug}-ubah"),
        path(f"analisis/{slug}/<int:obj>/hapus/", views.hapus, {"seksi": slug}, name=f"analisis-{slug}-hapus"),
    ]


urlpatterns = [
    path("analisis/", views.ringkasan, name="analisis-dokumen"),
    path("analisis/bawah/", views.analisis_bawah, name="analisis-bawah"),
    path("analisis/rapat/<int:obj>/notulen/", views.notulen, name="analisis-rapat-notulen"),
    # kecamatan (Setcam part)
    *_seksi("program"),
    *_seksi("masalah"),
    *_seksi("rekomendasi"),
    *_seksi("usulan"),
    # kab/kota and provinsi (Dinkes and Bappeda parts)
    *_seksi("pengukuran"),
    *_seksi("target-prevalensi"),
    *_seksi("target-cakupan"),
    *_seksi("rapat"),
]
