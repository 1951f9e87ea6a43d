"""Pages of the Analisis situasi documents: one page per section (list + add form), an edit
page per row, delete, the meeting minutes download, and the kab/kota (provinsi) overview of
the regions below. Views parse, call services_analisis, and render; every Laporan comes
through `laporan_ambil`, so anything outside the user's scope answers 404.

htmx: the add and delete forms post with hx-post and get back the section's fragment
(`_isi_seksi.html`); without JavaScript they post normally and are redirected (PRG).
"""
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from indikator.katalog import Item, cakupan_persen, daftar_item
from indikator.models import JenisPenyebut, NilaiDesa
from wilayah.choices import PANJANG_KODE, Tingkat
from wilayah.models import Wilayah

from . import forms_analisis as f
from . import services_analisis as s
from .choices import StatusLaporan
from .models import Laporan
from .models_analisis import (
    TAHAPAN_ANALISIS, DokumenAnalisis, HasilPengukuran, MasalahLayanan, ProgramKegiatan, Rapat, Rekomendasi,
    TargetCakupan, TargetPrevalensi, UsulanProgram,
)
from .selectors import laporan_ambil
from .services import AksiDitolak


@dataclass(frozen=True)
class Seksi:
    """One section of the document: its model, form, services and page texts."""

    slug: str
    judul: str
    keterangan: str
    model: type[DokumenAnalisis]
    form: type[f.FormAnalisis]
    buat: Callable
    ubah: Callable
    hapus: Callable
    nama_objek: str  # the keyword ubah/hapus take the row by
    terkait: tuple[str, ...] = ()
    banyak: tuple[str, ...] = ()

    @property
    def nama_isian(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def url(self) -> str:
        return f"aksi:analisis-{self.slug}"

    @property
    def url_ubah(self) -> str:
        return f"aksi:analisis-{self.slug}-ubah"

    @property
    def url_hapus(self) -> str:
        return f"aksi:analisis-{self.slug}-hapus"

    @property
    def templat_tabel(self) -> str:
        return f"aksi/analisis/_tabel_{self.slug}.html"

    def entri(self, laporan: Laporan):
        return self.model.objects.filter(laporan=laporan).select_related(*self.terkait).prefetch_related(*self.banyak)


DAFTAR_SEKSI = [
    Seksi("program", "Program/kegiatan berjalan",
          "Inventarisasi dan pemetaan program/kegiatan yang berjalan per indikator (PJ Sekretariat Kecamatan).",
          ProgramKegiatan, f.ProgramKegiatanForm, s.program_buat, s.program_ubah, s.program_hapus, "program",
          terkait=("indikator",), banyak=("lokasi",)),
    Seksi("masalah", "Masalah dan kendala layanan",
          "Masalah dan kendala cakupan layanan dari sisi penerima layanan, ketersediaan layanan dan tata kelola.",
          MasalahLayanan, f.MasalahLayananForm, s.masalah_buat, s.masalah_ubah, s.masalah_hapus, "masalah",
          terkait=("indikator",)),
    Seksi("rekomendasi", "Rekomendasi", "Rekomendasi per indikator atau umum.",
          Rekomendasi, f.RekomendasiForm, s.rekomendasi_buat, s.rekomendasi_ubah, s.rekomendasi_hapus, "rekomendasi",
          terkait=("indikator",)),
    Seksi("usulan", "Usulan program/kegiatan", "Usulan program/kegiatan untuk perencanaan berikutnya.",
          UsulanProgram, f.UsulanProgramForm, s.usulan_buat, s.usulan_ubah, s.usulan_hapus, "usulan",
          terkait=("indikator",), banyak=("lokasi",)),
    Seksi("pengukuran", "Hasil pengukuran balita",
          "Hasil pengukuran balita bulan Agustus tahun sebelumnya per wilayah di bawahnya (Dinas Kesehatan).",
          HasilPengukuran, f.HasilPengukuranForm, s.pengukuran_buat, s.pengukuran_ubah, s.pengukuran_hapus, "pengukuran",
          terkait=("wilayah",)),
    Seksi("target-prevalensi", "Target prevalensi stunting", "Target prevalensi dari RPJPD, RPJMD dan RKPD (Bappeda).",
          TargetPrevalensi, f.TargetPrevalensiForm, s.target_prevalensi_buat, s.target_prevalensi_ubah,
          s.target_prevalensi_hapus, "target"),
    Seksi("target-cakupan", "Target cakupan layanan", "Target cakupan layanan per indikator (Bappeda).",
          TargetCakupan, f.TargetCakupanForm, s.target_cakupan_buat, s.target_cakupan_ubah, s.target_cakupan_hapus,
          "target", terkait=("indikator",)),
    Seksi("rapat", "Rapat", "Rapat lintas OPD terintegrasi dan rapat internal OPD, dengan notulennya (Bappeda).",
          Rapat, f.RapatForm, s.rapat_buat, s.rapat_ubah, s.rapat_hapus, "rapat"),
]
SEKSI = {seksi.slug: seksi for seksi in DAFTAR_SEKSI}


# --- helpers ---------------------------------------------------------------------------------

def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _ambil(request, pk: int, slug: str) -> tuple[Laporan, Seksi]:
    laporan = laporan_ambil(user=request.user, pk=pk)
    seksi = SEKSI[slug]
    if not s.berlaku_untuk(laporan, seksi.model):
        raise Http404("Bagian dokumen ini tidak ada pada laporan tersebut.")
    return laporan, seksi


def _seksi_laporan(laporan: Laporan) -> list[Seksi]:
    return [seksi for seksi in DAFTAR_SEKSI if s.berlaku_untuk(laporan, seksi.model)]


def _versi(request) -> int | None:
    try:
        return int(request.POST.get("versi", ""))
    except ValueError:
        return None


def _kesalahan_ke_form(form, exc: ValidationError) -> None:
    """Service errors onto the form: on the field where the form has it, else at the top."""
    for nama, pesan in exc.message_dict.items():
        if nama in form.fields:
            form.add_error(nama, pesan)
        elif nama == NON_FIELD_ERRORS:
            form.add_error(None, pesan)
        else:
            form.add_error(None, [f"{nama}: {p}" for p in pesan])


def _konteks(request, laporan: Laporan, seksi: Seksi, form=None) -> dict:
    bagian = seksi.model.bagian_laporan(laporan)
    alasan = s.alasan_tidak_dapat_diisi(request.user, bagian, seksi.model)
    if alasan is None and form is None:
        form = seksi.form(laporan=laporan)
    konteks = {
        "laporan": laporan, "seksi": seksi, "daftar_seksi": _seksi_laporan(laporan), "bagian": bagian,
        "dapat_isi": alasan is None, "alasan": alasan, "form": form, "entri": seksi.entri(laporan),
        "sebagian": _htmx(request),
    }
    if seksi.model is HasilPengukuran:
        konteks["jumlah"] = _jumlah_pengukuran(laporan)
    return konteks


def _jumlah_pengukuran(laporan: Laporan) -> dict:
    jumlah = HasilPengukuran.objects.filter(laporan=laporan).aggregate(diukur=Sum("jumlah_diukur"), stunting=Sum("jumlah_stunting"))
    jumlah["prevalensi"] = HasilPengukuran(
        jumlah_diukur=jumlah["diukur"] or 0, jumlah_stunting=jumlah["stunting"] or 0,
    ).prevalensi
    return jumlah


def _tampil(request, laporan: Laporan, seksi: Seksi, form=None, status: int = 200):
    templat = "aksi/analisis/_isi_seksi.html" if _htmx(request) else "aksi/analisis/seksi.html"
    return render(request, templat, _konteks(request, laporan, seksi, form), status=status)


def _kembali(request, laporan: Laporan, seksi: Seksi):
    """After a write: the fresh fragment for htmx, a redirect (PRG) otherwise."""
    if _htmx(request):
        return _tampil(request, laporan, seksi)
    return redirect(seksi.url, pk=laporan.pk)


# --- sections ------------------------------------------------------------------------------------

@login_required
def ringkasan(request, pk: int):
    """The document's sections at this level, with their part's state and number of rows."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_ANALISIS or laporan.wilayah.tingkat not in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Laporan ini bukan laporan analisis situasi.")
    baris = [(seksi, seksi.model.bagian_laporan(laporan), seksi.model.objects.filter(laporan=laporan).count())
             for seksi in _seksi_laporan(laporan)]
    return render(request, "aksi/analisis/ringkasan.html", {
        "laporan": laporan, "baris": baris, "daftar_seksi": _seksi_laporan(laporan),
    })


@login_required
@require_http_methods(["GET", "POST"])
def seksi(request, pk: int, seksi: str):
    """A section: its rows and, for whoever may fill the part now, the add form."""
    laporan, sk = _ambil(request, pk, seksi)
    if request.method == "GET":
        return _tampil(request, laporan, sk)
    form = sk.form(request.POST, request.FILES, laporan=laporan)
    if form.is_valid():
        try:
            sk.buat(user=request.user, laporan=laporan, **form.cleaned_data)
        except ValidationError as exc:
            _kesalahan_ke_form(form, exc)
        except AksiDitolak as exc:
            messages.error(request, str(exc))
            return _kembali(request, laporan, sk)
        else:
            messages.success(request, f"{sk.model._meta.verbose_name.capitalize()} ditambahkan.")
            return _kembali(request, laporan, sk)
    # htmx swaps only 2xx answers: the fragment with the errors comes back as 200.
    return _tampil(request, laporan, sk, form, status=200 if _htmx(request) else 400)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request, pk: int, seksi: str, obj: int):
    laporan, sk = _ambil(request, pk, seksi)
    objek = get_object_or_404(sk.model, pk=obj, laporan=laporan)
    bagian = sk.model.bagian_laporan(laporan)
    alasan = s.alasan_tidak_dapat_diisi(request.user, bagian, sk.model)
    if alasan:
        messages.error(request, alasan)
        return redirect(sk.url, pk=laporan.pk)
    if request.method == "GET":
        form, versi, status = sk.form(instance=objek, laporan=laporan), bagian.versi, 200
    else:
        form, versi, status = sk.form(request.POST, request.FILES, instance=objek, laporan=laporan), _versi(request), 400
        if form.is_valid():
            try:
                sk.ubah(user=request.user, versi=versi if versi is not None else -1, **{sk.nama_objek: objek}, **form.cleaned_data)
            except ValidationError as exc:
                _kesalahan_ke_form(form, exc)
            except AksiDitolak as exc:
                messages.error(request, str(exc))
                return redirect(sk.url, pk=laporan.pk)
            else:
                messages.success(request, f"{sk.model._meta.verbose_name.capitalize()} diperbarui.")
                return redirect(sk.url, pk=laporan.pk)
    return render(request, "aksi/analisis/ubah.html", {
        "laporan": laporan, "seksi": sk, "objek": objek, "form": form, "versi": versi, "bagian": bagian,
        "daftar_seksi": _seksi_laporan(laporan),
    }, status=status)


@login_required
@require_POST
def hapus(request, pk: int, seksi: str, obj: int):
    laporan, sk = _ambil(request, pk, seksi)
    objek = get_object_or_404(sk.model, pk=obj, laporan=laporan)
    try:
        sk.hapus(user=request.user, versi=_versi(request), **{sk.nama_objek: objek})
    except AksiDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{sk.model._meta.verbose_name.capitalize()} dihapus.")
    return _kembali(request, laporan, sk)


@login_required
def notulen(request, pk: int, obj: int):
    """The minutes of a meeting, only to readers of the Laporan (the file name on disk is never shown)."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    rapat = get_object_or_404(Rapat, pk=obj, laporan=laporan)
    if not rapat.notulen:
        raise Http404("Rapat ini belum memiliki notulen.")
    ekstensi = rapat.notulen.name.rsplit(".", 1)[-1]
    return FileResponse(rapat.notulen.open("rb"), filename=f"notulen-{rapat.tanggal:%Y-%m-%d}.{ekstensi}")


# --- the regions below (kab/kota and provinsi) --------------------------------------------------

@dataclass
class Cakupan:
    item: Item
    pembilang: int | None = None
    penyebut: int | None = None

    @property
    def hitungan(self) -> bool:
        return self.item.jenis_penyebut == JenisPenyebut.HITUNGAN

    @property
    def persen(self) -> float | None:
        return None if self.hitungan else cakupan_persen(self.pembilang, self.penyebut)


@dataclass
class BarisBawah:
    wilayah: Wilayah | None  # None: the total of the Laporan's wilayah
    laporan: Laporan | None = None
    kecamatan_disetujui: int = 0
    cakupan: list[Cakupan] = field(default_factory=list)


def _tambah(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else a + b


def ringkasan_bawah(laporan: Laporan) -> tuple[list[Item], list[BarisBawah], BarisBawah]:
    """The regions directly below a kab/kota (or provinsi) Laporan's wilayah: their own analisis
    situasi Laporan of the year and their coverage per indicator.

    Coverage comes from the desa values of APPROVED kecamatan Laporan only (under a kab/kota
    of a provinsi: its approved kecamatan), summed per region with GROUP BY on the code prefix:
    sum of numerators / sum of denominators. C5 is a count; F6 counts the desa with value 1
    over all desa/kelurahan of the approved kecamatan.
    """
    induk = laporan.wilayah
    tingkat_anak = induk.tingkat + 1
    panjang = PANJANG_KODE[tingkat_anak]
    anak = list(Wilayah.objects.filter(induk_id=induk.kode).order_by("kode"))
    laporan_anak = {
        lap.wilayah_id: lap
        for lap in Laporan.objects.filter(tahun=laporan.tahun, tahapan_id=laporan.tahapan_id, wilayah__in=anak)
    }
    disetujui = Laporan.objects.filter(
        tahun=laporan.tahun, tahapan_id=laporan.tahapan_id, status=StatusLaporan.DISETUJUI,
        wilayah__tingkat=Tingkat.KECAMATAN, wilayah__kode__startswith=f"{induk.kode}.",
    )
    jumlah_disetujui = dict(
        disetujui.order_by().annotate(kode_anak=Substr("wilayah_id", 1, panjang)).values("kode_anak")
        .annotate(n=Count("id")).values_list("kode_anak", "n")
    )
    jumlah_desa = dict(
        Wilayah.objects.filter(tingkat=Tingkat.DESA, induk_id__in=disetujui.values("wilayah_id")).order_by()
        .annotate(kode_anak=Substr("kode", 1, panjang)).values("kode_anak").annotate(n=Count("kode")).values_list("kode_anak", "n")
    )
    nilai: dict[tuple[str, str], int] = {}
    ya: dict[tuple[str, str], int] = defaultdict(int)
    for baris in (
        NilaiDesa.objects.filter(laporan__in=disetujui).order_by()
        .annotate(kode_anak=Substr("laporan__wilayah_id", 1, panjang)).values("kode_anak", "item")
        .annotate(jumlah=Sum("nilai"), ya=Count("id", filter=Q(nilai=1)))
    ):
        nilai[(baris["kode_anak"], baris["item"])] = baris["jumlah"]
        ya[(baris["kode_anak"], baris["item"])] = baris["ya"]

    indikator = [i for i in daftar_item() if i.jenis == "capaian"]
    hasil = []
    for w in anak:
        adakah = jumlah_disetujui.get(w.kode, 0) > 0
        cakupan = []
        for item in indikator:
            if not adakah:
                cakupan.append(Cakupan(item))
            elif item.jenis_penyebut == JenisPenyebut.DESA:
                cakupan.append(Cakupan(item, ya.get((w.kode, item.kode), 0), jumlah_desa.get(w.kode, 0)))
            elif item.jenis_penyebut == JenisPenyebut.HITUNGAN:
                cakupan.append(Cakupan(item, nilai.get((w.kode, item.kode))))
            else:
                penyebut = None
                for kode in item.penyebut:
                    penyebut = _tambah(penyebut, nilai.get((w.kode, kode)))
                cakupan.append(Cakupan(item, nilai.get((w.kode, item.kode)), penyebut))
        hasil.append(BarisBawah(w, laporan_anak.get(w.kode), jumlah_disetujui.get(w.kode, 0), cakupan))

    total = BarisBawah(None, None, sum(jumlah_disetujui.values()), [
        Cakupan(item,
                _jumlah_kolom(b.cakupan[i].pembilang for b in hasil),
                _jumlah_kolom(b.cakupan[i].penyebut for b in hasil))
        for i, item in enumerate(indikator)
    ])
    return indikator, hasil, total


def _jumlah_kolom(angka) -> int | None:
    hasil = None
    for a in angka:
        hasil = _tambah(hasil, a)
    return hasil


@login_required
def analisis_bawah(request, pk: int):
    """For a kab/kota (provinsi) Laporan: the kecamatan (kab/kota) below, their state and coverage."""
    laporan = laporan_ambil(user=request.user, pk=pk)
    if laporan.tahapan_id != TAHAPAN_ANALISIS or laporan.wilayah.tingkat not in (Tingkat.KABKOTA, Tingkat.PROVINSI):
        raise Http404("Ringkasan wilayah di bawahnya hanya ada pada analisis situasi kabupaten/kota dan provinsi.")
    indikator, baris, total = ringkasan_bawah(laporan)
    return render(request, "aksi/analisis/bawah.html", {
        "laporan": laporan, "indikator": indikator, "baris": baris, "total": total,
        "daftar_seksi": _seksi_laporan(laporan),
        "provinsi": laporan.wilayah.tingkat == Tingkat.PROVINSI,
        "label_anak": "Kabupaten/kota" if laporan.wilayah.tingkat == Tingkat.PROVINSI else "Kecamatan",
        # rows = indicators, columns = regions: (item, [cell per region], total cell)
        "matriks": [(item, [b.cakupan[i] for b in baris], total.cakupan[i]) for i, item in enumerate(indikator)],
    })
