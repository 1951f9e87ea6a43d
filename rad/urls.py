"""URLs of the Rencana Aksi Daerah (namespace "rad"; the project includes them under rad/)."""
from django.urls import path

from .views import dasbor, logframe, realisasi

app_name = "rad"
urlpatterns = [
    path("", dasbor.daftar, name="daftar"),
    path("baru/", logframe.regulasi_buat, name="regulasi-buat"),
    path("<int:pk>/", logframe.regulasi, name="regulasi"),
    path("<int:pk>/ubah/", logframe.regulasi_ubah, name="regulasi-ubah"),
    path("<int:pk>/pilar/tambah/", logframe.pilar_tambah, name="pilar-tambah"),
    path("<int:pk>/pilar/<int:pilar>/strategi/tambah/", logframe.strategi_tambah, name="strategi-tambah"),
    path("<int:pk>/strategi/<int:strategi>/instrumen/tambah/", logframe.instrumen_tambah, name="instrumen-tambah"),
    path("<int:pk>/instrumen/<int:instrumen>/keluaran/tambah/", logframe.keluaran_tambah, name="keluaran-tambah"),
    path("<int:pk>/keluaran/<int:obj>/ubah/", logframe.keluaran_ubah, name="keluaran-ubah"),
    path("<int:pk>/keluaran/<int:obj>/hapus/", logframe.keluaran_hapus, name="keluaran-hapus"),
    path("<int:pk>/logframe.xlsx", logframe.logframe_xlsx, name="logframe-xlsx"),
    path("<int:pk>/impor/", logframe.impor, name="impor"),
    path("<int:pk>/dasbor/", dasbor.dasbor, name="dasbor"),
    path("<int:pk>/dasbor.xlsx", dasbor.dasbor_ekspor, name="dasbor-xlsx"),
    path("<int:pk>/pemantauan-<tahun:tahun>.pdf", dasbor.pdf, name="pdf"),
    path("<int:pk>/realisasi/<tahun:tahun>/", realisasi.realisasi, name="realisasi"),
    path("<int:pk>/realisasi/<tahun:tahun>/<int:obj>/hapus/", realisasi.realisasi_hapus_view, name="realisasi-hapus"),
    path("bukti/<int:obj>/", realisasi.bukti, name="bukti"),
    path("laporan/<int:pk>/", realisasi.dari_laporan, name="laporan"),
]
