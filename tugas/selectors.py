"""Tugas saya: what is waiting for a user, and by when (issue 15).

Own work, from the user's assignments (`Penugasan`) in the active cycles:
- `isi`: parts of its unit to fill or fix (draft or returned) while the window is open, and steps
  whose window is open at its wilayah but whose Laporan nobody has opened yet (`buka`);
- `verifikasi`: submitted parts of its unit; `setujui`: Laporan whose parts are all verified;
- `tinjau`: approved Laporan of the wilayah directly below that its kab/kota (provinsi) — the
  user as verifikator or approver there — has not accepted or returned yet (D87);
- `tindak-lanjut`: supervision follow-ups asked of the user's wilayah (operator, approver,
  administrator there) not answered yet, by their due date (D90);
- `laporan-semester`: semester reports sent by the kab/kota below, to receive or return (D91);
- `pengaduan`: complaints assigned to it, and new unassigned ones of its wilayah (approvers and
  administrators).
Supervision, for approvers, administrators and pemantau of a kab/kota or provinsi: the Laporan of
the wilayah below with a returned part (`dikembalikan`), and those not approved after their window
closed, opened or not (`terlambat`).

Everything is computed from a handful of set queries (no query per Laporan): the windows from
`Jadwal` and every extension of the active years, looked up in Python for a wilayah and its
ancestors, as `aksi.jadwal.jendela_laporan` does for one Laporan.
"""
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from aksi.choices import STATUS_DAPAT_DIUBAH, StatusBagian, StatusLaporan
from aksi.jadwal import JendelaTahun, hari_ini
from aksi.models import BagianLaporan, Laporan, Siklus, Tahapan
from aksi.selectors import SYARAT_BUKA, alasan_kembali, langkah_belum_dibuka
from pembinaan.choices import StatusKiriman
from pembinaan.models import LaporanSemester, Pembinaan
from pengaduan.models import Pengaduan, StatusPengaduan
from wilayah.choices import Peran, Tingkat
from wilayah.lingkup import q_dalam
from wilayah.models import Penugasan, Wilayah

PERAN_PENGAWAS = (Peran.APPROVER, Peran.ADMINISTRATOR, Peran.PEMANTAU)
BATAS_PENGAWASAN = 50  # rows of supervision on the home page; the counts cover all
JENIS = {
    "buka": "Buka dan isi",
    "isi": "Isi",
    "perbaiki": "Perbaiki",
    "verifikasi": "Verifikasi",
    "setujui": "Setujui",
    "tinjau": "Tinjau",
    "tindak-lanjut": "Jawab tindak lanjut",
    "laporan-semester": "Terima laporan semester",
    "pengaduan": "Jawab pengaduan",
    "dikembalikan": "Dikembalikan",
    "terlambat": "Terlambat",
}


@dataclass
class Tugas:
    jenis: str
    tahapan: Tahapan | None
    wilayah: Wilayah
    keadaan: str  # the state as the user reads it
    url: str
    tahun: int | None = None
    unit: str = ""  # the part's unit (its abbreviation), if the task is one part's
    alasan: str = ""  # the return reason, where there is one
    tutup: datetime.date | None = None  # the window's close, extensions included
    sisa_hari: int | None = None  # days left until it closes (negative: days overdue)
    judul: str = ""  # complaints: the topic

    @property
    def label(self) -> str:
        return JENIS[self.jenis]

    @property
    def mendesak(self) -> bool:
        return self.sisa_hari is not None and self.sisa_hari <= 3


@dataclass
class DaftarTugas:
    milik: list[Tugas] = field(default_factory=list)  # the user's own work
    pengawasan: list[Tugas] = field(default_factory=list)  # the wilayah below (first BATAS_PENGAWASAN)
    jumlah_pengawasan: dict[str, int] = field(default_factory=dict)  # per jenis, all of them

    @property
    def total_pengawasan(self) -> int:
        return sum(self.jumlah_pengawasan.values())


def _sisa(tutup: datetime.date | None, hari: datetime.date) -> int | None:
    return None if tutup is None else (tutup - hari).days


def _url_laporan(laporan_pk: int) -> str:
    return reverse("aksi:laporan", args=[laporan_pk])


def _cocok_unit(unit_penugasan: set, unit_bagian: str | None) -> bool:
    return None in unit_penugasan or unit_bagian is None or unit_bagian in unit_penugasan


def tugas_saya(user, hari: datetime.date | None = None, *, pengawasan: bool = True) -> DaftarTugas:
    """The user's own work and, for supervisors (unless `pengawasan=False`), the late and returned
    Laporan of the wilayah below."""
    hari = hari or hari_ini()
    daftar = DaftarTugas()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return daftar
    penugasan = list(Penugasan.objects.filter(user=user, wilayah__isnull=False).select_related("wilayah", "unit"))
    tahun = list(Siklus.objects.filter(aktif=True).values_list("tahun", flat=True))
    if not penugasan or not tahun:
        return daftar
    jendela = JendelaTahun(tahun)
    tahapan = {t.kode: t for t in Tahapan.objects.all()}
    daftar.milik = _milik(user, penugasan, tahun, tahapan, jendela, hari)
    if pengawasan:
        daftar.pengawasan, daftar.jumlah_pengawasan = _pengawasan(penugasan, tahun, tahapan, jendela, hari)
    return daftar


# --- own work -------------------------------------------------------------------------------------

def _milik(user, penugasan, tahun, tahapan, jendela: JendelaTahun, hari) -> list[Tugas]:
    unit: dict[tuple[str, str], set] = defaultdict(set)  # (wilayah, peran) -> units (None = every unit)
    wilayah = {}
    for p in penugasan:
        unit[p.wilayah_id, p.peran].add(p.unit_id)
        wilayah[p.wilayah_id] = p.wilayah
    hasil: list[Tugas] = []
    laporan = list(Laporan.objects.filter(tahun__in=tahun, wilayah_id__in=wilayah).exclude(status=StatusLaporan.DISETUJUI))
    bagian = list(BagianLaporan.objects.filter(laporan__in=laporan).select_related("unit"))
    alasan = alasan_kembali(bagian)
    per_laporan = {lap.pk: lap for lap in laporan}
    for b in bagian:
        lap = per_laporan[b.laporan_id]
        w = wilayah[lap.wilayah_id]
        rentang = jendela.rentang(lap.tahun, lap.tahapan_id, w.kode, w.tingkat)
        tutup = rentang[1] if rentang else None
        terbuka = lap.dibuka_kembali or (rentang is not None and rentang[0] <= hari <= rentang[1])
        dasar = {"tahapan": tahapan[lap.tahapan_id], "wilayah": w, "tahun": lap.tahun, "unit": b.unit.singkatan if b.unit else "",
                 "url": _url_laporan(lap.pk), "tutup": tutup, "sisa_hari": _sisa(tutup, hari)}
        operator = unit.get((w.kode, Peran.OPERATOR))
        if operator and b.status in STATUS_DAPAT_DIUBAH and terbuka and _cocok_unit(operator, b.unit_id):
            kembali = b.status == StatusBagian.DIKEMBALIKAN
            r = alasan.get(b.pk)
            hasil.append(Tugas("perbaiki" if kembali else "isi", keadaan=b.get_status_display(),
                               alasan=(r.catatan if r else "") if kembali else "", **dasar))
        verifikator = unit.get((w.kode, Peran.VERIFIKATOR))
        if verifikator and b.status == StatusBagian.DIAJUKAN and _cocok_unit(verifikator, b.unit_id):
            hasil.append(Tugas("verifikasi", keadaan=b.get_status_display(), **dasar))
    for lap in laporan:
        w = wilayah[lap.wilayah_id]
        if lap.status == StatusLaporan.DIVERIFIKASI and (w.kode, Peran.APPROVER) in unit:
            rentang = jendela.rentang(lap.tahun, lap.tahapan_id, w.kode, w.tingkat)
            tutup = rentang[1] if rentang else None
            hasil.append(Tugas("setujui", tahapan=tahapan[lap.tahapan_id], wilayah=w, tahun=lap.tahun,
                               keadaan=lap.get_status_display(), url=_url_laporan(lap.pk), tutup=tutup,
                               sisa_hari=_sisa(tutup, hari)))
    hasil += _belum_dibuka(unit, wilayah, tahun, jendela, hari)
    hasil += _tinjau(unit, tahun, tahapan)
    hasil += _pembinaan(unit, hari)
    hasil += _pengaduan(user, penugasan)
    # most urgent first: closing soonest, then the ones without a date (complaints)
    return sorted(hasil, key=lambda t: (t.sisa_hari is None, t.sisa_hari or 0, t.jenis, t.wilayah.kode))


def _tinjau(unit, tahun, tahapan) -> list[Tugas]:
    peninjau = sorted({kode for (kode, peran) in unit if peran in (Peran.VERIFIKATOR, Peran.APPROVER)})
    if not peninjau:
        return []
    laporan = (Laporan.objects.filter(tahun__in=tahun, wilayah__induk_id__in=peninjau, status=StatusLaporan.DISETUJUI,
                                      diterima_pada__isnull=True, wilayah__tingkat__in=(Tingkat.KECAMATAN, Tingkat.KABKOTA))
               .select_related("wilayah").order_by("disetujui_pada"))
    return [Tugas("tinjau", tahapan=tahapan[lap.tahapan_id], wilayah=lap.wilayah, tahun=lap.tahun,
                  keadaan=lap.get_tinjauan_display(), url=_url_laporan(lap.pk)) for lap in laporan]


def _pembinaan(unit, hari) -> list[Tugas]:
    penjawab = sorted({kode for (kode, peran) in unit if peran in (Peran.OPERATOR, Peran.APPROVER, Peran.ADMINISTRATOR)})
    pemutus = sorted({kode for (kode, peran) in unit if peran in (Peran.VERIFIKATOR, Peran.APPROVER, Peran.ADMINISTRATOR)})
    hasil = []
    if penjawab:
        for p in (Pembinaan.objects.filter(wilayah_id__in=penjawab, dijawab_pada__isnull=True)
                  .select_related("wilayah").order_by("batas")[:50]):
            hasil.append(Tugas("tindak-lanjut", tahapan=None, wilayah=p.wilayah, keadaan=p.keadaan(hari), judul=p.tindak_lanjut[:80],
                               url=reverse("pembinaan:wilayah", args=[p.wilayah_id, p.tanggal.year]), tutup=p.batas,
                               sisa_hari=_sisa(p.batas, hari)))
    if pemutus:
        for k in (LaporanSemester.objects.filter(wilayah__induk_id__in=pemutus, status=StatusKiriman.DIKIRIM)
                  .select_related("wilayah").order_by("dikirim_pada")[:50]):
            hasil.append(Tugas("laporan-semester", tahapan=None, wilayah=k.wilayah, keadaan=k.get_status_display(),
                               judul=f"Laporan semester {k.semester} {k.tahun}", url=reverse("pembinaan:kiriman", args=[k.pk])))
    return hasil


def _belum_dibuka(unit, wilayah, tahun, jendela: JendelaTahun, hari) -> list[Tugas]:
    """Steps whose window is open at an operator's wilayah, for its unit, with no Laporan yet."""
    operator = {kode: u for (kode, peran), u in unit.items() if peran == Peran.OPERATOR}
    hasil = []
    for langkah in langkah_belum_dibuka([wilayah[k] for k in operator], tahun, jendela, hari):
        unit_op = operator[langkah.wilayah.kode]
        if None not in unit_op and langkah.unit and not langkah.unit & unit_op:
            continue
        hasil.append(Tugas("buka", tahapan=langkah.tahapan, wilayah=langkah.wilayah, tahun=langkah.tahun, keadaan="Belum dibuka",
                           url=reverse("aksi:buka", args=[langkah.tahun, langkah.tahapan.kode, langkah.wilayah.kode]),
                           tutup=langkah.tutup, sisa_hari=_sisa(langkah.tutup, hari)))
    return hasil


def _pengaduan(user, penugasan) -> list[Tugas]:
    """Complaints assigned to the user and not yet answered; new unassigned ones of the wilayah
    (and below) where it approves or administers."""
    pengelola = [p.wilayah_id for p in penugasan if p.peran in (Peran.APPROVER, Peran.ADMINISTRATOR)]
    q = Q(petugas=user, status__in=(StatusPengaduan.BARU, StatusPengaduan.DIPROSES))
    if pengelola:
        q |= Q(petugas__isnull=True, status=StatusPengaduan.BARU) & q_dalam(pengelola, "wilayah__kode")
    return [
        Tugas("pengaduan", tahapan=None, wilayah=p.wilayah, keadaan=p.get_status_display(), judul=p.get_topik_display(),
              url=reverse("pengaduan:detail", args=[p.pk]))
        for p in Pengaduan.objects.filter(q).select_related("wilayah").order_by("dibuat_pada")[:100]
    ]


# --- supervision of the wilayah below -------------------------------------------------------------

def _pengawasan(penugasan, tahun, tahapan, jendela: JendelaTahun, hari) -> tuple[list[Tugas], dict[str, int]]:
    akar = sorted({p.wilayah_id for p in penugasan
                   if p.peran in PERAN_PENGAWAS and p.wilayah.tingkat in (Tingkat.PROVINSI, Tingkat.KABKOTA)})
    if not akar:
        return [], {}
    bawah = {w.kode: w for w in Wilayah.objects.filter(q_dalam(akar, termasuk_diri=False),
                                                       tingkat__lte=Tingkat.KECAMATAN)}
    laporan = {(lap.tahun, lap.tahapan_id, lap.wilayah_id): lap for lap in
               Laporan.objects.filter(q_dalam(akar, "wilayah__kode", termasuk_diri=False), tahun__in=tahun)
               .only("id", "tahun", "tahapan_id", "wilayah_id", "status", "dibuka_kembali")}
    kembali = set(BagianLaporan.objects.filter(laporan__in=[lap.pk for lap in laporan.values()],
                                               status=StatusBagian.DIKEMBALIKAN).values_list("laporan_id", flat=True))
    hasil: list[Tugas] = []
    for t in tahun:
        for w in bawah.values():
            for th in tahapan.values():
                if not th.berlaku_di(w.tingkat):
                    continue
                lap = laporan.get((t, th.kode, w.kode))
                if lap is not None and lap.status == StatusLaporan.DISETUJUI:
                    continue
                rentang = jendela.rentang(t, th.kode, w.kode, w.tingkat)
                tutup = rentang[1] if rentang else None
                dasar = {"tahapan": th, "wilayah": w, "tahun": t, "tutup": tutup, "sisa_hari": _sisa(tutup, hari)}
                if lap is not None and lap.pk in kembali:
                    hasil.append(Tugas("dikembalikan", keadaan=lap.get_status_display(), url=_url_laporan(lap.pk), **dasar))
                elif tutup is not None and tutup < hari and not (lap is not None and lap.dibuka_kembali):
                    if lap is None:
                        if th.kode in SYARAT_BUKA:  # steps that need more than a window (RAD) are not late by default
                            continue
                        url = reverse("aksi:pantau", args=[t, th.kode, w.induk_id]) if w.induk_id else ""
                        hasil.append(Tugas("terlambat", keadaan="Belum dibuka", url=url, **dasar))
                    else:
                        hasil.append(Tugas("terlambat", keadaan=lap.get_status_display(), url=_url_laporan(lap.pk), **dasar))
    jumlah: dict[str, int] = defaultdict(int)
    for tugas in hasil:
        jumlah[tugas.jenis] += 1
    hasil.sort(key=lambda t: (t.sisa_hari if t.sisa_hari is not None else 0, t.wilayah.kode, t.tahapan.urutan))
    return hasil[:BATAS_PENGAWASAN], dict(jumlah)


def jumlah_tugas(user) -> int:
    """The count in the navigation: the user's own work."""
    return len(tugas_saya(user, pengawasan=False).milik) if getattr(user, "is_authenticated", False) else 0
