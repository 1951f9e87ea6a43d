"""Pages of budget tagging: the Laporan's spending lines grouped program → kegiatan →
subkegiatan with subtotals, add/edit/delete of a line, and the SIPD .xlsx template and import.

Views parse, call penandaan.services / penandaan.selectors / penandaan.sipd, and render. Every Laporan comes through
`laporan_ambil`, so anything outside the user's scope answers 404; a user who may not write a
unit's part sees its lines read-only.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aksi.dokumen import alasan_tidak_dapat_diisi
from aksi.models import BagianLaporan, Laporan
from aksi.selectors import SEMUA_UNIT, laporan_ambil, unit_peran
from inti.ekspor import JENIS_XLSX
from inti.forms import kesalahan_ke_form, versi_dikirim
from inti.galat import Ditolak, IsianTidakValid, Kesalahan
from wilayah.lingkup import lingkup_wajib
from wilayah.choices import Peran

from .. import isian
from .. import services as s
from ..forms import ImporForm, RincianForm
from ..models import RincianBelanja
from ..selectors import alasan_tidak_dapat_diubah, bagian_rincian
from ..sipd import buat_templat, impor_sipd

SEMUA = "semua"
BATAS_TAMPIL = 2000  # above this many lines the page shows the subtotals only


# --- helpers ---------------------------------------------------------------------------------------

def _laporan(request, pk: int) -> Laporan:
    laporan = laporan_ambil(user=request.user, pk=pk)
    if isian.jenis_penandaan(laporan) is None:
        raise Http404("Laporan ini bukan laporan penandaan anggaran.")
    return laporan


@dataclass
class Bagian:
    """A part of the Laporan as the page shows it: state, lines, and whether the user may write it."""

    bagian: BagianLaporan
    alasan: str | None  # why the user may not write it (None: they may)
    jumlah: int = 0
    total: Decimal = Decimal(0)

    @property
    def dapat_isi(self) -> bool:
        return self.alasan is None


def _bagian(request, laporan: Laporan) -> list[Bagian]:
    hitung = {
        b["unit_id"]: b for b in RincianBelanja.objects.filter(laporan=laporan).order_by().values("unit_id")
        .annotate(jumlah=Count("id"), total=Sum("total", filter=Q(dihapus=False)))
    }
    hasil = []
    for b in laporan.bagian.select_related("unit", "diubah_oleh"):
        b.laporan = laporan
        h = hitung.get(b.unit_id, {})
        hasil.append(Bagian(b, alasan_tidak_dapat_diisi(request.user, b, RincianBelanja),
                            h.get("jumlah", 0), h.get("total") or Decimal(0)))
    return hasil


def _unit_dapat_diisi(bagian: list[Bagian]) -> list:
    return [b.bagian.unit for b in bagian if b.dapat_isi and b.bagian.unit_id]


def _unit_bawaan(user, laporan: Laporan, bagian: list[Bagian]) -> str:
    """The unit filter a user starts with: its own unit when it serves exactly one part."""
    milik = set()
    for peran in (Peran.OPERATOR, Peran.VERIFIKATOR):
        unit = unit_peran(user, laporan.wilayah, peran)
        if unit is SEMUA_UNIT:
            return SEMUA
        milik |= unit
    milik &= {b.bagian.unit_id for b in bagian}
    return milik.pop() if len(milik) == 1 else SEMUA


def _ke_daftar(laporan: Laporan, unit: str | None = None):
    url = reverse("penandaan:rincian", args=[laporan.pk])
    return redirect(f"{url}?unit={unit}" if unit else url)


# --- grouping --------------------------------------------------------------------------------------

@dataclass
class Grup:
    """A program, kegiatan or subkegiatan with the sum of its lines (after/before on perubahan)."""

    tingkat: str  # "program" | "kegiatan" | "subkegiatan"
    kode: str
    nama: str
    total: Decimal = Decimal(0)
    sebelum: Decimal = Decimal(0)
    jumlah: int = 0


@dataclass
class Rekap:
    baris: list[tuple[str, object]] = field(default_factory=list)  # ("grup", Grup) or ("rincian", RincianBelanja)
    total: Decimal = Decimal(0)
    sebelum: Decimal = Decimal(0)
    jumlah: int = 0
    ringkas: bool = False  # too many lines: subtotals only


TINGKAT_GRUP = ("program", "kegiatan", "subkegiatan")


def rekap_rincian(qs, *, dapat_isi: dict[str, bool], versi: dict[str, int], ringkas: bool = False) -> Rekap:
    """Lines (ordered program → kegiatan → subkegiatan) with a header row and subtotal per group.

    Each line gets `dapat_isi` (the user may write its part) and `versi_bagian` for its forms.
    """
    rekap = Rekap(ringkas=ringkas)
    kunci: list[tuple | None] = [None, None, None]
    grup: list[Grup | None] = [None, None, None]
    for r in qs:
        # a key includes its parents, so a new program also opens a new kegiatan and subkegiatan
        baru = [(r.kode_program,), (r.kode_program, r.kode_kegiatan), (r.kode_program, r.kode_kegiatan, r.kode_subkegiatan)]
        nama = [(r.kode_program, r.nama_program), (r.kode_kegiatan, r.nama_kegiatan), (r.kode_subkegiatan, r.nama_subkegiatan)]
        for i, tingkat in enumerate(TINGKAT_GRUP):
            if kunci[i] != baru[i]:
                kunci[i], grup[i] = baru[i], Grup(tingkat, *nama[i])
                rekap.baris.append(("grup", grup[i]))
        sesudah = Decimal(0) if r.dihapus else r.total
        sebelum = r.asal.total if r.asal_id else Decimal(0)
        for g in grup:
            g.total += sesudah
            g.sebelum += sebelum
            g.jumlah += 1
        rekap.total += sesudah
        rekap.sebelum += sebelum
        rekap.jumlah += 1
        if not ringkas:
            r.dapat_isi = dapat_isi.get(r.unit_id, False)
            r.versi_bagian = versi.get(r.unit_id)
            r.desimal_volume = max(0, -r.volume.normalize().as_tuple().exponent)  # 2,5 not 2,50
            rekap.baris.append(("rincian", r))
    return rekap


# --- pages -----------------------------------------------------------------------------------------

@lingkup_wajib
@require_GET
def rincian(request, pk: int):
    """The Laporan's lines (all units or one), grouped with subtotals; the parts and their state."""
    laporan = _laporan(request, pk)
    bagian = _bagian(request, laporan)
    info = None
    if isian.perubahan(laporan) and not any(b.jumlah for b in bagian) and _unit_dapat_diisi(bagian):
        info = _mulai_perubahan(request, laporan)
        if info is None:
            bagian = _bagian(request, laporan)
    unit = request.GET.get("unit") or _unit_bawaan(request.user, laporan, bagian)
    kode_unit = {b.bagian.unit_id for b in bagian}
    if unit != SEMUA and unit not in kode_unit:
        unit = SEMUA
    qs = RincianBelanja.objects.filter(laporan=laporan).select_related("unit", "indikator", "kelompok", "asal")
    if unit != SEMUA:
        qs = qs.filter(unit_id=unit)
    jumlah = sum(b.jumlah for b in bagian if unit in (SEMUA, b.bagian.unit_id))
    rekap = rekap_rincian(
        qs, dapat_isi={b.bagian.unit_id: b.dapat_isi for b in bagian}, versi={b.bagian.unit_id: b.bagian.versi for b in bagian},
        ringkas=jumlah > BATAS_TAMPIL,
    )
    return render(request, "penandaan/rincian/daftar.html", {
        "laporan": laporan, "bagian": bagian, "unit": unit, "rekap": rekap,
        "dapat_tambah": bool(_unit_dapat_diisi(bagian)), "perubahan": isian.perubahan(laporan),
        "jenis": isian.jenis_penandaan(laporan), "info": info, "batas_tampil": BATAS_TAMPIL,
        "form_impor": _form_impor(bagian),
    })


def _form_impor(bagian: list[Bagian]) -> ImporForm:
    """The import form; with a single fillable part it carries that part's versi (no lost update)."""
    pilihan = _unit_dapat_diisi(bagian)
    versi = next((b.bagian.versi for b in bagian if len(pilihan) == 1 and b.bagian.unit_id == pilihan[0].pk), None)
    return ImporForm(unit_pilihan=pilihan, initial={"versi": versi})


def _mulai_perubahan(request, laporan: Laporan) -> str | None:
    """An empty APBD perubahan Laporan starts as a copy of the approved murni lines."""
    try:
        jumlah = s.perubahan_mulai(user=request.user, laporan_perubahan=laporan)
    except Ditolak as exc:
        return str(exc)
    if jumlah:
        messages.info(request, f"{jumlah} rincian belanja disalin dari penandaan APBD murni yang disetujui.")
    return None


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def tambah(request, pk: int):
    laporan = _laporan(request, pk)
    bagian = _bagian(request, laporan)
    unit_pilihan = _unit_dapat_diisi(bagian)
    if not unit_pilihan:
        alasan = next((b.alasan for b in bagian if b.alasan), "Anda tidak dapat menambah rincian belanja pada laporan ini.")
        messages.error(request, alasan)
        return _ke_daftar(laporan)
    status = 200
    if request.method == "GET":
        form = RincianForm(unit_pilihan=unit_pilihan, initial={"unit": request.GET.get("unit")})
    else:
        form = RincianForm(request.POST, unit_pilihan=unit_pilihan)
        status = 400
        if form.is_valid():
            unit = form.cleaned_data.get("unit") or (unit_pilihan[0] if len(unit_pilihan) == 1 else None)
            try:
                baru = s.rincian_buat(user=request.user, laporan=laporan, unit=unit, **form.isian())
            except ValidationError as exc:
                kesalahan_ke_form(form, exc, label=isian.LABEL)
            except Ditolak as exc:
                messages.error(request, str(exc))
                return _ke_daftar(laporan)
            else:
                messages.success(request, f"Rincian belanja {baru.kode_rekening} ditambahkan.")
                if "lagi" in request.POST:
                    return redirect("penandaan:tambah", pk=laporan.pk)
                return _ke_daftar(laporan, baru.unit_id)
    return render(request, "penandaan/rincian/form.html", {
        "laporan": laporan, "form": form, "objek": None, "judul": "Tambah rincian belanja",
    }, status=status)


@lingkup_wajib
@require_http_methods(["GET", "POST"])
def ubah(request, pk: int, obj: int):
    laporan = _laporan(request, pk)
    objek = get_object_or_404(RincianBelanja.objects.select_related("unit", "indikator", "kelompok", "asal"),
                              pk=obj, laporan=laporan)
    bagian = bagian_rincian(laporan, objek.unit_id)
    alasan = alasan_tidak_dapat_diubah(request.user, laporan, objek.unit_id)
    if alasan is None and objek.dihapus:
        alasan = "Rincian ini ditandai dihapus pada perubahan APBD; pulihkan dulu bila ingin mengubahnya."
    konteks = {"laporan": laporan, "objek": objek, "bagian": bagian, "judul": "Rincian belanja", "alasan": alasan,
               "perubahan": isian.perubahan(laporan)}
    if alasan:  # read-only
        if request.method == "POST":
            messages.error(request, alasan)
            return _ke_daftar(laporan, objek.unit_id)
        return render(request, "penandaan/rincian/form.html", konteks | {"form": None})
    status = 200
    if request.method == "GET":
        form, versi = RincianForm(instance=objek), bagian.versi
    else:
        form, versi, status = RincianForm(request.POST, instance=objek), versi_dikirim(request), 400
        if form.is_valid():
            try:
                s.rincian_ubah(user=request.user, rincian=objek, versi=versi if versi is not None else -1, **form.isian())
            except ValidationError as exc:
                kesalahan_ke_form(form, exc, label=isian.LABEL)
            except Ditolak as exc:
                messages.error(request, str(exc))
                return _ke_daftar(laporan, objek.unit_id)
            else:
                messages.success(request, f"Rincian belanja {objek.kode_rekening} diperbarui.")
                return _ke_daftar(laporan, objek.unit_id)
    return render(request, "penandaan/rincian/form.html", konteks | {
        "form": form, "versi": versi, "judul": "Ubah rincian belanja",
    }, status=status)


@lingkup_wajib
@require_POST
def hapus(request, pk: int, obj: int):
    laporan = _laporan(request, pk)
    objek = get_object_or_404(RincianBelanja, pk=obj, laporan=laporan)
    objek.laporan = laporan
    try:
        s.rincian_hapus(user=request.user, rincian=objek, versi=versi_dikirim(request))
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Rincian belanja {objek.kode_rekening} dihapus.")
    return _ke_daftar(laporan, objek.unit_id)


@lingkup_wajib
@require_POST
def pulihkan(request, pk: int, obj: int):
    laporan = _laporan(request, pk)
    objek = get_object_or_404(RincianBelanja, pk=obj, laporan=laporan)
    objek.laporan = laporan
    try:
        s.rincian_pulihkan(user=request.user, rincian=objek, versi=versi_dikirim(request))
    except Ditolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Rincian belanja {objek.kode_rekening} dipulihkan.")
    return _ke_daftar(laporan, objek.unit_id)


@lingkup_wajib
@require_GET
def templat(request, pk: int):
    laporan = _laporan(request, pk)
    respons = HttpResponse(buat_templat(), content_type=JENIS_XLSX)
    respons["Content-Disposition"] = f'attachment; filename="rincian-belanja-{laporan.tahapan_id}-{laporan.tahun}.xlsx"'
    return respons


@lingkup_wajib
@require_POST
def impor(request, pk: int):
    laporan = _laporan(request, pk)
    bagian = _bagian(request, laporan)
    unit_pilihan = _unit_dapat_diisi(bagian)
    form = ImporForm(request.POST, request.FILES, unit_pilihan=unit_pilihan)
    berkas = request.FILES.get("berkas")
    try:
        if not form.is_valid():
            raise IsianTidakValid([
                Kesalahan(pesan, lokasi=str(form.fields[nama].label) if nama in form.fields else "")
                for nama, daftar in form.errors.items() for pesan in daftar
            ])
        hasil = impor_sipd(user=request.user, laporan=laporan, berkas=form.cleaned_data["berkas"],
                           unit=form.cleaned_data.get("unit") or (unit_pilihan[0] if len(unit_pilihan) == 1 else None),
                           mode=form.cleaned_data["mode"] or "ganti",
                           versi=form.cleaned_data.get("versi"))
    except IsianTidakValid as exc:
        return render(request, "penandaan/rincian/impor_gagal.html", {
            "laporan": laporan, "kesalahan": exc.kesalahan, "nama_berkas": getattr(berkas, "name", ""),
        }, status=400)
    except Ditolak as exc:
        messages.error(request, str(exc))
        return _ke_daftar(laporan)
    pesan = f"{hasil.dibuat} rincian belanja diimpor (total Rp{isian.teks_angka(hasil.total)})"
    if hasil.dihapus:
        pesan += f"; {hasil.dihapus} rincian lama diganti"
    if hasil.ditandai_dihapus:
        pesan += f"; {hasil.ditandai_dihapus} rincian APBD murni yang tidak ada di berkas ditandai dihapus"
    messages.success(request, pesan + ".")
    return _ke_daftar(laporan, hasil.unit)
