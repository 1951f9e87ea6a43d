"""Row-level tenancy: who reads which wilayah, and who may act on it."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti.models import CatatanAudit
from wilayah.choices import Izin
from wilayah.lingkup import lingkup_baca
from wilayah.models import Penugasan, UnitKerja, Wilayah
from wilayah.selectors import boleh_bertindak, wilayah_dapat_dibaca
from wilayah.services import penugasan_buat, penugasan_cabut

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(kode):
    return f"/wilayah/{kode}/"


def test_kecamatan_operator_reads_its_kecamatan_and_desa_but_not_the_neighbour(beri_peran, klien_dengan):
    operator = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    klien = klien_dengan(operator)
    desa = Wilayah.objects.filter(induk_id=KEC_KEDURANG).order_by("kode").first()

    halaman = klien.get(_url(KEC_KEDURANG))
    assert halaman.status_code == 200
    assert desa.nama in halaman.content.decode()
    assert klien.get(_url(desa.kode)).status_code == 200
    assert klien.get(_url(KEC_TETANGGA)).status_code == 404
    assert klien.get(_url(KAB_BENGKULU_SELATAN)).status_code == 404  # not upwards either
    assert klien.get(_url("17")).status_code == 404

    terbaca = set(wilayah_dapat_dibaca(operator).values_list("kode", flat=True))
    assert terbaca == {KEC_KEDURANG, *Wilayah.objects.filter(induk_id=KEC_KEDURANG).values_list("kode", flat=True)}


def test_out_of_scope_and_missing_regions_look_the_same(beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("operator", KEC_KEDURANG))
    assert klien.get(_url(KEC_TETANGGA)).status_code == klien.get(_url("17.99.99")).status_code == 404


def test_kabkota_pemantau_reads_all_its_kecamatan(beri_peran, klien_dengan):
    pemantau = beri_peran("pemantau", KAB_BENGKULU_SELATAN)
    klien = klien_dengan(pemantau)
    kecamatan = list(Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN).values_list("kode", flat=True))
    assert len(kecamatan) == 11
    for kode in kecamatan:
        assert klien.get(_url(kode)).status_code == 200, kode
    dibaca = wilayah_dapat_dibaca(pemantau)
    assert dibaca.filter(tingkat=3).count() == 11
    assert dibaca.filter(tingkat=4).count() == Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN).jumlah_desa
    assert klien.get(_url(KAB_LAIN)).status_code == 404


def test_user_without_assignment_reads_nothing(klien_dengan):
    user = UserFactory()
    klien = klien_dengan(user)
    assert lingkup_baca(user).kosong
    assert not wilayah_dapat_dibaca(user).exists()
    assert klien.get(_url("17")).status_code == 404
    assert klien.get("/api/v1/wilayah/").json()["count"] == 0
    beranda = klien.get("/").content.decode()
    assert "belum mendapat penugasan" in beranda


def test_anonymous_visitor_is_sent_to_login(client):
    jawaban = client.get(_url(KEC_KEDURANG))
    assert jawaban.status_code == 302 and jawaban.url.startswith("/akun/masuk/")


def test_national_pemantau_reads_every_province(beri_peran, klien_dengan):
    pemantau = beri_peran("pemantau", None)
    assert lingkup_baca(pemantau).semua
    klien = klien_dengan(pemantau)
    assert klien.get(_url(KEC_TETANGGA)).status_code == 200
    assert klien.get("/wilayah/").status_code == 200


def test_api_lists_only_the_scope_and_hides_the_rest(beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("operator", KEC_KEDURANG))
    data = klien.get("/api/v1/wilayah/", {"page_size": 500}).json()
    kode = {w["kode"] for w in data["results"]}
    assert KEC_KEDURANG in kode and all(k.startswith(KEC_KEDURANG) for k in kode)
    assert data["count"] == 1 + Wilayah.objects.filter(induk_id=KEC_KEDURANG).count()
    assert klien.get(f"/api/v1/wilayah/{KEC_TETANGGA}/").status_code == 404
    assert klien.get(f"/api/v1/wilayah/{KEC_KEDURANG}/").json()["nama"] == "Kedurang"


def test_withdrawing_the_assignment_withdraws_the_access(beri_peran):
    operator = beri_peran("operator", KEC_KEDURANG)
    penugasan = Penugasan.objects.get(user=operator)
    penugasan_cabut(oleh=None, penugasan=penugasan)
    operator = type(operator).objects.get(pk=operator.pk)  # fresh permission caches
    assert lingkup_baca(operator).kosong


def test_two_roles_on_one_wilayah_keep_each_others_rights(beri_peran):
    user = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    beri_peran("pemantau", KEC_KEDURANG, user=user)
    penugasan_cabut(oleh=None, penugasan=Penugasan.objects.get(user=user, peran="operator"))
    user = type(user).objects.get(pk=user.pk)
    assert lingkup_baca(user).mencakup(KEC_KEDURANG)
    assert not boleh_bertindak(user, Izin.ISI, Wilayah.objects.get(kode=KEC_KEDURANG))


def test_operator_acts_on_its_own_wilayah_only(beri_peran):
    operator = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    kedurang = Wilayah.objects.get(kode=KEC_KEDURANG)
    assert boleh_bertindak(operator, Izin.ISI, kedurang)
    assert not boleh_bertindak(operator, Izin.ISI, Wilayah.objects.get(kode=KEC_TETANGGA))
    assert not boleh_bertindak(operator, Izin.VERIFIKASI, kedurang)
    assert not boleh_bertindak(operator, Izin.SETUJUI, kedurang)


def test_camat_approves_and_kabupaten_admin_manages_its_kecamatan(beri_peran):
    kedurang = Wilayah.objects.get(kode=KEC_KEDURANG)
    camat = beri_peran("approver", KEC_KEDURANG)
    admin_kab = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    assert boleh_bertindak(camat, Izin.SETUJUI, kedurang)
    assert boleh_bertindak(admin_kab, Izin.KELOLA, kedurang)
    assert not boleh_bertindak(admin_kab, Izin.KELOLA, Wilayah.objects.get(kode=KAB_LAIN))


def test_kabupaten_admin_assigns_roles_below_but_an_operator_cannot(beri_peran):
    admin_kab = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    operator = beri_peran("operator", KEC_KEDURANG)
    kedurang = Wilayah.objects.get(kode=KEC_KEDURANG)
    baru = UserFactory()
    penugasan = penugasan_buat(oleh=admin_kab, user=baru, wilayah=kedurang, peran="verifikator",
                               unit=UnitKerja.objects.get(pk="plkb"))
    jejak = CatatanAudit.objects.get(aksi="penugasan_buat", objek_id=str(penugasan.pk))
    assert jejak.pengguna == admin_kab and jejak.baru["peran"] == "verifikator"
    with pytest.raises(PermissionDenied):
        penugasan_buat(oleh=operator, user=UserFactory(), wilayah=kedurang, peran="operator")
    with pytest.raises(PermissionDenied):
        penugasan_buat(oleh=admin_kab, user=UserFactory(), wilayah=Wilayah.objects.get(kode=KAB_LAIN), peran="operator")


@pytest.mark.parametrize(
    ("peran", "kode", "unit", "field"),
    [
        ("operator", "17.01.01.2001", None, "wilayah"),  # a desa: data is entered by the kecamatan
        ("approver", None, None, "wilayah"),  # nasional is for pemantau/administrator only
        ("operator", "17.01", "puskesmas", "unit"),  # Puskesmas is a kecamatan unit
        ("operator", KEC_KEDURANG, "dinkes", "unit"),  # an OPD is not a kecamatan unit
        ("approver", KEC_KEDURANG, "setcam", "unit"),  # units belong to operator/verifikator
    ],
)
def test_invalid_assignments_are_refused_with_the_field_named(peran, kode, unit, field):
    wilayah = Wilayah.objects.get(kode=kode) if kode else None
    with pytest.raises(ValidationError) as err:
        penugasan_buat(oleh=None, user=UserFactory(), wilayah=wilayah, peran=peran,
                       unit=UnitKerja.objects.get(pk=unit) if unit else None)
    assert field in err.value.message_dict
    assert not Penugasan.objects.filter(peran=peran, wilayah=wilayah).exists()


def test_admin_screen_assigns_a_role_and_grants_the_permission(admin_client):
    user = UserFactory()
    jawaban = admin_client.post("/admin/wilayah/penugasan/add/", {
        "user": user.pk, "wilayah": KEC_KEDURANG, "peran": "operator", "unit": "setcam",
    })
    assert jawaban.status_code == 302, jawaban.content.decode()[:2000]
    user = type(user).objects.get(pk=user.pk)
    assert boleh_bertindak(user, Izin.ISI, Wilayah.objects.get(kode=KEC_KEDURANG))
    assert CatatanAudit.objects.filter(aksi="penugasan_buat", pengguna__username="admin").exists()


def test_admin_screen_refuses_a_desa_assignment_with_a_message(admin_client):
    jawaban = admin_client.post("/admin/wilayah/penugasan/add/", {
        "user": UserFactory().pk, "wilayah": "17.01.01.2001", "peran": "operator", "unit": "",
    })
    assert jawaban.status_code == 200
    assert "data desa diisi oleh kecamatan" in jawaban.content.decode()
    assert not Penugasan.objects.exists()
