from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from inti.forms import kesalahan_ke_form
from wilayah.lingkup import lingkup_wajib

from . import services
from .forms import LupaSandiForm, ProfilForm
from .selectors import profil_awal


@lingkup_wajib
def profil(request):
    form = ProfilForm(request.POST or None, initial=profil_awal(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.profil_simpan(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            kesalahan_ke_form(form, exc)
        else:
            messages.success(request, "Profil disimpan.")
            return redirect("akun:profil")
    return render(request, "akun/profil.html", {"form": form})


class LupaSandi(auth_views.PasswordResetView):
    """Django's reset, throttled per client and per address; the answer never says whether an
    account has that address."""

    form_class = LupaSandiForm
    template_name = "akun/lupa_sandi.html"
    email_template_name = "akun/surel_setel_sandi.txt"
    subject_template_name = "akun/surel_setel_sandi_judul.txt"
    success_url = reverse_lazy("akun:lupa-sandi-terkirim")

    def form_valid(self, form):
        if not services.reset_diizinkan(ip=self.request.META.get("REMOTE_ADDR", ""), email=form.cleaned_data["email"]):
            return redirect(self.success_url)  # the same page as a sent mail: nothing is revealed
        return super().form_valid(form)
