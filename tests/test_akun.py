"""Login, home page per role, password change and login throttling."""
import pytest

from .conftest import KEC_KEDURANG
from .factories import KATA_SANDI, UserFactory
from .aset import aset_luar

pytestmark = pytest.mark.django_db


def test_login_page_is_in_bahasa_indonesia(client):
    halaman = client.get("/akun/masuk/").content.decode()
    assert "Masuk ke portal" in halaman and 'lang="id"' in halaman
    assert aset_luar(halaman) == []


def test_operator_logs_in_and_sees_its_wilayah_and_role(client, beri_peran):
    beri_peran("operator", KEC_KEDURANG, unit="puskesmas", user=UserFactory(username="op.kedurang"))
    jawaban = client.post("/akun/masuk/", {"username": "op.kedurang", "password": KATA_SANDI}, follow=True)
    halaman = jawaban.content.decode()
    assert jawaban.redirect_chain[-1][0] == "/"
    assert "Operator Puskesmas" in halaman
    assert "Kecamatan Kedurang" in halaman and KEC_KEDURANG in halaman
    assert "Mengisi data dan dokumen" in halaman


def test_camat_home_page_names_the_approver_role(client, beri_peran):
    client.force_login(beri_peran("approver", KEC_KEDURANG))
    assert "Penyetuju (Camat)" in client.get("/").content.decode()


def test_bappeda_home_page_names_the_approver_role(client, beri_peran):
    client.force_login(beri_peran("approver", "17.01"))
    halaman = client.get("/").content.decode()
    assert "Penyetuju (Bappeda)" in halaman and "Kabupaten Bengkulu Selatan" in halaman


def test_wrong_password_says_so_in_indonesian(client):
    UserFactory(username="budi")
    halaman = client.post("/akun/masuk/", {"username": "budi", "password": "salah"}).content.decode()
    assert "dan sandi yang benar" in halaman.lower()


def test_login_is_locked_after_repeated_failures(client, settings):
    UserFactory(username="siti")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "siti", "password": "salah"})
    terkunci = client.post("/akun/masuk/", {"username": "siti", "password": KATA_SANDI})
    assert terkunci.status_code == 429
    assert "dikunci sementara" in terkunci.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_so_others_can_still_log_in(client, settings):
    UserFactory(username="siti")
    UserFactory(username="andi")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "siti", "password": "salah"})
    jawaban = client.post("/akun/masuk/", {"username": "andi", "password": KATA_SANDI})
    assert jawaban.status_code == 302


def test_password_change_then_login_with_the_new_one(client):
    user = UserFactory(username="rina")
    client.force_login(user)
    baru = "Sandi-Baru-Kuat-2026"
    jawaban = client.post("/akun/sandi/", {"old_password": KATA_SANDI, "new_password1": baru, "new_password2": baru})
    assert jawaban.status_code == 302
    client.post("/akun/keluar/")
    assert client.post("/akun/masuk/", {"username": "rina", "password": baru}).status_code == 302


def test_logout_requires_post_and_ends_the_session(client):
    client.force_login(UserFactory())
    client.post("/akun/keluar/")
    assert client.get("/").status_code == 302
