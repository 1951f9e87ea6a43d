"""aksi is the workflow kernel: a Laporan's status changes only inside a transition of
aksi.services, every change reaches the step registry (aksi.langkah), whose side effects run
after commit and can never undo the transition (monev's roll-up, a broker that is down); the
creation hooks run inside the creating transaction; adding parts is a logged transition; the
"may edit this part now" rule is written once."""
import logging
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from kombu.exceptions import OperationalError

from aksi import dokumen, langkah
from aksi.choices import StatusBagian, StatusLaporan, Transisi
from aksi.models import Laporan, RiwayatLaporan, Tahapan
from aksi.selectors import alasan_tidak_dapat_diisi, bagian_dapat_diisi
from aksi.services import (
    bagian_ajukan,
    bagian_kembalikan,
    bagian_verifikasi,
    laporan_ambil_atau_buat,
    laporan_buka_kembali,
    laporan_setujui,
    laporan_tambah_bagian,
)
from indikator.models import NilaiDesa
from inti.galat import Ditolak
from inti.models import CatatanAudit
from monev import tasks as tugas
from monev.models import Rekap
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG, KEC_TETANGGA, TAHUN

pytestmark = pytest.mark.django_db

UNIT = ("setcam", "puskesmas", "plkb")


@pytest.fixture
def laporan(laporan_kedurang):
    """Kedurang's baseline Laporan with one value per unit (an empty part needs a note to be submitted)."""
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").last()
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=laporan_kedurang, desa=desa, item=i, nilai=7) for i in ("S01", "S04", "S06")])
    return laporan_kedurang


@pytest.fixture
def daftar_uji():
    """Register a Langkah for one test only; the registry is restored afterwards."""
    simpan = dict(langkah._DAFTAR)
    yield langkah.daftarkan
    langkah._DAFTAR.clear()
    langkah._DAFTAR.update(simpan)


@pytest.fixture
def perubahan(daftar_uji):
    """Every status change the registry hands to the apps after commit, as (pk, dari, ke)."""
    dicatat = []
    daftar_uji(langkah.Langkah(app="uji_perubahan", saat_status_berubah=lambda lap, dari, ke: dicatat.append((lap.pk, dari, ke))))
    return dicatat


def _ajukan_dan_verifikasi_semua(laporan, tim):
    for u in UNIT:
        bagian_ajukan(user=tim[f"op_{u}"], bagian=laporan.bagian.get(unit_id=u))
        bagian_verifikasi(user=tim[f"ver_{u}"], bagian=laporan.bagian.get(unit_id=u))


# --- status changes reach the registry, after commit ---------------------------------------------

def test_every_status_change_of_a_transition_reaches_the_registry_after_commit(laporan, tim, perubahan,
                                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ajukan_dan_verifikasi_semua(laporan, tim)
        laporan_setujui(user=tim["camat"], laporan=laporan)
        assert perubahan == []  # nothing runs before the transaction commits
        laporan_buka_kembali(user=tim["camat"], laporan=laporan, alasan="Angka stunting keliru")
        bagian_ajukan(user=tim["op_setcam"], bagian=laporan.bagian.get(unit_id="setcam"))  # others still returned
    assert perubahan == [
        (laporan.pk, StatusLaporan.DRAFT, StatusLaporan.DIAJUKAN),  # the last part submitted
        (laporan.pk, StatusLaporan.DIAJUKAN, StatusLaporan.DIVERIFIKASI),
        (laporan.pk, StatusLaporan.DIVERIFIKASI, StatusLaporan.DISETUJUI),
        (laporan.pk, StatusLaporan.DISETUJUI, StatusLaporan.DIKEMBALIKAN),
    ]


def test_approval_runs_the_kecamatan_roll_up_once_committed(laporan, tim, django_capture_on_commit_callbacks):
    _ajukan_dan_verifikasi_semua(laporan, tim)
    with django_capture_on_commit_callbacks(execute=True):
        laporan_setujui(user=tim["camat"], laporan=laporan)
        assert not Rekap.objects.filter(wilayah_kode=KEC_KEDURANG).exists()  # not inside the transaction
    rekap = dict(Rekap.objects.filter(periode="baseline", item="S01").values_list("wilayah_kode", "jumlah"))
    assert rekap[KEC_KEDURANG] == rekap["17.01"] == rekap["17"] == rekap[""] == 7

    with django_capture_on_commit_callbacks(execute=True):  # reopening keeps the published figures (D88)
        laporan_buka_kembali(user=tim["camat"], laporan=laporan, alasan="Angka stunting keliru")
    rekap = dict(Rekap.objects.filter(periode="baseline", item="S01").values_list("wilayah_kode", "jumlah"))
    assert rekap[KEC_KEDURANG] == rekap[""] == 7


def test_a_broker_that_is_down_does_not_undo_the_approval(laporan, tim, monkeypatch, caplog,
                                                          django_capture_on_commit_callbacks):
    class BrokerMati:
        def delay(self, *argumen):
            raise OperationalError("Error 111 connecting to broker: Connection refused.")

    monkeypatch.setattr(tugas, "rekap_kecamatan", BrokerMati())
    _ajukan_dan_verifikasi_semua(laporan, tim)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True) as setelah_commit:
        hasil = laporan_setujui(user=tim["camat"], laporan=laporan)
    assert setelah_commit and "Connection refused" in caplog.text  # the enqueue ran, failed and was logged
    assert hasil.status == StatusLaporan.DISETUJUI
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DISETUJUI and laporan.disetujui_oleh == tim["camat"]
    assert RiwayatLaporan.objects.filter(laporan=laporan, transisi=Transisi.SETUJUI).count() == 1


def test_a_failing_side_effect_leaves_the_others_and_the_transition_alone(laporan, tim, daftar_uji, perubahan,
                                                                          django_capture_on_commit_callbacks):
    def gagal(lap, dari, ke):
        raise RuntimeError("efek samping gagal")

    daftar_uji(langkah.Langkah(app="uji_gagal", saat_status_berubah=gagal))
    _ajukan_dan_verifikasi_semua(laporan, tim)
    perubahan.clear()
    with django_capture_on_commit_callbacks(execute=True):
        laporan_setujui(user=tim["camat"], laporan=laporan)
    assert perubahan == [(laporan.pk, StatusLaporan.DIVERIFIKASI, StatusLaporan.DISETUJUI)]
    assert Laporan.objects.get(pk=laporan.pk).status == StatusLaporan.DISETUJUI


def test_transitions_leave_a_history_row_and_an_audit_row(laporan, tim):
    setcam = laporan.bagian.get(unit_id="setcam")
    bagian_ajukan(user=tim["op_setcam"], bagian=setcam)
    bagian_kembalikan(user=tim["ver_setcam"], bagian=setcam, alasan="Lengkapi data")
    riwayat = list(RiwayatLaporan.objects.filter(laporan=laporan).values_list("transisi", "dari", "ke"))
    assert riwayat == [(Transisi.AJUKAN, "draft", "diajukan"), (Transisi.KEMBALIKAN, "diajukan", "dikembalikan")]
    audit = CatatanAudit.objects.filter(objek_tipe="aksi.bagianlaporan", objek_id=str(setcam.pk)).order_by("id")
    assert [(a.aksi, a.lama, a.baru["status"]) for a in audit] == [
        ("bagian_ajukan", {"status": "draft"}, "diajukan"), ("bagian_kembalikan", {"status": "diajukan"}, "dikembalikan"),
    ]
    assert audit.last().pengguna == tim["ver_setcam"] and audit.last().baru["catatan"] == "Lengkapi data"


# --- adding parts is a transition ----------------------------------------------------------------

def test_adding_a_part_sends_a_verified_laporan_back_to_draft_with_its_history(laporan, tim, perubahan,
                                                                               django_capture_on_commit_callbacks):
    _ajukan_dan_verifikasi_semua(laporan, tim)
    perubahan.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tambah = laporan_tambah_bagian(user=tim["camat"], laporan=laporan, unit={*UNIT, "dinkes", "bappeda"})
    assert tambah == {"dinkes", "bappeda"}
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DRAFT
    assert laporan.bagian.get(unit_id="dinkes").status == StatusBagian.DRAFT
    riwayat = RiwayatLaporan.objects.filter(laporan=laporan).last()
    assert (riwayat.transisi, riwayat.dari, riwayat.ke, riwayat.bagian) == (Transisi.TAMBAH_BAGIAN, "diverifikasi", "draft", None)
    assert riwayat.catatan == "Bagian baru: Bappeda, Dinkes." and riwayat.get_transisi_display() == "Bagian ditambahkan"
    audit = CatatanAudit.objects.get(aksi="laporan_tambah_bagian", objek_id=str(laporan.pk))
    assert audit.baru["unit"] == ["bappeda", "dinkes"] and audit.lama == {"status": "diverifikasi"}
    assert perubahan == [(laporan.pk, StatusLaporan.DIVERIFIKASI, StatusLaporan.DRAFT)]

    assert laporan_tambah_bagian(user=tim["camat"], laporan=laporan, unit={"dinkes"}) == set()  # nothing missing


def test_adding_a_part_keeps_a_returned_laporan_returned_and_leaves_an_approved_one_alone(laporan, tim, perubahan):
    _ajukan_dan_verifikasi_semua(laporan, tim)
    laporan_setujui(user=tim["camat"], laporan=laporan)
    assert laporan_tambah_bagian(user=tim["camat"], laporan=laporan, unit={"dinkes"}) == set()
    assert not laporan.bagian.filter(unit_id="dinkes").exists()

    laporan_buka_kembali(user=tim["camat"], laporan=laporan, alasan="Perbaiki")
    riwayat = RiwayatLaporan.objects.filter(laporan=laporan).count()
    assert laporan_tambah_bagian(user=tim["camat"], laporan=laporan, unit={"dinkes"}) == {"dinkes"}
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIKEMBALIKAN
    assert RiwayatLaporan.objects.filter(laporan=laporan).count() == riwayat  # no transition: the return reason stays
    assert CatatanAudit.objects.filter(aksi="laporan_tambah_bagian", objek_id=str(laporan.pk)).get().baru == {"unit": ["dinkes"]}


# --- creation hooks --------------------------------------------------------------------------------

def test_creation_hooks_run_inside_the_creating_transaction_for_their_steps(siklus_terbuka, beri_peran, daftar_uji):
    dipanggil = []
    daftar_uji(langkah.Langkah(app="uji_lain", tahapan=("pra-musrenbang",), saat_dibuat=lambda lap, user: dipanggil.append(lap)))

    def tolak(lap, user):
        assert lap.bagian.count() == 3  # the parts exist already
        raise Ditolak("Belum boleh dibuka.")

    daftar_uji(langkah.Langkah(app="uji_tolak", tahapan=("analisis-situasi",), saat_dibuat=tolak))
    admin = beri_peran("administrator", KEC_TETANGGA)
    with pytest.raises(Ditolak, match="Belum boleh dibuka"):
        laporan_ambil_atau_buat(user=admin, tahun=TAHUN, tahapan=Tahapan.objects.get(pk="analisis-situasi"),
                                wilayah=Wilayah.objects.get(kode=KEC_TETANGGA))
    assert not Laporan.objects.filter(wilayah_id=KEC_TETANGGA).exists()  # rolled back with its parts
    assert dipanggil == []


# --- the may-edit rule, once ---------------------------------------------------------------------------

def test_the_may_edit_rule_and_its_reasons_are_one(laporan, tim, beri_peran):
    setcam = laporan.bagian.select_related("unit", "laporan__wilayah").get(unit_id="setcam")
    assert dokumen.alasan_tidak_dapat_diisi is alasan_tidak_dapat_diisi
    pemantau = beri_peran("pemantau", KEC_KEDURANG)
    assert alasan_tidak_dapat_diisi(tim["op_setcam"], setcam) is None and bagian_dapat_diisi(tim["op_setcam"], setcam)
    assert not bagian_dapat_diisi(pemantau, setcam)
    assert alasan_tidak_dapat_diisi(pemantau, setcam) == "Bagian Setcam hanya dapat diisi oleh operator Setcam Kecamatan Kedurang."
    bagian_ajukan(user=tim["op_setcam"], bagian=setcam)
    setcam = laporan.bagian.select_related("unit", "laporan__wilayah").get(unit_id="setcam")
    assert not bagian_dapat_diisi(tim["op_setcam"], setcam)
    assert alasan_tidak_dapat_diisi(tim["op_setcam"], setcam) == (
        "Bagian Setcam berstatus diajukan; hanya bagian berstatus draf atau dikembalikan yang dapat diubah.")
    assert alasan_tidak_dapat_diisi(tim["op_setcam"], None, NilaiDesa) == (
        f"Laporan ini tidak memiliki bagian untuk {NilaiDesa._meta.verbose_name_plural}.")


def test_no_module_outside_the_kernel_writes_a_laporan_status():
    tulis = re.compile(r"\b\w*(laporan|lap|bagian)\w*\.status\s*=(?!=)|\b(laporan|bagian)\w*\.update\([^)]*\bstatus=")
    akar = Path(settings.BASE_DIR).resolve()
    berkas = [b for app in apps.get_app_configs() if Path(app.path).resolve().is_relative_to(akar)
              for b in Path(app.path).resolve().rglob("*.py") if "migrations" not in b.parts]
    assert len(berkas) > 50
    pelanggar = [
        f"{b.relative_to(akar)}:{n}" for b in berkas if b.relative_to(akar) != Path("aksi/services.py")
        for n, baris in enumerate(b.read_text(encoding="utf-8").splitlines(), 1) if tulis.search(baris)
    ]
    assert pelanggar == []
