"""Reads of the Penilaian: the scores (Tumbuh / Berkembang / Berdaya) — what the public may see and
what a user may read —, the ranking and its filter, who may start the writes, and the monitoring
notes' part.

A score is public only for a year whose "penilaian" Laporan of that wilayah is approved: that
Laporan is the step in which the wilayah's monev result is presented and signed off (Camat at
kecamatan, Bappeda above), so an approved one is the wilayah's acceptance of its score. A
returned or reopened Laporan hides the score again until it is approved once more. The public
portal and the anonymous API both read through `nilai_penilaian_publik`, so they cannot differ.

Users read the scores of their scope (`wilayah.lingkup.lingkup_baca`), approved or not, exactly
like the staff ranking and score pages; both through `nilai_dapat_dibaca`.

The ranking page's filter: which levels a user can rank, which subtree the ranking is limited to,
the region selects offered (one level per select, only wilayah in the user's scope), and a title
that says what is listed.

A user ranks the levels from the top of its scope down; at the top of its scope a user sees its
own score ("Nilai Kecamatan X"): reading never reaches sideways (docs/decisions.md, Roles and
scoping), so a kecamatan user is not shown its neighbours.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from celery.result import AsyncResult
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from aksi.choices import STATUS_DAPAT_DIUBAH, StatusLaporan
from aksi.dokumen import alasan_tidak_dapat_diisi
from aksi.models import BagianLaporan, Laporan
from aksi.selectors import melayani_unit
from wilayah.choices import Izin, Peran, Tingkat
from wilayah.lingkup import di_dalam, q_dalam
from wilayah.models import Wilayah
from wilayah.lingkup import Lingkup, lingkup_baca
from wilayah.selectors import boleh_bertindak, wilayah_ambil, wilayah_untuk_aksi

from .dasar import NOL, kontribusi
from .models import (
    TAHAPAN_PENILAIAN,
    AturanPenilaian,
    CatatanMonev,
    Kelas,
    NilaiPenilaian,
    RincianNilai,
    TingkatPenilaian,
)

# --- the scores ----------------------------------------------------------------------------------

def nilai_penilaian_publik() -> QuerySet[NilaiPenilaian]:
    """Scores whose wilayah's "penilaian" Laporan of the same year is approved (see the module's doc)."""
    disetujui = Laporan.objects.filter(tahapan_id=TAHAPAN_PENILAIAN, status=StatusLaporan.DISETUJUI,
                                       wilayah_id=OuterRef("wilayah_id"), tahun=OuterRef("tahun"))
    return NilaiPenilaian.objects.filter(Exists(disetujui))


def nilai_dapat_dibaca(user, *, dalam: str | None = None) -> QuerySet[NilaiPenilaian]:
    """The scores `user` may read: an anonymous caller the public ones (`nilai_penilaian_publik`), a
    user those of its scope, approved or not (nothing without assignment); `dalam` limits them to
    that wilayah's subtree. The staff pages and the API read the scores through it."""
    if not getattr(user, "is_authenticated", False):
        qs = nilai_penilaian_publik()
    else:
        qs = lingkup_baca(user).saring(NilaiPenilaian.objects.all(), "wilayah__kode")
    return qs.filter(q_dalam(dalam, "wilayah__kode")) if dalam else qs


def nilai_penilaian_terbaca(user) -> QuerySet[NilaiPenilaian]:
    """What a caller of the API may read, annotated `publik` (shown on the portal): anonymous
    callers the public scores, users their scope (`nilai_dapat_dibaca`)."""
    if not getattr(user, "is_authenticated", False):
        return nilai_dapat_dibaca(user).annotate(publik=Value(True, output_field=BooleanField()))
    publik = nilai_penilaian_publik().filter(pk=OuterRef("pk"))
    return nilai_dapat_dibaca(user).annotate(publik=Exists(publik))


def nilai_wilayah(*, user, tahun: int, kode: str) -> tuple[Wilayah, NilaiPenilaian | None]:
    """A wilayah the user may read (404 outside scope) and its score of `tahun` with the breakdown."""
    wilayah = wilayah_ambil(user=user, kode=kode)
    nilai = (NilaiPenilaian.objects.filter(wilayah=wilayah, tahun=tahun).select_related("aturan", "wilayah")
             .prefetch_related("rincian").first())
    return wilayah, nilai


def aturan_berlaku(*, tahun: int, tingkat: int) -> AturanPenilaian | None:
    """The active rule of (tahun, tingkat) with its components, or None."""
    return AturanPenilaian.objects.filter(tahun=tahun, tingkat=tingkat, aktif=True).prefetch_related("komponen").first()


def laporan_monev(wilayah: Wilayah, tahun: int) -> Laporan | None:
    """The wilayah's step-"penilaian" Laporan of `tahun` (the monitoring notes), if opened."""
    return (Laporan.objects.filter(tahun=tahun, tahapan_id=TAHAPAN_PENILAIAN, wilayah=wilayah)
            .select_related("tahapan", "wilayah").first())


# --- the preview of a rule -----------------------------------------------------------------------

@dataclass
class Pratinjau:
    """What a rule as entered on the rule page would give the wilayah of the reader's scope, from
    the component scores of the last computation (no recompute; the data are as they were then)."""

    wilayah: int  # wilayah of the rule's level in the reader's scope
    dinilai: int  # ... scored under this rule (previewed)
    aturan_lain: int  # ... scored under another rule of the year (not previewed)
    dihitung_pada: object  # the latest computation of the previewed scores
    total_bobot: Decimal
    kelas: list[tuple[str, int, int]]  # (class label, now, with the rule entered)
    berubah: list[dict]  # wilayah whose class would change, first `batas`
    jumlah_berubah: int
    tanpa_skor: list[str]  # components with no stored score (added later): counted 0


def aturan_pratinjau(user, aturan: AturanPenilaian, *, ambang_berkembang: Decimal, ambang_berdaya: Decimal,
                     bobot: dict[str, Decimal], batas: int = 100) -> Pratinjau:
    """Recompute each previewed wilayah's total from its stored component scores with the weights
    `bobot` ({kode: weight}) — the same rounding as the scoring run — and class it by the thresholds.
    Scoped through `nilai_dapat_dibaca`: a provinsi administrator sees its province."""
    komponen = {k.pk: k.kode for k in aturan.komponen.all()}
    total_bobot = sum((bobot.get(kode, NOL) for kode in komponen.values()), NOL)
    usulan = AturanPenilaian(ambang_berkembang=ambang_berkembang, ambang_berdaya=ambang_berdaya)
    terbaca = nilai_dapat_dibaca(user).filter(tahun=aturan.tahun, tingkat=aturan.tingkat)
    qs = terbaca.filter(aturan=aturan)
    total: dict[int, Decimal] = defaultdict(lambda: NOL)
    bagian: dict[tuple[int, Decimal], Decimal] = {}  # (component, score) -> contribution
    ada_skor = set()
    for nilai_id, komponen_id, skor in RincianNilai.objects.filter(nilai__in=qs).values_list("nilai_id", "komponen_id", "skor").iterator(2000):
        if komponen_id not in komponen:
            continue
        ada_skor.add(komponen_id)
        if (komponen_id, skor) not in bagian:
            bagian[komponen_id, skor] = kontribusi(skor, bobot.get(komponen[komponen_id], NOL), total_bobot)
        total[nilai_id] += bagian[komponen_id, skor]
    sekarang, baru, berubah = Counter(), Counter(), []
    dihitung_pada = None
    for pk, kode, nama, total_lama, kelas_lama, waktu in (qs.order_by("wilayah_id")
                                                           .values_list("pk", "wilayah_id", "wilayah__nama", "total", "kelas", "dihitung_pada")):
        total_baru = total[pk]
        kelas_baru = usulan.kelas_untuk(total_baru)
        sekarang[kelas_lama] += 1
        baru[kelas_baru] += 1
        dihitung_pada = max(dihitung_pada, waktu) if dihitung_pada else waktu
        if kelas_baru != kelas_lama:
            berubah.append({"kode": kode, "nama": nama, "total_lama": total_lama, "total_baru": total_baru,
                            "kelas_lama": Kelas(kelas_lama).label, "kelas_baru": Kelas(kelas_baru).label})
    dinilai = sum(sekarang.values())
    return Pratinjau(
        wilayah=lingkup_baca(user).saring(Wilayah.objects.filter(tingkat=aturan.tingkat), "kode").count(),
        dinilai=dinilai, aturan_lain=terbaca.count() - dinilai, dihitung_pada=dihitung_pada, total_bobot=total_bobot,
        kelas=[(k.label, sekarang[k.value], baru[k.value]) for k in Kelas], berubah=berubah[:batas],
        jumlah_berubah=len(berubah),
        tanpa_skor=[k.nama for k in aturan.komponen.all() if k.pk not in ada_skor] if dinilai else [],
    )


# --- the ranking ---------------------------------------------------------------------------------

def tahun_dinilai(user) -> list[int]:
    """The years with scores the user may read, newest first."""
    return sorted(set(nilai_dapat_dibaca(user).order_by().values_list("tahun", flat=True).distinct()), reverse=True)


def peringkat(user, *, tahun: int, tingkat: int, dalam: Wilayah | None, kelas: str = "") -> tuple[QuerySet[NilaiPenilaian], dict[str, int]]:
    """The scores of one level in a year within `dalam`, best first, each annotated with its rank
    (`peringkat`, ties share it) among all classes; filtered by `kelas` when given. Also the count per class."""
    dasar = nilai_dapat_dibaca(user, dalam=dalam.kode if dalam else None).filter(tahun=tahun, tingkat=tingkat)
    lebih_tinggi = (dasar.filter(total__gt=OuterRef("total")).order_by().values("tahun")
                    .annotate(n=Count("pk")).values("n"))
    daftar = (dasar.filter(kelas=kelas) if kelas else dasar).select_related("wilayah", "aturan").annotate(
        peringkat=Coalesce(Subquery(lebih_tinggi), Value(0)) + 1,
    ).order_by("-total", "wilayah_id")
    per_kelas = dict(dasar.order_by().values_list("kelas").annotate(n=Count("pk")))
    return daftar, per_kelas


def tingkat_teratas(lingkup: Lingkup, akar: list[Wilayah]) -> int:
    """The highest level the user can rank: the top of its scope (a kecamatan user: kecamatan only)."""
    if lingkup.semua or not akar:
        return Tingkat.PROVINSI
    return min(w.tingkat for w in akar)


def dalam_terpilih(user, lingkup: Lingkup, kode: list[str], tingkat: int) -> Wilayah | None:
    """The subtree the ranking is limited to, from the filter's selects (one code per level, top
    first; a deeper code outside the one above it is stale — its parent changed — and dropped).
    A subtree at or below the ranked level is widened to the nearest one above it the user may
    read, so switching the level does not turn a ranking into a list of one."""
    dalam = None
    for k in sorted(dict.fromkeys(kode), key=len):  # stable: the form lists its selects top down
        if dalam is not None and not di_dalam(k, dalam.kode, termasuk_diri=False):
            break
        dalam = wilayah_ambil(user=user, kode=k)  # 404 outside scope
    while dalam is not None and dalam.tingkat >= tingkat:
        if dalam.induk_id and lingkup.mencakup(dalam.induk_id):
            dalam = dalam.induk
        elif lingkup.semua:
            dalam = None
        else:
            break  # the top of the user's scope: its own score
    return dalam


def pilihan_dalam(lingkup: Lingkup, akar: list[Wilayah], dalam: Wilayah | None, tingkat: int) -> list[dict]:
    """The filter's region selects, top down: the roots of the scope when there are several (the
    provinces for a nation-wide user), then the children of each chosen wilayah while they lie
    above the ranked level — one level's children per select, so each stays short."""
    jalur = {*dalam.kode_leluhur, dalam.kode} if dalam else set()
    pilihan = []
    if len(akar) == 1 and not lingkup.semua:
        induk = akar[0]
    else:
        opsi = [w for w in akar if w.tingkat < tingkat or (not lingkup.semua and w.tingkat == tingkat)]
        induk = next((w for w in opsi if w.kode in jalur), None)
        if opsi:
            pilihan.append({"label": "Provinsi" if lingkup.semua else "Wilayah", "opsi": opsi, "terpilih": induk.kode if induk else "",
                            "semua": ("", "Semua provinsi" if lingkup.semua else "Semua wilayah Anda")})
    while induk is not None and induk.tingkat + 1 < tingkat:
        anak = list(induk.anak.order_by("kode").only("kode", "nama", "jenis", "tingkat"))
        terpilih = next((w for w in anak if w.kode in jalur), None)
        pilihan.append({"label": Tingkat(induk.tingkat + 1).label, "opsi": anak, "terpilih": terpilih.kode if terpilih else induk.kode,
                        "semua": (induk.kode, f"Seluruh {induk.nama_lengkap}")})
        induk = terpilih
    return pilihan


def judul_peringkat(tingkat: int, dalam: Wilayah | None, lingkup: Lingkup) -> str:
    label = TingkatPenilaian(tingkat).label.lower()
    if dalam is not None and dalam.tingkat == tingkat:
        return f"Nilai {dalam.nama_lengkap}"
    if dalam is not None:
        return f"Peringkat {label} di {dalam.nama_lengkap}"
    return f"Peringkat {label} di {'seluruh wilayah' if lingkup.semua else 'wilayah Anda'}"


def tugas_progres(tugas_id: str) -> dict:
    """The state of a recompute task (`monev.penilaian_hitung`) read from Celery's result backend:
    status, whether it ended, percent done, its progress meta, the summary or the error."""
    hasil = AsyncResult(tugas_id)
    info = hasil.info if isinstance(hasil.info, dict) else {}
    return {
        "status": hasil.state, "selesai": hasil.state in ("SUCCESS", "FAILURE", "REVOKED"),
        "persen": round(info.get("selesai", 0) * 100 / info["total"]) if info.get("total") else 0, "info": info,
        "hasil": hasil.result if hasil.state == "SUCCESS" and isinstance(hasil.result, dict) else None,
        "galat": str(hasil.result) if hasil.state == "FAILURE" else "",
    }


# --- who may start the writes ---------------------------------------------------------------------

def _nasional(user) -> bool:
    return user.is_superuser or user.has_perm(f"wilayah.{Izin.KELOLA}")


def boleh_hitung_ulang(user, wilayah: Wilayah | None) -> bool:
    """Administrators recompute: nation-wide ones everything, a wilayah's administrator its subtree."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if wilayah is None:
        return _nasional(user)
    return boleh_bertindak(user, Izin.KELOLA, wilayah)


def boleh_buat_aturan(user, tingkat: int) -> bool:
    """Whether the user may create the missing default rule of a level (see the module's doc)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _nasional(user):
        return True
    return wilayah_untuk_aksi(user, Izin.KELOLA).filter(tingkat__lte=tingkat).exists()


def boleh_ubah_aturan(user) -> bool:
    """A rule holds for one year and level in the whole country, so only the central administrators
    (superusers and nation-wide administrators) edit it (docs/decisions.md D86)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and _nasional(user))


def tingkat_aturan_dikelola(user) -> list[int]:
    """The levels whose missing default rule the user may create, top first."""
    return [t for t in TingkatPenilaian.values if boleh_buat_aturan(user, t)]


# --- the monitoring notes ------------------------------------------------------------------------

def berlaku_untuk(laporan: Laporan) -> bool:
    return laporan.tahapan_id == TAHAPAN_PENILAIAN and laporan.wilayah.tingkat in CatatanMonev.TINGKAT


def bagian_catatan(laporan: Laporan) -> BagianLaporan | None:
    """The part the notes belong to (kecamatan: the one without unit; above: Bappeda's, D93)."""
    return CatatanMonev.bagian_laporan(laporan)


def alasan_menulis(user, laporan: Laporan, bagian: BagianLaporan | None) -> str | None:
    alasan = alasan_tidak_dapat_diisi(user, bagian, CatatanMonev)
    if (alasan and bagian is not None and not laporan.disetujui and bagian.status in STATUS_DAPAT_DIUBAH
            and not melayani_unit(user, bagian, Peran.OPERATOR, Izin.ISI)):
        return f"Catatan monev hanya dapat diisi oleh operator {laporan.wilayah.nama_lengkap}."  # the part has no unit
    return alasan


def alasan_tidak_dapat_menulis(user, laporan: Laporan) -> str | None:
    """Why `user` may not write notes in this Laporan now (None: they may). For pages and refusals."""
    if not berlaku_untuk(laporan):
        return f"Catatan monev hanya diisi pada laporan Penilaian hasil monev, bukan pada {laporan}."
    return alasan_menulis(user, laporan, bagian_catatan(laporan))


def catatan_daftar(laporan: Laporan) -> QuerySet[CatatanMonev]:
    return CatatanMonev.objects.filter(laporan=laporan).select_related("tahapan_dipantau")
