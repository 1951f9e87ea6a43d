"""APBD perubahan (DOMAIN.md §4.3): start the revision from the approved murni tags, and show
before/after per line, per indicator and in total.

A perubahan Laporan starts as a copy of every line of the APPROVED murni Laporan of the same
year and wilayah, each copy pointing at its murni line through `asal`. Operators then change
only what the revision changed; a removed line is kept with `dihapus=True` (after = 0), a line
new in the revision has no `asal` (before = 0). Before = the asal line's total, after = the
line's own total. Everything is computed with aggregate queries: a kab/kota has thousands of lines.
"""
from inti.galat import Ditolak
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import BooleanField, Case, Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation

from aksi.models import Laporan
from indikator.models import IndikatorCapaian
from inti.pdf import ZONA_WAKTU, render_pdf
from inti.services import audit_catat
from wilayah.choices import Izin
from wilayah.lingkup import lingkup_baca
from wilayah.selectors import boleh_bertindak

from .models import TAHAPAN_PENANDAAN, JenisPenandaan, RincianBelanja

# kind -> tahapan code (fixtures/tahapan.json)
KODE_TAHAPAN = {jenis: kode for kode, jenis in TAHAPAN_PENANDAAN.items()}
TAHAPAN_MURNI = KODE_TAHAPAN[JenisPenandaan.MURNI]
TAHAPAN_PERUBAHAN = KODE_TAHAPAN[JenisPenandaan.PERUBAHAN]

NOL = Decimal("0.00")
_RUPIAH = DecimalField(max_digits=19, decimal_places=2)

# Fields copied from a murni line into its perubahan copy (everything that describes the line).
KOLOM_SALIN = (
    "unit_id", "kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan", "kode_subkegiatan",
    "nama_subkegiatan", "kode_rekening", "uraian", "volume", "satuan", "harga_satuan", "total",
    "indikator_id", "kelompok_id", "arah", "sumber_dana",
)
# A copy differs from its murni line when any of these differ.
KOLOM_BANDING = ("kode_subkegiatan", "kode_rekening", "uraian", "volume", "satuan", "harga_satuan", "total",
                 "indikator_id", "kelompok_id", "arah", "sumber_dana", "unit_id")
UKURAN_BATCH = 1000


# --- start the revision ------------------------------------------------------------------------

def laporan_murni_untuk(laporan_perubahan: Laporan) -> Laporan | None:
    """The murni Laporan a perubahan Laporan revises: same year, same wilayah."""
    return Laporan.objects.filter(
        tahun=laporan_perubahan.tahun, wilayah_id=laporan_perubahan.wilayah_id, tahapan_id=TAHAPAN_MURNI,
    ).first()


def perubahan_mulai(*, user, laporan_perubahan: Laporan) -> int:
    """Copy every line of the approved murni Laporan into an empty perubahan Laporan.

    Returns how many lines were copied: 0 when the copy was already made (some line carries an
    `asal`), so the editing page may call it on every visit; new lines an OPD added first do not
    stop the copy. Refused when the murni Laporan is not approved.
    """
    if laporan_perubahan.tahapan_id != TAHAPAN_PERUBAHAN:
        raise Ditolak("Penyalinan dari APBD murni hanya untuk laporan penandaan pasca perubahan APBD.")
    wilayah = laporan_perubahan.wilayah
    if not lingkup_baca(user).mencakup(wilayah.kode) or not boleh_bertindak(user, Izin.ISI, wilayah):
        raise Ditolak(f"Hanya operator {wilayah.nama_lengkap} yang dapat memulai penandaan perubahan APBD.")
    with transaction.atomic():
        # The row lock serialises two operators opening the Laporan at the same moment.
        laporan = Laporan.objects.select_for_update(of=("self",)).get(pk=laporan_perubahan.pk)
        if RincianBelanja.objects.filter(laporan=laporan, asal__isnull=False).exists():
            return 0
        if laporan.disetujui:
            raise Ditolak("Laporan perubahan sudah disetujui; buka kembali dulu sebelum mengubahnya.")
        murni = laporan_murni_untuk(laporan)
        if murni is None:
            raise Ditolak(
                f"Penandaan APBD murni {laporan.tahun} {wilayah.nama_lengkap} belum ada; "
                "penandaan perubahan dimulai dari penandaan APBD murni yang sudah disetujui."
            )
        if not murni.disetujui:
            raise Ditolak(
                f"Penandaan APBD murni {laporan.tahun} {wilayah.nama_lengkap} belum disetujui "
                f"(status: {murni.get_status_display().lower()}); penandaan perubahan hanya dapat dimulai "
                "dari penandaan APBD murni yang sudah disetujui."
            )
        jumlah, total = _salin(murni=murni, ke=laporan, user=user)
        audit_catat(
            pengguna=user, aksi="perubahan_mulai", objek=laporan, wilayah_kode=wilayah.kode,
            baru={"laporan_murni": murni.pk, "baris_disalin": jumlah, "total": str(total)},
        )
    return jumlah


def _salin(*, murni: Laporan, ke: Laporan, user) -> tuple[int, Decimal]:
    baris = RincianBelanja.objects.filter(laporan=murni).order_by("id").values("id", *KOLOM_SALIN)
    jumlah, total, batch = 0, NOL, []
    dibuat_oleh = user if getattr(user, "is_authenticated", False) else None
    for nilai in baris.iterator(chunk_size=UKURAN_BATCH):
        asal_id = nilai.pop("id")
        batch.append(RincianBelanja(laporan=ke, asal_id=asal_id, dibuat_oleh=dibuat_oleh, **nilai))
        total += nilai["total"]
        if len(batch) >= UKURAN_BATCH:
            RincianBelanja.objects.bulk_create(batch)
            jumlah += len(batch)
            batch = []
    RincianBelanja.objects.bulk_create(batch)
    return jumlah + len(batch), total


# --- before / after ----------------------------------------------------------------------------

@dataclass
class Selisih:
    sebelum: Decimal = NOL
    sesudah: Decimal = NOL

    @property
    def selisih(self) -> Decimal:
        return self.sesudah - self.sebelum


@dataclass
class SelisihIndikator(Selisih):
    indikator: IndikatorCapaian | None = None


@dataclass
class SelisihPerubahan:
    """Before/after of an APBD perubahan Laporan.

    `baris` is a lazy queryset of the Laporan's lines annotated with `sebelum`, `sesudah`,
    `selisih` and `berubah` (paginate it); `per_indikator` and `total` are aggregates.
    `per_indikator` puts "before" under the murni line's indicator and "after" under the
    current one, so re-tagging a line moves its amount between indicators.
    """

    laporan: Laporan
    laporan_murni: Laporan | None
    baris: QuerySet
    per_indikator: list[SelisihIndikator] = field(default_factory=list)
    total: Selisih = field(default_factory=Selisih)
    jumlah_baris: int = 0
    jumlah_baru: int = 0
    jumlah_dihapus: int = 0
    jumlah_berubah: int = 0


def _ekspresi_sebelum():
    return Coalesce(F("asal__total"), Value(NOL), output_field=_RUPIAH)


def _ekspresi_sesudah():
    return Case(When(dihapus=True, then=Value(NOL)), default=F("total"), output_field=_RUPIAH)


def _q_berubah() -> Q:
    """A line changed in the revision: new, removed, or any compared field differs from its asal."""
    q = Q(asal__isnull=True) | Q(dihapus=True)
    for kolom in KOLOM_BANDING:
        q |= ~Q(**{kolom: F(f"asal__{kolom}")})
    return q


def baris_perubahan(laporan_perubahan: Laporan) -> QuerySet:
    return (
        RincianBelanja.objects.filter(laporan=laporan_perubahan)
        .select_related("unit", "indikator", "kelompok", "asal")
        .annotate(sebelum=_ekspresi_sebelum(), sesudah=_ekspresi_sesudah())
        .annotate(
            selisih=ExpressionWrapper(F("sesudah") - F("sebelum"), output_field=_RUPIAH),
            berubah=ExpressionWrapper(_q_berubah(), output_field=BooleanField()),
        )
    )


def selisih_perubahan(laporan_perubahan: Laporan, *, hanya_berubah: bool = False) -> SelisihPerubahan:
    """Before (asal values) / after (0 if dihapus) / difference per line, per indicator, in total."""
    semua = RincianBelanja.objects.filter(laporan=laporan_perubahan).order_by()
    sebelum = dict(
        semua.filter(asal__isnull=False).values_list("asal__indikator").annotate(n=Sum("asal__total"))
    )
    sesudah = dict(semua.filter(dihapus=False).values_list("indikator").annotate(n=Sum("total")))
    indikator = IndikatorCapaian.objects.filter(kode__in={*sebelum, *sesudah})  # catalog order
    per_indikator = [
        SelisihIndikator(sebelum=sebelum.get(i.kode, NOL), sesudah=sesudah.get(i.kode, NOL), indikator=i)
        for i in indikator
    ]
    hitung = semua.aggregate(  # aliases differ from field names: Django would read them as the aggregates
        n_baris=Count("id"),
        n_baru=Count("id", filter=Q(asal__isnull=True)),
        n_dihapus=Count("id", filter=Q(dihapus=True)),
        n_berubah=Count("id", filter=_q_berubah()),
    )
    baris = baris_perubahan(laporan_perubahan)
    if hanya_berubah:
        baris = baris.filter(_q_berubah())
    return SelisihPerubahan(
        laporan=laporan_perubahan,
        laporan_murni=laporan_murni_untuk(laporan_perubahan),
        baris=baris,
        per_indikator=per_indikator,
        total=Selisih(sebelum=sum(sebelum.values(), NOL), sesudah=sum(sesudah.values(), NOL)),
        jumlah_baris=hitung["n_baris"], jumlah_baru=hitung["n_baru"], jumlah_dihapus=hitung["n_dihapus"],
        jumlah_berubah=hitung["n_berubah"],
    )


# --- PDF ---------------------------------------------------------------------------------------

TEMPLATE_PDF = "pdf/penandaan_perubahan.html"


def html_perubahan(laporan_perubahan: Laporan) -> str:
    """The before/after document as HTML (the PDF's source; tests read it)."""
    from aksi.pdf import konteks_umum

    with translation.override("id"), timezone.override(ZONA_WAKTU):
        konteks = konteks_umum(laporan_perubahan) | {"selisih": selisih_perubahan(laporan_perubahan)}
        return render_to_string(TEMPLATE_PDF, konteks)


def dokumen_perubahan(laporan_perubahan: Laporan) -> bytes:
    return render_pdf(html_perubahan(laporan_perubahan))
