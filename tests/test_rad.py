"""Rencana Aksi Daerah: the Bengkulu logframe (Pergub 45/2025) as loaded, progress scoped to the
responsible agency through the shared workflow, the xlsx import, the dashboard numbers and exports."""
from inti.galat import Ditolak, IsianTidakValid
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import include, path, reverse

import config.urls
from aksi.models import Jadwal, Laporan, Tahapan
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_ambil_atau_buat, laporan_setujui, siklus_buat
from inti.models import CatatanAudit
from rad.choices import Keadaan, StatusRealisasi
from rad.excel import buat_logframe_xlsx, impor_logframe
from rad.models import Instrumen, Keluaran, Pilar, RealisasiKeluaran, RegulasiRAD, Strategi, TargetTahunan
from rad.muat import muat_rad
from rad.selectors import dasbor_rad, unit_penanggung_jawab
from rad.services import laporan_rad_buka, realisasi_simpan, regulasi_simpan
from wilayah.models import Wilayah

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG
from .factories import UserFactory
from .pdf import jumlah_halaman

# The lead mounts rad.urls at rad/; until then these tests mount it themselves.
urlpatterns = list(config.urls.urlpatterns)
if not any(getattr(p, "namespace", None) == "rad" for p in urlpatterns):
    urlpatterns.append(path("rad/", include("rad.urls")))
pytestmark = pytest.mark.urls(__name__)

PEMETAAN_DESA = "Terselenggaranya pemetaan sumber anggaran oleh TPPPS Desa/Kelurahan"
RKPD = "Terselenggaranya dokumen Rencana Kerja Pemerintah Daerah (RKPD)"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def _rad_bengkulu_dimuat(dunia_modul):
    call_command("muat_rad_bengkulu", verbosity=0)  # once per module; every test rolls back to it


@pytest.fixture
def rad_bengkulu(_rad_bengkulu_dimuat, db):
    return RegulasiRAD.objects.get(wilayah_id="17", nomor="45", tahun=2025)


@pytest.fixture
def rad_2026(rad_bengkulu, siklus_terbuka):
    """The Bengkulu RAD with cycle 2026 open (RAD window included, whichever was loaded first)."""
    siklus_buat(oleh=None, tahun=2026)
    Jadwal.objects.filter(siklus=siklus_terbuka).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    return rad_bengkulu


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _keluaran(awal: str) -> Keluaran:
    return Keluaran.objects.select_related("instrumen__strategi__pilar").get(regulasi__wilayah_id="17", uraian__startswith=awal)


def _target(k: Keluaran) -> dict[int, TargetTahunan]:
    return {t.tahun: t for t in k.target.all()}


# --- the annex as loaded ------------------------------------------------------------------------------

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


# --- the workflow --------------------------------------------------------------------------------------

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


def _setujui_semua(laporan, penyetuju):
    """Every part submitted and verified (a superuser serves every unit), then approved by Bappeda."""
    admin = UserFactory(is_superuser=True)
    for b in laporan.bagian.all():
        if b.status in ("draft", "dikembalikan"):
            bagian_ajukan(user=admin, bagian=b, catatan="Dilaporkan di luar portal")  # a part may be empty
        bagian_verifikasi(user=admin, bagian=b)
    return laporan_setujui(user=penyetuju, laporan=laporan)


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


# --- logframe for other regions: forms and xlsx import ---------------------------------------------------

@pytest.fixture
def rad_kab(rad_bengkulu, beri_peran):
    admin = beri_peran("administrator", KAB_BENGKULU_SELATAN)
    regulasi = regulasi_simpan(user=admin, wilayah=Wilayah.objects.get(kode=KAB_BENGKULU_SELATAN), nomor="12", tahun=2026,
                               judul="Peraturan Bupati Bengkulu Selatan tentang Percepatan Penurunan Stunting",
                               tahun_mulai=2026, tahun_selesai=2029)
    return admin, regulasi


def _xlsx(baris: list[list], tahun=(2026, 2027, 2028, 2029), prevalensi=None) -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Logframe"
    ws.append(["Logframe RAD uji"])
    ws.append([])
    ws.append(["Pilar", "Nama Pilar", "Strategi Pencapaian", "Instrumen", "Keluaran", "Satuan", *map(str, tahun), "Kumulatif",
               "Penanggung Jawab", "Pendukung"])
    for b in baris:
        ws.append(b)
    if prevalensi:
        p = wb.create_sheet("Prevalensi")
        p.append(["Tahun", "Target Prevalensi (%)"])
        for row in prevalensi:
            p.append(row)
    isi = io.BytesIO()
    wb.save(isi)
    return SimpleUploadedFile("logframe.xlsx", isi.getvalue())


def test_import_round_trips_the_bengkulu_logframe_into_a_kabupaten(rad_kab, rad_bengkulu):
    admin, regulasi = rad_kab
    regulasi.tahun_mulai = 2025
    regulasi.save()
    hasil = impor_logframe(user=admin, regulasi=regulasi, berkas=SimpleUploadedFile("b.xlsx", buat_logframe_xlsx(rad_bengkulu)))
    assert hasil.dibuat == 107
    assert Keluaran.objects.filter(regulasi=regulasi).count() == 107
    assert TargetTahunan.objects.filter(keluaran__regulasi=regulasi).count() == 379
    desa = Keluaran.objects.get(regulasi=regulasi, uraian__startswith=PEMETAAN_DESA)
    assert {y: (t.jumlah, t.kumulatif) for y, t in _target(desa).items()} == {
        2026: (300, True), 2027: (600, True), 2028: (1200, True), 2029: (1514, True)}
    assert _target(desa)[2027].uraian == "+600 desa/kelurahan"
    assert dict(regulasi.target_prevalensi.values_list("tahun", "persen"))[2026] == Decimal("16.9")
    again = impor_logframe(user=admin, regulasi=regulasi, berkas=SimpleUploadedFile("b.xlsx", buat_logframe_xlsx(regulasi)))
    assert (again.dibuat, again.diubah, again.tetap) == (0, 0, 107)


def test_import_rejects_malformed_files_with_clear_messages_and_saves_nothing(rad_kab):
    admin, regulasi = rad_kab
    with pytest.raises(IsianTidakValid) as exc:
        impor_logframe(user=admin, regulasi=regulasi, berkas=SimpleUploadedFile("x.xlsx", b"Pilar;Keluaran\n1;RKPD\n"))
    assert "tidak dapat dibaca sebagai Excel" in str(exc.value.kesalahan[0])

    buruk = _xlsx([
        [1, "Komitmen", "Strategi A", "Instrumen A", "Keluaran baik", "dokumen", 1, 1, 1, 1, "tidak", "bappeda", ""],
        [None, None, None, None, "Keluaran negatif", "dokumen", -3, None, None, None, "tidak", "bappeda", ""],
        [7, "Pilar tujuh", "Strategi B", "Instrumen B", "Keluaran pilar salah", "dokumen", 1, None, None, None, "", "bappeda", ""],
        [None, None, None, None, "Keluaran unit asing", "kegiatan", "rapat tahunan", None, None, None, "mungkin", "Dinas Antah", "dinkes; LSM X"],
        [None, None, None, "Instrumen C", "", "", None, None, None, None, "", "", ""],
    ])
    with pytest.raises(IsianTidakValid) as exc:
        impor_logframe(user=admin, regulasi=regulasi, berkas=buruk)
    pesan = [str(k) for k in exc.value.kesalahan]
    harap = [
        "lembar 'Logframe', baris 5, kolom G (2026): jumlah target tidak boleh negatif",
        "lembar 'Logframe', baris 6, kolom A (Pilar): nomor pilar 1–5, bukan '7'",
        "lembar 'Logframe', baris 7, kolom K (Kumulatif): isi 'ya' atau 'tidak', bukan 'mungkin'",
        "lembar 'Logframe', baris 7, kolom L (Penanggung Jawab): unit kerja 'Dinas Antah' tidak dikenal",
        "lembar 'Logframe', baris 7, kolom M (Pendukung): unit kerja 'LSM X' tidak dikenal",
        "lembar 'Logframe', baris 8, kolom E (Keluaran): wajib diisi",
        "lembar 'Logframe', baris 8, kolom F (Satuan): wajib diisi",
        "lembar 'Logframe', baris 8, kolom L (Penanggung Jawab): wajib diisi",
    ]
    for h in harap:
        assert any(p.startswith(h) for p in pesan), (h, pesan)

    with pytest.raises(IsianTidakValid) as exc:  # a year column outside 2026–2029
        impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx([[1, "P", "S", "I", "K", "dokumen", 1, 1, 1, 1, "", "bappeda"]],
                                                                    tahun=(2024, 2026, 2027, 2028)))
    assert any("tahun 2024 di luar periode RAD 2026–2029" in str(k) for k in exc.value.kesalahan)

    with pytest.raises(IsianTidakValid) as exc:  # clean cells, but the lead agency cannot serve a kabupaten
        impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx([[1, "P", "S", "I", "K", "dokumen", 1, None, None, None, "",
                                                                     "puskesmas", ""]], prevalensi=[[2026, 150]]))
    pesan = " ".join(str(k) for k in exc.value.kesalahan)
    assert "baris 4: Penanggung jawab: Puskesmas bukan unit kerja tingkat kabupaten/kota" in pesan
    assert "target prevalensi 2026 harus 0–100%" in pesan
    assert not Pilar.objects.filter(regulasi=regulasi).exists() and not regulasi.target_prevalensi.exists()


def test_import_never_drops_an_output_that_has_realisation(rad_kab, siklus_terbuka, beri_peran, media):
    admin, regulasi = rad_kab
    siklus_buat(oleh=None, tahun=2026)
    Jadwal.objects.update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    dua = [[1, "Komitmen", "S", "I", "Keluaran pertama", "dokumen", 1, 1, 1, 1, "", "bappeda", ""],
           [None, None, None, None, "Keluaran kedua", "dokumen", 1, 1, 1, 1, "", "dinkes", ""]]
    impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx(dua))
    tiga = [dua[0][:6] + [2, 2, 2, 2] + dua[0][10:], dua[1], [None, None, None, None, "Keluaran ketiga", "forum", None, 1, 1, 1, "", "bappeda", ""]]
    hasil = impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx(tiga))
    assert (hasil.dibuat, hasil.diubah, hasil.tetap, hasil.dihapus) == (1, 1, 1, 0)
    assert impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx(dua)).dihapus == 1  # never reported: may go
    op = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")
    laporan = laporan_rad_buka(user=op, regulasi=regulasi, tahun=2026)
    assert set(laporan.bagian.values_list("unit_id", flat=True)) == {"bappeda", "dinkes"}
    realisasi_simpan(user=op, laporan=laporan, keluaran=Keluaran.objects.get(uraian="Keluaran kedua"), versi=None,
                     jumlah=Decimal(1), status=StatusRealisasi.PROSES)
    with pytest.raises(IsianTidakValid) as exc:
        impor_logframe(user=admin, regulasi=regulasi, berkas=_xlsx(dua[:1]))
    assert "sudah memiliki realisasi dan tidak ada lagi di berkas" in str(exc.value.kesalahan[0])
    assert Keluaran.objects.filter(regulasi=regulasi).count() == 2
    with pytest.raises(Ditolak):
        impor_logframe(user=op, regulasi=regulasi, berkas=_xlsx(dua))  # an operator does not keep the logframe


def test_logframe_built_with_the_forms(rad_kab, klien_dengan, beri_peran):
    admin, regulasi = rad_kab
    klien = klien_dengan(admin)
    assert klien.post(reverse("rad:regulasi-ubah", args=[regulasi.pk]), {
        "nomor": "12", "tahun": 2026, "judul": regulasi.judul, "tahun_mulai": 2026, "tahun_selesai": 2029,
        "prevalensi_2026": "18,2", "prevalensi_2027": "17,5"}).status_code == 302
    assert dict(regulasi.target_prevalensi.values_list("tahun", "persen")) == {2026: Decimal("18.2"), 2027: Decimal("17.5")}
    assert klien.post(reverse("rad:pilar-tambah", args=[regulasi.pk]), {"nomor": 3, "nama": "Konvergensi Program"}).status_code == 302
    pilar = Pilar.objects.get(regulasi=regulasi)
    klien.post(reverse("rad:strategi-tambah", args=[regulasi.pk, pilar.pk]), {"uraian": "Menguatkan perencanaan desa"})
    strategi = Strategi.objects.get(pilar=pilar)
    klien.post(reverse("rad:instrumen-tambah", args=[regulasi.pk, strategi.pk]), {"uraian": "Rembuk stunting desa"})
    instrumen = Instrumen.objects.get(strategi=strategi)
    url = reverse("rad:keluaran-tambah", args=[regulasi.pk, instrumen.pk])
    salah = klien.post(url, {"uraian": "Rembuk stunting terselenggara", "satuan": "% desa", "penanggung_jawab": "puskesmas"})
    assert salah.status_code == 400 and not Keluaran.objects.filter(regulasi=regulasi).exists()
    jawab = klien.post(url, {"uraian": "Rembuk stunting terselenggara", "satuan": "% desa", "penanggung_jawab": "dpmd",
                             "pendukung": ["setcam", "pemdes"], "jumlah_2027": "50", "jumlah_2028": "90",
                             "uraian_2028": "90% desa dan kelurahan", "kumulatif": "on"})
    assert jawab.status_code == 302
    k = Keluaran.objects.get(regulasi=regulasi)
    assert k.kode == "3.1.1.1" and {y: t.jumlah for y, t in _target(k).items()} == {2027: 50, 2028: 90}
    assert all(t.kumulatif for t in k.target.all()) and {u.pk for u in k.pendukung.all()} == {"setcam", "pemdes"}
    halaman = klien.get(reverse("rad:regulasi", args=[regulasi.pk])).content.decode()
    assert 'data-testid="keluaran-3.1.1.1"' in halaman and "90% desa dan kelurahan" in halaman
    # an operator reads the logframe but cannot change it; another kabupaten does not see it
    op = klien_dengan(beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dpmd"))
    assert op.get(reverse("rad:pilar-tambah", args=[regulasi.pk])).status_code == 403
    lain = klien_dengan(beri_peran("administrator", KAB_LAIN))
    assert lain.get(reverse("rad:regulasi", args=[regulasi.pk])).status_code == 404


def test_import_page_lists_errors_and_keeps_the_logframe(rad_kab, klien_dengan):
    admin, regulasi = rad_kab
    jawab = klien_dengan(admin).post(reverse("rad:impor", args=[regulasi.pk]), {
        "berkas": _xlsx([[9, "P", "S", "I", "K", "dokumen", 1, None, None, None, "", "bappeda", ""]])})
    assert jawab.status_code == 400
    isi = jawab.content.decode()
    assert "tidak ada yang disimpan" in isi and "nomor pilar 1–5, bukan &#x27;9&#x27;" in isi
    assert not Keluaran.objects.filter(regulasi=regulasi).exists()
