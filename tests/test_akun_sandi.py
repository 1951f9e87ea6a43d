"""Accounts (issue 15, item 4): password reset by e-mail end to end over real SMTP, revealing
nothing about which addresses exist and throttled; the profile page."""
import re

import pytest
from django.contrib.auth import get_user_model

from akun.models import Profil
from notifikasi.models import PengaturanNotifikasi

from .factories import KATA_SANDI, UserFactory
from .test_notifikasi import smtp  # noqa: F401  (the real SMTP server fixture)

pytestmark = pytest.mark.django_db


def test_password_reset_works_end_to_end_by_email(client, smtp):  # noqa: F811
    user = UserFactory(username="op-lupa", email="op.lupa@contoh.go.id")
    jawaban = client.post("/akun/lupa-sandi/", {"email": "op.lupa@contoh.go.id"})
    assert jawaban.status_code == 302 and jawaban["Location"] == "/akun/lupa-sandi/terkirim/"
    [(kepada, pesan)] = smtp.pesan
    assert kepada == ["op.lupa@contoh.go.id"] and "kata sandi" in pesan["Subject"].lower()
    tautan = re.search(r"http://[^/\s]+(/akun/setel-sandi/\S+/)", pesan.get_payload(decode=True).decode()).group(1)
    halaman = client.get(tautan, follow=True)  # Django swaps the token for a session key
    assert halaman.status_code == 200 and 'data-testid="tautan-tidak-berlaku"' not in halaman.content.decode()
    jawaban = client.post(halaman.redirect_chain[-1][0], {"new_password1": "Sandi-Baru-2026!x", "new_password2": "Sandi-Baru-2026!x"})
    assert jawaban.status_code == 302 and jawaban["Location"] == "/akun/setel-sandi/selesai/"
    user.refresh_from_db()
    assert user.check_password("Sandi-Baru-2026!x") and not user.check_password(KATA_SANDI)
    assert 'data-testid="tautan-tidak-berlaku"' in client.get(tautan, follow=True).content.decode()  # used once


def test_reset_reveals_nothing_about_which_addresses_exist_and_is_throttled(client, smtp):  # noqa: F811
    UserFactory(username="ada", email="ada@contoh.go.id")
    ada = client.post("/akun/lupa-sandi/", {"email": "ada@contoh.go.id"}, follow=True).content.decode()
    tidak = client.post("/akun/lupa-sandi/", {"email": "tidak-ada@contoh.go.id"}, follow=True).content.decode()
    assert 'data-testid="reset-terkirim"' in ada and 'data-testid="reset-terkirim"' in tidak
    assert len(smtp.pesan) == 1  # only the real account got mail
    for _ in range(5):  # the same address again and again: 3 an hour
        assert 'data-testid="reset-terkirim"' in client.post("/akun/lupa-sandi/", {"email": "ada@contoh.go.id"}, follow=True).content.decode()
    assert len(smtp.pesan) == 3


def test_the_profile_page_saves_name_email_phone_and_the_email_choice(klien_dengan):
    user = UserFactory(username="profil")
    klien = klien_dengan(user)
    assert klien.get("/akun/profil/").status_code == 200
    jawaban = klien.post("/akun/profil/", {"first_name": "Siti", "last_name": "Aminah", "email": "Siti@Contoh.go.id",
                                            "telepon": "0812-3456-7890"})
    assert jawaban.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.email) == ("Siti", "siti@contoh.go.id")
    assert Profil.objects.get(pengguna=user).telepon == "0812-3456-7890"
    assert PengaturanNotifikasi.objects.get(pengguna=user).surel is False  # the box was left unticked
    salah = klien.post("/akun/profil/", {"email": "siti@contoh", "telepon": "telepon saya"}).content.decode()
    assert "Masukkan alamat email dengan format yang benar." in salah
    assert "Nomor telepon tidak valid" in salah
    UserFactory(username="lain", email="dipakai@contoh.go.id")
    dipakai = klien.post("/akun/profil/", {"email": "dipakai@contoh.go.id"}).content.decode()
    assert "sudah dipakai akun lain" in dipakai
    assert get_user_model().objects.get(pk=user.pk).email == "siti@contoh.go.id"  # nothing saved
