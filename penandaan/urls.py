"""Every page of budget tagging, in the namespace "penandaan"; config/urls.py includes this module
once at the site root, so the paths below are the full paths (kept from when they lived under
the aksi namespace).

- a penandaan Laporan's lines: penandaan:rincian (pk), :tambah (pk), :ubah / :hapus / :pulihkan
  (pk, obj), :templat (pk), :impor (pk)
- a kecamatan semester Laporan's realisation: penandaan:realisasi (pk), :realisasi-hapus (pk, obj),
  and the roll-up for kab/kota and provinsi: penandaan:rekap-semester (tahun, tahapan, kode)
- the budget pages: penandaan:anggaran-ringkas, -rincian, -ekspor, -rencana-vs-apbd,
  -perubahan (pk), -perubahan-pdf (pk)
"""
from django.urls import include, path

from .views import anggaran, realisasi, rincian

app_name = "penandaan"

laporan = [
    path("penandaan/", rincian.rincian, name="rincian"),
    path("penandaan/tambah/", rincian.tambah, name="tambah"),
    path("penandaan/<int:obj>/", rincian.ubah, name="ubah"),
    path("penandaan/<int:obj>/hapus/", rincian.hapus, name="hapus"),
    path("penandaan/<int:obj>/pulihkan/", rincian.pulihkan, name="pulihkan"),
    path("penandaan/templat.xlsx", rincian.templat, name="templat"),
    path("penandaan/impor/", rincian.impor, name="impor"),
    path("realisasi/", realisasi.realisasi, name="realisasi"),
    path("realisasi/<int:obj>/hapus/", realisasi.realisasi_hapus_view, name="realisasi-hapus"),
]

urlpatterns = [
    path("aksi/laporan/<int:pk>/", include(laporan)),
    path("aksi/rekap/<tahun:tahun>/<slug:tahapan>/<daerah:kode>/", realisasi.rekap_semester, name="rekap-semester"),
    path("anggaran/", anggaran.ringkas, name="anggaran-ringkas"),
    path("anggaran/rincian/", anggaran.rincian, name="anggaran-rincian"),
    path("anggaran/rincian/ekspor.xlsx", anggaran.ekspor, name="anggaran-ekspor"),
    path("anggaran/rencana-vs-apbd/", anggaran.rencana_apbd, name="anggaran-rencana-vs-apbd"),
    path("anggaran/perubahan/<int:pk>/", anggaran.perubahan, name="anggaran-perubahan"),
    path("anggaran/perubahan/<int:pk>/pdf/", anggaran.perubahan_pdf, name="anggaran-perubahan-pdf"),
]
