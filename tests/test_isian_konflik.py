"""No lost update on the per-desa grid: two real sessions of the same operator on one grid.

A save writes only the cells this user changed (each cell's value as loaded travels with the
form), a cell both changed is shown with both values for the user to choose, and an untouched
cell is never written — not by a stale page, and not by a page re-rendered after a refusal.
"""
from html.parser import HTMLParser

import pytest
from django.test import Client

from indikator.models import NilaiDesa
from indikator.selectors import desa_laporan, riwayat_sel

from .conftest import KEC_KEDURANG

pytestmark = pytest.mark.django_db


class _Formulir(HTMLParser):
    """The fields the browser would send from form#form-isian."""

    def __init__(self):
        super().__init__()
        self.dalam = False
        self.data: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.dalam = a.get("id") == "form-isian"
        elif tag == "input" and self.dalam and a.get("name"):
            self.data[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.dalam = False


def formulir(html: str) -> dict[str, str]:
    p = _Formulir()
    p.feed(html)
    return p.data


@pytest.fixture
def dua_sesi(laporan_kedurang, beri_peran):
    operator = beri_peran("operator", KEC_KEDURANG)
    a, b = Client(), Client()
    a.force_login(operator)
    b.force_login(operator)
    return a, b


def _dua_halaman(laporan, a, b):
    """(grid URL, desa codes, the form as session A loaded it, the form as session B loaded it)."""
    url = f"/aksi/laporan/{laporan.pk}/isian/"
    return url, list(desa_laporan(laporan)), formulir(a.get(url).content.decode()), formulir(b.get(url).content.decode())


def _nilai(desa, item):
    n = NilaiDesa.objects.filter(desa_id=desa, item=item).first()
    return n.nilai if n else None


def test_a_stale_page_saves_its_own_cell_and_leaves_a_colleagues_cell_alone(laporan_kedurang, dua_sesi):
    a, b = dua_sesi
    url, desa, form_a, form_b = _dua_halaman(laporan_kedurang, a, b)
    x, y = f"v-{desa[0]}-S04", f"v-{desa[1]}-S04"

    assert a.post(url, form_a | {x: "40"}).status_code == 302
    jawaban = b.post(url, form_b | {y: "25"}, follow=True)

    assert "1 nilai disimpan" in jawaban.content.decode()
    assert _nilai(desa[0], "S04") == 40 and _nilai(desa[1], "S04") == 25
    assert [p["baru"] for p in riwayat_sel(laporan_kedurang, desa[0], "S04")] == [40]  # X never went back


def test_a_page_re_rendered_after_a_refusal_does_not_undo_a_colleagues_save(laporan_kedurang, dua_sesi):
    """The defect as found: B's refused save re-rendered B's old value of X, and B's second
    Simpan wrote it back over A's change."""
    a, b = dua_sesi
    url, desa, form_a, form_b = _dua_halaman(laporan_kedurang, a, b)
    x, y = f"v-{desa[0]}-S04", f"v-{desa[1]}-S04"

    assert a.post(url, form_a | {x: "40"}).status_code == 302
    ditolak = b.post(url, form_b | {y: "-5"})  # B's stale page with a bad value: refused
    assert ditolak.status_code == 400
    halaman = ditolak.content.decode()
    form_b2 = formulir(halaman)
    assert form_b2[x] == "40" and form_b2[y] == "-5"  # A's saved X, B's typed Y

    assert b.post(url, form_b2 | {y: "25"}).status_code == 302
    assert _nilai(desa[0], "S04") == 40 and _nilai(desa[1], "S04") == 25
    assert [p["baru"] for p in riwayat_sel(laporan_kedurang, desa[0], "S04")] == [40]


def test_a_cell_both_changed_is_a_conflict_with_both_values_and_the_user_chooses(laporan_kedurang, dua_sesi):
    a, b = dua_sesi
    url, desa, form_a, form_b = _dua_halaman(laporan_kedurang, a, b)
    x, y, z = f"v-{desa[0]}-S04", f"v-{desa[1]}-S04", f"v-{desa[2]}-S04"

    assert a.post(url, form_a | {x: "40", z: "7"}).status_code == 302
    konflik = b.post(url, form_b | {x: "41", y: "25"})

    assert konflik.status_code == 409
    halaman = konflik.content.decode()
    assert "Tersimpan sekarang: 40" in halaman and "nilai Anda: 41" in halaman
    assert _nilai(desa[0], "S04") == 40 and _nilai(desa[1], "S04") is None  # nothing saved
    form_b2 = formulir(halaman)
    assert form_b2[x] == "41" and form_b2[y] == "25" and form_b2[z] == "7"

    assert b.post(url, form_b2).status_code == 302  # B keeps its value of X: an explicit choice
    assert (_nilai(desa[0], "S04"), _nilai(desa[1], "S04"), _nilai(desa[2], "S04")) == (41, 25, 7)


def test_choosing_the_stored_value_saves_the_rest_and_leaves_the_cell(laporan_kedurang, dua_sesi):
    a, b = dua_sesi
    url, desa, form_a, form_b = _dua_halaman(laporan_kedurang, a, b)
    x, y = f"v-{desa[0]}-S04", f"v-{desa[1]}-S04"

    a.post(url, form_a | {x: "40"})
    form_b2 = formulir(b.post(url, form_b | {x: "41", y: "25"}).content.decode())
    assert b.post(url, form_b2 | {x: "40"}).status_code == 302  # "pakai nilai tersimpan"
    assert (_nilai(desa[0], "S04"), _nilai(desa[1], "S04")) == (40, 25)
    assert [p["baru"] for p in riwayat_sel(laporan_kedurang, desa[0], "S04")] == [40]


# --- the same rule on a document edit form -------------------------------------------------------

class _FormUbah(HTMLParser):
    """Fields of the first POST form of an edit page, as the browser would send them untouched."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._pilih = self._area = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.data[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._pilih = a.get("name")
        elif tag == "option" and self._pilih and "selected" in a:
            self.data[self._pilih] = a.get("value") or ""
        elif tag == "textarea":
            self._area = a.get("name")
            self.data[self._area] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._pilih = None
        elif tag == "textarea":
            self._area = None

    def handle_data(self, data):
        if self._area:
            self.data[self._area] += data


def form_ubah(html: str) -> dict[str, str]:
    p = _FormUbah()
    p.feed(html)
    return p.data


def _masalah(laporan, user):
    from analisis.services import masalah_buat
    from indikator.models import IndikatorCapaian

    return masalah_buat(user=user, laporan=laporan, indikator=IndikatorCapaian.objects.get(pk="B2"),
                        sisi="penerima", uraian="Ibu bekerja")


def test_a_stale_document_form_saves_its_own_field_and_keeps_a_colleagues(laporan_kedurang, beri_peran):
    from analisis.models import MasalahLayanan

    operator = beri_peran("operator", KEC_KEDURANG, unit="setcam")
    obj = _masalah(laporan_kedurang, operator)
    a, b = Client(), Client()
    a.force_login(operator)
    b.force_login(operator)
    url = f"/aksi/laporan/{laporan_kedurang.pk}/analisis/masalah/{obj.pk}/ubah/"
    form_a, form_b = form_ubah(a.get(url).content.decode()), form_ubah(b.get(url).content.decode())
    assert form_a["uraian"].strip() == "Ibu bekerja" and "asal" in form_a

    assert a.post(url, form_a | {"uraian": "Ibu bekerja di kebun"}).status_code == 302
    assert b.post(url, form_b | {"sisi": "ketersediaan"}).status_code == 302  # stale page, another field
    obj.refresh_from_db()
    assert (obj.uraian, obj.sisi) == ("Ibu bekerja di kebun", "ketersediaan")

    form_b = form_ubah(b.get(url).content.decode())
    a.post(url, form_ubah(a.get(url).content.decode()) | {"uraian": "Versi A"})
    konflik = b.post(url, form_b | {"uraian": "Versi B"})  # the same field: a conflict, both values shown
    halaman = konflik.content.decode()
    assert konflik.status_code == 409 and "Versi A" in halaman and "Versi B" in halaman
    assert MasalahLayanan.objects.get(pk=obj.pk).uraian == "Versi A"
    assert b.post(url, form_ubah(halaman)).status_code == 302  # saving again is B's choice
    assert MasalahLayanan.objects.get(pk=obj.pk).uraian == "Versi B"
