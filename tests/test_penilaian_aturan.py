"""The scoring rule page (issue 15, item 5): the central administrators edit thresholds and weights,
every administrator previews the classes they would give in its scope, nothing is lost when two
edit at once, bad input is refused with the field named, and every change is audited."""
import html
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from inti.galat import Ditolak
from inti.models import CatatanAudit
from penilaian.models import AturanPenilaian, Kelas, KomponenPenilaian, NilaiPenilaian
from penilaian.selectors import aturan_pratinjau
from penilaian.services import aturan_ubah, penilaian_hitung
from wilayah.choices import Tingkat

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory
from .penilaian_bantu import dinilai, kasus, pytestmark  # noqa: F401  (fixtures)

URL = f"/monev/penilaian/aturan/{TAHUN}/?tingkat={Tingkat.KECAMATAN}"


def _isian(aturan: AturanPenilaian, **ubah) -> dict:
    """The POST of the rule page as loaded (values and their origin), with `ubah` typed over it."""
    data = {}
    for nama, nilai in aturan.isian().items():
        teks = f"{nilai.normalize():f}".replace(".", ",") if isinstance(nilai, Decimal) else nilai
        data[nama] = data[f"asal_{nama}"] = teks
    data.update(ubah)
    return data


def _pusat():
    return UserFactory(is_superuser=True)


def test_a_wilayah_administrator_previews_but_cannot_save_and_others_get_404(dinilai, beri_peran, klien_dengan):
    aturan = dinilai["aturan"]
    klien = klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN))
    halaman = klien.get(URL).content.decode()
    assert 'data-testid="hanya-pratinjau"' in halaman and 'name="simpan"' not in halaman
    respons = klien.post(URL, _isian(aturan, ambang_berdaya="90", simpan="1"))
    assert "hanya administrator pusat" in respons.content.decode()
    aturan.refresh_from_db()
    assert aturan.ambang_berdaya == Decimal(75)
    assert not CatatanAudit.objects.filter(aksi="aturan_penilaian_ubah").exists()

    assert klien_dengan(beri_peran("pemantau", "17")).get(URL).status_code == 404
    kecamatan = klien_dengan(beri_peran("administrator", KEC_KEDURANG))
    assert kecamatan.get(URL).status_code == 200
    assert kecamatan.get(f"/monev/penilaian/aturan/{TAHUN}/?tingkat={Tingkat.PROVINSI}").status_code == 404


def test_preview_classes_in_the_readers_scope_from_the_stored_component_scores(dinilai, beri_peran, klien_dengan):
    aturan = dinilai["aturan"]
    klien = klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN))
    sama = klien.post(URL, _isian(aturan, pratinjau="1")).context["pratinjau"]
    jumlah_kab = NilaiPenilaian.objects.filter(wilayah__induk_id=KAB_BENGKULU_SELATAN, tahun=TAHUN).count()
    assert sama.dinilai == sama.wilayah == jumlah_kab and sama.jumlah_berubah == 0
    assert dict((k, (a, b)) for k, a, b in sama.kelas)["Berdaya"] == (1, 1)

    respons = klien.post(URL, _isian(aturan, ambang_berkembang="54", ambang_berdaya="90", pratinjau="1"))
    p = respons.context["pratinjau"]
    assert {b["kode"]: (b["kelas_lama"], b["kelas_baru"]) for b in p.berubah} == {
        KEC_KEDURANG: ("Berdaya", "Berkembang"), KEC_TETANGGA: ("Berkembang", "Tumbuh"),
    }
    halaman = respons.content.decode()
    assert 'data-testid="pratinjau-berubah"' in halaman and "2 wilayah berpindah kelas" in halaman
    aturan.refresh_from_db()
    assert aturan.ambang_berdaya == Decimal(75)  # a preview saves nothing

    lain = aturan_pratinjau(beri_peran("administrator", KAB_LAIN), aturan, ambang_berkembang=Decimal(54),
                            ambang_berdaya=Decimal(90), bobot={k.kode: k.bobot for k in aturan.komponen.all()})
    assert lain.dinilai == NilaiPenilaian.objects.filter(wilayah__induk_id=KAB_LAIN, tahun=TAHUN).count()
    assert lain.jumlah_berubah == 0  # Kedurang and its neighbour are not in that kabupaten


def test_preview_gives_exactly_what_the_recompute_gives_after_saving(dinilai, beri_peran):
    aturan = dinilai["aturan"]
    bobot = {k.kode: k.bobot for k in aturan.komponen.all()}
    bobot.update({"cakupan-target": Decimal("200.5"), "regulasi": Decimal(0), "analisis-situasi-disetujui": Decimal("12.25")})
    bobot.update({"analisis-situasi-lengkap": Decimal(40)})  # the third kecamatan filled half its cells
    p = aturan_pratinjau(_pusat(), aturan, ambang_berkembang=Decimal(40), ambang_berdaya=Decimal("70.5"), bobot=bobot)
    assert p.jumlah_berubah > 0, p
    aturan_ubah(oleh=_pusat(), aturan=aturan, asal=aturan.isian(),
                baru={"ambang_berkembang": Decimal(40), "ambang_berdaya": Decimal("70.5"), **{f"bobot_{k}": v for k, v in bobot.items()}})
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan="17")
    nilai = {n.wilayah_id: n for n in NilaiPenilaian.objects.filter(tahun=TAHUN, tingkat=Tingkat.KECAMATAN)}
    for b in p.berubah:
        assert (nilai[b["kode"]].total, nilai[b["kode"]].get_kelas_display()) == (b["total_baru"], b["kelas_baru"])
    per_kelas = {Kelas(k).label: sum(1 for n in nilai.values() if n.kelas == k) for k in Kelas.values}
    assert {label: baru for label, _, baru in p.kelas} == per_kelas


def test_the_central_administrator_saves_only_what_changed_audited(dinilai, klien_dengan):
    aturan = dinilai["aturan"]
    pusat = _pusat()
    respons = klien_dengan(pusat).post(URL, _isian(aturan, ambang_berdaya="80", **{"bobot_regulasi": "7,5"}, simpan="1"), follow=True)
    assert "2 isian aturan disimpan" in respons.content.decode()
    aturan.refresh_from_db()
    assert aturan.ambang_berdaya == Decimal(80) and aturan.komponen.get(kode="regulasi").bobot == Decimal("7.5")
    audit = CatatanAudit.objects.get(aksi="aturan_penilaian_ubah")
    assert audit.pengguna == pusat
    assert audit.lama == {"ambang_berdaya": "75.00", "bobot_regulasi": "5.00"}
    assert audit.baru == {"ambang_berdaya": "80", "bobot_regulasi": "7.5"}
    # a save that changes nothing writes nothing
    respons = klien_dengan(pusat).post(URL, _isian(aturan, simpan="1"), follow=True)
    assert "Tidak ada yang berubah" in respons.content.decode()
    assert CatatanAudit.objects.filter(aksi="aturan_penilaian_ubah").count() == 1


def test_two_administrators_at_once_lose_nothing_and_a_clash_is_shown(dinilai, klien_dengan):
    aturan = dinilai["aturan"]
    dimuat = _isian(aturan)  # both opened the page now
    klien_dengan(_pusat()).post(URL, {**dimuat, "bobot_regulasi": "8", "simpan": "1"})
    b = Client()
    b.force_login(_pusat())
    b.post(URL, {**dimuat, "bobot_publikasi": "9", "simpan": "1"})  # another field: both kept
    k = {x.kode: x.bobot for x in KomponenPenilaian.objects.filter(aturan=aturan)}
    assert (k["regulasi"], k["publikasi"]) == (Decimal(8), Decimal(9))

    respons = b.post(URL, {**dimuat, "bobot_regulasi": "6", "ambang_berdaya": "77", "simpan": "1"})
    halaman = respons.content.decode()
    assert "Bobot Regulasi: Anda mengisi 6, tersimpan sekarang 8" in halaman
    aturan.refresh_from_db()
    assert aturan.ambang_berdaya == Decimal(75) and aturan.komponen.get(kode="regulasi").bobot == Decimal(8)  # nothing saved
    form = respons.context["form"]
    assert form["bobot_publikasi"].value() == "9" and form["bobot_regulasi"].value() == "6"  # others' value shown, own kept
    assert form["asal_bobot_regulasi"].value() == "8"
    # saving again now is a deliberate choice and goes through
    data = {k: v for k, v in form.data.items() if k != "csrfmiddlewaretoken"}
    b.post(URL, data)
    aturan.refresh_from_db()
    assert aturan.komponen.get(kode="regulasi").bobot == Decimal(6) and aturan.ambang_berdaya == Decimal(77)
    assert aturan.komponen.get(kode="publikasi").bobot == Decimal(9)


@pytest.mark.parametrize(("ubah", "pesan"), [
    ({"bobot_regulasi": "abc"}, "Bobot Regulasi: bukan angka: 'abc'"),
    ({"bobot_regulasi": "-1"}, "Bobot Regulasi tidak boleh negatif."),
    ({"bobot_regulasi": "١٢"}, "hanya angka 0–9 yang diterima"),
    ({"bobot_regulasi": "2,555"}, "Bobot Regulasi: paling banyak 2 angka di belakang koma."),
    ({"bobot_regulasi": "123456"}, "Bobot Regulasi: paling banyak 4 digit sebelum koma."),
    ({"ambang_berdaya": "150"}, "Ambang Berdaya paling besar 100."),
    ({"ambang_berkembang": "80", "ambang_berdaya": "60"}, "Ambang Berdaya tidak boleh di bawah ambang Berkembang."),
    ({"ambang_berkembang": ""}, "Ambang Berkembang harus diisi."),
])
def test_bad_input_names_the_field_and_saves_nothing(dinilai, klien_dengan, ubah, pesan):
    aturan = dinilai["aturan"]
    respons = klien_dengan(_pusat()).post(URL, _isian(aturan, **ubah, simpan="1"))
    assert respons.status_code == 200
    assert pesan in html.unescape(respons.content.decode())
    assert not CatatanAudit.objects.filter(aksi="aturan_penilaian_ubah").exists()


def test_all_weights_zero_is_refused_by_the_form_and_by_the_service(dinilai, klien_dengan):
    aturan = dinilai["aturan"]
    nol = {f"bobot_{k.kode}": "0" for k in aturan.komponen.all()}
    respons = klien_dengan(_pusat()).post(URL, _isian(aturan, **nol, simpan="1"))
    assert "Paling sedikit satu komponen harus berbobot lebih dari 0." in respons.content.decode()
    with pytest.raises(ValidationError, match="Paling sedikit satu komponen"):
        aturan_ubah(oleh=_pusat(), aturan=aturan, asal=aturan.isian(), baru={k: Decimal(0) for k in nol})
    assert KomponenPenilaian.objects.filter(aturan=aturan, bobot=0).count() == 0


def test_a_point_is_a_decimal_point_not_thousands(dinilai, klien_dengan):
    aturan = dinilai["aturan"]
    klien_dengan(_pusat()).post(URL, _isian(aturan, bobot_regulasi="2.5", simpan="1"))
    assert aturan.komponen.get(kode="regulasi").bobot == Decimal("2.5")


def test_an_inactive_rule_is_not_edited(dinilai):
    aturan = dinilai["aturan"]
    AturanPenilaian.objects.filter(pk=aturan.pk).update(aktif=False)
    with pytest.raises(Ditolak, match="tidak aktif lagi"):
        aturan_ubah(oleh=_pusat(), aturan=aturan, asal=aturan.isian(), baru={"ambang_berdaya": Decimal(80)})
