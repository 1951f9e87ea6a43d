"""Administration in the portal (issue 15, item 5): a wilayah administrator creates users, gives
and withdraws roles, (de)activates accounts and imports users from xlsx — inside its subtree
only; everyone else's users do not exist for it (404)."""
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from wilayah.models import Penugasan

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admin_kab(beri_peran):
    return beri_peran("administrator", KAB_BENGKULU_SELATAN)


def test_an_administrator_creates_a_user_below_with_a_link_to_set_the_password(
        admin_kab, klien_dengan, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    klien = klien_dengan(admin_kab)
    with django_capture_on_commit_callbacks(execute=True):
        jawaban = klien.post("/administrasi/pengguna/tambah/", {
            "username": "op.baru", "first_name": "Rina", "email": "Rina@contoh.go.id",
            "wilayah": KEC_KEDURANG, "peran": "operator", "unit": "setcam"})
    baru = User.objects.get(username="op.baru")
    assert jawaban.status_code == 302 and jawaban["Location"] == f"/administrasi/pengguna/{baru.pk}/"
    assert not baru.has_usable_password() and baru.email == "rina@contoh.go.id"
    assert Penugasan.objects.filter(user=baru, wilayah_id=KEC_KEDURANG, peran="operator", unit_id="setcam").exists()
    assert mail.outbox[-1].to == ["rina@contoh.go.id"] and "/akun/setel-sandi/" in mail.outbox[-1].body
    # a wilayah outside the subtree is not even offered, and refused when posted
    salah = klien.post("/administrasi/pengguna/tambah/", {"username": "op.lain", "first_name": "X", "email": "x@contoh.go.id",
                                                         "wilayah": KAB_LAIN, "peran": "operator"})
    assert salah.status_code == 200 and not User.objects.filter(username="op.lain").exists()
    assert "Masukkan pilihan yang valid" in salah.content.decode()


def test_users_outside_the_subtree_do_not_exist_for_the_administrator(admin_kab, beri_peran, klien_dengan):
    luar = beri_peran("operator", KAB_LAIN)
    dalam = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    klien = klien_dengan(admin_kab)
    daftar = klien.get("/administrasi/pengguna/").content.decode()
    assert dalam.username in daftar and luar.username not in daftar
    assert klien.get(f"/administrasi/pengguna/{luar.pk}/").status_code == 404
    assert klien.post(f"/administrasi/pengguna/{luar.pk}/aktif/", {"aktif": "0"}).status_code == 404
    p_luar = Penugasan.objects.get(user=luar)
    assert klien.post(f"/administrasi/pengguna/{luar.pk}/peran/{p_luar.pk}/cabut/").status_code == 404
    # an operator administers nothing
    assert klien_dengan(dalam).get("/administrasi/pengguna/").status_code == 404
    assert 'href="/administrasi/pengguna/"' not in klien_dengan(dalam).get("/").content.decode()


def test_deactivating_needs_every_role_inside_and_roles_are_withdrawn(admin_kab, beri_peran, klien_dengan):
    dalam = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    klien = klien_dengan(admin_kab)
    klien.post(f"/administrasi/pengguna/{dalam.pk}/aktif/", {"aktif": "0"})
    dalam.refresh_from_db()
    assert not dalam.is_active
    ganda = beri_peran("verifikator", KEC_KEDURANG, unit="plkb")
    beri_peran("verifikator", KAB_LAIN, user=ganda)
    halaman = klien.post(f"/administrasi/pengguna/{ganda.pk}/aktif/", {"aktif": "0"}, follow=True).content.decode()
    ganda.refresh_from_db()
    assert ganda.is_active and "bertugas di luar wilayah Anda" in halaman
    p = Penugasan.objects.get(user=ganda, wilayah_id=KEC_KEDURANG)
    klien.post(f"/administrasi/pengguna/{ganda.pk}/peran/{p.pk}/cabut/")
    assert not Penugasan.objects.filter(pk=p.pk).exists() and Penugasan.objects.filter(user=ganda, wilayah_id=KAB_LAIN).exists()


def _berkas(baris):
    wb = openpyxl.load_workbook(io.BytesIO(_templat()))
    ws = wb["Pengguna"]
    ws.delete_rows(2, ws.max_row)
    for b in baris:
        ws.append(b)
    keluar = io.BytesIO()
    wb.save(keluar)
    return SimpleUploadedFile("pengguna.xlsx", keluar.getvalue())


def _templat():
    from administrasi.excel import buat_templat

    return buat_templat()


def test_importing_users_twice_duplicates_nothing_and_a_bad_row_saves_nothing(admin_kab, klien_dengan):
    klien = klien_dengan(admin_kab)
    baris = [["op.a", "Ani", "", "ani@contoh.go.id", KEC_KEDURANG, "operator", "setcam"],
             ["op.a", "Ani", "", "ani@contoh.go.id", KEC_KEDURANG, "Verifikator", "PLKB"],
             ["camat.b", "Budi", "S", "budi@contoh.go.id", KEC_KEDURANG, "approver", None]]
    for _ in range(2):
        jawaban = klien.post("/administrasi/pengguna/impor/", {"berkas": _berkas(baris)})
        assert jawaban.status_code == 302
    assert User.objects.filter(username__in=["op.a", "camat.b"]).count() == 2
    assert Penugasan.objects.filter(user__username="op.a").count() == 2
    salah = [["op.c", "C", "", "bukan-surel", KEC_KEDURANG, "operator", "setcam"],
             ["op.d", "D", "", "d@contoh.go.id", "99.99", "operator", "setcam"],
             ["op.e", "E", "", "e@contoh.go.id", KEC_KEDURANG, "kepala", ""],
             ["op.g", "G", "", "g@contoh.go.id", KEC_KEDURANG, "operator", "=1+1"]]
    jawaban = klien.post("/administrasi/pengguna/impor/", {"berkas": _berkas(salah)})
    isi = jawaban.content.decode()
    assert jawaban.status_code == 400
    assert "baris 2, kolom D (Surel)" in isi and "alamat surel tidak valid" in isi
    assert "baris 3, kolom E (Kode wilayah)" in isi and "kode wilayah tidak dikenal" in isi
    assert "baris 4, kolom F (Peran)" in isi and "peran tidak dikenal" in isi
    assert "baris 5, kolom G (Unit)" in isi and "rumus" in isi
    assert not User.objects.filter(username__in=["op.c", "op.d", "op.e", "op.g"]).exists()
    # rows that read well but lie outside the administrator's wilayah: named, and nothing saved
    luar = [["op.h", "H", "", "h@contoh.go.id", KEC_KEDURANG, "operator", "setcam"],
            ["op.f", "F", "", "f@contoh.go.id", KAB_LAIN, "operator", ""]]
    isi = klien.post("/administrasi/pengguna/impor/", {"berkas": _berkas(luar)}).content.decode()
    assert "baris 3" in isi and "di luar wilayah yang Anda kelola" in isi
    assert not User.objects.filter(username__in=["op.h", "op.f"]).exists()


def test_the_import_refuses_a_foreign_file(admin_kab, klien_dengan):
    jawaban = klien_dengan(admin_kab).post("/administrasi/pengguna/impor/",
                                           {"berkas": SimpleUploadedFile("x.xlsx", b"%PDF-1.4 bukan excel")})
    assert jawaban.status_code == 400 and "berkas PDF" in jawaban.content.decode()


def test_windows_move_for_the_central_administrator_and_extensions_stay_in_the_subtree(
        siklus_terbuka, admin_kab, klien_dengan):
    import datetime

    from aksi.models import Jadwal, PerpanjanganJadwal

    from .factories import UserFactory

    j = Jadwal.objects.get(siklus_id=2026, tahapan_id="analisis-situasi", tingkat=3)
    klien = klien_dengan(admin_kab)
    assert klien.get("/administrasi/jadwal/2026/").status_code == 200
    # a wilayah administrator extends for its kecamatan, with a reason; not outside, not without one
    data = {"perpanjang": "1", "jadwal": j.pk, "wilayah": KEC_KEDURANG, "selesai": "2100-02-01", "alasan": "Banjir di tiga desa"}
    assert klien.post("/administrasi/jadwal/2026/", data).status_code == 302
    assert PerpanjanganJadwal.objects.get(jadwal=j, wilayah_id=KEC_KEDURANG).selesai == datetime.date(2100, 2, 1)
    assert klien.post("/administrasi/jadwal/2026/", {**data, "wilayah": KAB_LAIN}).status_code == 200
    assert not PerpanjanganJadwal.objects.filter(wilayah_id=KAB_LAIN).exists()
    tanpa_alasan = klien.post("/administrasi/jadwal/2026/", {**data, "alasan": ""}).content.decode()
    assert "wajib" in tanpa_alasan.lower() or "harus diisi" in tanpa_alasan.lower()
    # only the central administrator moves a whole level's window
    klien.post("/administrasi/jadwal/2026/", {"ubah": j.pk, f"{j.pk}-mulai": "2026-01-01", f"{j.pk}-selesai": "2026-01-31"})
    j.refresh_from_db()
    assert j.selesai == datetime.date(2100, 1, 1)
    pusat = klien_dengan(UserFactory(username="pusat", is_superuser=True, is_staff=True))
    pusat.post("/administrasi/jadwal/2026/", {"ubah": j.pk, f"{j.pk}-mulai": "2026-01-01", f"{j.pk}-selesai": "2026-01-31"})
    j.refresh_from_db()
    assert (j.mulai, j.selesai) == (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))


def test_a_wilayah_requests_an_extension_and_the_level_above_grants_or_refuses_it_with_a_reason(
        siklus_terbuka, beri_peran, klien_dengan):
    import datetime

    from aksi.models import Jadwal, PerpanjanganJadwal, PermintaanPerpanjangan

    j = Jadwal.objects.get(siklus_id=2026, tahapan_id="analisis-situasi", tingkat=3)
    admin_kec = beri_peran("administrator", KEC_KEDURANG)
    admin_kab = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    admin_lain = beri_peran("administrator", KAB_LAIN)
    minta = {"minta": "1", "minta-jadwal": j.pk, "minta-wilayah": KEC_KEDURANG, "minta-selesai": "2100-03-01",
             "minta-alasan": "Jaringan putus dua minggu"}
    assert klien_dengan(admin_kec).post("/administrasi/jadwal/2026/", minta).status_code == 302
    p = PermintaanPerpanjangan.objects.get()
    again = klien_dengan(admin_kec).post("/administrasi/jadwal/2026/", minta).content.decode()
    assert "masih menunggu keputusan" in again and PermintaanPerpanjangan.objects.count() == 1
    # another kabupaten's administrator does not see it; the kecamatan cannot decide its own
    assert klien_dengan(admin_lain).post(f"/administrasi/jadwal/2026/permintaan/{p.pk}/",
                                         {"setuju": "1", "keputusan": "ok"}).status_code == 404
    assert klien_dengan(admin_kec).post(f"/administrasi/jadwal/2026/permintaan/{p.pk}/",
                                        {"setuju": "1", "keputusan": "ok"}).status_code == 404
    klien = klien_dengan(admin_kab)
    assert "Jaringan putus dua minggu" in klien.get("/administrasi/jadwal/2026/").content.decode()
    tanpa = klien.post(f"/administrasi/jadwal/2026/permintaan/{p.pk}/", {"setuju": "1", "keputusan": ""}, follow=True)
    assert "Tulis alasan keputusan." in tanpa.content.decode()
    klien.post(f"/administrasi/jadwal/2026/permintaan/{p.pk}/", {"setuju": "1", "keputusan": "Disetujui, wilayah terdampak"})
    p.refresh_from_db()
    assert p.status == "disetujui" and p.diputuskan_oleh == admin_kab
    assert PerpanjanganJadwal.objects.get(jadwal=j, wilayah_id=KEC_KEDURANG).selesai == datetime.date(2100, 3, 1)
    # a second request, refused: no extension changes
    klien_dengan(admin_kec).post("/administrasi/jadwal/2026/", {**minta, "minta-selesai": "2100-05-01"})
    kedua = PermintaanPerpanjangan.objects.get(status="menunggu")
    klien_dengan(admin_kab).post(f"/administrasi/jadwal/2026/permintaan/{kedua.pk}/", {"setuju": "0", "keputusan": "Cukup"})
    kedua.refresh_from_db()
    assert kedua.status == "ditolak" and kedua.keputusan == "Cukup"
    assert PerpanjanganJadwal.objects.get(jadwal=j, wilayah_id=KEC_KEDURANG).selesai == datetime.date(2100, 3, 1)


def test_the_administrator_sends_the_password_link_again_only_to_active_users_inside(
        admin_kab, beri_peran, klien_dengan, django_capture_on_commit_callbacks, settings):
    from inti.models import CatatanAudit

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dalam = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    dalam.email, dalam.is_active = "op.dalam@contoh.go.id", True
    dalam.set_unusable_password()  # as an imported account is
    dalam.save()
    luar = beri_peran("operator", KAB_LAIN)
    klien = klien_dengan(admin_kab)
    halaman = klien.get(f"/administrasi/pengguna/{dalam.pk}/").content.decode()
    assert f'action="/administrasi/pengguna/{dalam.pk}/tautan-sandi/"' in halaman
    with django_capture_on_commit_callbacks(execute=True):
        jawaban = klien.post(f"/administrasi/pengguna/{dalam.pk}/tautan-sandi/", follow=True)
    assert "Tautan untuk membuat kata sandi dikirim ke op.dalam@contoh.go.id" in jawaban.content.decode()
    assert mail.outbox[-1].to == ["op.dalam@contoh.go.id"] and "/akun/setel-sandi/" in mail.outbox[-1].body
    assert CatatanAudit.objects.filter(aksi="pengguna_tautan_sandi", objek_id=str(dalam.pk)).count() == 1
    assert klien.post(f"/administrasi/pengguna/{luar.pk}/tautan-sandi/").status_code == 404
    # a deactivated account gets nothing, and the page says why
    dalam.is_active = False
    dalam.save()
    terkirim = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        jawaban = klien.post(f"/administrasi/pengguna/{dalam.pk}/tautan-sandi/", follow=True)
    assert "Akun ini nonaktif" in jawaban.content.decode() and len(mail.outbox) == terkirim
    assert "tautan-sandi" not in klien.get(f"/administrasi/pengguna/{dalam.pk}/").content.decode()


def test_the_administrator_sets_the_letterhead_logo_and_the_pdfs_carry_it(admin_kab, beri_peran, klien_dengan, media, siklus_terbuka):
    import io

    from PIL import Image

    from aksi.models import Tahapan
    from aksi.services import laporan_ambil_atau_buat
    from analisis.pdf import html_analisis_situasi
    from wilayah.models import KopSurat, Wilayah

    from .factories import UserFactory

    klien = klien_dengan(admin_kab)
    assert 'href="/administrasi/kop-surat/17.01/"' in klien.get("/administrasi/pengguna/").content.decode()
    png = io.BytesIO()
    Image.new("RGB", (40, 40), "#146c43").save(png, "PNG")
    jawab = klien.post("/administrasi/kop-surat/17.01/", {"logo": SimpleUploadedFile("logo.png", png.getvalue())})
    assert jawab.status_code == 302 and KopSurat.objects.get(wilayah_id="17.01").logo.name.endswith(".png")
    # a PDF pretending to be a logo, or another kab/kota: refused
    salah = klien.post("/administrasi/kop-surat/17.01/", {"logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 bukan gambar")})
    assert salah.status_code == 400 and "Logo harus gambar PNG atau JPEG." in salah.content.decode()
    assert klien.get(f"/administrasi/kop-surat/{KAB_LAIN}/").status_code == 404
    # the kecamatan's documents write under the kab/kota's government, with its logo
    lap = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=2026, tahapan=Tahapan.objects.get(pk="analisis-situasi"),
                                  wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    html = html_analisis_situasi(lap)
    assert "PEMERINTAH KABUPATEN BENGKULU SELATAN" in html and "KECAMATAN KEDURANG" in html and 'src="data:image/png;base64,' in html
    klien.post("/administrasi/kop-surat/17.01/", {"hapus": "1"})
    assert not KopSurat.objects.exists() and 'src="data:image/png' not in html_analisis_situasi(lap)
