"""URLs of the Analisis situasi documents, taking the Laporan pk: registered as this app's
`Langkah.urls`, config/urls.py includes them under `aksi/laporan/<int:pk>/` with the namespace
"analisis": e.g. analisis:program, analisis:program-ubah (pk, obj), analisis:program-hapus
(pk, obj), analisis:bawah, analisis:pdf."""
from django.urls import path

from . import views


def _seksi(slug: str) -> list:
    """A section's list/add page, its row edit page and its row delete action."""
    return [
        path(f"analisis/{slug}/", views.seksi, {"seksi": slug}, name=slug),
        path(f"analisis/{slug}/<int:obj>/ubah/", views.ubah, {"seksi": slug}, name=f"{slug}-ubah"),
        path(f"analisis/{slug}/<int:obj>/hapus/", views.hapus, {"seksi": slug}, name=f"{slug}-hapus"),
    ]


urlpatterns = [
    path("analisis/", views.ringkasan, name="dokumen"),
    path("analisis/bawah/", views.analisis_bawah, name="bawah"),
    path("analisis/rapat/<int:obj>/notulen/", views.notulen, name="rapat-notulen"),
    path("pdf/", views.unduh_pdf, name="pdf"),
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
    *_seksi("target-anggaran"),
    path("analisis/target-anggaran/templat.xlsx", views.target_anggaran_xlsx, name="target-anggaran-xlsx"),
    path("analisis/target-anggaran/unggah/", views.target_anggaran_unggah, name="target-anggaran-unggah"),
    path("analisis/bawah/masalah-usulan/", views.masalah_bawah, name="masalah-bawah"),
]
