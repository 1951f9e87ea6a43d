from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "akun"
urlpatterns = [
    path("profil/", views.profil, name="profil"),
    path("lupa-sandi/", views.LupaSandi.as_view(), name="lupa-sandi"),
    path("lupa-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(template_name="akun/lupa_sandi_terkirim.html"),
         name="lupa-sandi-terkirim"),
    path("setel-sandi/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="akun/setel_sandi.html", success_url=reverse_lazy("akun:setel-sandi-selesai")), name="setel-sandi"),
    path("setel-sandi/selesai/", auth_views.PasswordResetCompleteView.as_view(template_name="akun/setel_sandi_selesai.html"),
         name="setel-sandi-selesai"),
]
