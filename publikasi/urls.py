"""URLs of regulasi, publikasi and pengaduan, included at the site root (namespace "publikasi"):
staff pages under publikasi/, public pages (no login) under publik/."""
from django.urls import path

from . import views, views_berita, views_pengaduan, views_publik, views_regulasi


app_name = "publikasi"
urlpatterns = [
    # staff
    path("publikasi/", views.beranda, name="beranda"),
    path("publikasi/regulasi/", views_regulasi.daftar, name="regulasi"),
    path("publikasi/regulasi/buka/<tahun:tahun>/<daerah:kode>/", views_regulasi.buka, name="regulasi-buka"),
    path("publikasi/regulasi/<int:pk>/", views_regulasi.dokumen, name="regulasi-dokumen"),
    path("publikasi/regulasi/<int:pk>/<int:obj>/ubah/", views_regulasi.ubah, name="regulasi-ubah"),
    path("publikasi/regulasi/<int:pk>/<int:obj>/hapus/", views_regulasi.hapus, name="regulasi-hapus"),
    path("publikasi/regulasi/<int:pk>/<int:obj>/terbit/", views_regulasi.terbit, name="regulasi-terbit"),
    path("publikasi/regulasi/<int:pk>/<int:obj>/berkas/", views_regulasi.berkas, name="regulasi-berkas"),
    path("publikasi/berita/", views_berita.daftar, name="berita"),
    path("publikasi/berita/baru/", views_berita.baru, name="berita-baru"),
    path("publikasi/berita/<int:pk>/", views_berita.detail, name="berita-detail"),
    path("publikasi/berita/<int:pk>/ubah/", views_berita.ubah, name="berita-ubah"),
    path("publikasi/berita/<int:pk>/hapus/", views_berita.hapus, name="berita-hapus"),
    path("publikasi/berita/<int:pk>/terbitkan/", views_berita.terbitkan, name="berita-terbitkan"),
    path("publikasi/berita/<int:pk>/tarik/", views_berita.tarik, name="berita-tarik"),
    path("publikasi/berita/<int:pk>/gambar/", views_berita.gambar, name="berita-gambar"),
    path("publikasi/berita/<int:pk>/lampiran/", views_berita.lampiran, name="berita-lampiran"),
    path("publikasi/pengaduan/", views_pengaduan.daftar, name="pengaduan"),
    path("publikasi/pengaduan/<int:pk>/", views_pengaduan.detail, name="pengaduan-detail"),
    path("publikasi/pengaduan/<int:pk>/tugaskan/", views_pengaduan.tugaskan, name="pengaduan-tugaskan"),
    path("publikasi/pengaduan/<int:pk>/jawab/", views_pengaduan.jawab, name="pengaduan-jawab"),
    path("publikasi/pengaduan/<int:pk>/lampiran/", views_pengaduan.lampiran, name="pengaduan-lampiran"),
    # public
    path("publik/wilayah/pilih/", views_publik.pilih_wilayah, name="publik-pilih-wilayah"),
    path("publik/regulasi/", views_publik.regulasi, name="publik-regulasi"),
    path("publik/regulasi/<int:pk>/unduh/", views_publik.regulasi_unduh, name="publik-regulasi-unduh"),
    path("publik/berita/", views_publik.berita, name="publik-berita"),
    path("publik/berita/<slug:slug>/", views_publik.berita_detail, name="publik-berita-detail"),
    path("publik/berita/<slug:slug>/gambar/", views_publik.berita_gambar, name="publik-berita-gambar"),
    path("publik/berita/<slug:slug>/lampiran/", views_publik.berita_lampiran, name="publik-berita-lampiran"),
    path("publik/pengaduan/", views_pengaduan.kirim, name="publik-pengaduan"),
    path("publik/pengaduan/terkirim/", views_pengaduan.terkirim, name="publik-pengaduan-terkirim"),
    path("publik/pengaduan/lacak/", views_pengaduan.lacak, name="publik-pengaduan-lacak"),
]
