"""Per-desa values: all-or-nothing validation, PJ units, versions, read-only approval, the grid page."""
import pytest

from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_setujui
from indikator.models import NilaiDesa, RiwayatIsian
from indikator.selectors import desa_laporan, riwayat_sel
from inti.galat import Ditolak, IsianTidakValid
from isian.services import nilai_simpan

from .conftest import KEC_KEDURANG, KEC_TETANGGA
from .test_isian_konflik import formulir

pytestmark = pytest.mark.django_db


@pytest.fixture
def desa(laporan_kedurang):
    return list(desa_laporan(laporan_kedurang))


@pytest.fixture
def operator(beri_peran):
    return beri_peran("operator", KEC_KEDURANG)  # no unit: fills every part


def _versi(laporan):
    return {b.unit_id or "": b.versi for b in laporan.bagian.all()}


def test_valid_values_are_saved_and_every_change_is_recorded(laporan_kedurang, desa, operator):
    hasil = nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang),
                         isian={(desa[0], "S04"): "20", (desa[0], "A2"): "15", (desa[1], "F6"): "1"})
    assert hasil.diubah == 3
    assert NilaiDesa.objects.get(desa_id=desa[0], item="A2").nilai == 15
    nilai_simpan(user=operator, laporan=laporan_kedurang, versi=hasil.versi, isian={(desa[0], "A2"): "18"})
    jejak = riwayat_sel(laporan_kedurang, desa[0], "A2")
    assert [(p["lama"], p["baru"], p["oleh"]) for p in jejak] == [(None, 15, operator), (15, 18, operator)]
    assert RiwayatIsian.objects.first().jumlah == 1


def test_clearing_a_value_deletes_it_and_is_recorded(laporan_kedurang, desa, operator):
    hasil = nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang), isian={(desa[0], "S01"): "900"})
    nilai_simpan(user=operator, laporan=laporan_kedurang, versi=hasil.versi, isian={(desa[0], "S01"): ""})
    assert not NilaiDesa.objects.filter(desa_id=desa[0], item="S01").exists()
    assert [(p["lama"], p["baru"]) for p in riwayat_sel(laporan_kedurang, desa[0], "S01")] == [(None, 900), (900, None)]


def test_unchanged_values_are_not_rewritten(laporan_kedurang, desa, operator):
    hasil = nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang), isian={(desa[0], "S01"): "900"})
    ulang = nilai_simpan(user=operator, laporan=laporan_kedurang, versi=hasil.versi, isian={(desa[0], "S01"): "900"})
    assert ulang.diubah == 0 and RiwayatIsian.objects.count() == 1


@pytest.mark.parametrize(
    ("item", "mentah", "pesan"),
    [
        ("S01", "-3", "tidak boleh negatif"),
        ("S01", "2,5", "harus bilangan bulat"),
        ("S01", "12.5", "harus bilangan bulat"),
        ("S01", "sepuluh", "bukan angka"),
        ("F6", "2", "isi 1 (ya) atau 0 (tidak)"),
    ],
)
def test_bad_values_name_the_desa_and_item_and_save_nothing(laporan_kedurang, desa, operator, item, mentah, pesan):
    with pytest.raises(IsianTidakValid) as err:
        nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang),
                     isian={(desa[0], "S02"): "100", (desa[0], item): mentah})
    kesalahan = err.value.kesalahan
    assert len(kesalahan) == 1 and pesan in kesalahan[0].pesan and item in kesalahan[0].pesan
    assert kesalahan[0].desa == desa[0]
    assert not NilaiDesa.objects.exists()


def test_indonesian_thousands_are_read_as_whole_numbers(laporan_kedurang, desa, operator):
    nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang), isian={(desa[0], "S01"): "1.234"})
    assert NilaiDesa.objects.get(item="S01").nilai == 1234


def test_numerator_above_its_denominator_is_refused(laporan_kedurang, desa, operator):
    with pytest.raises(IsianTidakValid) as err:
        nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang),
                     isian={(desa[0], "S08"): "3", (desa[0], "S09"): "4", (desa[0], "B6"): "8"})
    assert "B6" in str(err.value) and "S08+S09 = 7" in str(err.value)
    assert not NilaiDesa.objects.exists()


def test_lowering_a_denominator_below_a_stored_numerator_is_refused(laporan_kedurang, desa, operator):
    hasil = nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang),
                         isian={(desa[0], "S04"): "10", (desa[0], "A4"): "9"})
    with pytest.raises(IsianTidakValid, match="A4"):
        nilai_simpan(user=operator, laporan=laporan_kedurang, versi=hasil.versi, isian={(desa[0], "S04"): "5"})
    assert NilaiDesa.objects.get(item="S04").nilai == 10


def test_a_desa_of_another_kecamatan_is_refused(laporan_kedurang, operator):
    with pytest.raises(IsianTidakValid, match="bukan desa/kelurahan di kecamatan ini"):
        nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang),
                     isian={(f"{KEC_TETANGGA}.2001", "S01"): "5"})


def test_a_stale_save_is_refused_and_nothing_is_lost(laporan_kedurang, desa, operator, beri_peran):
    versi_awal = _versi(laporan_kedurang)
    rekan = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    nilai_simpan(user=rekan, laporan=laporan_kedurang, versi=versi_awal, isian={(desa[0], "S04"): "12"})
    with pytest.raises(Ditolak, match="sudah diubah oleh"):
        nilai_simpan(user=operator, laporan=laporan_kedurang, versi=versi_awal, isian={(desa[0], "S04"): "30"})
    assert NilaiDesa.objects.get(item="S04").nilai == 12
    # a change to another unit's part is not blocked by the Puskesmas edit
    nilai_simpan(user=operator, laporan=laporan_kedurang, versi=versi_awal, isian={(desa[0], "S06"): "2"})


def test_a_pj_unit_operator_cannot_change_another_units_items(laporan_kedurang, desa, beri_peran):
    plkb = beri_peran("operator", KEC_KEDURANG, unit="plkb")
    with pytest.raises(Ditolak, match="bagian Puskesmas"):
        nilai_simpan(user=plkb, laporan=laporan_kedurang, versi=_versi(laporan_kedurang),
                     isian={(desa[0], "S06"): "4", (desa[0], "S04"): "9"})
    assert not NilaiDesa.objects.exists()
    nilai_simpan(user=plkb, laporan=laporan_kedurang, versi=_versi(laporan_kedurang), isian={(desa[0], "S06"): "4"})


def test_a_submitted_part_is_locked_for_its_operator(laporan_kedurang, desa, beri_peran):
    puskesmas = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")
    bagian_ajukan(user=puskesmas, bagian=laporan_kedurang.bagian.get(unit_id="puskesmas"), catatan="Kosong dalam uji")
    with pytest.raises(Ditolak, match="diajukan"):
        nilai_simpan(user=puskesmas, laporan=laporan_kedurang, versi=_versi(laporan_kedurang), isian={(desa[0], "S04"): "9"})


def test_approved_data_is_read_only(client, laporan_kedurang, desa, operator, beri_peran):
    nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang), isian={(desa[0], "S04"): "9"})
    for unit in ("setcam", "puskesmas", "plkb"):
        bagian_ajukan(user=operator, bagian=laporan_kedurang.bagian.get(unit_id=unit), catatan="Kosong dalam uji")
        bagian_verifikasi(user=beri_peran("verifikator", KEC_KEDURANG, unit=unit), bagian=laporan_kedurang.bagian.get(unit_id=unit))
    laporan_setujui(user=beri_peran("approver", KEC_KEDURANG), laporan=laporan_kedurang)
    with pytest.raises(Ditolak):
        nilai_simpan(user=operator, laporan=laporan_kedurang, versi=_versi(laporan_kedurang), isian={(desa[0], "S04"): "10"})
    client.force_login(operator)
    halaman = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/isian/").content.decode()
    assert "<input name=\"v-" not in halaman and "hanya dapat membaca" in halaman
    assert NilaiDesa.objects.get(item="S04").nilai == 9


def test_grid_page_saves_a_post_and_shows_totals(client, laporan_kedurang, desa, operator):
    client.force_login(operator)
    halaman = client.get(f"/aksi/laporan/{laporan_kedurang.pk}/isian/").content.decode()
    assert halaman.count('<input name="v-') == len(desa) * 60
    data = {f"versi-{k}": v for k, v in _versi(laporan_kedurang).items()}
    data |= {f"v-{desa[0]}-S04": "1.000", f"v-{desa[0]}-A2": "750", f"v-{desa[1]}-S04": "", f"v-{desa[1]}-A2": ""}
    jawaban = client.post(f"/aksi/laporan/{laporan_kedurang.pk}/isian/", data, follow=True)
    assert "2 nilai disimpan" in jawaban.content.decode()
    assert "75,0%" in jawaban.content.decode()  # A2 coverage 750 / 1.000


def test_grid_page_keeps_what_was_typed_when_a_value_is_wrong(client, laporan_kedurang, desa, operator):
    client.force_login(operator)
    data = {f"versi-{k}": v for k, v in _versi(laporan_kedurang).items()}
    data |= {f"v-{desa[0]}-S04": "40", f"v-{desa[0]}-A2": "-1"}
    jawaban = client.post(f"/aksi/laporan/{laporan_kedurang.pk}/isian/", data)
    halaman = jawaban.content.decode()
    assert jawaban.status_code == 400 and "Tidak ada yang disimpan" in halaman
    assert f'name="v-{desa[0]}-S04" value="40"' in halaman and f'name="v-{desa[0]}-A2" value="-1"' in halaman
    assert 'class="salah"' in halaman and not NilaiDesa.objects.exists()


def test_grid_page_on_conflict_keeps_the_typed_values_and_marks_them(client, laporan_kedurang, desa, operator, beri_peran):
    client.force_login(operator)
    data = formulir(client.get(f"/aksi/laporan/{laporan_kedurang.pk}/isian/").content.decode())
    nilai_simpan(user=beri_peran("operator", KEC_KEDURANG, unit="puskesmas"), laporan=laporan_kedurang,
                 versi=_versi(laporan_kedurang), isian={(desa[0], "S04"): "12"})
    jawaban = client.post(f"/aksi/laporan/{laporan_kedurang.pk}/isian/", data | {f"v-{desa[0]}-S04": "30"})
    halaman = jawaban.content.decode()
    assert jawaban.status_code == 409 and "sudah diubah juga oleh pengguna lain" in halaman
    assert f'name="v-{desa[0]}-S04" value="30"' in halaman and "Tersimpan sekarang: 12" in halaman


def test_grid_is_not_served_outside_scope(client, laporan_kedurang, beri_peran):
    client.force_login(beri_peran("operator", KEC_TETANGGA))
    assert client.get(f"/aksi/laporan/{laporan_kedurang.pk}/isian/").status_code == 404
