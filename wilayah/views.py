from django.shortcuts import render

from .lingkup import lingkup_wajib
from .selectors import wilayah_akar_lingkup, wilayah_ambil


@lingkup_wajib
def pohon(request):
    """The top of the user's region tree: its assigned wilayah, or the provinces for nation-wide readers."""
    return render(request, "wilayah/pohon.html", {
        "akar": wilayah_akar_lingkup(request.user),
        "lingkup": request.lingkup,
    })


@lingkup_wajib
def detail(request, kode: str):
    wilayah = wilayah_ambil(user=request.user, kode=kode)
    leluhur = [w for w in wilayah.leluhur() if request.lingkup.mencakup(w.kode)]
    anak = wilayah.anak.order_by("kode")
    template = "wilayah/_anak.html" if request.headers.get("HX-Request") else "wilayah/detail.html"
    return render(request, template, {"wilayah": wilayah, "leluhur": leluhur, "anak": anak})
