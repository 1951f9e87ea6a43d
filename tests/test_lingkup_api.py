"""Every API list is scoped by one base: a row outside the caller's scope is absent from the list
and answers 404, and an anonymous caller reads only the endpoint's public selector."""
import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from config.api_urls import router
from penilaian.models import NilaiPenilaian
from penilaian.services import aturan_bawaan_buat, penilaian_hitung
from penandaan.api import AnggaranViewSet
from publikasi.api.cakupan import CakupanViewSet
from publikasi.models import JenisRegulasi, Publikasi, Regulasi
from wilayah.api import ViewSetLingkup
from wilayah.choices import Tingkat
from wilayah.lingkup import q_dalam
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory

# Endpoints that list no model rows: approved aggregates for one wilayah, public by design.
BUKAN_DAFTAR_MODEL = {CakupanViewSet, AnggaranViewSet}


def test_every_api_list_is_scoped_by_the_base_viewset():
    for prefix, viewset, _basename in router.registry:
        if viewset in BUKAN_DAFTAR_MODEL:
            continue
        assert issubclass(viewset, ViewSetLingkup), f"/api/v1/{prefix}/ does not build on wilayah.api.ViewSetLingkup"
        assert hasattr(viewset, "kolom_wilayah"), f"/api/v1/{prefix}/: say which field holds the wilayah code"
        penimpa = [k.__name__ for k in viewset.__mro__ if k is not ViewSetLingkup and "get_queryset" in vars(k)
                   and issubclass(k, ViewSetLingkup)]
        assert not penimpa, f"/api/v1/{prefix}/: {penimpa} override get_queryset; use dasar()/rapikan()"


@pytest.fixture
def baris(siklus_terbuka):
    """One unpublished row of every wilayah-owned endpoint in Kedurang and one in its neighbour:
    endpoint prefix -> (Kedurang's key, the neighbour's key)."""
    admin = UserFactory(is_superuser=True)
    hasil: dict[str, list] = {"wilayah": [KEC_KEDURANG, KEC_TETANGGA]}
    for kode in (KEC_KEDURANG, KEC_TETANGGA):
        wilayah = Wilayah.objects.get(kode=kode)
        laporan = laporan_ambil_atau_buat(user=admin, tahun=TAHUN, tahapan=Tahapan.objects.get(pk="analisis-situasi"),
                                          wilayah=wilayah)
        hasil.setdefault("laporan", []).append(laporan.pk)
        lap_regulasi = laporan_ambil_atau_buat(user=admin, tahun=TAHUN, tahapan=Tahapan.objects.get(pk="regulasi"),
                                               wilayah=wilayah)
        regulasi = Regulasi.objects.create(laporan=lap_regulasi, jenis=JenisRegulasi.SURAT_EDARAN, nomor=f"400/{kode}",
                                           tanggal=datetime.date(2026, 3, 1), judul="Surat", berkas="regulasi/2026/x.pdf",
                                           dipublikasikan=True)
        hasil.setdefault("regulasi", []).append(regulasi.pk)
        publikasi = Publikasi.objects.create(wilayah=wilayah, judul=f"Draf {kode}", slug=f"draf-{kode.replace('.', '-')}",
                                             isi="Isi.")
        hasil.setdefault("publikasi", []).append(publikasi.pk)
    aturan_bawaan_buat(tahun=TAHUN, tingkat=Tingkat.KECAMATAN)
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    hasil["penilaian"] = [NilaiPenilaian.objects.get(wilayah_id=k, tahun=TAHUN).pk for k in (KEC_KEDURANG, KEC_TETANGGA)]
    return hasil


def _kunci(prefix: str, data) -> set:
    barisan = data["results"] if isinstance(data, dict) else data
    return {r["kode"] if prefix == "wilayah" else r["id"] for r in barisan}


def test_a_row_outside_the_scope_is_absent_from_every_list_and_answers_404(baris, beri_peran):
    klien = APIClient()
    klien.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=beri_peran('pemantau', KEC_KEDURANG)).key}")
    for prefix, (milik, luar) in baris.items():
        daftar = _kunci(prefix, klien.get(f"/api/v1/{prefix}/", {"page_size": 5000}).json())
        assert milik in daftar and luar not in daftar, prefix
        assert klien.get(f"/api/v1/{prefix}/{milik}/").status_code == 200, prefix
        assert klien.get(f"/api/v1/{prefix}/{luar}/").status_code == 404, prefix


def test_a_user_without_assignment_reads_no_row(baris):
    klien = APIClient()
    klien.force_authenticate(UserFactory())
    for prefix, (milik, _luar) in baris.items():
        assert _kunci(prefix, klien.get(f"/api/v1/{prefix}/").json()) == set(), prefix
        assert klien.get(f"/api/v1/{prefix}/{milik}/").status_code == 404, prefix


def test_anonymous_callers_read_the_public_selector_only(baris):
    """Nothing above is public (drafts, a regulasi of an unapproved Laporan, scores whose penilaian
    Laporan is not approved): anonymous lists hold none of it; regions need a login."""
    klien = APIClient()
    for prefix, (milik, luar) in baris.items():
        jawaban = klien.get(f"/api/v1/{prefix}/", {"page_size": 5000})
        if prefix == "wilayah":
            assert jawaban.status_code in (401, 403)
            continue
        assert not _kunci(prefix, jawaban.json()) & {milik, luar}, prefix
        assert klien.get(f"/api/v1/{prefix}/{milik}/").status_code == 404, prefix


def test_q_dalam_takes_a_foreign_key_column_too(laporan_kedurang):
    """'wilayah_id' (the key's column) filters like 'wilayah__kode': Django has no startswith on a key."""
    for field in ("wilayah_id", "wilayah__kode"):
        assert list(Laporan.objects.filter(q_dalam(KAB_BENGKULU_SELATAN, field))) == [laporan_kedurang]
        assert not Laporan.objects.filter(q_dalam(KEC_TETANGGA, field)).exists()
        assert not Laporan.objects.filter(q_dalam(KEC_KEDURANG, field, termasuk_diri=False)).exists()
