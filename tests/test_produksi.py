"""Production posture (issue 13, defects 10 and 11): uploads that carry active content, the
favicon, the URL `make run` prints, DEBUG-off pages, the Content-Security-Policy, and
`manage.py check --deploy` with the documented production environment."""
import datetime
import io
import json
import os
import re
import secrets
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import path

from aksi.models import Tahapan
from aksi.services import laporan_ambil_atau_buat
from inti.berkas import jenis_berkas
from publikasi.models import JenisPublikasi, JenisRegulasi, Publikasi, Regulasi
from publikasi.services import publikasi_buat, regulasi_buat
from wilayah.models import Wilayah

from .conftest import KEC_KEDURANG, TAHUN
from .factories import UserFactory


# --- PDFs with active content ----------------------------------------------------------------------------

def buat_pdf(*objek: bytes) -> bytes:
    """A real, well-formed PDF: objects 1.. in order, a correct xref table and trailer (Root 1 0 R)."""
    isi, letak = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", []
    for nomor, badan in enumerate(objek, start=1):
        letak.append(len(isi))
        isi += b"%d 0 obj\n" % nomor + badan + b"\nendobj\n"
    xref = len(isi)
    isi += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    isi += b"".join(b"%010d 00000 n \n" % posisi for posisi in letak)
    isi += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objek) + 1, xref)
    return isi


HALAMAN = (b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
PDF_BERSIH = buat_pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>", *HALAMAN)
PDF_OPENACTION_JS = buat_pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", *HALAMAN,
                             b"<< /Type /Action /S /JavaScript /JS (app.alert\\('Halo'\\);) >>")


def _aliran_objek(*objek: bytes) -> bytes:
    """An object stream (PDF 1.5) holding objects 4.. compressed: what a scanner of the raw bytes misses."""
    badan, kepala, posisi = b"", b"", 0
    for nomor, isi in enumerate(objek, start=4):
        kepala += b"%d %d " % (nomor, posisi)
        badan += isi + b" "
        posisi = len(badan)
    data = zlib.compress(kepala + badan)
    return (b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(objek), len(kepala), len(data)) + data + b"\nendstream")


PDF_JS_TERSEMBUNYI = buat_pdf(
    b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 5 0 R >> >>", *HALAMAN,
    _aliran_objek(b"<< /Names [(a) 6 0 R] >>", b"<< /S /JavaScript /JS (this.submitForm\\(\\)) >>"),
)
PDF_NAMA_DISAMARKAN = buat_pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", *HALAMAN,
                               b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")
PDF_AA_HALAMAN = buat_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", HALAMAN[0],
                          b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /AA << /O 4 0 R >> >>",
                          b"<< /S /Launch /F (calc.exe) >>")
PDF_LAUNCH_TAUTAN = buat_pdf(b"<< /Type /Catalog /Pages 2 0 R >>", HALAMAN[0],
                             b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
                             b"<< /Type /Annot /Subtype /Link /Rect [0 0 99 99] /A << /S /Launch /F (calc.exe) >> >>")


def unggahan(isi: bytes, nama: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def test_the_hand_made_pdfs_are_real_pdfs():
    # the clean one is a PDF WeasyPrint (the portal's own PDF library) would also accept as input
    for isi in (PDF_BERSIH, PDF_OPENACTION_JS, PDF_JS_TERSEMBUNYI):
        assert isi.startswith(b"%PDF-1.7") and isi.rstrip().endswith(b"%%EOF")
        xref = int(isi.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
        assert isi[xref:xref + 4] == b"xref"


@pytest.mark.parametrize("isi", [PDF_OPENACTION_JS, PDF_JS_TERSEMBUNYI, PDF_NAMA_DISAMARKAN, PDF_AA_HALAMAN, PDF_LAUNCH_TAUTAN],
                         ids=["openaction-javascript", "javascript-in-object-stream", "hex-escaped-names", "page-aa-launch",
                              "link-launch"])
def test_a_pdf_with_active_content_is_refused_naming_the_field(isi):
    with pytest.raises(ValidationError) as exc:
        jenis_berkas(unggahan(isi), field="notulen", maks=10_000_000, nama="Notulen")
    pesan = exc.value.message_dict["notulen"][0]
    assert pesan.startswith("Notulen memuat JavaScript atau aksi otomatis"), pesan


@pytest.mark.parametrize("isi", [PDF_BERSIH], ids=["destination-openaction"])
def test_a_clean_pdf_is_still_accepted(isi):
    assert jenis_berkas(unggahan(isi), field="notulen", maks=10_000_000, nama="Notulen") == "pdf"


def test_a_pdf_made_by_weasyprint_is_accepted():
    from weasyprint import HTML

    isi = HTML(string="<h1>Notulen rapat</h1><p>Hadir: 12 orang. <a href='https://example.org'>tautan</a></p>").write_pdf()
    assert jenis_berkas(unggahan(isi), field="notulen", maks=10_000_000, nama="Notulen") == "pdf"


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_regulasi_upload_refuses_javascript_and_stores_a_clean_pdf(siklus_terbuka, beri_peran, _media):
    laporan = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN, tahapan=Tahapan.objects.get(pk="regulasi"),
                                      wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    operator = beri_peran("operator", KEC_KEDURANG)
    isian = {"jenis": JenisRegulasi.SURAT_EDARAN, "nomor": "1/2026", "tanggal": datetime.date(2026, 2, 3), "judul": "SE"}
    with pytest.raises(ValidationError) as exc:
        regulasi_buat(user=operator, laporan=laporan, berkas=unggahan(PDF_OPENACTION_JS), **isian)
    assert "memuat JavaScript" in exc.value.message_dict["berkas"][0]
    assert not Regulasi.objects.exists()
    regulasi_buat(user=operator, laporan=laporan, berkas=unggahan(PDF_BERSIH), **isian)
    assert Regulasi.objects.count() == 1


@pytest.mark.django_db
def test_publikasi_attachment_refuses_javascript(beri_peran, _media):
    operator = beri_peran("operator", KEC_KEDURANG)
    with pytest.raises(ValidationError) as exc:
        publikasi_buat(user=operator, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG), judul="Berita", jenis=JenisPublikasi.BERITA,
                       isi="Isi.", lampiran=unggahan(PDF_JS_TERSEMBUNYI))
    assert exc.value.message_dict["lampiran"][0].startswith("Lampiran memuat JavaScript")
    assert not Publikasi.objects.exists()


# --- DEBUG off: pages, headers, favicon ---------------------------------------------------------------------

@pytest.mark.django_db
def test_an_unknown_url_gives_the_indonesian_404_page_without_a_url_list(client, settings):
    assert settings.DEBUG is False
    jawaban = client.get("/tidak-ada-halaman-ini/")
    halaman = jawaban.content.decode()
    assert jawaban.status_code == 404
    assert "Halaman tidak ditemukan" in halaman and 'href="/"' in halaman
    for jejak in ("URLconf", "urlpatterns", "api/v1/", "Traceback", "Not Found"):
        assert jejak not in halaman, jejak


def _meledak(request):
    raise RuntimeError("rahasia internal: kata sandi basis data")


urlpatterns = [path("meledak/", _meledak)]


@pytest.mark.django_db
def test_a_server_error_gives_the_indonesian_500_page_without_a_traceback(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    jawaban = client.get("/meledak/")
    halaman = jawaban.content.decode()
    assert jawaban.status_code == 500
    assert "Terjadi kesalahan pada server" in halaman
    assert "rahasia internal" not in halaman and "Traceback" not in halaman and "RuntimeError" not in halaman


@pytest.mark.django_db
def test_a_failed_csrf_check_is_explained_in_indonesian(settings):
    from django.test import Client

    jawaban = Client(enforce_csrf_checks=True).post("/akun/masuk/", {"username": "x", "password": "y"})
    assert jawaban.status_code == 403
    assert "Formulir tidak dapat diproses" in jawaban.content.decode()


@pytest.mark.django_db
def test_every_page_sends_a_content_security_policy_without_unsafe_script(client):
    for url in ("/akun/masuk/", "/publik/", "/api/docs/", "/tidak-ada/"):
        jawaban = client.get(url)
        kebijakan = dict(d.strip().split(" ", 1) for d in jawaban["Content-Security-Policy"].split(";") if d.strip())
        assert kebijakan["default-src"] == "'self'", url
        assert "'unsafe-inline'" not in kebijakan["script-src"] and "'unsafe-eval'" not in kebijakan["script-src"], url
        assert kebijakan["object-src"] == "'none'" and kebijakan["frame-ancestors"] == "'none'", url
        assert kebijakan["style-src-elem"] == "'self'", url


@pytest.mark.django_db
def test_the_swagger_page_runs_its_start_up_script_with_the_response_nonce(client):
    jawaban = client.get("/api/docs/")
    nonce = re.search(r"'nonce-([^']+)'", jawaban["Content-Security-Policy"]).group(1)
    halaman = jawaban.content.decode()
    assert f'<script nonce="{nonce}">' in halaman and "<style" not in halaman


@pytest.mark.django_db
def test_favicon_is_served(client):
    jawaban = client.get("/favicon.ico")
    assert jawaban.status_code == 302 and jawaban["Location"].endswith("favicon.ico")
    assert b'rel="icon"' in client.get("/akun/masuk/").content
    assert finders.find("favicon.ico") and open(finders.find("favicon.ico"), "rb").read(4) == b"\x00\x00\x01\x00"


TEMPLATE_HTML = [p for akar in (Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates"))
                 for p in akar.rglob("*.html") if "pdf" not in p.relative_to(akar).parts]


def test_no_template_has_inline_script_or_event_handlers():
    """The CSP refuses them: a script comes from static/ (or carries {{ request.csp_nonce }}) and a
    confirmation is data-konfirmasi="..." (static/js/portal.js)."""
    salah = []
    for berkas in TEMPLATE_HTML:
        teks = berkas.read_text()
        for m in re.finditer(r"<script\b[^>]*>", teks):
            if "src=" not in m.group(0) and "nonce=" not in m.group(0):
                salah.append(f"{berkas}: {m.group(0)}")
        salah += [f"{berkas}: {m.group(0)}" for m in re.finditer(r"<[a-z][^>]*\son[a-z]+\s*=[^>]*>", teks)]
        salah += [f"{berkas}: javascript: URL" for _ in re.finditer(r"href=[\"']\s*javascript:", teks)]
        salah += [f"{berkas}: <style> element" for _ in re.finditer(r"<style\b", teks)]
    assert salah == []


# --- make run ---------------------------------------------------------------------------------------------

BASE = Path(settings.BASE_DIR)


def _make_run(*variabel: str) -> str:
    hasil = subprocess.run(["make", "-n", "run", *variabel], cwd=BASE, capture_output=True, text=True, check=True)
    return hasil.stdout


def test_make_run_serves_without_debug_and_prints_the_url_of_host():
    perintah = _make_run("HOST=10.1.2.3:9000")
    assert "DJANGO_DEBUG=0" in perintah and "DJANGO_DEBUG=1" not in perintah
    assert perintah.count("AKSI_EMBEDDED=1") == 3  # migrate, siapkan_demo, runserver
    assert "DJANGO_ALLOWED_HOSTS='10.1.2.3," in perintah
    assert "siapkan_demo --wilayah 17 --url 'http://10.1.2.3:9000/'" in perintah
    assert "runserver 10.1.2.3:9000" in perintah


def test_make_run_debug_is_an_explicit_opt_in():
    perintah = _make_run("DEBUG=1")
    assert "DJANGO_DEBUG=1" in perintah
    assert "DJANGO_ALLOWED_HOSTS='*'" in _make_run("HOST=0.0.0.0:8000")


@pytest.mark.django_db
def test_siapkan_demo_prints_the_url_it_is_given():
    keluaran = io.StringIO()
    call_command("siapkan_demo", "--wilayah", "17", "--url", "http://10.1.2.3:9000/", stdout=keluaran)
    assert keluaran.getvalue().rstrip().splitlines()[-1] == "Buka http://10.1.2.3:9000/ dan masuk dengan salah satu akun di atas."


def _lingkungan(**isi: str) -> dict:
    """The process environment without this test run's database, broker and settings overrides."""
    dasar = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "AKSI_"))}
    return dasar | isi


@pytest.fixture(scope="module")
def statis_terkumpul(tmp_path_factory) -> Path:
    """`collectstatic` as the Docker build runs it (DEBUG off: hashed names, compressed copies)."""
    tujuan = tmp_path_factory.mktemp("staticfiles")
    env = _lingkungan(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="collectstatic-build-only", AKSI_VAR_DIR=str(tmp_path_factory.mktemp("var")),
                      DJANGO_STATIC_ROOT=str(tujuan))
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=BASE, env=env, check=True)
    return tujuan


SKRIP_DEMO = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.conf import settings
from django.test import Client
c = Client()
statis = c.get("/static/vendor/htmx/htmx.min.js")
tidak_ada = c.get("/tidak-ada/")
ikon = c.get("/favicon.ico", follow=True)
print(json.dumps({
    "debug": settings.DEBUG, "kunci": settings.SECRET_KEY,
    "statis": statis.status_code, "statis_oleh": type(statis).__name__,
    "ikon": ikon.status_code,
    "tidak_ada": tidak_ada.status_code, "halaman": tidak_ada.content.decode(),
    "csp": tidak_ada.get("Content-Security-Policy", ""),
}))
"""


def test_the_embedded_demo_runs_without_debug_with_a_kept_key_and_static_files(tmp_path):
    """What `make run` does, in a scratch var/: DEBUG off, no secret key given (one is generated
    into var/secret_key, 0600, and reused), static files served by WhiteNoise from their
    source folders (nothing collected: var/ has no staticfiles)."""
    env = _lingkungan(AKSI_EMBEDDED="1", DJANGO_DEBUG="0", AKSI_VAR_DIR=str(tmp_path), DJANGO_ALLOWED_HOSTS="testserver")
    python = sys.executable
    hasil = [json.loads(subprocess.run([python, "-c", SKRIP_DEMO], cwd=BASE, env=env, capture_output=True, text=True,
                                       check=True).stdout) for _ in range(2)]
    kunci = tmp_path / "secret_key"
    assert kunci.stat().st_mode & 0o777 == 0o600
    assert hasil[0]["kunci"] == hasil[1]["kunci"] == kunci.read_text().strip() and len(hasil[0]["kunci"]) >= 50
    d = hasil[0]
    assert d["debug"] is False
    assert d["statis"] == 200 and d["statis_oleh"] == "WhiteNoiseFileResponse"
    assert d["ikon"] == 200
    assert d["tidak_ada"] == 404 and "Halaman tidak ditemukan" in d["halaman"] and "URLconf" not in d["halaman"]
    assert "script-src 'self'" in d["csp"]
    assert not (tmp_path / "staticfiles").exists()


def test_debug_off_outside_the_embedded_demo_still_needs_a_secret_key(tmp_path):
    env = _lingkungan(DJANGO_DEBUG="0", AKSI_VAR_DIR=str(tmp_path))
    hasil = subprocess.run([sys.executable, "manage.py", "check"], cwd=BASE, env=env, capture_output=True, text=True)
    assert hasil.returncode != 0 and "DJANGO_SECRET_KEY must be set" in hasil.stderr
    assert not (tmp_path / "secret_key").exists()


# --- manage.py check --deploy ---------------------------------------------------------------------------------

def lingkungan_produksi() -> dict[str, str]:
    """The production environment exactly as docs/operations.md lists it (the ```env block under
    "Production environment"), with a real random secret key for the placeholder."""
    dok = (BASE / "docs" / "operations.md").read_text()
    blok = re.search(r"### Production environment\n.*?```env\n(.*?)```", dok, re.DOTALL).group(1)
    isi = dict(baris.split("=", 1) for baris in blok.splitlines() if baris.strip() and not baris.startswith("#"))
    assert isi["DJANGO_SECRET_KEY"].startswith("<")
    return isi | {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    env = _lingkungan(**lingkungan_produksi(), AKSI_VAR_DIR=str(tmp_path))
    hasil = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                           cwd=BASE, env=env, capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "System check identified no issues (0 silenced)." in hasil.stdout


def test_production_sends_hsts_and_redirects_plain_http(tmp_path, statis_terkumpul):
    skrip = """
import json, os, django
django.setup()
from django.test import Client
c = Client(HTTP_HOST=os.environ["HOST_UJI"])
http = c.get("/akun/masuk/")
https = c.get("/akun/masuk/", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({"http": http.status_code, "lokasi": http.get("Location"), "https": https.status_code,
                  "hsts": https.get("Strict-Transport-Security"), "csp": https.get("Content-Security-Policy", ""),
                  "halaman": https.content.decode()}))
"""
    produksi = lingkungan_produksi()
    host = produksi["DJANGO_ALLOWED_HOSTS"].split(",")[0]
    env = _lingkungan(**produksi, AKSI_VAR_DIR=str(tmp_path), DJANGO_STATIC_ROOT=str(statis_terkumpul),
                      DJANGO_SETTINGS_MODULE="config.settings", HOST_UJI=host)
    env["DATABASE_URL"] = os.environ.get("DATABASE_URL", produksi["DATABASE_URL"])  # the login page reads no row
    hasil = subprocess.run([sys.executable, "-c", skrip], cwd=BASE, env=env, capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stderr
    d = json.loads(hasil.stdout)
    assert d["http"] == 301 and d["lokasi"].startswith("https://")
    assert d["https"] == 200 and d["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in d["csp"]
    assert re.search(r'href="/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css"', d["halaman"])  # collected, hashed


# --- the policy in the real browser -------------------------------------------------------------------------

PELANGGARAN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_policy_breaks_nothing_in_chromium(live_server):
    """htmx (the region tree), Bootstrap, the Swagger page and the admin run under the CSP with
    no violation, and data-konfirmasi asks before a form is sent."""
    from playwright.sync_api import expect

    from wilayah.services import penugasan_buat

    from .browser import buka_chromium, masuk
    from .factories import KATA_SANDI

    call_command("load_wilayah", "17", verbosity=0)
    admin = UserFactory(username="admin.csp", is_superuser=True, is_staff=True)
    operator = UserFactory(username="op.csp")
    penugasan_buat(oleh=None, user=operator, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG), peran="operator")

    with buka_chromium() as browser:
        page = browser.new_page()
        page.add_init_script(PELANGGARAN)
        pesan_konsol = []
        page.on("console", lambda m: pesan_konsol.append(m.text) if "Content Security Policy" in m.text else None)

        def bersih(url: str) -> None:
            assert page.evaluate("window.__csp") == [], (url, page.evaluate("window.__csp"))

        page.goto(f"{live_server.url}/publik/")
        bersih("/publik/")
        masuk(page, live_server.url, "op.csp", KATA_SANDI)
        page.goto(f"{live_server.url}/wilayah/")
        page.get_by_role("button", name="Buka Kecamatan Kedurang").click()  # htmx GET and swap
        expect(page.locator(".tree-slot li").first).to_be_visible()
        bersih("/wilayah/")

        # data-konfirmasi: dismissing the question keeps the page; accepting sends the form
        page.evaluate("""() => { const f = document.createElement('form'); f.method = 'get'; f.action = '/publik/';
                                 f.dataset.konfirmasi = 'Yakin?'; f.id = 'uji'; f.innerHTML = '<button>Kirim</button>';
                                 document.body.appendChild(f); }""")
        pertanyaan = []
        page.once("dialog", lambda d: (pertanyaan.append(d.message), d.dismiss()))
        page.locator("#uji button").click()
        page.wait_for_timeout(300)
        assert pertanyaan == ["Yakin?"] and page.url.endswith("/wilayah/")
        page.once("dialog", lambda d: d.accept())
        page.locator("#uji button").click()
        page.wait_for_url("**/publik/**")

        masuk(page, live_server.url, "admin.csp", KATA_SANDI)
        page.goto(f"{live_server.url}/api/docs/")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("API Aksi Konvergensi")
        bersih("/api/docs/")
        page.goto(f"{live_server.url}/admin/wilayah/wilayah/")
        expect(page.locator("#result_list")).to_be_visible()
        bersih("/admin/")
        assert pesan_konsol == []
