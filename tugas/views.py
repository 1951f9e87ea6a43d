from django.shortcuts import redirect, render

from wilayah.lingkup import lingkup_wajib
from wilayah.selectors import penugasan_milik

from .selectors import tugas_saya


def beranda(request):
    """The home page: visitors go to the public data; staff see what waits for them."""
    if not request.user.is_authenticated:
        return redirect("portal:nasional")
    return _beranda(request)


@lingkup_wajib
def _beranda(request):
    return render(request, "beranda.html", {
        "tugas": tugas_saya(request.user), "penugasan": penugasan_milik(request.user), "lingkup": request.lingkup,
    })
