"""Who must hear of a transition, and what a user reads (issue 15, item 2)."""
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from aksi.choices import StatusLaporan, Transisi
from aksi.models import RiwayatLaporan
from wilayah.choices import Peran
from wilayah.models import Penugasan

from .models import Notifikasi


def _pemegang(laporan, peran: tuple[str, ...], unit_id: str | None = None, *, wilayah_id: str | None = None):
    """Active users holding one of `peran` at the Laporan's wilayah (or `wilayah_id`), for the
    part's unit (an assignment without unit, or a part without unit, serves every unit)."""
    qs = Penugasan.objects.filter(wilayah_id=wilayah_id or laporan.wilayah_id, peran__in=peran, user__is_active=True)
    if unit_id is not None:
        qs = qs.filter(unit_id__in=[unit_id]) | qs.filter(unit__isnull=True)
    return get_user_model().objects.filter(pk__in=qs.values("user_id")).order_by("pk")


def penerima_transisi(riwayat) -> list:
    """The users who must act next (or should know) after this transition, the actor excluded."""
    laporan = riwayat.laporan
    unit = riwayat.bagian.unit_id if riwayat.bagian_id else None
    if riwayat.transisi == Transisi.AJUKAN:
        penerima = _pemegang(laporan, (Peran.VERIFIKATOR,), unit)
    elif riwayat.transisi == Transisi.VERIFIKASI:
        # the approver is told once, by the verification that completed the Laporan: every part
        # verified now, and nothing happened to it since this transition
        terakhir = RiwayatLaporan.objects.filter(laporan=laporan).order_by("-id").values_list("id", flat=True).first()
        lengkap = laporan.status == StatusLaporan.DIVERIFIKASI and terakhir == riwayat.pk
        penerima = _pemegang(laporan, (Peran.APPROVER,)) if lengkap else []
    elif riwayat.transisi == Transisi.KEMBALIKAN:
        penerima = _pemegang(laporan, (Peran.OPERATOR,), unit)
    elif riwayat.transisi == Transisi.SETUJUI:
        penerima = _pemegang(laporan, (Peran.OPERATOR, Peran.VERIFIKATOR))
        if laporan.ditinjau_atas:  # the reviewers above must now accept or return it (D87)
            penerima = penerima | _pemegang(laporan, (Peran.VERIFIKATOR, Peran.APPROVER), wilayah_id=laporan.wilayah.induk_id)
    elif riwayat.transisi == Transisi.BUKA_KEMBALI:
        penerima = _pemegang(laporan, (Peran.OPERATOR, Peran.VERIFIKATOR))
    elif riwayat.transisi == Transisi.KEMBALIKAN_ATAS:
        penerima = _pemegang(laporan, (Peran.OPERATOR, Peran.VERIFIKATOR, Peran.APPROVER))
    elif riwayat.transisi == Transisi.TERIMA:
        penerima = _pemegang(laporan, (Peran.APPROVER,))
    else:
        penerima = []
    return [u for u in penerima if u.pk != riwayat.oleh_id]


def notifikasi_saya(user) -> QuerySet[Notifikasi]:
    return Notifikasi.objects.filter(penerima=user)


def jumlah_belum_dibaca(user) -> int:
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).count()


def surel_aktif(user) -> bool:
    pengaturan = getattr(user, "pengaturan_notifikasi", None)
    return pengaturan.surel if pengaturan is not None else True


# --- scheduled messages -------------------------------------------------------------------------

AMBANG_PENGINGAT = (7, 3, 1)  # days before a window closes


def bagian_belum_diajukan(hari, tahun: list[int]):
    """(part, days left) for every part still to be submitted (draft or returned, Laporan not
    approved) whose window is open and closes in exactly one of AMBANG_PENGINGAT days."""
    from aksi.choices import STATUS_DAPAT_DIUBAH
    from aksi.jadwal import JendelaTahun
    from aksi.models import BagianLaporan

    jendela = JendelaTahun(tahun)
    hasil = []
    bagian = (BagianLaporan.objects.filter(laporan__tahun__in=tahun, status__in=STATUS_DAPAT_DIUBAH)
              .exclude(laporan__status=StatusLaporan.DISETUJUI)
              .select_related("laporan__wilayah", "laporan__tahapan", "unit"))
    for b in bagian:
        lap = b.laporan
        rentang = jendela.rentang(lap.tahun, lap.tahapan_id, lap.wilayah_id, lap.wilayah.tingkat)
        if rentang is None or not rentang[0] <= hari <= rentang[1]:
            continue
        sisa = (rentang[1] - hari).days
        if sisa in AMBANG_PENGINGAT:
            hasil.append((b, sisa))
    return hasil


def langkah_belum_dibuka_pengingat(hari, tahun: list[int]) -> list[tuple[object, list]]:
    """(step nobody opened, its operators) for every wilayah with an operator where a step's window
    closes in exactly one of AMBANG_PENGINGAT days and no Laporan exists yet. The operators are the
    active ones whose unit fills the step (an operator without unit: every step)."""
    from aksi.jadwal import JendelaTahun
    from aksi.selectors import langkah_belum_dibuka

    operator: dict[str, list[tuple[object, str | None]]] = {}
    wilayah = {}
    for p in (Penugasan.objects.filter(peran=Peran.OPERATOR, wilayah__isnull=False, user__is_active=True)
              .select_related("wilayah", "user").order_by("user_id")):
        operator.setdefault(p.wilayah_id, []).append((p.user, p.unit_id))
        wilayah[p.wilayah_id] = p.wilayah
    hasil = []
    for langkah in langkah_belum_dibuka(wilayah.values(), tahun, JendelaTahun(tahun), hari, sisa=set(AMBANG_PENGINGAT)):
        penerima = {u.pk: u for u, unit in operator[langkah.wilayah.kode] if unit is None or not langkah.unit or unit in langkah.unit}
        if penerima:
            hasil.append((langkah, list(penerima.values())))
    return hasil


def operator_bagian(bagian) -> list:
    return list(_pemegang(bagian.laporan, (Peran.OPERATOR,), bagian.unit_id))


def bagian_diam_di_bawah(kode: str, tahun: list[int], sejak) -> list:
    """The parts below wilayah `kode` waiting on someone (not verified, Laporan not approved) and
    untouched since `sejak`, oldest first."""
    from aksi.choices import StatusBagian
    from aksi.models import BagianLaporan
    from wilayah.lingkup import q_dalam

    return list(BagianLaporan.objects.filter(q_dalam(kode, "laporan__wilayah__kode", termasuk_diri=False),
                                             laporan__tahun__in=tahun, diubah_pada__lt=sejak)
                .exclude(status=StatusBagian.DIVERIFIKASI).exclude(laporan__status=StatusLaporan.DISETUJUI)
                .select_related("laporan__wilayah", "laporan__tahapan", "unit").order_by("diubah_pada", "id"))


def pengawas_ringkasan() -> list:
    """The assignments that receive the weekly digest: approvers and administrators of a kab/kota or provinsi."""
    from wilayah.choices import Tingkat

    return list(Penugasan.objects.filter(peran__in=(Peran.APPROVER, Peran.ADMINISTRATOR), user__is_active=True,
                                         wilayah__tingkat__in=(Tingkat.PROVINSI, Tingkat.KABKOTA))
                .select_related("user", "wilayah").order_by("user_id", "wilayah_id"))


def penangan_pengaduan(pengaduan) -> list:
    """Who hears of a new complaint: the active approvers and administrators of its wilayah."""
    penugasan = Penugasan.objects.filter(wilayah_id=pengaduan.wilayah_id, peran__in=(Peran.APPROVER, Peran.ADMINISTRATOR),
                                         user__is_active=True)
    return list(get_user_model().objects.filter(pk__in=penugasan.values("user_id")).order_by("pk"))
