"""Reads of the workflow, scoped to the user through wilayah.lingkup.lingkup_baca."""
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Model, QuerySet
from django.http import Http404

from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from wilayah.choices import Izin, Peran
from wilayah.models import Penugasan
from wilayah.lingkup import lingkup_baca, q_dalam
from wilayah.selectors import boleh_bertindak

from .choices import STATUS_DAPAT_DIUBAH, StatusBagian, StatusLaporan
from .jadwal import jendela_terbuka, keterangan_jendela
from .kelengkapan import KelengkapanBagian, kelengkapan_laporan
from .models import BagianLaporan, Laporan, RiwayatLaporan, Siklus, Tahapan, TahapanUnit

SEMUA_UNIT = None  # an operator/verifikator without unit serves every part

# Steps whose Laporan can be created only under a condition another app knows (RAD: the wilayah
# has its own logframe with targets that year). tahapan kode -> fn(wilayah_kode, tahun) -> why not,
# or None; registered in that app's AppConfig.ready. The Laporan list offers "Buka" only when None.
SYARAT_BUKA: dict[str, Callable[[str, int], str | None]] = {}


def label_status(kode: str, per_bagian: bool) -> str:
    """The Indonesian label of a state code (a part's or, per_bagian=False, a Laporan's)."""
    pilihan = StatusBagian if per_bagian else StatusLaporan
    return pilihan(kode).label if kode in pilihan.values else kode


def laporan_dapat_dibaca(user) -> QuerySet[Laporan]:
    return lingkup_baca(user).saring(Laporan.objects.select_related("wilayah", "tahapan"), "wilayah__kode")


def laporan_ambil(*, user, pk: int) -> Laporan:
    try:
        return laporan_dapat_dibaca(user).get(pk=pk)
    except Laporan.DoesNotExist as exc:
        raise Http404("Laporan tidak ditemukan.") from exc


def laporan_publik() -> QuerySet[Laporan]:
    """What anonymous visitors may read of the workflow: approved Laporan of every wilayah."""
    return Laporan.objects.filter(status=StatusLaporan.DISETUJUI).select_related("wilayah", "tahapan")


def unit_peran(user, wilayah, peran: str) -> set[str] | None:
    """The units a user serves in a role at a wilayah: None = every unit, empty = no such role."""
    if user.is_superuser:
        return SEMUA_UNIT
    unit = set(Penugasan.objects.filter(user=user, wilayah=wilayah, peran=peran).values_list("unit_id", flat=True))
    if None in unit:
        return SEMUA_UNIT
    return unit


def melayani_unit(user, bagian: BagianLaporan, peran: str, izin: str) -> bool:
    """Whether the user holds `peran` (through its permission) for this part's unit."""
    if not boleh_bertindak(user, izin, bagian.laporan.wilayah):
        return False
    unit = unit_peran(user, bagian.laporan.wilayah, peran)
    return unit is SEMUA_UNIT or bagian.unit_id in unit or bagian.unit_id is None


def _penghalang_isi(user, bagian: BagianLaporan) -> str | None:
    """THE rule of who may edit a part now: the first condition that fails ("disetujui": the
    Laporan is approved, "status": the part is not draft/dikembalikan, "peran": the user is no
    operator of its unit, "jadwal": the window is closed), or None when the user may."""
    if bagian.laporan.disetujui:
        return "disetujui"
    if bagian.status not in STATUS_DAPAT_DIUBAH:
        return "status"
    if not melayani_unit(user, bagian, Peran.OPERATOR, Izin.ISI):
        return "peran"
    if not jendela_terbuka(bagian.laporan):
        return "jadwal"
    return None


def bagian_dapat_diisi(user, bagian: BagianLaporan) -> bool:
    return _penghalang_isi(user, bagian) is None


def alasan_tidak_dapat_diisi(user, bagian: BagianLaporan | None, model: type[Model] | None = None) -> str | None:
    """Why `user` may not edit this part now, in Bahasa Indonesia (None: they may); for pages and
    refusals. `model` names the documents when the Laporan has no such part (`bagian` None)."""
    if bagian is None:
        jenis = model._meta.verbose_name_plural if model is not None else "isian ini"
        return f"Laporan ini tidak memiliki bagian untuk {jenis}."
    penghalang = _penghalang_isi(user, bagian)
    if penghalang is None:
        return None
    laporan, nama = bagian.laporan, bagian.nama_unit
    if penghalang == "disetujui":
        return f"Laporan sudah disetujui; bagian {nama} hanya dapat dibaca."
    if penghalang == "status":
        return (f"Bagian {nama} berstatus {bagian.get_status_display().lower()}; "
                "hanya bagian berstatus draf atau dikembalikan yang dapat diubah.")
    if penghalang == "peran":
        return f"Bagian {nama} hanya dapat diisi oleh operator {nama} {laporan.wilayah.nama_lengkap}."
    return f"Jadwal sudah tertutup; bagian {nama} tidak dapat diubah. {keterangan_jendela(laporan)}"


def boleh_tinjau(user, laporan: Laporan) -> bool:
    """The reviewers of a kecamatan (kab/kota) Laporan: the verifikators and approvers of its
    kab/kota (provinsi), as Pergub 45/2025 Pasal 8(3)(b) has data verified level by level."""
    if not laporan.ditinjau_atas:
        return False
    induk = laporan.wilayah.induk
    return boleh_bertindak(user, Izin.VERIFIKASI, induk) or boleh_bertindak(user, Izin.SETUJUI, induk)


@dataclass
class AksiPengguna:
    """What the current user may do on a Laporan, for the page's buttons."""

    isi: list[BagianLaporan] = field(default_factory=list)
    ajukan: list[BagianLaporan] = field(default_factory=list)
    verifikasi: list[BagianLaporan] = field(default_factory=list)
    kembalikan: list[BagianLaporan] = field(default_factory=list)
    setujui: bool = False
    buka_kembali: bool = False
    penyetuju: bool = False  # holds the approval permission here (sees what the approval waits for)
    terima: bool = False  # the level above: accept the approved Laporan
    kembalikan_atas: bool = False  # the level above: return it with a reason

    @property
    def ada(self) -> bool:
        return bool(self.isi or self.verifikasi or self.kembalikan or self.setujui or self.buka_kembali
                    or self.terima or self.kembalikan_atas)


def aksi_pengguna(user, laporan: Laporan) -> AksiPengguna:
    aksi = AksiPengguna()
    bagian = list(laporan.bagian.select_related("unit", "laporan__wilayah"))
    boleh_setujui = boleh_bertindak(user, Izin.SETUJUI, laporan.wilayah)
    for b in bagian:
        if bagian_dapat_diisi(user, b):
            aksi.isi.append(b)
            aksi.ajukan.append(b)
        verifikator = not laporan.disetujui and melayani_unit(user, b, Peran.VERIFIKATOR, Izin.VERIFIKASI)
        if verifikator and b.status == StatusBagian.DIAJUKAN:
            aksi.verifikasi.append(b)
        if (verifikator and b.status in (StatusBagian.DIAJUKAN, StatusBagian.DIVERIFIKASI)) or (
            boleh_setujui and not laporan.disetujui and b.status == StatusBagian.DIVERIFIKASI
        ):
            aksi.kembalikan.append(b)
    aksi.penyetuju = boleh_setujui
    aksi.setujui = boleh_setujui and laporan.status == StatusLaporan.DIVERIFIKASI
    aksi.buka_kembali = laporan.disetujui and (boleh_setujui or boleh_bertindak(user, Izin.KELOLA, laporan.wilayah))
    aksi.kembalikan_atas = laporan.disetujui and boleh_tinjau(user, laporan)
    aksi.terima = aksi.kembalikan_atas and not laporan.diterima_pada
    return aksi


@dataclass
class BarisPantau:
    wilayah: object
    laporan: Laporan | None
    desa_lengkap: int

    @property
    def persen_lengkap(self) -> float | None:
        return self.desa_lengkap * 100 / self.wilayah.jumlah_desa if self.wilayah.jumlah_desa else None


def pantau_tahapan(*, wilayah, tahapan, tahun: int) -> list[BarisPantau]:
    """The wilayah directly below, each with its Laporan of the step and how many of its desa
    have every per-desa item filled (from the kecamatan Laporan of that step)."""
    anak = list(wilayah.anak.order_by("kode"))
    laporan = {
        lap.wilayah_id: lap
        for lap in Laporan.objects.filter(tahun=tahun, tahapan=tahapan, wilayah__in=anak).select_related("wilayah")
    }
    lengkap: dict[str, int] = {}
    if tahapan.periode:
        jumlah_item = len(daftar_item())
        desa_lengkap = (
            # through the kecamatan Laporan of the scope (the primary key leads with the Laporan)
            NilaiDesa.objects.filter(laporan__in=Laporan.objects.filter(
                q_dalam(wilayah.kode, "wilayah_id"), tahun=tahun, tahapan=tahapan,
            ).values("id"))
            .values("desa_id").annotate(n=Count("*")).filter(n__gte=jumlah_item).values_list("desa_id", flat=True)
        )
        panjang = len(wilayah.kode) + 3  # child code: parent + ".NN"
        for kode in desa_lengkap:
            lengkap[kode[:panjang]] = lengkap.get(kode[:panjang], 0) + 1
    return [BarisPantau(w, laporan.get(w.kode), lengkap.get(w.kode, 0)) for w in anak]


def ringkasan_tinjauan(baris: list[BarisPantau]) -> dict[str, int]:
    """Review progress of the wilayah below (Pantau, D87): approved and waiting for review,
    accepted, not approved (yet, or again after a return)."""
    hasil = {"menunggu": 0, "diterima": 0, "belum_disetujui": 0}
    for b in baris:
        t = b.laporan.tinjauan if b.laporan else ""
        hasil[t or "belum_disetujui"] += 1
    return hasil


# --- returned parts, waiting parts ----------------------------------------------------------------

def alasan_kembali(bagian: list[BagianLaporan]) -> dict[int, RiwayatLaporan]:
    """{part pk: the transition that returned it} for the returned parts among `bagian`: the
    latest return of that part, or the reopening of its whole Laporan if later. One query."""
    kembali = [b for b in bagian if b.status == StatusBagian.DIKEMBALIKAN]
    if not kembali:
        return {}
    per_laporan: dict[int, list[BagianLaporan]] = {}
    for b in kembali:
        per_laporan.setdefault(b.laporan_id, []).append(b)
    hasil: dict[int, RiwayatLaporan] = {}
    riwayat = (RiwayatLaporan.objects.filter(laporan_id__in=per_laporan, ke=StatusBagian.DIKEMBALIKAN)
               .select_related("oleh").order_by("waktu", "id"))
    for r in riwayat:  # oldest first: the latest one wins
        for b in per_laporan[r.laporan_id]:
            if r.bagian_id in (None, b.pk):
                hasil[b.pk] = r
    return hasil


@dataclass
class BarisBagian:
    """A part as the Laporan page and the confirmation pages show it."""

    bagian: BagianLaporan
    kelengkapan: KelengkapanBagian
    kembali: RiwayatLaporan | None  # the return of a returned part (reason, who, when)


def bagian_laporan(laporan: Laporan) -> list[BarisBagian]:
    bagian = list(laporan.bagian.select_related("unit", "diubah_oleh"))
    kelengkapan = kelengkapan_laporan(laporan, bagian)
    alasan = alasan_kembali(bagian)
    return [BarisBagian(b, kelengkapan[b.pk], alasan.get(b.pk)) for b in bagian]


def nama_pengguna(user) -> str:
    if user is None:
        return "sistem"
    nama = user.get_full_name()
    return f"{nama} ({user.get_username()})" if nama else user.get_username()


@dataclass
class BagianMenunggu:
    bagian: BagianLaporan
    peran: str  # who must act now: "operator" or "verifikator" (label)
    pengguna: list[str]


def menunggu_persetujuan(laporan: Laporan) -> list[BagianMenunggu]:
    """The parts the approval still waits for, each with whom it waits for: the unit's operators
    (draft or returned part) or verifikators (submitted part) assigned at the wilayah."""
    bagian = [b for b in laporan.bagian.select_related("unit") if b.status != StatusBagian.DIVERIFIKASI]
    if not bagian or laporan.disetujui:
        return []
    penugasan = (Penugasan.objects.filter(wilayah_id=laporan.wilayah_id, peran__in=(Peran.OPERATOR, Peran.VERIFIKATOR),
                                          user__is_active=True)
                 .select_related("user").order_by("user__username"))
    hasil = []
    for b in bagian:
        peran = Peran.VERIFIKATOR if b.status == StatusBagian.DIAJUKAN else Peran.OPERATOR
        nama = [nama_pengguna(p.user) for p in penugasan
                if p.peran == peran and (p.unit_id is None or b.unit_id is None or p.unit_id == b.unit_id)]
        hasil.append(BagianMenunggu(b, Peran(peran).label.lower(), list(dict.fromkeys(nama))))
    return hasil


# --- the Laporan list -----------------------------------------------------------------------------

@dataclass
class BarisLaporan:
    tahapan: Tahapan
    laporan: Laporan | None
    bagian: list[BagianLaporan] = field(default_factory=list)
    alasan: dict[int, RiwayatLaporan] = field(default_factory=dict)  # returned part pk -> its return
    tidak_dapat_dibuka: str = ""  # why "Buka" is not offered (empty: it is)
    pantau: bool = False  # the step runs at the level below too

    @property
    def dikembalikan(self) -> list[tuple[BagianLaporan, RiwayatLaporan]]:
        return [(b, self.alasan[b.pk]) for b in self.bagian if b.pk in self.alasan]


@dataclass
class KelompokLaporan:
    wilayah: object
    tahun: int
    baris: list[BarisLaporan]


def laporan_saya(user) -> list[KelompokLaporan]:
    """For each wilayah the user is assigned to, the steps of the active cycles with their Laporan,
    its parts' states and return reasons, and whether the step can be opened there."""
    wilayah = {p.wilayah_id: p.wilayah for p in Penugasan.objects.filter(user=user, wilayah__isnull=False).select_related("wilayah")}
    tahun = list(Siklus.objects.filter(aktif=True).values_list("tahun", flat=True))
    tahapan = list(Tahapan.objects.all())
    ada = {
        (lap.tahun, lap.tahapan_id, lap.wilayah_id): lap
        for lap in Laporan.objects.filter(tahun__in=tahun, wilayah_id__in=wilayah)
    }
    bagian: dict[int, list[BagianLaporan]] = {}
    for b in BagianLaporan.objects.filter(laporan__in=ada.values()).select_related("unit").order_by("laporan_id", "unit__urutan"):
        bagian.setdefault(b.laporan_id, []).append(b)
    alasan = alasan_kembali([b for daftar in bagian.values() for b in daftar])
    hasil = []
    for t in tahun:
        for kode, w in sorted(wilayah.items()):
            baris = []
            for th in tahapan:
                if not th.berlaku_di(w.tingkat):
                    continue
                lap = ada.get((t, th.kode, kode))
                syarat = SYARAT_BUKA.get(th.kode)
                baris.append(BarisLaporan(
                    th, lap, bagian.get(lap.pk, []) if lap else [],
                    {b.pk: alasan[b.pk] for b in bagian.get(lap.pk, []) if b.pk in alasan} if lap else {},
                    (syarat(kode, t) or "") if lap is None and syarat else "",
                    th.berlaku_di(w.tingkat + 1),
                ))
            hasil.append(KelompokLaporan(w, t, baris))
    return hasil


@dataclass(frozen=True)
class LangkahBelumDibuka:
    tahun: int
    tahapan: Tahapan
    wilayah: object  # wilayah.Wilayah
    tutup: object  # datetime.date: the window's closing day at that wilayah (extensions included)
    unit: frozenset  # the units that fill the step at that level (empty: the step has one part without unit)


def langkah_belum_dibuka(wilayah, tahun: list[int], jendela, hari, *, sisa: set[int] | None = None) -> list[LangkahBelumDibuka]:
    """The steps whose window is open today at each of `wilayah` and that have no Laporan there yet
    (and whose extra condition, SYARAT_BUKA, lets them be opened); `sisa` keeps only windows that
    close in exactly that many days. "Tugas saya" lists them, the daily reminder announces them."""
    wilayah = {w.kode: w for w in wilayah}
    if not wilayah or not tahun:
        return []
    ada = set(Laporan.objects.filter(tahun__in=tahun, wilayah_id__in=wilayah).values_list("tahun", "tahapan_id", "wilayah_id"))
    pengisi: dict[tuple[str, int], set] = {}
    for th_kode, tingkat, unit in TahapanUnit.objects.values_list("tahapan_id", "tingkat", "unit_id"):
        pengisi.setdefault((th_kode, tingkat), set()).add(unit)
    tahapan = list(Tahapan.objects.all())
    hasil = []
    for kode, w in sorted(wilayah.items()):
        for t in tahun:
            for th in tahapan:
                if not th.berlaku_di(w.tingkat) or (t, th.kode, kode) in ada:
                    continue
                rentang = jendela.rentang(t, th.kode, kode, w.tingkat)
                if rentang is None or not rentang[0] <= hari <= rentang[1]:
                    continue
                if sisa is not None and (rentang[1] - hari).days not in sisa:
                    continue
                syarat = SYARAT_BUKA.get(th.kode)
                if syarat is not None and syarat(kode, t):
                    continue
                hasil.append(LangkahBelumDibuka(t, th, w, rentang[1], frozenset(pengisi.get((th.kode, w.tingkat), ()))))
    return hasil
