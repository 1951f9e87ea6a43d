"""Budget pages (URL names `penandaan:anggaran-*`): summary, drill-down, xlsx export, planning vs
APBD, and the before/after of an APBD perubahan with its PDF.

Query parameters: `wilayah` (code; default the user's first assigned wilayah), `tahun` (budget
year; default the active cycle's year, +1 for perencanaan), `jenis` (perencanaan | murni |
perubahan; default murni), `semua=1` (also unapproved Laporan); the drill-down and export add
`indikator`, `kelompok`, `arah`, `sumber_dana`. Out-of-scope wilayah or Laporan answer 404.
"""
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from aksi.models import Siklus
from aksi.choices import SumberDana
from aksi.selectors import laporan_ambil
from wilayah.choices import Tingkat
from wilayah.lingkup import lingkup_baca, lingkup_wajib
from wilayah.models import Penugasan, Wilayah
from wilayah.selectors import wilayah_akar_lingkup, wilayah_ambil

from ..ekspor import RincianBelanjaEkspor
from ..forms import SaringAnggaran
from ..models import TAHAPAN_PERUBAHAN, ArahSasaran, JenisPenandaan
from ..pdf import dokumen_perubahan
from ..selectors import (
    NOL,
    anggaran_rincian,
    anggaran_ringkas,
    rencana_vs_apbd,
    selisih_perubahan,
    tahun_laporan,
)

NS = "penandaan"
PER_HALAMAN = 50
PER_HALAMAN_PERUBAHAN = 100
JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Saringan:
    """The parsed query parameters, with defaults filled in."""

    wilayah: Wilayah
    tahun: int
    jenis: JenisPenandaan
    semua: bool
    indikator: str = ""
    kelompok: str = ""
    arah: str = ""
    sumber_dana: str = ""

    def query(self, **ubah) -> str:
        nilai = {"wilayah": self.wilayah.kode, "tahun": self.tahun, "jenis": self.jenis.value,
                 "semua": "1" if self.semua else "", "indikator": self.indikator, "kelompok": self.kelompok,
                 "arah": self.arah, "sumber_dana": self.sumber_dana} | ubah
        return urlencode({k: v for k, v in nilai.items() if v not in ("", None)})

    def url(self, nama: str, **ubah) -> str:
        return f"{reverse(f'{NS}:{nama}')}?{self.query(**ubah)}"

    @property
    def filter_rincian(self) -> dict:
        return {"indikator": self.indikator or None, "kelompok": self.kelompok or None,
                "arah": self.arah or None, "sumber_dana": self.sumber_dana or None}


def _wilayah_bawaan(user) -> Wilayah:
    penugasan = Penugasan.objects.filter(user=user, wilayah__isnull=False).select_related("wilayah").first()
    if penugasan is not None:
        return penugasan.wilayah
    akar = wilayah_akar_lingkup(user).order_by("kode").first()  # nation-wide readers: the first province
    if akar is None:
        raise Http404("Anda belum memiliki penugasan wilayah.")
    return akar


def _tahun_bawaan(jenis: JenisPenandaan) -> int:
    tahun = Siklus.objects.filter(aktif=True).values_list("tahun", flat=True).first() or timezone.localdate().year
    return tahun + 1 if jenis == JenisPenandaan.PERENCANAAN else tahun


def _saringan(request) -> Saringan:
    form = SaringAnggaran(request.GET)
    if not form.is_valid():
        salah = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        raise BadRequest(f"Parameter tidak valid: {salah}")
    data = form.cleaned_data
    jenis = JenisPenandaan(data["jenis"] or JenisPenandaan.MURNI)
    wilayah = wilayah_ambil(user=request.user, kode=data["wilayah"]) if data["wilayah"] else _wilayah_bawaan(request.user)
    if wilayah.tingkat > Tingkat.KECAMATAN:
        raise Http404("Penandaan anggaran dimiliki kecamatan, kabupaten/kota dan provinsi.")
    return Saringan(
        wilayah=wilayah, tahun=data["tahun"] or _tahun_bawaan(jenis), jenis=jenis, semua=data["semua"],
        indikator=data["indikator"], kelompok=data["kelompok"], arah=data["arah"], sumber_dana=data["sumber_dana"],
    )


def _navigasi(request, s: Saringan, nama: str) -> dict:
    """Links up (ancestors in scope) and down (the wilayah directly below) keeping the other parameters."""
    lingkup = lingkup_baca(request.user)
    atas = [w for w in s.wilayah.leluhur() if lingkup.mencakup(w.kode)]
    bawah = s.wilayah.anak.order_by("kode") if s.wilayah.tingkat < Tingkat.KECAMATAN else []
    return {
        "atas": [(w, s.url(nama, wilayah=w.kode)) for w in atas],
        "bawah": [(w, s.url(nama, wilayah=w.kode)) for w in bawah],
        "pilihan_jenis": list(JenisPenandaan),
        "pilihan_tahun": sorted({*Siklus.objects.values_list("tahun", flat=True), s.tahun}, reverse=True),
    }


# --- summary and drill-down --------------------------------------------------------------------

@lingkup_wajib
@require_GET
def ringkas(request):
    s = _saringan(request)
    data = anggaran_ringkas(user=request.user, wilayah=s.wilayah, tahun=s.tahun, jenis=s.jenis,
                            termasuk_belum_disetujui=s.semua)

    def dengan_tautan(baris, kunci):
        return [(b, s.url("anggaran-rincian", **{kunci: b.kode}) if b.jumlah_baris else "") for b in baris]

    return render(request, "penandaan/anggaran/ringkas.html", {
        "s": s, "data": data, **_navigasi(request, s, "anggaran-ringkas"),
        "rincian_semua": s.url("anggaran-rincian"),
        "rencana_vs_apbd": s.url("anggaran-rencana-vs-apbd", jenis="") if s.jenis == JenisPenandaan.MURNI else "",
        "rincian": [
            ("Per jenis intervensi (Pergub 45/2025 Pasal 7)", "intervensi", [(b, "") for b in data.per_intervensi]),
            ("Per indikator", "indikator", dengan_tautan(data.per_indikator, "indikator")),
            ("Per kelompok sasaran", "kelompok", dengan_tautan(data.per_kelompok, "kelompok")),
            ("Per arah (ditujukan untuk)", "arah", dengan_tautan(data.per_arah, "arah")),
            ("Per sumber dana", "sumber_dana", dengan_tautan(data.per_sumber_dana, "sumber_dana")),
        ],
    })


def _rincian(request) -> tuple[Saringan, object]:
    s = _saringan(request)
    qs = anggaran_rincian(user=request.user, wilayah=s.wilayah, tahun=s.tahun, jenis=s.jenis,
                          termasuk_belum_disetujui=s.semua, **s.filter_rincian)
    return s, qs


@lingkup_wajib
@require_GET
def rincian(request):
    s, qs = _rincian(request)
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    jumlah = qs.order_by().aggregate(jumlah=Sum("total"), n=Count("id"))
    return render(request, "penandaan/anggaran/rincian.html", {
        "s": s, "halaman": halaman, "total": jumlah["jumlah"] or NOL, "jumlah_baris": jumlah["n"],
        "tahun_laporan": tahun_laporan(s.jenis, s.tahun),
        "query_halaman": s.query(), "ekspor": s.url("anggaran-ekspor"), "kembali": s.url(
            "anggaran-ringkas", indikator="", kelompok="", arah="", sumber_dana=""),
        "saring_aktif": [(lbl, v) for lbl, v in (("Indikator", s.indikator), ("Kelompok sasaran", s.kelompok),
                                                 ("Arah", ArahSasaran(s.arah).label if s.arah else ""),
                                                 ("Sumber dana", SumberDana(s.sumber_dana).label if s.sumber_dana else "")) if v],
    })


@lingkup_wajib
@require_GET
def ekspor(request):
    """The drill-down lines as xlsx (streamed from a temporary file)."""
    s, qs = _rincian(request)
    return RincianBelanjaEkspor(qs, nama_berkas=f"anggaran-{s.jenis.value}-{s.tahun}-{s.wilayah.kode}").respons()


# --- planning vs APBD --------------------------------------------------------------------------

@lingkup_wajib
@require_GET
def rencana_apbd(request):
    s = _saringan(request)
    data = rencana_vs_apbd(user=request.user, wilayah=s.wilayah, tahun=s.tahun, termasuk_belum_disetujui=s.semua)
    hanya_belum = request.GET.get("belum") == "1"  # planned subkegiatan the APBD did not fund
    return render(request, "penandaan/anggaran/rencana_vs_apbd.html", {
        "s": s, "data": data, **_navigasi(request, s, "anggaran-rencana-vs-apbd"),
        "hanya_belum": hanya_belum,
        "subkegiatan": [b for b in data.per_subkegiatan if not hanya_belum or (b.direncanakan and not b.didanai)],
        "tautan_rencana": s.url("anggaran-ringkas", jenis=JenisPenandaan.PERENCANAAN.value),
        "tautan_apbd": s.url("anggaran-ringkas", jenis=JenisPenandaan.MURNI.value),
        "query": s.query(jenis=""),
    })


# --- APBD perubahan ----------------------------------------------------------------------------

def _laporan_perubahan(request, pk: int):
    laporan = laporan_ambil(user=request.user, pk=pk)  # 404 outside the user's scope
    if laporan.tahapan_id != TAHAPAN_PERUBAHAN:
        raise Http404("Perbandingan sebelum/sesudah hanya untuk penandaan pasca perubahan APBD.")
    return laporan


@lingkup_wajib
@require_GET
def perubahan(request, pk: int):
    laporan = _laporan_perubahan(request, pk)
    hanya_berubah = request.GET.get("berubah") == "1"
    data = selisih_perubahan(laporan, hanya_berubah=hanya_berubah)
    halaman = Paginator(data.baris, PER_HALAMAN_PERUBAHAN).get_page(request.GET.get("halaman"))
    return render(request, "penandaan/anggaran/perubahan.html", {
        "laporan": laporan, "data": data, "halaman": halaman, "hanya_berubah": hanya_berubah,
    })


@lingkup_wajib
@require_GET
def perubahan_pdf(request, pk: int):
    laporan = _laporan_perubahan(request, pk)
    respons = HttpResponse(dokumen_perubahan(laporan), content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="penandaan-perubahan-{laporan.tahun}-{laporan.wilayah_id}.pdf"'
    respons["Cache-Control"] = "private, no-store"
    return respons
