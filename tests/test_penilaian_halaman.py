"""Penilaian hasil monev: the score and ranking pages, scope, recompute, the PDF, the admin, and the monev notes through the workflow."""
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aksi.choices import StatusLaporan
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_setujui
from config.celery import app as celery_app
from inti.galat import Ditolak
from penilaian.models import (
    AturanPenilaian,
    CatatanMonev,
    Kelas,
    KomponenPenilaian,
    NilaiPenilaian,
)
from penilaian.pdf import html_laporan_penilaian
from penilaian.services import (
    catatan_buat,
    catatan_hapus,
    catatan_ubah,
    penilaian_hitung,
)
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA, TAHUN
from .factories import UserFactory
from .penilaian_bantu import (  # noqa: F401  (fixtures and helpers)
    TAHAPAN_DESA,
    TAHAPAN_KECAMATAN,
    _buka,
    _isi_desa,
    _kecamatan_ketiga,
    _periksa_jumlah,
    _rekap,
    _rincian,
    _tandai,
    _target,
    _total,
    dinilai,
    kasus,
    pytestmark,
)


def test_score_page_shows_total_class_breakdown_and_links_the_laporan(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN))
    halaman = klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/").content.decode()
    assert "83,00" in halaman and "Berdaya" in halaman
    assert "tidak dipublikasikan" in halaman  # the official formula is not published
    assert f'href="/aksi/laporan/{dinilai["laporan"]["analisis-situasi"].pk}/"' in halaman
    assert halaman.count('data-kode="') == dinilai["aturan"].komponen.count()


def test_ranking_filters_by_level_wilayah_and_class(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", "17"))

    def baris(**saring) -> list[tuple[str, str]]:
        isi = klien.get("/monev/penilaian/", {"tahun": TAHUN, "tingkat": 3, **saring}).content.decode()
        return re.findall(r'<tr data-kode="([\d.]+)">\s*<td class="text-end">(\d+)</td>', isi)

    semua = baris(dalam=KAB_BENGKULU_SELATAN)
    assert semua[:2] == [(KEC_KEDURANG, "1"), (KEC_TETANGGA, "2")]
    assert {k for k, _ in semua} == set(Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN).values_list("kode", flat=True))
    assert baris(dalam=KAB_BENGKULU_SELATAN, kelas="berkembang") == [(KEC_TETANGGA, "2")]  # rank among all, not the filtered
    assert baris(kelas="berdaya") == [(KEC_KEDURANG, "1")]
    assert KEC_KEDURANG not in dict(baris(dalam=KAB_LAIN))
    assert baris(tingkat=2) == []  # kab/kota not scored yet


def test_outside_the_scope_is_404(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", KAB_LAIN))
    assert klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/").status_code == 404
    assert klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/pdf/").status_code == 404
    assert klien.get("/monev/penilaian/", {"tahun": TAHUN, "dalam": KAB_BENGKULU_SELATAN}).status_code == 404
    isi = klien.get("/monev/penilaian/", {"tahun": TAHUN, "tingkat": 3}).content.decode()
    assert KEC_KEDURANG not in isi and f'data-kode="{KAB_LAIN}.' in isi
    monev = _buka("penilaian", KEC_KEDURANG)
    assert klien.get(f"/monev/penilaian/laporan/{monev.pk}/catatan/").status_code == 404


def test_recompute_is_for_administrators_of_the_wilayah(kasus, beri_peran, klien_dengan, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "CELERY_TASK_ALWAYS_EAGER", True)
    data = {"tahun": TAHUN, "tingkat": 3, "dalam": KAB_BENGKULU_SELATAN}
    assert klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN)).post("/monev/penilaian/hitung/", data).status_code == 404
    admin = klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN))
    assert admin.post("/monev/penilaian/hitung/", {**data, "dalam": ""}).status_code == 404  # the nation is not theirs
    jawaban = admin.post("/monev/penilaian/hitung/", data, follow=True)
    assert "dihitung ulang" in jawaban.content.decode()
    assert set(NilaiPenilaian.objects.values_list("wilayah__induk_id", flat=True)) == {KAB_BENGKULU_SELATAN}
    assert "Hitung ulang" in admin.get("/monev/penilaian/", data).content.decode()


def test_recompute_without_rule_tells_the_administrator(siklus_terbuka, beri_peran, klien_dengan):
    admin = klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN))
    jawaban = admin.post("/monev/penilaian/hitung/", {"tahun": TAHUN, "tingkat": 3, "dalam": KAB_BENGKULU_SELATAN}, follow=True)
    assert "Belum ada aturan penilaian aktif" in jawaban.content.decode()


def test_the_laporan_penilaian_pdf_renders(dinilai, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("pemantau", KEC_KEDURANG))
    jawaban = klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/pdf/")
    assert jawaban.status_code == 200 and jawaban["Content-Type"] == "application/pdf"
    assert jawaban.content.startswith(b"%PDF")
    assert klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}.01/pdf/").status_code == 404  # not a scored wilayah


def test_admin_edits_rules_with_the_unpublished_formula_note(kasus, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    daftar = client.get("/admin/penilaian/aturanpenilaian/").content.decode()
    assert "tidak dipublikasikan" in daftar
    ubah = client.get(f"/admin/penilaian/aturanpenilaian/{kasus['aturan'].pk}/change/").content.decode()
    assert "tidak dipublikasikan" in ubah and "cakupan-target" in ubah
    client.post("/admin/penilaian/aturanpenilaian/", {"action": "salin_ke_tahun_berikutnya", "_selected_action": [kasus["aturan"].pk]})
    salinan = AturanPenilaian.objects.get(tahun=TAHUN + 1, tingkat=Tingkat.KECAMATAN)
    assert salinan.aktif and salinan.komponen.count() == kasus["aturan"].komponen.count()
    # the models moved from the monev app (issue 14): the old admin address answers a permanent redirect
    lama = client.get(f"/admin/monev/aturanpenilaian/{kasus['aturan'].pk}/change/?x=1")
    assert lama.status_code == 301 and lama["Location"] == f"/admin/penilaian/aturanpenilaian/{kasus['aturan'].pk}/change/?x=1"


def test_monev_notes_go_through_the_workflow(dinilai, beri_peran, klien_dengan):
    laporan = _buka("penilaian", KEC_KEDURANG)
    assert [b.unit_id for b in laporan.bagian.all()] == [None]  # one part without unit
    operator = beri_peran("operator", KEC_KEDURANG, unit="puskesmas")  # any operator of the wilayah
    catatan = catatan_buat(user=operator, laporan=laporan, tahapan_dipantau="pra-musrenbang",
                           masalah="Berita acara terlambat ditandatangani", tindak_lanjut="Jadwal tanda tangan ditetapkan")
    catatan_ubah(user=operator, catatan=catatan, versi=2, tahapan_dipantau="pra-musrenbang", masalah="Berita acara terlambat",
                 tindak_lanjut="Jadwal tanda tangan ditetapkan")
    with pytest.raises(Ditolak, match="sudah diubah"):
        catatan_hapus(user=operator, catatan=catatan, versi=2)
    with pytest.raises(Ditolak, match="hanya dapat diisi oleh operator Kecamatan Kedurang"):
        catatan_buat(user=beri_peran("verifikator", KEC_KEDURANG), laporan=laporan, tahapan_dipantau="regulasi", masalah="x")
    with pytest.raises(ValidationError, match="tahapan penilaian itu sendiri"):
        catatan_buat(user=operator, laporan=laporan, tahapan_dipantau="penilaian", masalah="x")

    bagian = laporan.bagian.get()
    bagian_ajukan(user=operator, bagian=bagian)
    with pytest.raises(Ditolak):
        catatan_buat(user=operator, laporan=laporan, tahapan_dipantau="regulasi", masalah="terlambat")
    bagian_verifikasi(user=beri_peran("verifikator", KEC_KEDURANG), bagian=bagian)
    laporan = laporan_setujui(user=beri_peran("approver", KEC_KEDURANG), laporan=laporan)  # the Camat
    assert laporan.status == StatusLaporan.DISETUJUI
    with pytest.raises(Ditolak, match="disetujui"):
        catatan_hapus(user=operator, catatan=catatan)

    html = html_laporan_penilaian(_total(KEC_KEDURANG), laporan)
    assert "Berita acara terlambat" in html and "Disetujui" in html and "83,00" in html
    halaman = klien_dengan(operator).get(f"/monev/penilaian/laporan/{laporan.pk}/catatan/").content.decode()
    assert "Berita acara terlambat" in halaman and 'data-testid="baca-saja"' in halaman


def test_monev_notes_page_adds_edits_and_deletes(siklus_terbuka, beri_peran, klien_dengan):
    laporan = _buka("penilaian", KAB_BENGKULU_SELATAN)
    klien = klien_dengan(beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda"))
    url = f"/monev/penilaian/laporan/{laporan.pk}/catatan/"
    halaman = klien.get(url).content.decode()
    assert 'value="capaian-semester-1"' not in halaman  # kecamatan-only steps are not offered at kab/kota
    jawaban = klien.post(url, {"tahapan_dipantau": "penandaan-apbd", "masalah": "OPD terlambat menandai", "tindak_lanjut": "Surat Sekda"},
                         follow=True)
    assert "Catatan monev disimpan" in jawaban.content.decode()
    catatan = CatatanMonev.objects.get(laporan=laporan)
    assert klien.post(url, {"tahapan_dipantau": "", "masalah": ""}).status_code == 400
    jawaban = klien.post(f"{url}{catatan.pk}/ubah/", {"versi": "2", "tahapan_dipantau": "penandaan-apbd", "masalah": "OPD Dinkes terlambat"},
                         follow=True)
    assert "Catatan monev diubah" in jawaban.content.decode()
    basi = klien.post(f"{url}{catatan.pk}/hapus/", {"versi": "2"}, follow=True).content.decode()
    assert "sudah diubah" in basi and CatatanMonev.objects.filter(pk=catatan.pk).exists()
    klien.post(f"{url}{catatan.pk}/hapus/", {"versi": "3"})
    assert not CatatanMonev.objects.filter(laporan=laporan).exists()
    assert klien.get(f"/monev/penilaian/laporan/{_buka('regulasi', KAB_BENGKULU_SELATAN).pk}/catatan/").status_code == 404


def test_recompute_progress_page_polls_and_is_private_to_its_starter(siklus_terbuka, beri_peran, klien_dengan, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "CELERY_TASK_ALWAYS_EAGER", False)  # as with a worker: the page reads the result backend
    klien = klien_dengan(beri_peran("administrator", KAB_BENGKULU_SELATAN))
    assert klien.get("/monev/penilaian/tugas/tugas-orang-lain/").status_code == 404
    sesi = klien.session
    sesi["monev_penilaian_tugas"] = ["tugas-uji-1"]
    sesi.save()
    halaman = klien.get("/monev/penilaian/tugas/tugas-uji-1/").content.decode()
    assert 'hx-trigger="every 2s"' in halaman and "Menunggu worker" in halaman


def test_weights_edited_in_the_admin_inline_change_the_scores_after_a_recompute(kasus, client):
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    aturan = kasus["aturan"]
    komponen = list(aturan.komponen.order_by("urutan", "id"))
    data = {"tahun": TAHUN, "tingkat": Tingkat.KECAMATAN, "aktif": "on", "keterangan": aturan.keterangan,
            "ambang_berkembang": "50", "ambang_berdaya": "75", "komponen-TOTAL_FORMS": len(komponen),
            "komponen-INITIAL_FORMS": len(komponen), "komponen-MIN_NUM_FORMS": 0, "komponen-MAX_NUM_FORMS": 1000}
    for i, k in enumerate(komponen):
        bobot = "45" if k.kode == "cakupan-target" else str(k.bobot)
        data |= {f"komponen-{i}-id": k.pk, f"komponen-{i}-aturan": aturan.pk, f"komponen-{i}-urutan": k.urutan,
                 f"komponen-{i}-kode": k.kode, f"komponen-{i}-nama": k.nama, f"komponen-{i}-jenis": k.jenis,
                 f"komponen-{i}-tahapan": k.tahapan_id or "", f"komponen-{i}-bobot": bobot}
    jawaban = client.post(f"/admin/penilaian/aturanpenilaian/{aturan.pk}/change/", data)
    assert jawaban.status_code == 302, jawaban.content.decode()[:2000]
    assert KomponenPenilaian.objects.get(aturan=aturan, kode="cakupan-target").bobot == 45
    assert _total(KEC_TETANGGA).total == Decimal("53.00")
    penilaian_hitung(tahun=TAHUN, tingkat=Tingkat.KECAMATAN, kode_awalan=KAB_BENGKULU_SELATAN)
    tetangga = _total(KEC_TETANGGA)  # Σ bobot 125: 14 × 1,60 + 36,00 + 4,00 = 62,40
    assert (tetangga.total, tetangga.kelas) == (Decimal("62.40"), Kelas.BERKEMBANG)
    _periksa_jumlah()


def test_the_ranking_charts_the_spread_of_classes_and_the_score_page_its_components(dinilai, beri_peran, klien_dengan):
    """Issue 17, item 2 (D102): bars with their numbers — the classes among the wilayah listed, and
    each component's score as a share of its 100."""
    klien = klien_dengan(beri_peran("pemantau", "17"))
    isi = klien.get("/monev/penilaian/", {"tahun": TAHUN, "tingkat": 3, "dalam": KAB_BENGKULU_SELATAN}).content.decode()
    sebaran = isi.split('data-testid="sebaran-kelas"')[1].split("</table>")[0]
    jumlah = Wilayah.objects.filter(induk_id=KAB_BENGKULU_SELATAN).count()
    berdaya = re.search(r'<tr data-kelas="berdaya">.*?<td class="text-end nilai">(\d+)</td>.*?width: (\d+)%', sebaran, re.S)
    assert berdaya and int(berdaya.group(1)) >= 1 and int(berdaya.group(2)) == round(int(berdaya.group(1)) * 100 / jumlah)
    halaman = klien.get(f"/monev/penilaian/{TAHUN}/{KEC_KEDURANG}/").content.decode()
    assert halaman.count('<td class="batang-skor" aria-hidden="true"><span style="width: ') == dinilai["aturan"].komponen.count()
