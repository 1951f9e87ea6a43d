"""Section pages shared by the document steps (Analisis situasi, Pra-musrenbang, regulasi): a
section page lists the rows with, for whoever may fill the part now, the add form; each row has
an edit page and a delete button.

`Seksi` describes one section (model, form, services, texts, URL names); `HalamanSeksi` holds the
page bodies of one step's sections, so a step's views only parse the URL and call it. htmx: the
add and delete forms post with hx-post and get back the section's fragment (`FRAGMEN`); without
JavaScript they post normally and are redirected (PRG). `FormDokumen` is the form base of a
section row and `PilihDesa` its desa choice: the kernel's side of the document write contract
(`aksi.dokumen`) that every document step builds on.
"""
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from indikator.selectors import indikator_katalog
from inti.forms import AngkaAscii, gaya_bootstrap, kesalahan_ke_form, versi_dikirim
from inti.galat import Ditolak

from wilayah.lingkup import lingkup_wajib
from wilayah.models import Wilayah

from .dokumen import alasan_tidak_dapat_diisi
from .models import Laporan
from .selectors import laporan_ambil

FRAGMEN = "aksi/seksi/_isi.html"


def htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- no lost update on an edit form -------------------------------------------------------------
# The edit page carries every field's value as loaded (hidden `asal`). A save passes the service
# only the fields this user changed against it, so a field someone else changed meanwhile and
# this user left alone is never written back. When the part moved on since the page was loaded,
# a field both changed is a conflict: the page comes back with the stored values, the user's own
# changes on top, and both values of each conflicting field; saving again is the user's choice.

def _nilai_form(form, nama: str) -> str:
    return json.dumps(form[nama].value(), cls=DjangoJSONEncoder, sort_keys=True, default=str)


def asal_form(form) -> str:
    """The hidden `asal` of an unbound edit form: {field: value as loaded}."""
    return json.dumps({n: json.loads(_nilai_form(form, n)) for n in form.fields if not _berkas(form, n)},
                      cls=DjangoJSONEncoder)


def _berkas(form, nama: str) -> bool:
    return isinstance(form.fields[nama], forms.FileField)


def _asal_dikirim(request) -> dict | None:
    try:
        asal = json.loads(request.POST.get("asal", ""))
    except ValueError:
        return None
    return asal if isinstance(asal, dict) else None


def _ke_python(field, nilai):
    try:
        return field.to_python(nilai)
    except ValidationError:
        return nilai


def isian_diubah(form, asal: dict | None) -> list[str]:
    """The fields of a valid bound form whose posted value differs from the one loaded (every
    field when the page sent no `asal`; a file field when a file was sent)."""
    if asal is None:
        return list(form.cleaned_data)
    return [n for n, f in form.fields.items()
            if _berkas(form, n) and form[n].data or not _berkas(form, n) and f.has_changed(_ke_python(f, asal.get(n)), form[n].data)]


def konflik_form(form_tersimpan, asal: dict, diubah: list[str], form) -> list[dict]:
    """Changed fields whose stored value is no longer the loaded one nor the user's: both values."""
    hasil = []
    for n in diubah:
        if _berkas(form, n):
            continue
        tersimpan = _nilai_form(form_tersimpan, n)
        if tersimpan != json.dumps(asal.get(n), cls=DjangoJSONEncoder, sort_keys=True, default=str):
            anda = form.fields[n].prepare_value(form.cleaned_data[n]) if hasattr(form.fields[n], "prepare_value") else form.cleaned_data[n]
            if tersimpan != json.dumps(anda, cls=DjangoJSONEncoder, sort_keys=True, default=str):
                hasil.append({"label": form.fields[n].label or n, "tersimpan": _tampil(form_tersimpan, n),
                              "anda": _tampil(form, n, form.cleaned_data[n])})
    return hasil


def _tampil(form, nama: str, nilai=None) -> str:
    field = form.fields[nama]
    nilai = form[nama].value() if nilai is None else nilai
    if hasattr(field, "choices") and not isinstance(nilai, models.QuerySet | list):
        pilihan = {str(k): v for k, v in field.choices if not isinstance(v, list | tuple)}
        kunci = getattr(nilai, "pk", nilai)
        return str(pilihan.get(str(kunci), nilai if nilai not in (None, "") else "kosong"))
    if isinstance(nilai, models.QuerySet | list):
        return ", ".join(str(getattr(x, "nama", x)) for x in nilai) or "kosong"
    return "kosong" if nilai in (None, "") else str(nilai)


@dataclass(frozen=True)
class Seksi:
    """One section of a document: its model, form, services and page texts.

    Subclasses name their URLs and row table template (`URL`, `URL_UBAH`, `URL_HAPUS`, `TABEL`,
    with `{slug}` filled in); `tunggal`: at most one row (the add form hides after it)."""

    URL: ClassVar[str] = ""
    URL_UBAH: ClassVar[str] = ""
    URL_HAPUS: ClassVar[str] = ""
    TABEL: ClassVar[str] = ""

    slug: str
    judul: str
    keterangan: str
    model: type[models.Model]
    form: type
    buat: Callable
    ubah: Callable
    hapus: Callable
    nama_objek: str  # the keyword ubah/hapus take the row by
    terkait: tuple[str, ...] = ()
    banyak: tuple[str, ...] = ()
    tunggal: bool = False

    @property
    def nama_isian(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def url(self) -> str:
        return self.URL.format(slug=self.slug)

    @property
    def url_ubah(self) -> str:
        return self.URL_UBAH.format(slug=self.slug)

    @property
    def url_hapus(self) -> str:
        return self.URL_HAPUS.format(slug=self.slug)

    @property
    def templat_tabel(self) -> str:
        return self.TABEL.format(slug=self.slug)

    def entri(self, laporan: Laporan):
        return self.model.objects.filter(laporan=laporan).select_related(*self.terkait).prefetch_related(*self.banyak)


Tambahan = Callable[..., dict]  # (request, laporan, seksi, entri) -> extra context of the section page


class HalamanSeksi:
    """The pages of one step's sections.

    `daftar`: the step's sections, shown as navigation on every page (none: no navigation);
    `berlaku_untuk(laporan, model)`: whether a Laporan carries a section; `tambahan`: the
    step's extra context of a section page (it may replace `entri`)."""

    def __init__(self, *, templat: str, templat_ubah: str, daftar: Iterable[Seksi] = (),
                 berlaku_untuk: Callable[[Laporan, type], bool] | None = None, tambahan: Tambahan | None = None):
        self.templat, self.templat_ubah = templat, templat_ubah
        self.daftar = list(daftar)
        self.seksi = {seksi.slug: seksi for seksi in self.daftar}
        self.berlaku_untuk = berlaku_untuk
        self.tambahan = tambahan

    def seksi_laporan(self, laporan: Laporan) -> list[Seksi]:
        return [seksi for seksi in self.daftar if self.berlaku_untuk(laporan, seksi.model)]

    def ambil(self, request, pk: int, slug: str) -> tuple[Laporan, Seksi]:
        """The Laporan in the user's scope and its section `slug` (404 where it does not apply)."""
        laporan = laporan_ambil(user=request.user, pk=pk)
        seksi = self.seksi[slug]
        if not self.berlaku_untuk(laporan, seksi.model):
            raise Http404("Bagian dokumen ini tidak ada pada laporan tersebut.")
        return laporan, seksi

    def navigasi(self, laporan: Laporan) -> dict:
        return {"daftar_seksi": self.seksi_laporan(laporan)} if self.daftar else {}

    def ringkasan(self, laporan: Laporan) -> list[tuple]:
        """Per section of the Laporan: the section, its part and its number of rows."""
        return [(seksi, seksi.model.bagian_laporan(laporan), seksi.model.objects.filter(laporan=laporan).count())
                for seksi in self.seksi_laporan(laporan)]

    def konteks(self, request, laporan: Laporan, seksi: Seksi, form=None) -> dict:
        bagian = seksi.model.bagian_laporan(laporan)
        alasan = alasan_tidak_dapat_diisi(request.user, bagian, seksi.model)
        entri = seksi.entri(laporan)
        penuh = seksi.tunggal and entri.exists()
        if alasan is None and form is None and not penuh:
            form = seksi.form(laporan=laporan)
        konteks = {
            "laporan": laporan, "seksi": seksi, **self.navigasi(laporan), "bagian": bagian,
            "dapat_isi": alasan is None, "alasan": alasan, "form": form, "entri": entri, "sebagian": htmx(request),
        }
        if self.tambahan:
            konteks |= self.tambahan(request, laporan, seksi, entri)
        return konteks

    def tampil(self, request, laporan: Laporan, seksi: Seksi, form=None, status: int = 200):
        templat = FRAGMEN if htmx(request) else self.templat
        return render(request, templat, self.konteks(request, laporan, seksi, form), status=status)

    def kembali(self, request, laporan: Laporan, seksi: Seksi):
        """After a write: the fresh fragment for htmx, a redirect (PRG) otherwise."""
        if htmx(request):
            return self.tampil(request, laporan, seksi)
        return redirect(seksi.url, pk=laporan.pk)

    def tambah(self, request, laporan: Laporan, seksi: Seksi):
        """GET: the section page; POST: add a row from the form."""
        if request.method == "GET":
            return self.tampil(request, laporan, seksi)
        form = seksi.form(request.POST, request.FILES, laporan=laporan)
        if form.is_valid():
            try:
                seksi.buat(user=request.user, laporan=laporan, **form.cleaned_data)
            except ValidationError as exc:
                kesalahan_ke_form(form, exc)
            except Ditolak as exc:
                messages.error(request, str(exc))
                return self.kembali(request, laporan, seksi)
            else:
                messages.success(request, f"{seksi.model._meta.verbose_name.capitalize()} ditambahkan.")
                return self.kembali(request, laporan, seksi)
        # htmx swaps only 2xx answers: the fragment with the errors comes back as 200.
        return self.tampil(request, laporan, seksi, form, status=200 if htmx(request) else 400)

    def ubah(self, request, laporan: Laporan, seksi: Seksi, obj: int):
        """GET: the edit form of row `obj` with the part's version and each field as loaded;
        POST: save the fields the user changed (see "no lost update" above)."""
        objek = get_object_or_404(seksi.model, pk=obj, laporan=laporan)
        bagian = seksi.model.bagian_laporan(laporan)
        alasan = alasan_tidak_dapat_diisi(request.user, bagian, seksi.model)
        if alasan:
            messages.error(request, alasan)
            return redirect(seksi.url, pk=laporan.pk)
        konflik = []
        if request.method == "GET":
            form, versi, status = seksi.form(instance=objek, laporan=laporan), bagian.versi, 200
            asal = asal_form(form)
        else:
            form = seksi.form(request.POST, request.FILES, instance=objek, laporan=laporan)
            versi, status, asal = versi_dikirim(request), 400, request.POST.get("asal", "")
            if form.is_valid():
                asal_dict = _asal_dikirim(request)
                diubah = isian_diubah(form, asal_dict)
                tersimpan = seksi.form(instance=seksi.model.objects.get(pk=objek.pk), laporan=laporan)
                if asal_dict is not None and versi != bagian.versi:
                    konflik = konflik_form(tersimpan, asal_dict, diubah, form)
                    versi = bagian.versi  # merged against what is stored now, conflicts aside
                if konflik:
                    form = seksi.form(instance=objek, laporan=laporan, initial={n: form.cleaned_data[n] for n in diubah})
                    asal, status = asal_form(tersimpan), 409
                    messages.error(request, "Isian ini diubah juga oleh pengguna lain setelah Anda membukanya; "
                                            "tidak ada yang disimpan. Pilih nilai yang benar lalu simpan lagi.")
                else:
                    try:
                        seksi.ubah(user=request.user, versi=versi if versi is not None else -1, **{seksi.nama_objek: objek},
                                   **{n: form.cleaned_data[n] for n in diubah})
                    except ValidationError as exc:
                        kesalahan_ke_form(form, exc)
                    except Ditolak as exc:
                        messages.error(request, str(exc))
                        return redirect(seksi.url, pk=laporan.pk)
                    else:
                        messages.success(request, f"{seksi.model._meta.verbose_name.capitalize()} diperbarui.")
                        return redirect(seksi.url, pk=laporan.pk)
        return render(request, self.templat_ubah, {
            "laporan": laporan, "seksi": seksi, "objek": objek, "form": form, "versi": versi, "bagian": bagian,
            "asal": asal, "konflik": konflik, **self.navigasi(laporan),
        }, status=status)

    def hapus(self, request, laporan: Laporan, seksi: Seksi, obj: int):
        objek = get_object_or_404(seksi.model, pk=obj, laporan=laporan)
        try:
            seksi.hapus(user=request.user, versi=versi_dikirim(request), **{seksi.nama_objek: objek})
        except Ditolak as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{seksi.model._meta.verbose_name.capitalize()} dihapus.")
        return self.kembali(request, laporan, seksi)


    def tampilan(self) -> tuple[Callable, Callable, Callable]:
        """The views of a step with several sections, for its urls: the section page (rows + add
        form), the edit page and the delete, each taking (pk, seksi[, obj])."""

        @lingkup_wajib
        @require_http_methods(["GET", "POST"])
        def seksi(request, pk: int, seksi: str):
            return self.tambah(request, *self.ambil(request, pk, seksi))

        @lingkup_wajib
        @require_http_methods(["GET", "POST"])
        def ubah(request, pk: int, seksi: str, obj: int):
            return self.ubah(request, *self.ambil(request, pk, seksi), obj)

        @lingkup_wajib
        @require_POST
        def hapus(request, pk: int, seksi: str, obj: int):
            return self.hapus(request, *self.ambil(request, pk, seksi), obj)

        return seksi, ubah, hapus

# --- document sections -------------------------------------------------------------------------

class PilihDesa(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Wilayah) -> str:
        return obj.nama


class FormDokumen(AngkaAscii, forms.ModelForm):
    """A document-section row's form, bound to its Laporan (model checks need it): `indikator`
    from the catalog, `lokasi` among the Laporan's desa; widgets styled for Bootstrap. It parses
    and gives early feedback; the app's services check everything again."""

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.laporan = laporan
        self.instance.laporan = laporan
        if "indikator" in self.fields:
            self.fields["indikator"].queryset = indikator_katalog()
        if "lokasi" in self.fields:  # the wilayah directly below: desa of a kecamatan, kecamatan of a kab/kota
            self.fields["lokasi"].queryset = Wilayah.objects.filter(induk_id=laporan.wilayah_id).order_by("nama")
        gaya_bootstrap(self)
