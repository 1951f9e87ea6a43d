"""Writes of the workflow: one function per transition (pretix style).

A Laporan's (or part's) status changes here and nowhere else. Each transition reads the same:
inside transaction.atomic() it locks the rows, checks the current state and the user's role,
writes the new state, logs it (`_catat`: a RiwayatLaporan row and an audit row), and hands a
change of the Laporan's status to the step registry (`aksi.langkah.status_berubah`), whose
registered side effects (e.g. monev's roll-up) run with transaction.on_commit once it commits.
"""
from django.db import transaction
from django.utils import timezone

from indikator.services import nilai_bekukan, nilai_terbit_lepas
from inti.galat import Ditolak
from inti.services import audit_catat
from wilayah.choices import Izin, Peran, Tingkat
from wilayah.models import UnitKerja, Wilayah
from wilayah.lingkup import lingkup_baca
from wilayah.selectors import boleh_bertindak

from . import langkah
from .choices import STATUS_DAPAT_DIUBAH, StatusBagian, StatusLaporan, Transisi
from .jadwal import jendela_terbuka, keterangan_jendela
from .kelengkapan import kelengkapan_bagian
from .models import (
    BagianLaporan,
    Jadwal,
    Laporan,
    PermintaanPerpanjangan,
    PerpanjanganJadwal,
    RiwayatLaporan,
    Siklus,
    StatusPermintaan,
    Tahapan,
    TahapanUnit,
)
from .selectors import boleh_tinjau, melayani_unit
from .langkah import kekurangan_ajukan


# --- cycle and schedule ----------------------------------------------------------------------

def siklus_buat(*, oleh, tahun: int) -> Siklus:
    """Create a year's cycle with the default jadwal (DOMAIN.md §4 months) for every step and level."""
    if oleh is not None and not oleh.is_superuser:
        raise Ditolak("Hanya administrator pusat yang membuat siklus tahunan.")
    with transaction.atomic():
        siklus, _ = Siklus.objects.get_or_create(tahun=tahun)
        ada = set(Jadwal.objects.filter(siklus=siklus).values_list("tahapan_id", "tingkat"))
        baru = []
        for tahapan in Tahapan.objects.all():
            for tingkat in (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI):
                if tahapan.berlaku_di(tingkat) and (tahapan.kode, tingkat) not in ada:
                    mulai, selesai = tahapan.rentang_bawaan(tahun, tingkat)
                    baru.append(Jadwal(siklus=siklus, tahapan=tahapan, tingkat=tingkat, mulai=mulai, selesai=selesai))
        Jadwal.objects.bulk_create(baru)
        if baru:
            audit_catat(pengguna=oleh, aksi="siklus_buat", objek=siklus, baru={"jadwal_dibuat": len(baru)})
    return siklus


def siklus_atur_rekap(*, oleh, tahun: int, hanya_diterima: bool) -> bool:
    """Whether the year's roll-up counts only Laporan the level above accepted (D87); True when it
    changed (the caller then rebuilds the year's roll-up). Central administrators only."""
    if not (getattr(oleh, "is_superuser", False) or oleh.has_perm(f"wilayah.{Izin.KELOLA}")):
        raise Ditolak("Hanya administrator pusat yang dapat mengubah pengaturan rekap.")
    with transaction.atomic():
        siklus = Siklus.objects.select_for_update().filter(tahun=tahun).first()
        if siklus is None:
            raise Ditolak(f"Siklus {tahun} belum dibuat.")
        if siklus.rekap_hanya_diterima == hanya_diterima:
            return False
        siklus.rekap_hanya_diterima = hanya_diterima
        siklus.save(update_fields=["rekap_hanya_diterima"])
        audit_catat(pengguna=oleh, aksi="siklus_atur_rekap", objek=siklus, lama={"rekap_hanya_diterima": not hanya_diterima},
                    baru={"rekap_hanya_diterima": hanya_diterima})
    return True


def jadwal_ubah(*, oleh, jadwal: Jadwal, mulai, selesai) -> Jadwal:
    """Open, close or move a step's window for a whole level (central administrators)."""
    if oleh is not None and not oleh.is_superuser:
        raise Ditolak("Hanya administrator pusat yang mengubah jadwal satu tingkat; minta perpanjangan per wilayah.")
    if selesai < mulai:
        raise Ditolak("Tanggal tutup tidak boleh sebelum tanggal buka.")
    with transaction.atomic():
        jadwal = Jadwal.objects.select_for_update().get(pk=jadwal.pk)
        lama = {"mulai": str(jadwal.mulai), "selesai": str(jadwal.selesai)}
        jadwal.mulai, jadwal.selesai = mulai, selesai
        jadwal.save(update_fields=["mulai", "selesai"])
        audit_catat(pengguna=oleh, aksi="jadwal_ubah", objek=jadwal, lama=lama, baru={"mulai": str(mulai), "selesai": str(selesai)})
    return jadwal


def jadwal_perpanjang(*, oleh, jadwal: Jadwal, wilayah: Wilayah, selesai, alasan: str) -> PerpanjanganJadwal:
    if not boleh_bertindak(oleh, Izin.KELOLA, wilayah):
        raise Ditolak("Anda tidak berwenang memperpanjang jadwal wilayah ini.")
    if not alasan.strip():
        raise Ditolak("Alasan perpanjangan wajib diisi.")
    if selesai < jadwal.selesai:
        raise Ditolak(f"Tanggal perpanjangan harus sesudah penutupan jadwal ({jadwal.selesai:%d-%m-%Y}).")
    with transaction.atomic():
        lama = PerpanjanganJadwal.objects.filter(jadwal=jadwal, wilayah=wilayah).values("selesai", "alasan").first()
        obj, _ = PerpanjanganJadwal.objects.update_or_create(
            jadwal=jadwal, wilayah=wilayah, defaults={"selesai": selesai, "alasan": alasan.strip(), "dibuat_oleh": oleh}
        )
        audit_catat(
            pengguna=oleh, aksi="jadwal_perpanjang", objek=obj, wilayah_kode=wilayah.kode,
            lama={k: str(v) for k, v in lama.items()} if lama else None, baru={"selesai": str(selesai), "alasan": alasan},
        )
    return obj



def perpanjangan_minta(*, oleh, jadwal: Jadwal, wilayah: Wilayah, selesai, alasan: str) -> PermintaanPerpanjangan:
    """A wilayah's approver or administrator asks the level above for a later close."""
    if not (boleh_bertindak(oleh, Izin.SETUJUI, wilayah) or boleh_bertindak(oleh, Izin.KELOLA, wilayah)):
        raise Ditolak("Hanya penyetuju atau administrator wilayah ini yang dapat meminta perpanjangan.")
    if wilayah.induk_id is None:
        raise Ditolak("Provinsi meminta perpanjangan kepada administrator pusat di luar portal.")
    if not alasan.strip():
        raise Ditolak("Alasan permintaan wajib diisi.")
    if selesai <= jadwal.selesai:
        raise Ditolak(f"Tanggal yang diminta harus sesudah penutupan jadwal ({jadwal.selesai:%d-%m-%Y}).")
    with transaction.atomic():
        if PermintaanPerpanjangan.objects.filter(jadwal=jadwal, wilayah=wilayah, status=StatusPermintaan.MENUNGGU).exists():
            raise Ditolak("Permintaan perpanjangan untuk tahapan dan wilayah ini masih menunggu keputusan.")
        obj = PermintaanPerpanjangan.objects.create(jadwal=jadwal, wilayah=wilayah, selesai=selesai, alasan=alasan.strip(),
                                                    diminta_oleh=oleh)
        audit_catat(pengguna=oleh, aksi="perpanjangan_minta", objek=obj, wilayah_kode=wilayah.kode,
                    baru={"selesai": str(selesai), "alasan": alasan.strip()})
    return obj


def perpanjangan_putuskan(*, oleh, permintaan: PermintaanPerpanjangan, setuju: bool, alasan: str) -> PermintaanPerpanjangan:
    """An administrator of a wilayah above grants (an extension is made) or refuses, with a reason."""
    with transaction.atomic():
        p = PermintaanPerpanjangan.objects.select_for_update().select_related("wilayah", "jadwal").get(pk=permintaan.pk)
        induk = Wilayah.objects.get(pk=p.wilayah.induk_id)
        if not boleh_bertindak(oleh, Izin.KELOLA, induk):
            raise Ditolak("Hanya administrator wilayah di atasnya yang memutuskan permintaan ini.")
        if p.status != StatusPermintaan.MENUNGGU:
            raise Ditolak("Permintaan ini sudah diputuskan.")
        if not alasan.strip():
            raise Ditolak("Tulis alasan keputusan.")
        if setuju:
            jadwal_perpanjang(oleh=oleh, jadwal=p.jadwal, wilayah=p.wilayah, selesai=p.selesai, alasan=p.alasan)
        p.status = StatusPermintaan.DISETUJUI if setuju else StatusPermintaan.DITOLAK
        p.keputusan, p.diputuskan_oleh, p.diputuskan_pada = alasan.strip(), oleh, timezone.now()
        p.save(update_fields=["status", "keputusan", "diputuskan_oleh", "diputuskan_pada"])
        audit_catat(pengguna=oleh, aksi="perpanjangan_putuskan", objek=p, wilayah_kode=p.wilayah_id,
                    baru={"status": p.status, "keputusan": p.keputusan})
    return p

# --- Laporan ---------------------------------------------------------------------------------

def laporan_ambil_atau_buat(*, user, tahun: int, tahapan: Tahapan, wilayah: Wilayah) -> Laporan:
    """The Laporan of (tahun, tahapan, wilayah), created on first use with one part per unit."""
    if not lingkup_baca(user).mencakup(wilayah.kode):
        raise Ditolak("Wilayah di luar lingkup Anda.")
    if not tahapan.berlaku_di(wilayah.tingkat):
        raise Ditolak(f"Tahapan {tahapan} tidak dilaksanakan di tingkat {wilayah.get_tingkat_display()}.")
    if not Siklus.objects.filter(tahun=tahun).exists():
        raise Ditolak(f"Siklus {tahun} belum dibuat.")
    with transaction.atomic():
        laporan, dibuat = Laporan.objects.get_or_create(tahun=tahun, tahapan=tahapan, wilayah=wilayah)
        if dibuat:
            unit = TahapanUnit.objects.filter(tahapan=tahapan, tingkat=wilayah.tingkat).values_list("unit_id", flat=True)
            BagianLaporan.objects.bulk_create([BagianLaporan(laporan=laporan, unit_id=u) for u in unit] or [BagianLaporan(laporan=laporan)])
            langkah.laporan_dibuat(laporan, user)  # the apps' saat_dibuat hooks (e.g. RAD's own parts)
            audit_catat(pengguna=user, aksi="laporan_buat", objek=laporan, wilayah_kode=wilayah.kode, baru={
                "tahun": tahun, "tahapan": tahapan.kode,
                "bagian": sorted(u or "" for u in laporan.bagian.values_list("unit_id", flat=True)),
            })
    return laporan


def _kunci(bagian: BagianLaporan) -> tuple[Laporan, BagianLaporan]:
    laporan = Laporan.objects.select_for_update(of=("self",)).select_related("wilayah", "tahapan").get(pk=bagian.laporan_id)
    bagian = BagianLaporan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=bagian.pk)
    bagian.laporan = laporan
    return laporan, bagian


def _kunci_laporan(laporan: Laporan) -> Laporan:
    # of=self: lock the Laporan row only, never the shared Wilayah/Tahapan rows it joins.
    return Laporan.objects.select_for_update(of=("self",)).select_related("wilayah", "tahapan").get(pk=laporan.pk)


def _status_dari_bagian(status_bagian: list[str]) -> str:
    if StatusBagian.DIKEMBALIKAN in status_bagian:
        return StatusLaporan.DIKEMBALIKAN
    if StatusBagian.DRAFT in status_bagian:
        return StatusLaporan.DRAFT
    if StatusBagian.DIAJUKAN in status_bagian:
        return StatusLaporan.DIAJUKAN
    return StatusLaporan.DIVERIFIKASI


def _catat(*, laporan, bagian, transisi, dari, ke, oleh, catatan="", tambahan: dict | None = None) -> None:
    """The log of a transition: the RiwayatLaporan row the Laporan page shows, and the audit row
    (action `bagian_<transisi>` or `laporan_<transisi>`; `tambahan` adds to what it records)."""
    riwayat = RiwayatLaporan.objects.create(
        laporan=laporan, bagian=bagian, transisi=transisi, dari=dari, ke=ke, oleh=oleh, catatan=catatan
    )
    langkah.transisi_dicatat(riwayat)
    audit_catat(pengguna=oleh, aksi=f"{'bagian' if bagian else 'laporan'}_{transisi}", objek=bagian or laporan,
                wilayah_kode=laporan.wilayah_id, lama={"status": dari},
                baru={"status": ke, "catatan": catatan, **(tambahan or {})})


def _ubah_status(laporan: Laporan, ke: str, **lain) -> str:
    """Store the Laporan's new status (and the other fields given) and hand the change to the
    step registry, whose side effects run after commit. Returns the old status."""
    dari = laporan.status
    laporan.status = ke
    for nama, nilai in lain.items():
        setattr(laporan, nama, nilai)
    laporan.save(update_fields=["status", *lain, "diubah_pada"])
    langkah.status_berubah(laporan, dari, ke)
    return dari


def _pindah_bagian(*, user, bagian, transisi, ke, catatan="") -> BagianLaporan:
    """Move one part, log it, and re-derive the Laporan's status from its parts."""
    laporan = bagian.laporan
    dari = bagian.status
    bagian.status = ke
    bagian.diubah_oleh = user
    bagian.save(update_fields=["status", "diubah_oleh", "diubah_pada"])
    _catat(laporan=laporan, bagian=bagian, transisi=transisi, dari=dari, ke=ke, oleh=user, catatan=catatan)
    status = _status_dari_bagian(list(laporan.bagian.values_list("status", flat=True)))
    if status != laporan.status:
        _ubah_status(laporan, status)
    return bagian


def _wajib_alasan(alasan: str) -> str:
    alasan = (alasan or "").strip()
    if not alasan:
        raise Ditolak("Alasan wajib diisi agar operator tahu apa yang harus diperbaiki.")
    return alasan


def bagian_ajukan(*, user, bagian: BagianLaporan, catatan: str = "") -> BagianLaporan:
    """The unit's operator submits its part (draft or returned, inside the window). A part with
    nothing filled at all (`aksi.kelengkapan`) is refused unless the note says why it is empty."""
    with transaction.atomic():
        laporan, bagian = _kunci(bagian)
        if not melayani_unit(user, bagian, Peran.OPERATOR, Izin.ISI):
            raise Ditolak(f"Hanya operator {bagian.nama_unit} di {laporan.wilayah.nama_lengkap} yang dapat mengajukan bagian ini.")
        if laporan.disetujui or bagian.status not in STATUS_DAPAT_DIUBAH:
            raise Ditolak(f"Bagian {bagian.nama_unit} berstatus {bagian.get_status_display().lower()}; hanya draf atau yang dikembalikan dapat diajukan.")
        if not jendela_terbuka(laporan):
            raise Ditolak(f"Jadwal sudah tertutup. {keterangan_jendela(laporan)}")
        kurang = kekurangan_ajukan(bagian)
        if kurang:
            raise Ditolak(kurang)
        kelengkapan = kelengkapan_bagian(bagian)
        if kelengkapan.kosong and not (catatan or "").strip():
            ringkasan = kelengkapan.ringkasan
            raise Ditolak(
                f"Bagian {bagian.nama_unit} belum berisi apa pun: {ringkasan[0].lower()}{ringkasan[1:]} "
                "Isi dulu datanya, atau tuliskan di catatan mengapa bagian ini memang kosong."
            )
        return _pindah_bagian(user=user, bagian=bagian, transisi=Transisi.AJUKAN, ke=StatusBagian.DIAJUKAN, catatan=catatan)


def bagian_verifikasi(*, user, bagian: BagianLaporan, catatan: str = "") -> BagianLaporan:
    with transaction.atomic():
        laporan, bagian = _kunci(bagian)
        if not melayani_unit(user, bagian, Peran.VERIFIKATOR, Izin.VERIFIKASI):
            raise Ditolak(f"Hanya verifikator {bagian.nama_unit} di {laporan.wilayah.nama_lengkap} yang dapat memverifikasi bagian ini.")
        if bagian.status != StatusBagian.DIAJUKAN:
            raise Ditolak(f"Bagian {bagian.nama_unit} berstatus {bagian.get_status_display().lower()}; hanya yang diajukan dapat diverifikasi.")
        return _pindah_bagian(user=user, bagian=bagian, transisi=Transisi.VERIFIKASI, ke=StatusBagian.DIVERIFIKASI, catatan=catatan)


def bagian_kembalikan(*, user, bagian: BagianLaporan, alasan: str) -> BagianLaporan:
    """A verifikator returns its unit's part (submitted or verified); the approver a verified part."""
    with transaction.atomic():
        laporan, bagian = _kunci(bagian)
        alasan = _wajib_alasan(alasan)
        if laporan.disetujui:
            raise Ditolak("Laporan sudah disetujui; buka kembali dulu (penyetuju/administrator).")
        verifikator = melayani_unit(user, bagian, Peran.VERIFIKATOR, Izin.VERIFIKASI) and bagian.status in (
            StatusBagian.DIAJUKAN, StatusBagian.DIVERIFIKASI,
        )
        penyetuju = boleh_bertindak(user, Izin.SETUJUI, laporan.wilayah) and bagian.status == StatusBagian.DIVERIFIKASI
        if not (verifikator or penyetuju):
            raise Ditolak(
                f"Bagian {bagian.nama_unit} berstatus {bagian.get_status_display().lower()}; "
                "hanya verifikator unitnya (bagian diajukan/diverifikasi) atau penyetuju (bagian diverifikasi) yang dapat mengembalikannya."
            )
        return _pindah_bagian(user=user, bagian=bagian, transisi=Transisi.KEMBALIKAN, ke=StatusBagian.DIKEMBALIKAN, catatan=alasan)


def laporan_setujui(*, user, laporan: Laporan, catatan: str = "") -> Laporan:
    with transaction.atomic():
        laporan = _kunci_laporan(laporan)
        if not boleh_bertindak(user, Izin.SETUJUI, laporan.wilayah):
            penyetuju = "Camat" if laporan.wilayah.tingkat == Tingkat.KECAMATAN else "Bappeda"
            raise Ditolak(f"Hanya penyetuju ({penyetuju}) {laporan.wilayah.nama_lengkap} yang dapat menyetujui laporan ini.")
        if laporan.status != StatusLaporan.DIVERIFIKASI:
            raise Ditolak(f"Laporan berstatus {laporan.get_status_display().lower()}; semua bagian harus diverifikasi dulu.")
        if laporan.direvisi:
            nilai_terbit_lepas(laporan=laporan)
        dari = _ubah_status(laporan, StatusLaporan.DISETUJUI, disetujui_pada=timezone.now(), disetujui_oleh=user,
                            dibuka_kembali=False, direvisi=False, diterima_pada=None, diterima_oleh=None)
        _catat(laporan=laporan, bagian=None, transisi=Transisi.SETUJUI, dari=dari, ke=laporan.status, oleh=user, catatan=catatan)
    return laporan


def _buka(*, user, laporan: Laporan, alasan: str, transisi: str) -> Laporan:
    """Every part back to its operators (outside the window too), the Laporan returned; logged."""
    nilai_bekukan(laporan=laporan, oleh=user, alasan=alasan)  # published figures stay until approved again (D88)
    laporan.bagian.update(status=StatusBagian.DIKEMBALIKAN, diubah_oleh=user, diubah_pada=timezone.now())
    dari = _ubah_status(laporan, StatusLaporan.DIKEMBALIKAN, dibuka_kembali=True, direvisi=True, disetujui_pada=None,
                        disetujui_oleh=None)
    _catat(laporan=laporan, bagian=None, transisi=transisi, dari=dari, ke=laporan.status, oleh=user, catatan=alasan)
    return laporan


def laporan_buka_kembali(*, user, laporan: Laporan, alasan: str) -> Laporan:
    """Reopen an approved Laporan: every part goes back to its operators, outside the window too."""
    with transaction.atomic():
        laporan = _kunci_laporan(laporan)
        alasan = _wajib_alasan(alasan)
        if not (boleh_bertindak(user, Izin.SETUJUI, laporan.wilayah) or boleh_bertindak(user, Izin.KELOLA, laporan.wilayah)):
            raise Ditolak("Hanya penyetuju atau administrator yang dapat membuka kembali laporan yang sudah disetujui.")
        if not laporan.disetujui:
            raise Ditolak(f"Laporan berstatus {laporan.get_status_display().lower()}; hanya laporan yang disetujui dapat dibuka kembali.")
        return _buka(user=user, laporan=laporan, alasan=alasan, transisi=Transisi.BUKA_KEMBALI)


# --- the review by the level above (D87) ------------------------------------------------------------

def _cek_tinjau(user, laporan: Laporan) -> None:
    if not laporan.ditinjau_atas:
        raise Ditolak(f"Laporan {laporan.wilayah.get_tingkat_display().lower()} tidak ditinjau tingkat atas.")
    if not boleh_tinjau(user, laporan):
        raise Ditolak(f"Hanya verifikator atau penyetuju {laporan.wilayah.induk.nama_lengkap} yang dapat meninjau laporan ini.")
    if not laporan.disetujui:
        raise Ditolak(f"Laporan berstatus {laporan.get_status_display().lower()}; hanya laporan yang disetujui dapat ditinjau.")


def laporan_terima(*, user, laporan: Laporan, catatan: str = "") -> Laporan:
    """The level above accepts the approved Laporan (this approval: a new one needs a new review)."""
    with transaction.atomic():
        laporan = _kunci_laporan(laporan)
        _cek_tinjau(user, laporan)
        if laporan.diterima_pada:
            raise Ditolak("Laporan ini sudah diterima.")
        laporan.diterima_pada, laporan.diterima_oleh = timezone.now(), user
        laporan.save(update_fields=["diterima_pada", "diterima_oleh", "diubah_pada"])
        _catat(laporan=laporan, bagian=None, transisi=Transisi.TERIMA, dari=laporan.status, ke=laporan.status, oleh=user,
               catatan=catatan)
    return laporan


def laporan_kembalikan_atas(*, user, laporan: Laporan, alasan: str) -> Laporan:
    """The level above returns the approved Laporan with a reason (also after accepting it): it
    is reopened for the wilayah, whose approver approves it again once fixed."""
    with transaction.atomic():
        laporan = _kunci_laporan(laporan)
        alasan = _wajib_alasan(alasan)
        _cek_tinjau(user, laporan)
        return _buka(user=user, laporan=laporan, alasan=alasan, transisi=Transisi.KEMBALIKAN_ATAS)


def laporan_tambah_bagian(*, user, laporan: Laporan, unit: set[str]) -> set[str]:
    """Give the Laporan a part for every unit of `unit` it lacks (for a step whose parts follow
    the app's own data, e.g. RAD: one part per agency leading an output); returns the units added.

    A new part starts as draft, so the Laporan's status is derived again from its parts: one
    waiting for verification or approval goes back to draft, a returned one stays returned. An
    approved Laporan is left alone: it is locked until reopened.
    """
    with transaction.atomic():
        laporan = _kunci_laporan(laporan)
        if laporan.disetujui:
            return set()
        kurang = set(unit) - set(laporan.bagian.order_by().values_list("unit_id", flat=True))
        if not kurang:
            return set()
        BagianLaporan.objects.bulk_create([BagianLaporan(laporan=laporan, unit_id=u) for u in sorted(kurang)])
        status = _status_dari_bagian(list(laporan.bagian.values_list("status", flat=True)))
        if status == laporan.status:  # no transition to show in the Laporan's history
            audit_catat(pengguna=user, aksi="laporan_tambah_bagian", objek=laporan, wilayah_kode=laporan.wilayah_id,
                        baru={"unit": sorted(kurang)})
            return kurang
        nama = UnitKerja.objects.filter(pk__in=kurang).order_by("urutan", "kode").values_list("singkatan", flat=True)
        dari = _ubah_status(laporan, status)
        _catat(laporan=laporan, bagian=None, transisi=Transisi.TAMBAH_BAGIAN, dari=dari, ke=status, oleh=user,
               catatan=f"Bagian baru: {', '.join(nama)}.", tambahan={"unit": sorted(kurang)})
    return kurang
