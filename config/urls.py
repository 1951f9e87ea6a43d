from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from aksi import langkah
from publikasi.urls import portal as portal_publik
from tugas.views import beranda
from usulan.urls import publik as usulan_publik

akun = [
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

urlpatterns = [
    path("", beranda, name="beranda"),
    # first: the API is what clients poll, and URL resolution walks this list in order
    path("api/v1/", include("config.api_urls")),
    path("akun/", include(akun)),
    path("akun/", include("akun.urls")),
    path("", include(portal_publik)),
    path("", include(usulan_publik)),
    path("", include("publikasi.urls")),
    path("", include("pengaduan.urls")),
    path("wilayah/", include("wilayah.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("administrasi/", include("administrasi.urls")),
    path("pembinaan/", include("pembinaan.urls")),
    path("laporan-tahunan/", include("tahunan.urls")),
    path("aksi/", include("aksi.urls")),
    # the pages of the feature apps' steps (aksi.langkah), namespaced by app: e.g. analisis:program
    *[path("aksi/laporan/<int:pk>/", include((lk.urls, lk.app))) for lk in langkah.semua() if lk.urls],
    path("", include("penandaan.urls")),  # anggaran/ and its pages under aksi/laporan/<pk>/, aksi/rekap/
    path("monev/", include("monev.urls")),
    path("monev/", include("penilaian.urls")),  # the scores' pages keep their monev/penilaian/... paths
    path("rad/", include("rad.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # the scoring models moved from the monev app to penilaian (issue 14): their old admin pages redirect
    re_path(r"^admin/monev/(?P<sisa>(?:aturanpenilaian|komponenpenilaian|nilaipenilaian|rinciannilai|catatanmonev)/.*)$",
            RedirectView.as_view(url="/admin/penilaian/%(sisa)s", permanent=True, query_string=True)),
    path("admin/", admin.site.urls),
    # browsers ask for /favicon.ico whatever the page's <link rel="icon"> says
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico"))),
]

admin.site.site_header = "Administrasi Portal Aksi Konvergensi"
admin.site.site_title = "Aksi Konvergensi"
admin.site.index_title = "Administrasi"
