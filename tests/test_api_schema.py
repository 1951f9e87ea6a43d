"""The OpenAPI schema at /api/schema/: it validates, every GET operation it lists answers without a
server error (lists with their required parameters, details with a real id), anonymous and with a
token; and a property-based run (schemathesis over the Django WSGI app) finds no server error.

Everything is driven by the schema itself, so an endpoint added later is covered without editing
this file (a detail endpoint needs at least one row in `dunia`, or the test says which is missing).
"""
import datetime
import io
import re

import hypothesis
import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup, ServerError

from aksi.choices import StatusLaporan
from aksi.models import Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from indikator.models import NilaiDesa
from indikator.selectors import desa_laporan
from monev.services import rekap_bangun_ulang
from penilaian.services import aturan_bawaan_buat, penilaian_hitung
from publikasi.models import JenisRegulasi, Publikasi, Regulasi, StatusPublikasi
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG, TAHUN
from .factories import UserFactory

pytestmark = pytest.mark.django_db

SKEMA = "/api/schema/"
# Examples per operation and generation mode in the property-based run: 19 operations × 2 modes ×
# 2 callers × 15 ≈ 1100 requests, about a minute on the shared 2-core machine.
CONTOH = 15
# Values for required query parameters, by name; others take their enum's default/first value.
NILAI_WAJIB = {"wilayah": KEC_KEDURANG, "tahun": TAHUN, "dalam": "17"}


# --- the world ---------------------------------------------------------------------------------------

@pytest.fixture
def dunia(laporan_kedurang):
    """One row of everything the API serves: approved desa values of Kedurang and their rekap, an
    approved Laporan, a published regulasi and publikasi, a computed score whose penilaian Laporan
    is approved (so anonymous callers see it too); plus an unpublished regulasi and a draft
    publikasi, listed after the public rows (token lists give the public row first)."""
    desa = list(desa_laporan(laporan_kedurang))
    NilaiDesa.objects.bulk_create([NilaiDesa(laporan=laporan_kedurang, desa_id=d, item=i, nilai=n)
                                   for d in desa[:3] for i, n in (("S04", 10), ("A2", 7), ("C5", 1), ("F6", 1))])
    Laporan.objects.filter(pk=laporan_kedurang.pk).update(status=StatusLaporan.DISETUJUI)
    rekap_bangun_ulang()
    admin = UserFactory(is_superuser=True)
    regulasi = laporan_ambil_atau_buat(user=admin, tahun=TAHUN, tahapan=Tahapan.objects.get(pk="regulasi"),
                                       wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    Laporan.objects.filter(pk=regulasi.pk).update(status=StatusLaporan.DISETUJUI)
    Regulasi.objects.create(laporan=regulasi, jenis=JenisRegulasi.BERITA_ACARA, nomor="400/0",
                            tanggal=timezone.localdate() - datetime.timedelta(days=1), judul="Rancangan",
                            berkas="regulasi/2026/y.pdf", dipublikasikan=False)
    Publikasi.objects.create(wilayah_id=KEC_KEDURANG, judul="Draf berita", slug="draf-berita", isi="Isi.")
    Regulasi.objects.create(laporan=regulasi, jenis=JenisRegulasi.SURAT_EDARAN, nomor="400/1", tanggal=timezone.localdate(),
                            judul="Gerakan makan ikan", berkas="regulasi/2026/x.pdf", dipublikasikan=True)
    Publikasi.objects.create(wilayah_id=KEC_KEDURANG, judul="Posyandu aktif", slug="posyandu-aktif", isi="Isi.",
                             status=StatusPublikasi.TERBIT, diterbitkan_pada=timezone.now())
    aturan_bawaan_buat(tahun=TAHUN, tingkat=Tingkat.KECAMATAN)
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KEC_KEDURANG)
    monev = laporan_ambil_atau_buat(user=admin, tahun=TAHUN, tahapan=Tahapan.objects.get(pk="penilaian"),
                                    wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    Laporan.objects.filter(pk=monev.pk).update(status=StatusLaporan.DISETUJUI)


@pytest.fixture
def token(beri_peran) -> str:
    """A token of a provincial pemantau: reads everything of province 17, the only one loaded."""
    return Token.objects.create(user=beri_peran("pemantau", "17")).key


@pytest.fixture
def tanpa_batas(monkeypatch):
    """Throttling is tested elsewhere; here it would only turn later requests into 429."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/min", "user": "100000/min"})


@pytest.fixture
def wsgi(tanpa_batas):
    """The project's WSGI app, called in-process inside the test's transaction. Like Django's test
    client, keep `close_old_connections` off the request signals: it would close the connection
    (and with it the test's transaction) after the first request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _skema(client) -> dict:
    jawaban = client.get(SKEMA)
    assert jawaban.status_code == 200
    return yaml.safe_load(jawaban.content)


def _operasi_get(skema: dict) -> list[tuple[str, dict]]:
    return [(path, item["get"]) for path, item in skema["paths"].items() if "get" in item]


def _parameter_wajib(operasi: dict) -> dict:
    hasil = {}
    for p in operasi.get("parameters", []):
        if p.get("in") != "query" or not p.get("required"):
            continue
        s = p.get("schema", {})
        hasil[p["name"]] = NILAI_WAJIB.get(p["name"], s.get("default", (s.get("enum") or [1 if s.get("type") == "integer" else "x"])[0]))
    return hasil


# --- the schema validates ----------------------------------------------------------------------------

def test_schema_validates_with_drf_spectacular_and_as_openapi(client):
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())
    skema = _skema(client)
    assert skema["openapi"].startswith("3.")
    # schemathesis parses every operation of it (a broken $ref or parameter would be an Err here)
    dimuat = schemathesis.openapi.from_dict(skema)
    hasil = list(dimuat.get_all_operations())
    assert hasil and all(type(h).__name__ == "Ok" for h in hasil), [h for h in hasil if type(h).__name__ != "Ok"]
    assert len(hasil) == sum(len([m for m in item if m in ("get", "post", "put", "patch", "delete")])
                             for item in skema["paths"].values())


# --- every listed endpoint answers -------------------------------------------------------------------

def _id_nyata(klien: APIClient, skema: dict, path: str, operasi: dict) -> tuple[str, str]:
    """(parameter, value) of a real row for a detail path, from its list endpoint."""
    nama = re.findall(r"{(\w+)}", path)
    assert len(nama) == 1, f"{path}: one path parameter expected"
    daftar_path = path[: path.index("{")]
    assert daftar_path in skema["paths"], f"{path}: no list endpoint {daftar_path} to find a real id in"
    jawaban = klien.get(daftar_path, _parameter_wajib(skema["paths"][daftar_path]["get"]))
    assert jawaban.status_code == 200, (daftar_path, jawaban.status_code)
    data = jawaban.json()
    baris = data["results"] if isinstance(data, dict) and "results" in data else data
    assert baris, f"{daftar_path} is empty: add a row to the `dunia` fixture so {path} is tried with a real id"
    pertama = baris[0]
    for kunci in (nama[0], "kode", "slug", "id", "pk"):
        if kunci in pertama:
            return nama[0], str(pertama[kunci])
    raise AssertionError(f"{path}: no id field in {sorted(pertama)}")


def test_every_listed_get_endpoint_answers_anonymous_and_with_a_token(client, dunia, token, tanpa_batas):
    skema = _skema(client)
    anonim, pengguna = APIClient(), APIClient()
    pengguna.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    dicoba = []
    for path, operasi in _operasi_get(skema):
        if "{" in path:
            nama, nilai = _id_nyata(pengguna, skema, path, operasi)
            url = path.replace(f"{{{nama}}}", nilai)
        else:
            url = path
        parameter = _parameter_wajib(operasi)
        for siapa, klien in (("anonim", anonim), ("token", pengguna)):
            jawaban = klien.get(url, parameter)
            assert jawaban.status_code < 500, (siapa, url, jawaban.status_code)
            if siapa == "token" and path != SKEMA:
                # the token user reads all of province 17: a real row or list answers 200
                assert jawaban.status_code == 200, (url, jawaban.status_code, jawaban.content[:300])
            else:
                assert jawaban.status_code in (200, 401, 403, 404), (siapa, url, jawaban.status_code)
        dicoba.append(url)
    assert any("{" not in p for p, _ in _operasi_get(skema)) and any("{" in p for p, _ in _operasi_get(skema))
    assert len(dicoba) == len(_operasi_get(skema))


# --- property-based: schemathesis over the WSGI app --------------------------------------------------

def cari_galat_server(skema, *, headers: dict | None = None, contoh: int = CONTOH) -> int:
    """Generate `contoh` valid and `contoh` invalid requests per operation of the schema and call the
    app with each; raise on the first 5xx (hypothesis then shrinks it to a minimal request).
    Returns the number of requests made."""
    jumlah = 0
    for hasil in skema.get_all_operations():
        operasi = hasil.ok()
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @hypothesis.settings(max_examples=contoh, deadline=None, database=None, derandomize=True,
                                 suppress_health_check=list(hypothesis.HealthCheck), print_blob=False)
            @hypothesis.given(kasus=operasi.as_strategy(generation_mode=mode))
            def periksa(kasus):
                nonlocal jumlah
                jumlah += 1
                jawaban = kasus.call(headers=headers)
                kasus.validate_response(jawaban, checks=[not_a_server_error])

            periksa()
    return jumlah


@pytest.mark.schemathesis
@pytest.mark.parametrize("dengan_token", [False, True], ids=["anonim", "token"])
def test_schemathesis_finds_no_server_error(dengan_token, dunia, token, wsgi):
    skema = schemathesis.openapi.from_wsgi(SKEMA, wsgi)
    headers = {"Authorization": f"Token {token}"} if dengan_token else None
    assert cari_galat_server(skema, headers=headers) > 0


@pytest.mark.schemathesis
def test_the_property_run_does_catch_a_server_error(siklus_terbuka, wsgi, monkeypatch):
    """A fault behind one value of one query parameter (here: the indicator list asked with
    ?jenis_penyebut=hitungan) must be found, so a green run above means something."""
    from indikator.api import IndikatorViewSet

    asli = IndikatorViewSet.list

    def rusak(self, request, *args, **kwargs):
        if request.query_params.get("jenis_penyebut") == "hitungan":
            raise ZeroDivisionError("sengaja")
        return asli(self, request, *args, **kwargs)

    monkeypatch.setattr(IndikatorViewSet, "list", rusak)
    skema = schemathesis.openapi.from_wsgi(SKEMA, wsgi).include(path="/api/v1/indikator/", method="GET")
    with pytest.raises(FailureGroup) as galat:
        cari_galat_server(skema, contoh=40)
    assert any(isinstance(e, ServerError) for e in galat.value.exceptions), galat.value.exceptions
