"""URLs of regulasi and publikasi, included at the site root (namespace "publikasi"): staff
pages under publikasi/, public pages (no login) under publik/. The public portal of a wilayah
keeps its own namespace "portal" (`portal` below, which config.urls includes first). The
complaints (publikasi/pengaduan/, publik/pengaduan/) are the app `pengaduan`."""
from django.urls import path

from .views import beranda, berita, publik, regulasi
from .views import portal as halaman_portal

portal = ([
    path("publik/", halaman_portal.wilayah_publik, name="nasional"),
    path("publik/wilayah/<wilayah:kode>/", halaman_portal.wilayah_publik, name="wilayah"),
    path("publik/wilayah/<wilayah:kode>/versi/<int:pk>.csv", halaman_portal.versi_unduh, name="versi"),
    path("publik/wilayah/<wilayah:kode>/lembar-desa.pdf", halaman_portal.lembar_desa, name="lembar-desa"),
], "portal")

app_name = "publikasi"
urlpatterns = [
    # staff
    path("publikasi/", beranda.beranda, name="beranda"),
    path("publikasi/regulasi/", regulasi.daftar, name="regulasi"),
    path("publikasi/regulasi/buka/<tahun:tahun>/<daerah:kode>/", regulasi.buka, name="regulasi-buka"),
    path("publikasi/regulasi/<int:pk>/", regulasi.dokumen, name="regulasi-dokumen"),
    path("publikasi/regulasi/<int:pk>/<int:obj>/ubah/", regulasi.ubah, name="regulasi-ubah"),
    path("publikasi/regulasi/<int:pk>/<int:obj>/hapus/", regulasi.hapus, name="regulasi-hapus"),
    path("publikasi/regulasi/<int:pk>/<int:obj>/terbit/", regulasi.terbit, name="regulasi-terbit"),
    path("publikasi/regulasi/<int:pk>/<int:obj>/berkas/", regulasi.berkas, name="regulasi-berkas"),
    path("publikasi/berita/", berita.daftar, name="berita"),
    path("publikasi/berita/baru/", berita.baru, name="berita-baru"),
    path("publikasi/berita/<int:pk>/", berita.detail, name="berita-detail"),
    path("publikasi/berita/<int:pk>/ubah/", berita.ubah, name="berita-ubah"),
    path("publikasi/berita/<int:pk>/hapus/", berita.hapus, name="berita-hapus"),
    path("publikasi/berita/<int:pk>/terbitkan/", berita.terbitkan, name="berita-terbitkan"),
    path("publikasi/berita/<int:pk>/tarik/", berita.tarik, name="berita-tarik"),
    path("publikasi/berita/<int:pk>/gambar/", berita.gambar, name="berita-gambar"),
    path("publikasi/berita/<int:pk>/lampiran/", berita.lampiran, name="berita-lampiran"),
    # public
    path("publik/wilayah/pilih/", publik.pilih_wilayah, name="publik-pilih-wilayah"),
    path("publik/regulasi/", publik.regulasi, name="publik-regulasi"),
    path("publik/regulasi/<int:pk>/unduh/", publik.regulasi_unduh, name="publik-regulasi-unduh"),
    path("publik/berita/", publik.berita, name="publik-berita"),
    path("publik/berita/<slug:slug>/", publik.berita_detail, name="publik-berita-detail"),
    path("publik/berita/<slug:slug>/gambar/", publik.berita_gambar, name="publik-berita-gambar"),
    path("publik/berita/<slug:slug>/lampiran/", publik.berita_lampiran, name="publik-berita-lampiran"),
]
