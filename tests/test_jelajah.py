"""Every demo login walks its pages: no server error, no link that leads to 403 or 404.

For every role × level that `siapkan_demo` creates, the walk logs in, opens the home page,
the Laporan list, "Buka" of every step of the year at the user's level, the score page of the
user's wilayah, and then every link of
those pages (navigation, breadcrumbs, step pages) up to two hops. Downloads, logout and the
admin's inside are not followed. URLs of the same shape (the same path with other codes or ids)
are visited at most `PER_BENTUK` times per user, so a province's 129 kecamatan links do not
turn one page kind into 129 requests.
"""
import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from aksi.models import Tahapan
from demo.services import AKUN_DEMO, wilayah_demo

pytestmark = pytest.mark.django_db

HOP = 2
PER_BENTUK = 3
LEWATI = re.compile(
    r"^/akun/keluar/|^/admin/.+|^/api/(schema|v1/.+)"  # logout; the admin's and the API's inside
    r"|\.(xlsx|pdf|csv|docx?|png|jpe?g|ico)$|/pdf/$|/templat|/unduh/|/berkas/|/lampiran/|/gambar/|/bukti/"
    r"|[?&]format="
)


class _Tautan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.href: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.href.append(href)


def tautan(html: str) -> list[str]:
    p = _Tautan()
    p.feed(html)
    hasil = []
    for href in p.href:
        href, _ = urldefrag(href)
        bagian = urlsplit(href)
        if bagian.scheme or bagian.netloc or not href.startswith("/"):
            continue  # external, mailto:, javascript:, relative-to-page fragments
        hasil.append(href)
    return hasil


def bentuk(url: str) -> str:
    """/aksi/laporan/12/isian/ and /aksi/laporan/31/isian/ have one shape."""
    return re.sub(r"\d+", "#", url)


def jelajahi(client: Client, awal: list[str]) -> tuple[list[str], list[str]]:
    """(pages visited, failures as 'URL -> status (from page)')."""
    dikunjungi: set[str] = set()
    per_bentuk: Counter = Counter()
    antre = deque((url, 0, "(awal)") for url in awal)
    gagal = []
    while antre:
        url, hop, asal = antre.popleft()
        if url in dikunjungi or LEWATI.search(url):
            continue
        if hop > 0 and per_bentuk[bentuk(url)] >= PER_BENTUK:
            continue
        dikunjungi.add(url)
        per_bentuk[bentuk(url)] += 1
        respons = client.get(url, follow=True)
        akhir = respons.redirect_chain[-1][0] if respons.redirect_chain else url
        if respons.status_code != 200:
            gagal.append(f"{url} -> {respons.status_code} (dari {asal})")
            continue
        if akhir.startswith("/akun/masuk/") and not url.startswith("/akun/masuk/"):
            gagal.append(f"{url} -> dialihkan ke halaman masuk (dari {asal})")
            continue
        if hop >= HOP or "text/html" not in respons.get("Content-Type", ""):
            continue
        for href in tautan(respons.content.decode()):
            antre.append((href, hop + 1, url))
    return sorted(dikunjungi), gagal


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("siapkan_demo", "--wilayah", "17", stdout=io.StringIO())
    return wilayah_demo("17")


def _halaman_wilayah(username: str, tempat) -> list[str]:
    """"Buka" of every step of the year at the user's level, and the user's wilayah's score page."""
    akun = next((a for a in AKUN_DEMO if a.username == username), None)
    if akun is None or akun.tingkat is None:
        return []
    wilayah = tempat[akun.tingkat]
    tahun = timezone.localdate().year
    buka = [f"/aksi/buka/{tahun}/{t.kode}/{wilayah.kode}/" for t in Tahapan.objects.all() if t.berlaku_di(wilayah.tingkat)]
    return [*buka, f"/monev/penilaian/{tahun}/{wilayah.kode}/"]


def test_every_demo_login_walks_its_pages_without_error_or_dead_link(demo):
    jumlah: dict[str, int] = {}
    semua_gagal: list[str] = []
    pengguna = ["superadmin", *(a.username for a in AKUN_DEMO)]
    for username in pengguna:
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        halaman, gagal = jelajahi(client, ["/", "/aksi/", *_halaman_wilayah(username, demo)])
        jumlah[username] = len(halaman)
        semua_gagal += [f"{username}: {g}" for g in gagal]
    print(f"JELAJAH {sum(jumlah.values())} halaman untuk {len(jumlah)} akun: {jumlah}")
    assert not semua_gagal, "\n".join(semua_gagal)
    assert all(n > 10 for n in jumlah.values()), jumlah


def test_the_public_walks_its_pages_without_error_or_dead_link(demo):
    halaman, gagal = jelajahi(Client(raise_request_exception=False), ["/", "/publik/"])
    print(f"JELAJAH publik {len(halaman)} halaman")
    assert not gagal, "\n".join(gagal)
    assert len(halaman) > 5
