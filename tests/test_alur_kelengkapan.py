"""Issue 13, defects 6, 7 and the workflow items of 8 and 10: a part's completeness shown before
every transition (and an empty part held back by the service), the return reason where the
operator works, the parts' states and Indonesian labels everywhere, only openable steps offered,
and the audit row of a Laporan's creation."""
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aksi.choices import StatusBagian
from aksi.models import Tahapan
from analisis.models import ProgramKegiatan
from aksi.services import (
    Ditolak,
    bagian_ajukan,
    bagian_kembalikan,
    bagian_verifikasi,
    laporan_ambil_atau_buat,
    laporan_buka_kembali,
    laporan_setujui,
    siklus_buat,
)
from indikator.katalog import daftar_item
from indikator.models import NilaiDesa
from inti.models import CatatanAudit
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

UNIT = ("setcam", "puskesmas", "plkb")


def _desa() -> list[str]:
    return list(Wilayah.objects.filter(induk_id=KEC_KEDURANG, tingkat=Tingkat.DESA).order_by("kode").values_list("kode", flat=True))


def _kolom(unit: str) -> list[str]:
    return [i.kode for i in daftar_item() if i.pj == unit]


def _isi(laporan, unit: str, jumlah_desa: int = 1) -> int:
    """Fill every column of `unit` in the first `jumlah_desa` desa; returns the number of cells."""
    sel = [NilaiDesa(laporan=laporan, desa_id=d, item=k, nilai=1) for d in _desa()[:jumlah_desa] for k in _kolom(unit)]
    NilaiDesa.objects.bulk_create(sel)
    return len(sel)


def _bagian(laporan, unit):
    return laporan.bagian.get(unit_id=unit)


def _url(laporan, aksi: str, unit: str | None = None) -> str:
    if unit:
        return f"/aksi/laporan/{laporan.pk}/bagian/{_bagian(laporan, unit).pk}/{aksi}/"
    return f"/aksi/laporan/{laporan.pk}/{aksi}/"


def _ajukan_verifikasi_semua(laporan, tim):
    for u in UNIT:
        _isi(laporan, u)
        bagian_ajukan(user=tim[f"op_{u}"], bagian=_bagian(laporan, u))
        bagian_verifikasi(user=tim[f"ver_{u}"], bagian=_bagian(laporan, u))


# --- defect 6: completeness ---------------------------------------------------------------------

def test_completeness_counts_the_parts_cells_and_document_sections_with_a_fixed_number_of_queries(laporan_kedurang):
    from aksi.kelengkapan import kelengkapan_laporan

    lap = laporan_kedurang
    desa, kolom_puskesmas = _desa(), _kolom("puskesmas")
    terisi = _isi(lap, "puskesmas", jumlah_desa=3)
    ProgramKegiatan.objects.create(laporan=lap, indikator_id="A1", nama="PMT ibu hamil", volume=1, satuan="paket",
                                   sumber_dana="apbdes", anggaran=0)
    with CaptureQueriesContext(connection) as kueri:
        hasil = kelengkapan_laporan(lap)
    assert len(kueri) <= 12  # grouped: not one query per desa (Kedurang has 19)
    pusk = hasil[_bagian(lap, "puskesmas").pk]
    assert (pusk.sel_terisi, pusk.sel_total) == (terisi, len(desa) * len(kolom_puskesmas))
    assert pusk.seksi == [] and not pusk.kosong and not pusk.lengkap
    setcam = hasil[_bagian(lap, "setcam").pk]
    assert setcam.sel_terisi == 0 and setcam.sel_total == len(desa) * len(_kolom("setcam"))
    assert [n for _, n in setcam.seksi] == [1, 0, 0, 0] and (setcam.seksi_terisi, setcam.seksi_total) == (1, 4)
    assert not setcam.kosong  # a document section is filled
    assert hasil[_bagian(lap, "plkb").pk].kosong
    assert "1 dari 4" in setcam.ringkasan and f"{terisi} dari {len(desa) * len(kolom_puskesmas)}" in pusk.ringkasan


def test_an_empty_part_is_refused_by_the_service_unless_the_operator_says_why(laporan_kedurang, tim):
    bagian = _bagian(laporan_kedurang, "plkb")
    with pytest.raises(Ditolak, match="Bagian PLKB belum berisi apa pun"):
        bagian_ajukan(user=tim["op_plkb"], bagian=bagian)
    bagian.refresh_from_db()
    assert bagian.status == StatusBagian.DRAFT
    bagian_ajukan(user=tim["op_plkb"], bagian=bagian, catatan="Tidak ada catin terdaftar di Kedurang tahun ini")
    bagian.refresh_from_db()
    assert bagian.status == StatusBagian.DIAJUKAN


def test_a_partial_part_is_submitted_after_the_confirmation_page_shows_its_completeness(client, laporan_kedurang, tim):
    terisi = _isi(laporan_kedurang, "puskesmas")
    total = len(_desa()) * len(_kolom("puskesmas"))
    client.force_login(tim["op_puskesmas"])
    halaman = client.get(_url(laporan_kedurang, "ajukan", "puskesmas"))
    isi = halaman.content.decode()
    assert halaman.status_code == 200 and f"{terisi} dari {total}" in isi and 'name="konfirmasi"' in isi
    assert "belum lengkap" in isi.lower()
    jawaban = client.post(_url(laporan_kedurang, "ajukan", "puskesmas"))  # not confirmed
    assert jawaban.status_code == 400 and "Centang" in jawaban.content.decode()
    assert _bagian(laporan_kedurang, "puskesmas").status == StatusBagian.DRAFT
    client.post(_url(laporan_kedurang, "ajukan", "puskesmas"), {"konfirmasi": "on"})
    assert _bagian(laporan_kedurang, "puskesmas").status == StatusBagian.DIAJUKAN


def test_the_empty_part_is_refused_through_the_page_with_the_reason(client, laporan_kedurang, tim):
    client.force_login(tim["op_plkb"])
    assert "belum berisi apa pun" in client.get(_url(laporan_kedurang, "ajukan", "plkb")).content.decode()
    jawaban = client.post(_url(laporan_kedurang, "ajukan", "plkb"), {"konfirmasi": "on"}, follow=True)
    assert "Bagian PLKB belum berisi apa pun" in jawaban.content.decode()
    assert _bagian(laporan_kedurang, "plkb").status == StatusBagian.DRAFT


@pytest.mark.parametrize("aksi", ["verifikasi", "kembalikan", "setujui", "buka-kembali"])
def test_every_transition_asks_for_confirmation_and_shows_completeness(client, laporan_kedurang, tim, aksi):
    lap = laporan_kedurang
    for u in UNIT:
        _isi(lap, u)
        bagian_ajukan(user=tim[f"op_{u}"], bagian=_bagian(lap, u))
    if aksi in ("setujui", "buka-kembali"):
        for u in UNIT:
            bagian_verifikasi(user=tim[f"ver_{u}"], bagian=_bagian(lap, u))
    if aksi == "buka-kembali":
        laporan_setujui(user=tim["camat"], laporan=lap)
    pelaku = tim["ver_puskesmas"] if aksi in ("verifikasi", "kembalikan") else tim["camat"]
    url = _url(lap, aksi, "puskesmas" if aksi in ("verifikasi", "kembalikan") else None)
    client.force_login(pelaku)
    halaman = client.get(url).content.decode()
    assert 'name="konfirmasi"' in halaman and f"dari {len(_desa()) * len(_kolom('puskesmas'))}" in halaman
    data = {"alasan": "Periksa ulang", "catatan": "ok"}
    lap.refresh_from_db()
    sebelum = (lap.status, list(lap.bagian.order_by("pk").values_list("status", flat=True)))
    assert client.post(url, data).status_code == 400
    lap.refresh_from_db()
    assert (lap.status, list(lap.bagian.order_by("pk").values_list("status", flat=True))) == sebelum
    client.post(url, data | {"konfirmasi": "on"})
    lap.refresh_from_db()
    assert (lap.status, list(lap.bagian.order_by("pk").values_list("status", flat=True))) != sebelum


def test_verifikator_and_approver_see_each_parts_completeness(client, laporan_kedurang, tim):
    terisi = _isi(laporan_kedurang, "puskesmas")
    for pengguna in (tim["ver_puskesmas"], tim["camat"], tim["op_puskesmas"]):
        client.force_login(pengguna)
        isi = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/").content.decode()
        baris = re.search(r'data-testid="bagian-puskesmas".*?</tr>', isi, re.S).group(0)
        assert f"{terisi} dari {len(_desa()) * len(_kolom('puskesmas'))}" in baris
        assert "Kosong" in re.search(r'data-testid="bagian-plkb".*?</tr>', isi, re.S).group(0)


def test_approver_sees_which_parts_wait_and_for_whom(client, laporan_kedurang, tim):
    _isi(laporan_kedurang, "puskesmas")
    bagian_ajukan(user=tim["op_puskesmas"], bagian=_bagian(laporan_kedurang, "puskesmas"))
    client.force_login(tim["camat"])
    isi = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/").content.decode()
    menunggu = re.search(r'data-testid="menunggu".*?</table>', isi, re.S).group(0)
    assert "Puskesmas" in menunggu and "Diajukan" in menunggu and "ver-puskesmas" in menunggu
    assert "PLKB" in menunggu and "Draf" in menunggu and "op-plkb" in menunggu
    assert "ver-plkb" not in menunggu  # a draft part waits for its operator, not its verifikator


# --- defect 7: the return reason ------------------------------------------------------------------

def test_the_return_reason_is_on_the_parts_row_the_grid_and_the_list(client, laporan_kedurang, tim):
    _isi(laporan_kedurang, "puskesmas")
    bagian = _bagian(laporan_kedurang, "puskesmas")
    bagian_ajukan(user=tim["op_puskesmas"], bagian=bagian)
    alasan = "A2 desa Batu Ampar melebihi jumlah ibu hamil"
    bagian_kembalikan(user=tim["ver_puskesmas"], bagian=bagian, alasan=alasan)
    client.force_login(tim["op_puskesmas"])
    isi = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/").content.decode()
    assert alasan in re.search(r'data-testid="bagian-puskesmas".*?</tr>', isi, re.S).group(0)
    isian = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/isian/").content.decode()
    assert alasan in isian.split('id="form-isian"')[0]  # above the grid
    assert alasan in client.get("/aksi/").content.decode()


def test_a_reopened_laporan_shows_the_reopening_reason_on_every_part(client, laporan_kedurang, tim):
    _ajukan_verifikasi_semua(laporan_kedurang, tim)
    laporan_setujui(user=tim["camat"], laporan=laporan_kedurang)
    laporan_buka_kembali(user=tim["camat"], laporan=laporan_kedurang, alasan="Koreksi data dinkes")
    client.force_login(tim["op_plkb"])
    isi = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/").content.decode()
    assert "Koreksi data dinkes" in re.search(r'data-testid="bagian-plkb".*?</tr>', isi, re.S).group(0)


# --- defect 10: labels, parts' states, audit ------------------------------------------------------

def test_history_shows_indonesian_states_not_codes(client, laporan_kedurang, tim):
    _ajukan_verifikasi_semua(laporan_kedurang, tim)
    laporan_setujui(user=tim["camat"], laporan=laporan_kedurang)
    client.force_login(tim["camat"])
    isi = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/").content.decode()
    riwayat = isi.split("Riwayat")[-1]
    assert "Draf → Diajukan" in riwayat and "Menunggu persetujuan → Disetujui" in riwayat
    assert "draft →" not in riwayat and "→ diajukan" not in riwayat


def test_the_laporan_list_shows_the_parts_states(client, laporan_kedurang, tim):
    _isi(laporan_kedurang, "puskesmas")
    bagian_ajukan(user=tim["op_puskesmas"], bagian=_bagian(laporan_kedurang, "puskesmas"))
    client.force_login(tim["op_puskesmas"])
    isi = client.get("/aksi/").content.decode()
    assert re.search(r"Puskesmas:?\s*<span[^>]*>Diajukan</span>", isi)
    assert re.search(r"Setcam:?\s*<span[^>]*>Draf</span>", isi)


def test_opening_a_step_writes_an_audit_row(siklus_terbuka):
    user = UserFactory(is_superuser=True)
    laporan = laporan_ambil_atau_buat(user=user, tahun=TAHUN, tahapan=Tahapan.objects.get(pk="pra-musrenbang"),
                                      wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    catatan = CatatanAudit.objects.filter(aksi="laporan_buat", objek_id=str(laporan.pk)).get()
    assert catatan.pengguna == user and catatan.wilayah_kode == KEC_KEDURANG
    laporan_ambil_atau_buat(user=user, tahun=TAHUN, tahapan=laporan.tahapan, wilayah=laporan.wilayah)
    assert CatatanAudit.objects.filter(aksi="laporan_buat").count() == 1  # opening again writes nothing


# --- defect 8: only what the user may open ---------------------------------------------------------

def test_a_kabkota_user_is_offered_only_steps_that_open(client, siklus_terbuka, beri_peran):
    call_command("loaddata", "rad_tahapan", verbosity=0)
    siklus_buat(oleh=None, tahun=TAHUN)  # adds the RAD windows
    client.force_login(beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda"))
    isi = client.get("/aksi/").content.decode()
    tautan = set(re.findall(r'href="(/aksi/(?:buka|pantau)/[^"]+)"', isi))
    assert any("/buka/2026/analisis-situasi/" in t for t in tautan)
    assert not any("/rad/" in t for t in tautan)  # no RAD of its own: neither Buka nor Pantau
    assert "Rencana Aksi Daerah" in isi  # the step is listed with why it cannot be opened
    for t in sorted(tautan):
        assert client.get(t).status_code in (200, 302), t
    # typed by hand, the RAD step's Buka says why instead of a 404 (the wilayah and step are real)
    jawaban = client.get(f"/aksi/buka/{TAHUN}/rad/{KAB_BENGKULU_SELATAN}/", follow=True)
    assert jawaban.status_code == 200 and "Belum ada Rencana Aksi Daerah" in jawaban.content.decode()
