"""URLs of the Rencana Aksi Daerah (namespace "rad"; the project includes them under rad/)."""
from django.urls import path

from . import views, views_logframe

app_name = "rad"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views_logframe.regulasi_buat, name="regulasi-buat"),
    path("<int:pk>/", views_logframe.regulasi, name="regulasi"),
    path("<int:pk>/ubah/", views_logframe.regulasi_ubah, name="regulasi-ubah"),
    path("<int:pk>/pilar/tambah/", views_logframe.pilar_tambah, name="pilar-tambah"),
    path("<int:pk>/pilar/<int:pilar>/strategi/tambah/", views_logframe.strategi_tambah, name="strategi-tambah"),
    path("<int:pk>/strategi/<int:strategi>/instrumen/tambah/", views_logframe.instrumen_tambah, name="instrumen-tambah"),
    path("<int:pk>/instrumen/<int:instrumen>/keluaran/tambah/", views_logframe.keluaran_tambah, name="keluaran-tambah"),
    path("<int:pk>/keluaran/<int:obj>/ubah/", views_logframe.keluaran_ubah, name="keluaran-ubah"),
    path("<int:pk>/keluaran/<int:obj>/hapus/", views_logframe.keluaran_hapus, name="keluaran-hapus"),
    path("<int:pk>/logframe.xlsx", views_logframe.logframe_xlsx, name="logframe-xlsx"),
    path("<int:pk>/impor/", views_logframe.impor, name="impor"),
    path("<int:pk>/dasbor/", views.dasbor, name="dasbor"),
    path("<int:pk>/dasbor.xlsx", views.dasbor_ekspor, name="dasbor-xlsx"),
    path("<int:pk>/pemantauan-<tahun:tahun>.pdf", views.pdf, name="pdf"),
    path("<int:pk>/realisasi/<tahun:tahun>/", views.realisasi, name="realisasi"),
    path("<int:pk>/realisasi/<tahun:tahun>/<int:obj>/hapus/", views.realisasi_hapus_view, name="realisasi-hapus"),
    path("bukti/<int:obj>/", views.bukti, name="bukti"),
    path("laporan/<int:pk>/", views.dari_laporan, name="laporan"),
]
