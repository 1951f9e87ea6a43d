"""Rencana Aksi Daerah: the Bengkulu logframe (Pergub 45/2025) as loaded, progress scoped to the responsible agency through the shared workflow, the dashboard numbers and exports. The logframe import: test_rad_impor."""
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aksi.models import Jadwal, Laporan, Tahapan
from aksi.services import laporan_ambil_atau_buat
from inti.galat import Ditolak
from inti.models import CatatanAudit
from rad.choices import Keadaan, StatusRealisasi
from rad.models import (
    Instrumen,
    Keluaran,
    Pilar,
    RealisasiKeluaran,
    RegulasiRAD,
    Strategi,
    TargetTahunan,
)
from rad.muat import muat_rad
from rad.selectors import dasbor_rad, unit_penanggung_jawab
from rad.services import laporan_rad_buka, realisasi_simpan
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KEC_KEDURANG
from .factories import UserFactory
from .pdf import jumlah_halaman
from .rad_bantu import (  # noqa: F401  (fixtures and helpers)
    PDF,
    PEMETAAN_DESA,
    RKPD,
    _keluaran,
    _rad_bengkulu_dimuat,
    _setujui_semua,
    _target,
    _xlsx,
    pytestmark,
    rad_2026,
    rad_bengkulu,
    rad_kab,
    urlpatterns,
)


def test_fixture_holds_every_row_of_the_five_pillars(rad_bengkulu):
    pilar = {p.nomor: p for p in Pilar.objects.filter(regulasi=rad_bengkulu)}
    assert sorted(pilar) == [1, 2, 3, 4, 5]
    assert pilar[2].nama == "Komunikasi Perubahan Perilaku dan Pemberdayaan Masyarakat"
    assert pilar[5].nama == "Pemantauan dan Evaluasi"
    # Rows of the annex's Tabel 1 (one per keluaran), counted pillar by pillar from the seed text.
    per_pilar = {n: Keluaran.objects.filter(regulasi=rad_bengkulu, instrumen__strategi__pilar__nomor=n).count() for n in pilar}
    assert per_pilar == {1: 38, 2: 17, 3: 26, 4: 19, 5: 7}
    assert Keluaran.objects.filter(regulasi=rad_bengkulu).count() == 107
    assert Strategi.objects.filter(pilar__regulasi=rad_bengkulu).count() == 24
    assert Instrumen.objects.filter(strategi__pilar__regulasi=rad_bengkulu).count() == 97
    assert TargetTahunan.objects.filter(keluaran__regulasi=rad_bengkulu).count() == 379
    assert not Keluaran.objects.filter(regulasi=rad_bengkulu, target__isnull=True).exists()
    assert not TargetTahunan.objects.filter(keluaran__regulasi=rad_bengkulu).exclude(tahun__range=(2025, 2029)).exists()
    prevalensi = dict(rad_bengkulu.target_prevalensi.values_list("tahun", "persen"))
    assert prevalensi == {2025: Decimal("17.7"), 2026: Decimal("16.9"), 2027: Decimal("15.9"), 2028: Decimal("15.0"), 2029: Decimal("14.1")}


def test_spot_checks_of_targets_and_agencies(rad_bengkulu):
    desa = _keluaran(PEMETAAN_DESA)
    t = _target(desa)
    assert sorted(t) == [2026, 2027, 2028, 2029]  # nothing in 2025
    assert [t[y].jumlah for y in (2026, 2027, 2028, 2029)] == [300, 600, 1200, 1514]
    assert t[2027].uraian == "+600 desa/kelurahan" and all(x.kumulatif for x in t.values())
    assert desa.satuan == "desa/kelurahan" and desa.penanggung_jawab_id == "pemkab-kota"
    assert desa.target_teks.startswith("2026: 300 desa/kelurahan") and desa.target_teks.endswith("2029: 1514 desa/kelurahan")
    assert {u.pk for u in desa.pendukung.all()} == {"setda", "bappeda", "bkad", "setcam"}

    rkpd = _keluaran(RKPD)
    assert rkpd.kode == "1.1.1.1" and rkpd.penanggung_jawab_id == "bappeda"
    assert {y: x.jumlah for y, x in _target(rkpd).items()} == dict.fromkeys(range(2025, 2030), 1)

    rapat = _keluaran("Terselenggaranya rapat antar Perangkat Daerah")
    assert rapat.penanggung_jawab_id == "biro-pemkesra" and _target(rapat)[2027].jumlah == 4

    kinerja = _keluaran("Tersedianya laporan kinerja anggaran PPPS")  # "PJ: BKAD; Bapperida"
    assert kinerja.penanggung_jawab_id == "bkad" and [u.pk for u in kinerja.penanggung_jawab_lain.all()] == ["bappeda"]
    assert sorted(_target(kinerja)) == [2026, 2027, 2028, 2029]

    rkpdes = _keluaran("Tersedianya dokumen RKPDes")
    assert [x.jumlah for x in _target(rkpdes).values()] == [10, 20, 30, 40, 50]

    nota = _keluaran("Tercantumnya kebijakan anggaran PPPS")  # a milestone, no quantity
    assert {(x.jumlah, x.uraian) for x in _target(nota).values()} == {(None, "tercermin dalam nota keuangan")}

    assert _target(_keluaran("Terselenggaranya rembuk stunting"))[2028].jumlah == 90
    assert _target(_keluaran("Terintegrasinya upaya PPPS dan Rencana Aksi Daerah Pangan dan Gizi (RAD-PG) tingkat kabupaten"))[2029].jumlah == 411
    assert _keluaran("Terselenggaranya forum lintas perangkat daerah untuk menindaklanjuti").kode == "5.4.2.1"


def test_loading_again_changes_nothing(rad_bengkulu):
    audit = CatatanAudit.objects.count()
    hasil = muat_rad()
    assert (hasil.logframe.dibuat, hasil.logframe.diubah, hasil.logframe.tetap, hasil.logframe.dihapus) == (0, 0, 107, 0)
    assert hasil.unit_dibuat == 0 and not hasil.tahapan_dibuat
    assert CatatanAudit.objects.count() == audit
    assert RegulasiRAD.objects.count() == 1 and TargetTahunan.objects.count() == 379


def test_rad_laporan_has_one_part_per_lead_agency(rad_2026, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("approver", "17"))
    buka = klien.get(reverse("aksi:buka", args=[2026, "rad", "17"]))  # from the shared "Laporan" list
    laporan = Laporan.objects.get(tahun=2026, tahapan_id="rad", wilayah_id="17")
    assert buka.url == reverse("aksi:laporan", args=[laporan.pk])
    unit = set(laporan.bagian.values_list("unit_id", flat=True))
    assert unit == unit_penanggung_jawab("17", 2026) and len(unit) == 14 and None not in unit
    assert {"bappeda", "dinkes", "asisten-pemkesra", "pemkab-kota"} <= unit
    assert klien.get(reverse("rad:laporan", args=[laporan.pk])).url == reverse("rad:realisasi", args=[rad_2026.pk, 2026])
    assert laporan_rad_buka(user=UserFactory(is_superuser=True), regulasi=rad_2026, tahun=2026) == laporan


def test_no_rad_laporan_where_there_is_no_rad(rad_2026):
    admin = UserFactory(is_superuser=True)
    with pytest.raises(Ditolak, match="Belum ada Rencana Aksi Daerah"):
        laporan_ambil_atau_buat(user=admin, tahun=2026, tahapan=Tahapan.objects.get(pk="rad"),
                                wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN))
    assert not Laporan.objects.filter(tahapan_id="rad").exists()


def test_the_rad_step_runs_at_provinsi_and_kabkota_only(rad_2026, beri_peran, klien_dengan):
    rad = Tahapan.objects.get(pk="rad")
    assert [rad.berlaku_di(t) for t in (1, 2, 3)] == [True, True, False]
    assert not Jadwal.objects.filter(tahapan=rad, tingkat=3).exists()
    with pytest.raises(Ditolak, match="tidak dilaksanakan di tingkat Kecamatan"):
        laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=2026, tahapan=rad,
                                wilayah=Wilayah.objects.get(kode=KEC_KEDURANG))
    camat = klien_dengan(beri_peran("approver", KEC_KEDURANG)).get(reverse("aksi:daftar")).content.decode()
    assert "Analisis situasi" in camat and "Rencana Aksi Daerah" not in camat


def test_the_rad_laporan_page_links_to_the_realisation_and_the_menu_to_the_rad(rad_2026, beri_peran, klien_dengan):
    klien = klien_dengan(beri_peran("approver", "17"))
    klien.get(reverse("aksi:buka", args=[2026, "rad", "17"]))
    laporan = Laporan.objects.get(tahun=2026, tahapan_id="rad", wilayah_id="17")
    halaman = klien.get(reverse("aksi:laporan", args=[laporan.pk])).content.decode()
    assert f'href="{reverse("rad:laporan", args=[laporan.pk])}"' in halaman
    assert f'href="{reverse("rad:daftar")}"' in halaman


def test_progress_is_scoped_to_the_responsible_agency(rad_2026, beri_peran, klien_dengan, media):
    dinkes = beri_peran("operator", "17", unit="dinkes")
    laporan = laporan_rad_buka(user=dinkes, regulasi=rad_2026, tahun=2026)
    milik = Keluaran.objects.filter(regulasi=rad_2026, penanggung_jawab_id="dinkes", target__tahun=2026).first()
    r = realisasi_simpan(user=dinkes, laporan=laporan, keluaran=milik, versi=None, jumlah=Decimal(1),
                         status=StatusRealisasi.SELESAI, catatan="Dokumen terbit", bukti=SimpleUploadedFile("sk.pdf", PDF))
    assert r.bukti.name.startswith("rad/bukti/2026/") and r.bukti.name.endswith(".pdf") and "sk" not in r.bukti.name
    assert laporan.bagian.get(unit_id="dinkes").versi == 2

    with pytest.raises(Ditolak, match="hanya dapat diisi oleh operator Bappeda"):
        realisasi_simpan(user=dinkes, laporan=laporan, keluaran=_keluaran(RKPD), versi=None, jumlah=Decimal(1),
                         status=StatusRealisasi.PROSES)
    assert not RealisasiKeluaran.objects.filter(keluaran=_keluaran(RKPD)).exists()

    # the page: a form only on Dinkes outputs; posting for another agency's output is refused
    klien = klien_dengan(dinkes)
    url = reverse("rad:realisasi", args=[rad_2026.pk, 2026])
    halaman = klien.get(url)
    assert halaman.status_code == 200
    tersembunyi = re.findall(r'name="(?:keluaran|versi)" value="([^"]*)"', halaman.content.decode())
    assert tersembunyi and all(v.isdigit() for v in tersembunyi)  # never "1.648": ids are not localized numbers
    assert halaman.content.decode().count('name="keluaran"') == Keluaran.objects.filter(
        regulasi=rad_2026, penanggung_jawab_id="dinkes", target__tahun=2026).count()
    bappeda_versi = laporan.bagian.get(unit_id="bappeda").versi
    jawab = klien.post(url, {"keluaran": _keluaran(RKPD).pk, "versi": bappeda_versi, "jumlah": "1", "status": "proses"}, follow=True)
    assert "hanya dapat diisi oleh operator Bappeda" in jawab.content.decode()

    # a kab/kota operator of the same agency does not even see the provincial RAD
    kab = klien_dengan(beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes"))
    assert kab.get(url).status_code == 404
    assert kab.get(reverse("rad:bukti", args=[r.pk])).status_code == 404
    assert kab.get(reverse("rad:dasbor", args=[rad_2026.pk])).status_code == 404
    pemantau = klien_dengan(beri_peran("pemantau", "17"))
    unduh = pemantau.get(reverse("rad:bukti", args=[r.pk]))
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == PDF


def test_realisation_is_checked_and_nothing_saved_on_bad_input(rad_2026, beri_peran, media, settings):
    desa_op = beri_peran("operator", "17", unit="pemkab-kota")
    laporan = laporan_rad_buka(user=desa_op, regulasi=rad_2026, tahun=2026)
    desa = _keluaran(PEMETAAN_DESA)
    with pytest.raises(ValidationError) as exc:
        realisasi_simpan(user=desa_op, laporan=laporan, keluaran=desa, versi=None, jumlah=None, status=StatusRealisasi.PROSES)
    assert "Isi jumlah realisasi dalam desa/kelurahan (target 2026: 300 desa/kelurahan, kumulatif" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        realisasi_simpan(user=desa_op, laporan=laporan, keluaran=desa, versi=None, jumlah=Decimal(320),
                         status=StatusRealisasi.SELESAI, bukti=SimpleUploadedFile("bukti.pdf", b"teks biasa, bukan PDF" * 20))
    assert "Bukti dukung harus berupa PDF, JPEG atau PNG" in str(exc.value)
    settings.AKSI_MAKS_UNGGAH_DOKUMEN = 16
    with pytest.raises(ValidationError) as exc:
        realisasi_simpan(user=desa_op, laporan=laporan, keluaran=desa, versi=None, jumlah=Decimal(320),
                         status=StatusRealisasi.SELESAI, bukti=SimpleUploadedFile("bukti.pdf", PDF))
    assert "Berkas terlalu besar" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        realisasi_simpan(user=desa_op, laporan=laporan, keluaran=desa, versi=None, jumlah=Decimal(320), status=StatusRealisasi.SELESAI)
    assert "wajib disertai bukti dukung" in str(exc.value)
    assert not RealisasiKeluaran.objects.exists() and not list(media.rglob("*.pdf"))
    realisasi_simpan(user=desa_op, laporan=laporan, keluaran=desa, versi=1, jumlah=Decimal(120), status=StatusRealisasi.PROSES)
    with pytest.raises(Ditolak, match="sudah diubah oleh"):  # a second tab still holds versi 1
        realisasi_simpan(user=desa_op, laporan=laporan, keluaran=desa, versi=1, jumlah=Decimal(999), status=StatusRealisasi.PROSES)
    assert RealisasiKeluaran.objects.get(keluaran=desa).jumlah == 120


def test_dashboard_counts_only_approved_progress_per_pilar_and_agency(rad_2026, beri_peran, media):
    dinkes = beri_peran("operator", "17", unit="dinkes")
    laporan = laporan_rad_buka(user=dinkes, regulasi=rad_2026, tahun=2026)
    milik = list(Keluaran.objects.filter(regulasi=rad_2026, penanggung_jawab_id="dinkes", target__tahun=2026)
                 .select_related("instrumen__strategi__pilar").order_by("pk"))
    capai, kurang = milik[0], milik[1]
    realisasi_simpan(user=dinkes, laporan=laporan, keluaran=capai, versi=None, jumlah=Decimal(1), status=StatusRealisasi.SELESAI,
                     bukti=SimpleUploadedFile("a.pdf", PDF))
    target_kurang = _target(kurang)[2026]
    realisasi_simpan(user=dinkes, laporan=laporan, keluaran=kurang, versi=None,
                     jumlah=None if target_kurang.jumlah is None else target_kurang.jumlah / 2, status=StatusRealisasi.PROSES)
    juni = datetime.date(2026, 6, 1)

    d = dasbor_rad(regulasi=rad_2026, tahun=2026, hari=juni)
    assert d.total.total == 92 and d.total.tercapai == 0 and d.belum_disetujui == 2
    d = dasbor_rad(regulasi=rad_2026, tahun=2026, hari=juni, semua=True)
    assert d.total.tercapai == 1 and d.total.hitung(Keadaan.PROSES) == 1

    _setujui_semua(laporan, beri_peran("approver", "17"))
    d = dasbor_rad(regulasi=rad_2026, tahun=2026, hari=juni)
    unit = {r.kunci: r for r in d.per_unit}
    assert (unit["dinkes"].total, unit["dinkes"].tercapai, unit["dinkes"].hitung(Keadaan.PROSES)) == (17, 1, 1)
    assert unit["dinkes"].hitung(Keadaan.BELUM_LAPOR) == 15 and unit["dinkes"].persen_tercapai == Decimal("5.9")
    assert unit["bappeda"].total == 31 and unit["bappeda"].tercapai == 0
    pilar = {r.kunci: r for r in d.per_pilar}
    assert sum(r.total for r in pilar.values()) == 92 and pilar[str(capai.instrumen.strategi.pilar.nomor)].tercapai == 1
    assert d.total.tercapai == 1 and d.total.hitung(Keadaan.BELUM_LAPOR) == 90

    # once 2026 is over, what is not reached is late and what is not reported is missing
    d = dasbor_rad(regulasi=rad_2026, tahun=2026, hari=datetime.date(2027, 1, 15))
    assert d.total.tercapai == 1 and d.total.hitung(Keadaan.TERLAMBAT) == 1 and d.total.hitung(Keadaan.TIDAK_LAPOR) == 90
    assert d.total.bermasalah == 91
    # the dashboard's summary bar (issue 17, D102): the same counts and their shares
    assert [(k, n) for k, _, n, _ in d.total.bagian] == [("tercapai", 1), ("proses", 0), ("belum_lapor", 0), ("bermasalah", 91)]
    assert round(sum(p for *_, p in d.total.bagian)) == 100
    sel = next(b for b in d.baris if b.keluaran.pk == kurang.pk).sel
    assert sel[2026].keadaan == Keadaan.TERLAMBAT and sel[2026].bermasalah
    assert all(s.keadaan == Keadaan.BELUM_LAPOR for t, s in sel.items() if t == 2027)
    d = dasbor_rad(regulasi=rad_2026, tahun=2026, hari=juni, unit="dinkes")
    assert {b.keluaran.penanggung_jawab_id for b in d.baris} == {"dinkes"}


def test_dashboard_page_exports_and_pdf(rad_2026, beri_peran, klien_dengan, media):
    dinkes = beri_peran("operator", "17", unit="dinkes")
    laporan = laporan_rad_buka(user=dinkes, regulasi=rad_2026, tahun=2026)
    k = Keluaran.objects.filter(regulasi=rad_2026, penanggung_jawab_id="dinkes", target__tahun=2026, target__jumlah=1).first()
    realisasi_simpan(user=dinkes, laporan=laporan, keluaran=k, versi=None, jumlah=Decimal(1), status=StatusRealisasi.SELESAI,
                     bukti=SimpleUploadedFile("a.pdf", PDF))
    _setujui_semua(laporan, beri_peran("approver", "17"))
    klien = klien_dengan(beri_peran("pemantau", "17"))
    halaman = klien.get(reverse("rad:dasbor", args=[rad_2026.pk]), {"tahun": 2026})
    isi = halaman.content.decode()
    assert halaman.status_code == 200 and "16,9%" in isi and 'data-testid="pilar-total"' in isi
    assert f'data-testid="sel-{k.kode}-2026"' in isi
    xlsx = klien.get(reverse("rad:dasbor-xlsx", args=[rad_2026.pk]), {"tahun": 2026})
    buku = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert buku.sheetnames == ["Target vs realisasi", "Ringkasan 2026"]
    baris = {r[0]: r for r in buku["Target vs realisasi"].iter_rows(min_row=4, values_only=True)}
    assert len(baris) == 107 and baris[k.kode][7 + 3 * 1 + 1] == 1 and baris[k.kode][7 + 3 * 1 + 2] == "Tercapai"
    pdf = klien.get(reverse("rad:pdf", args=[rad_2026.pk, 2026]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and jumlah_halaman(pdf.content) >= 3
    assert klien.get(reverse("rad:dasbor", args=[rad_2026.pk]), {"tahun": 2031}).status_code == 404
