"""Proposals followed to the budget (issue 16, item 4; D89): approved kecamatan proposals appear on
the kab/kota pra-musrenbang page by indicator; the operator of an OPD links them to the tagged
lines of its RKPD / APBD murni / perubahan Laporan (or a kecamatan to its semester realisation);
the status is derived from the approved linked lines; the public page lists them."""
import datetime
from decimal import Decimal

import pytest

from aksi.choices import StatusLaporan, SumberDana
from aksi.models import Jadwal, Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat, siklus_buat
from analisis.models import UsulanProgram
from indikator.models import IndikatorCapaian
from inti.galat import Ditolak
from inti.models import CatatanAudit
from penandaan.models import RealisasiProgram, RincianBelanja
from penandaan.services import rincian_buat
from usulan.choices import StatusUsulan
from usulan.models import TautanUsulan
from usulan.selectors import status_usulan, usulan_wilayah
from usulan.services import tautan_buat, tautan_hapus
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory
from .penandaan_bantu import isian

pytestmark = pytest.mark.django_db


def _laporan(tahapan: str, kode: str, tahun: int = TAHUN, status: str | None = None) -> Laporan:
    lap = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=tahun, tahapan=Tahapan.objects.get(pk=tahapan),
                                  wilayah=Wilayah.objects.get(kode=kode))
    if status:
        Laporan.objects.filter(pk=lap.pk).update(status=status)  # a test shortcut: data already in that state
        lap.refresh_from_db()
    return lap


def _usulan(lap: Laporan, nama: str, indikator: str = "A1") -> UsulanProgram:
    return UsulanProgram.objects.create(laporan=lap, indikator=IndikatorCapaian.objects.get(pk=indikator), nama=nama,
                                        volume=Decimal(10), satuan="paket", sumber_dana=SumberDana.APBD_KABKOTA,
                                        perkiraan_anggaran=Decimal(25_000_000))


@pytest.fixture
def usulan(siklus_terbuka):
    """Approved Kedurang proposals (A1 twice, C1), a draft Tetangga one, an approved one of another kab/kota."""
    kedurang = _laporan("analisis-situasi", KEC_KEDURANG, status=StatusLaporan.DISETUJUI)
    tetangga = _laporan("analisis-situasi", KEC_TETANGGA)
    lain = _laporan("analisis-situasi", Wilayah.objects.filter(induk_id=KAB_LAIN, tingkat=3).order_by("kode").first().kode,
                    status=StatusLaporan.DISETUJUI)
    return {"pmt": _usulan(kedurang, "PMT ibu hamil KEK"), "kelas": _usulan(kedurang, "Kelas ibu hamil"),
            "c1": _usulan(kedurang, "Posyandu balita", "C1"), "draf": _usulan(tetangga, "Usulan draf"),
            "lain": _usulan(lain, "Usulan kabupaten lain")}


@pytest.fixture
def op_dinkes(beri_peran):
    return beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")


def test_the_kab_kota_pra_musrenbang_lists_the_approved_kecamatan_proposals_by_indicator(usulan, beri_peran, client):
    lap = _laporan("pra-musrenbang", KAB_BENGKULU_SELATAN)
    client.force_login(beri_peran("approver", KAB_BENGKULU_SELATAN))
    assert f'href="/aksi/laporan/{lap.pk}/usulan/"' in client.get(f"/aksi/laporan/{lap.pk}/").content.decode()
    halaman = client.get(f"/aksi/laporan/{lap.pk}/usulan/").content.decode()
    assert "PMT ibu hamil KEK" in halaman and "Posyandu balita" in halaman
    assert "Usulan draf" not in halaman and "Usulan kabupaten lain" not in halaman
    assert "(2 usulan)" in halaman and "(1 usulan)" in halaman  # A1 twice, C1 once
    assert "3 usulan: Diusulkan <strong>3</strong>" in halaman
    client.force_login(beri_peran("approver", KAB_LAIN))
    assert client.get(f"/aksi/laporan/{lap.pk}/usulan/").status_code == 404


def test_an_opd_links_a_proposal_to_its_rkpd_line_and_it_is_accommodated_once_approved(usulan, op_dinkes, beri_peran, client):
    rkpd = _laporan("penandaan-perencanaan", KAB_BENGKULU_SELATAN)
    baris = rincian_buat(user=op_dinkes, laporan=rkpd, **isian())
    client.force_login(op_dinkes)
    url = f"/aksi/laporan/{rkpd.pk}/usulan/"
    halaman = client.get(url).content.decode()
    assert 'name="usulan"' in halaman and "Usulan kabupaten lain" not in halaman
    jawab = client.post(url, {"aksi": "tautkan", "usulan": usulan["pmt"].pk, "baris": baris.pk})
    assert jawab.status_code == 302
    tautan = TautanUsulan.objects.get(usulan=usulan["pmt"], rincian=baris)
    assert CatatanAudit.objects.filter(aksi="usulan_tautkan", objek_id=str(tautan.pk)).exists()
    # twice, or a foreign proposal, is refused with a message and saves nothing
    jawab = client.post(url, {"aksi": "tautkan", "usulan": usulan["pmt"].pk, "baris": baris.pk})
    assert jawab.status_code == 400 and "sudah ditautkan" in jawab.content.decode()
    jawab = client.post(url, {"aksi": "tautkan", "usulan": usulan["lain"].pk, "baris": baris.pk})
    assert jawab.status_code == 400 and "Usulan itu tidak dapat ditautkan di sini." in jawab.content.decode()
    assert TautanUsulan.objects.count() == 1
    # the RKPD tagging is not approved yet: still "Diusulkan"; approved: accommodated, also in public
    assert status_usulan([usulan["pmt"]])[0].status == StatusUsulan.DIUSULKAN
    Laporan.objects.filter(pk=rkpd.pk).update(status=StatusLaporan.DISETUJUI)
    assert status_usulan([usulan["pmt"]])[0].status == StatusUsulan.RKPD
    publik = client.get(f"/publik/wilayah/{KAB_BENGKULU_SELATAN}/usulan/").content.decode()
    assert "Terakomodir di RKPD <strong>1</strong>" in publik and "Diusulkan <strong>2</strong>" in publik
    assert "Usulan draf" not in publik
    # approved data is read-only: the link can no longer be removed
    with pytest.raises(Ditolak, match="sudah disetujui"):
        tautan_hapus(user=op_dinkes, laporan=rkpd, tautan_id=tautan.pk)


def test_only_the_operator_of_the_lines_part_links_and_foreign_wilayah_answer_404(usulan, op_dinkes, beri_peran, client):
    rkpd = _laporan("penandaan-perencanaan", KAB_BENGKULU_SELATAN)
    baris = rincian_buat(user=op_dinkes, laporan=rkpd, **isian())
    with pytest.raises(Ditolak, match="hanya dapat diisi oleh operator Dinkes"):
        tautan_buat(user=beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dppkb"), laporan=rkpd,
                    usulan_id=usulan["pmt"].pk, baris_id=baris.pk)
    with pytest.raises(Ditolak, match="bukan usulan kecamatan"):
        tautan_buat(user=op_dinkes, laporan=rkpd, usulan_id=usulan["draf"].pk, baris_id=baris.pk)
    client.force_login(beri_peran("operator", KAB_LAIN, unit="dinkes"))
    assert client.post(f"/aksi/laporan/{rkpd.pk}/usulan/", {"aksi": "tautkan", "usulan": usulan["pmt"].pk,
                                                             "baris": baris.pk}).status_code == 404
    assert not TautanUsulan.objects.exists()
    tautan = tautan_buat(user=op_dinkes, laporan=rkpd, usulan_id=usulan["pmt"].pk, baris_id=baris.pk)
    tautan_hapus(user=op_dinkes, laporan=rkpd, tautan_id=tautan.pk)
    assert not TautanUsulan.objects.exists() and CatatanAudit.objects.filter(aksi="usulan_lepas").exists()


def test_the_status_follows_the_linked_lines_through_murni_perubahan_and_realisation(usulan, op_dinkes, beri_peran):
    pmt, kelas, c1 = usulan["pmt"], usulan["kelas"], usulan["c1"]
    siklus_buat(oleh=None, tahun=TAHUN + 1)  # the budget year of the proposals
    Jadwal.objects.filter(siklus_id=TAHUN + 1).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    murni = _laporan("penandaan-apbd", KAB_BENGKULU_SELATAN, tahun=TAHUN + 1)
    garis_pmt = rincian_buat(user=op_dinkes, laporan=murni, **isian())
    garis_kelas = rincian_buat(user=op_dinkes, laporan=murni, **isian(kode_rekening="5.1.02.01.01.0053"))
    tautan_buat(user=op_dinkes, laporan=murni, usulan_id=pmt.pk, baris_id=garis_pmt.pk)
    tautan_buat(user=op_dinkes, laporan=murni, usulan_id=kelas.pk, baris_id=garis_kelas.pk)
    Laporan.objects.filter(pk=murni.pk).update(status=StatusLaporan.DISETUJUI)
    assert [b.status for b in status_usulan([pmt, kelas])] == [StatusUsulan.MURNI, StatusUsulan.MURNI]
    # APBD perubahan: the PMT line carried on, the class line removed in the revision
    perubahan = _laporan("penandaan-perubahan", KAB_BENGKULU_SELATAN, tahun=TAHUN + 1, status=StatusLaporan.DISETUJUI)
    salin = RincianBelanja.objects.get(pk=garis_pmt.pk)
    salin.pk, salin.laporan, salin.asal = None, perubahan, garis_pmt
    salin.save()
    hapus = RincianBelanja.objects.get(pk=garis_kelas.pk)
    hapus.pk, hapus.laporan, hapus.asal, hapus.dihapus = None, perubahan, garis_kelas, True
    hapus.save()
    assert [b.status for b in status_usulan([pmt, kelas])] == [StatusUsulan.PERUBAHAN, StatusUsulan.MURNI]
    # Kedurang realises its posyandu proposal through APBDes in semester 1 of the next year
    semester = _laporan("capaian-semester-1", KEC_KEDURANG, tahun=TAHUN + 1)
    real = RealisasiProgram.objects.create(laporan=semester, indikator_id="C1", nama="Posyandu balita",
                                           sumber_dana=SumberDana.APBDES, anggaran=Decimal(20_000_000),
                                           realisasi=Decimal(12_500_000), volume=Decimal(4), satuan="kegiatan")
    tautan_buat(user=beri_peran("operator", KEC_KEDURANG, unit="setcam"), laporan=semester, usulan_id=c1.pk,
                baris_id=real.pk)
    assert status_usulan([c1])[0].status == StatusUsulan.DIUSULKAN  # until the semester Laporan is approved
    Laporan.objects.filter(pk=semester.pk).update(status=StatusLaporan.DISETUJUI)
    assert status_usulan([c1])[0].status == StatusUsulan.TEREALISASI
    assert [u.pk for u in usulan_wilayah(KEC_KEDURANG, TAHUN)] == [pmt.pk, kelas.pk, c1.pk]
