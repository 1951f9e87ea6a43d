"""Analisis situasi documents at kab/kota and provinsi: measurements, targets, meetings and their minutes; read-only after approval, scope, the overview of the kecamatan below, the browser."""
import datetime
import os
from decimal import Decimal
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from aksi.choices import StatusLaporan
from aksi.models import Jadwal, Laporan
from aksi.services import (
    Ditolak,
    bagian_ajukan,
    bagian_verifikasi,
    laporan_setujui,
    siklus_buat,
)
from analisis.models import HasilPengukuran, ProgramKegiatan, Rapat
from analisis.services import (
    pengukuran_buat,
    program_buat,
    program_ubah,
    rapat_buat,
    rapat_hapus,
    target_cakupan_buat,
    target_prevalensi_buat,
)
from analisis.selectors import cakupan_wilayah_bawah
from wilayah.choices import Tingkat
from wilayah.models import Wilayah
from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA
from .factories import UserFactory
from .analisis_bantu import lap_kab, lap_kec, siklus  # noqa: F401  (fixtures)
from .analisis_bantu import pytestmark, TAHUN, KEC_KETIGA, _laporan, _desa, _indikator, _isian_program  # noqa: F401
from .analisis_bantu import _versi, _url, _pdf, _rapat, _nilai  # noqa: F401


def test_measurement_checks_stunting_and_region_and_computes_prevalence(lap_kab, beri_peran, klien_dengan):
    dinkes = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="dinkes")
    kedurang = Wilayah.objects.get(kode=KEC_KEDURANG)
    with pytest.raises(ValidationError) as err:
        pengukuran_buat(user=dinkes, laporan=lap_kab, wilayah=kedurang, jumlah_diukur=100, jumlah_stunting=101)
    assert list(err.value.message_dict) == ["jumlah_stunting"]
    with pytest.raises(ValidationError) as err:
        pengukuran_buat(user=dinkes, laporan=lap_kab, wilayah=Wilayah.objects.filter(induk_id=KAB_LAIN).first(),
                        jumlah_diukur=10, jumlah_stunting=1)
    assert list(err.value.message_dict) == ["wilayah"]
    bappeda = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda")
    with pytest.raises(Ditolak, match="Dinkes"):
        pengukuran_buat(user=bappeda, laporan=lap_kab, wilayah=kedurang, jumlah_diukur=10, jumlah_stunting=1)

    hasil = pengukuran_buat(user=dinkes, laporan=lap_kab, wilayah=kedurang, jumlah_diukur=1000, jumlah_stunting=169)
    assert hasil.prevalensi == Decimal("16.90") and hasil.bagian.unit_id == "dinkes"
    pengukuran_buat(user=dinkes, laporan=lap_kab, wilayah=Wilayah.objects.get(kode=KEC_TETANGGA), jumlah_diukur=3, jumlah_stunting=1)
    assert HasilPengukuran(jumlah_diukur=0, jumlah_stunting=0).prevalensi is None
    with pytest.raises(ValidationError, match="sudah diisi"):
        pengukuran_buat(user=dinkes, laporan=lap_kab, wilayah=kedurang, jumlah_diukur=5, jumlah_stunting=1)

    halaman = klien_dengan(dinkes).get(_url("pengukuran", lap_kab))
    isi = halaman.content.decode()
    assert "16,90%" in isi and "33,33%" in isi
    assert halaman.context["jumlah"]["prevalensi"] == Decimal("16.95")  # 170 / 1003
    jawab = klien_dengan(dinkes).post(_url("pengukuran", lap_kab), {
        "wilayah": KEC_KETIGA, "jumlah_diukur": "50", "jumlah_stunting": "60",
    })
    assert jawab.status_code == 400 and jawab.context["form"].has_error("jumlah_stunting")


def test_targets_belong_to_bappeda(lap_kab, beri_peran):
    bappeda = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda")
    target = target_prevalensi_buat(user=bappeda, laporan=lap_kab, tahun_target=2026, sumber="rpjmd", target_persen=Decimal("16.9"))
    assert target.bagian.unit_id == "bappeda"
    with pytest.raises(ValidationError) as err:
        target_prevalensi_buat(user=bappeda, laporan=lap_kab, tahun_target=2027, sumber="rkpd", target_persen=Decimal("101"))
    assert list(err.value.message_dict) == ["target_persen"]
    target_cakupan_buat(user=bappeda, laporan=lap_kab, indikator=_indikator("A2"), target_persen=Decimal("90"))
    with pytest.raises(ValidationError) as err:
        target_cakupan_buat(user=bappeda, laporan=lap_kab, indikator=_indikator("C5"), target_persen=Decimal("10"))
    assert list(err.value.message_dict) == ["indikator"]
    with pytest.raises(Ditolak):  # kecamatan documents are not part of a kab/kota Laporan
        program_buat(user=bappeda, laporan=lap_kab, **_isian_program())


def test_meeting_minutes_accept_a_real_pdf_and_refuse_fakes_and_big_files(
    lap_kab, beri_peran, klien_dengan, media, settings, django_capture_on_commit_callbacks,
):
    bappeda = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda")
    isi_pdf = _pdf()
    rapat = rapat_buat(user=bappeda, laporan=lap_kab, notulen=SimpleUploadedFile("../../notulen asli.PDF", isi_pdf), **_rapat())
    assert rapat.notulen.name.startswith("notulen/2026/") and rapat.notulen.name.endswith(".pdf")
    assert "asli" not in rapat.notulen.name
    assert (media / rapat.notulen.name).read_bytes() == isi_pdf

    unduh = klien_dengan(bappeda).get(_url("rapat-notulen", lap_kab, rapat.pk))
    assert unduh.status_code == 200 and unduh["Content-Type"] == "application/pdf"
    assert b"".join(unduh.streaming_content) == isi_pdf

    palsu = SimpleUploadedFile("notulen.pdf", b"Ini sebenarnya teks biasa, bukan PDF.\n" * 10, content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        rapat_buat(user=bappeda, laporan=lap_kab, notulen=palsu, **_rapat())
    assert list(err.value.message_dict) == ["notulen"] and "PDF, JPEG atau PNG" in err.value.message_dict["notulen"][0]

    settings.AKSI_MAKS_UNGGAH_DOKUMEN = 1024
    with pytest.raises(ValidationError) as err:
        rapat_buat(user=bappeda, laporan=lap_kab, notulen=SimpleUploadedFile("n.pdf", isi_pdf), **_rapat())
    assert "terlalu besar" in err.value.message_dict["notulen"][0]
    assert Rapat.objects.count() == 1 and len(list((media / "notulen" / "2026").iterdir())) == 1

    png = SimpleUploadedFile("foto.jpg", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    foto = rapat_buat(user=bappeda, laporan=lap_kab, notulen=png, **_rapat(jenis="internal_opd"))
    assert foto.notulen.name.endswith(".png")  # named by its content, not by the uploader

    with django_capture_on_commit_callbacks(execute=True):
        rapat_hapus(user=bappeda, rapat=rapat, versi=_versi(lap_kab, "bappeda"))
    assert not (media / rapat.notulen.name).exists() and (media / foto.notulen.name).exists()


def test_meeting_form_upload_through_the_page(lap_kab, beri_peran, klien_dengan, media):
    bappeda = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda")
    klien = klien_dengan(bappeda)
    jawab = klien.post(_url("rapat", lap_kab), {
        "jenis": "lintas_opd", "tanggal": "2026-02-10", "peserta": "Bappeda", "notulen": SimpleUploadedFile("x.pdf", b"bukan pdf"),
    })
    assert jawab.status_code == 400 and jawab.context["form"].has_error("notulen") and not Rapat.objects.exists()
    jawab = klien.post(_url("rapat", lap_kab), {
        "jenis": "lintas_opd", "tanggal": "2026-02-10", "peserta": "Bappeda", "notulen": SimpleUploadedFile("x.pdf", _pdf()),
    })
    assert jawab.status_code == 302
    rapat = Rapat.objects.get()
    assert _url("rapat-notulen", lap_kab, rapat.pk) in klien.get(_url("rapat", lap_kab)).content.decode()


def test_an_approved_laporan_is_read_only(lap_kec, beri_peran, klien_dengan):
    operator = beri_peran("operator", KEC_KEDURANG)  # no unit: serves every part
    verifikator = beri_peran("verifikator", KEC_KEDURANG)
    camat = beri_peran("approver", KEC_KEDURANG)
    program = program_buat(user=operator, laporan=lap_kec, **_isian_program())
    for bagian in lap_kec.bagian.all():
        bagian_ajukan(user=operator, bagian=bagian, catatan="Diajukan apa adanya dalam uji")  # a part may be empty
        bagian_verifikasi(user=verifikator, bagian=bagian)
    laporan_setujui(user=camat, laporan=lap_kec)
    lap_kec.refresh_from_db()
    assert lap_kec.status == StatusLaporan.DISETUJUI

    with pytest.raises(Ditolak, match="disetujui"):
        program_buat(user=operator, laporan=lap_kec, **_isian_program())
    with pytest.raises(Ditolak, match="disetujui"):
        program_ubah(user=operator, program=program, versi=_versi(lap_kec, "setcam"), **_isian_program(nama="baru"))

    klien = klien_dengan(operator)
    halaman = klien.get(_url("program", lap_kec))
    isi = halaman.content.decode()
    assert halaman.status_code == 200 and program.nama in isi
    assert halaman.context["form"] is None and "Laporan sudah disetujui" in isi
    assert _url("program-hapus", lap_kec, program.pk) not in isi
    assert klien.get(_url("program-ubah", lap_kec, program.pk)).status_code == 302
    klien.post(_url("program-hapus", lap_kec, program.pk), {"versi": _versi(lap_kec, "setcam")})
    assert ProgramKegiatan.objects.filter(pk=program.pk).exists()


@pytest.mark.parametrize("nama", ["dokumen", "program", "masalah", "rekomendasi", "usulan"])
def test_out_of_scope_users_get_404(lap_kec, beri_peran, klien_dengan, nama):
    klien = klien_dengan(beri_peran("operator", KEC_TETANGGA, unit="setcam"))
    assert klien.get(_url(nama, lap_kec)).status_code == 404
    assert klien.post(_url(nama, lap_kec), {}).status_code == 404
    klien_kab_lain = klien_dengan(beri_peran("pemantau", KAB_LAIN))
    assert klien_kab_lain.get(_url(nama, lap_kec)).status_code == 404
    assert klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN)).get(_url(nama, lap_kec)).status_code == 200


def test_out_of_scope_rows_and_files_are_404(lap_kab, lap_kec, beri_peran, klien_dengan, media, op_setcam):
    bappeda = beri_peran("operator", KAB_BENGKULU_SELATAN, unit="bappeda")
    rapat = rapat_buat(user=bappeda, laporan=lap_kab, notulen=SimpleUploadedFile("n.pdf", _pdf()), **_rapat())
    program = program_buat(user=op_setcam, laporan=lap_kec, **_isian_program())
    klien = klien_dengan(op_setcam)  # reads Kedurang, not its kabupaten
    assert klien.get(_url("rapat-notulen", lap_kab, rapat.pk)).status_code == 404
    assert klien.get(_url("bawah", lap_kab)).status_code == 404
    # a row is reached only through its own Laporan; sections of another level do not exist
    klien_kab = klien_dengan(bappeda)
    assert klien_kab.get(_url("program-ubah", lap_kab, program.pk)).status_code == 404
    assert klien_kab.get(_url("program", lap_kab)).status_code == 404
    assert klien.get(_url("rapat", lap_kec)).status_code == 404


def test_kabupaten_overview_counts_only_approved_kecamatan(lap_kab, beri_peran, klien_dengan, django_assert_max_num_queries):
    kedurang, tetangga, ketiga = _laporan(KEC_KEDURANG), _laporan(KEC_TETANGGA), _laporan(KEC_KETIGA)
    Laporan.objects.filter(pk__in=[kedurang.pk, tetangga.pk]).update(status=StatusLaporan.DISETUJUI)
    d1, d2 = _desa(KEC_KEDURANG)
    (e1,) = _desa(KEC_TETANGGA, 1)
    (f1,) = _desa(KEC_KETIGA, 1)
    _nilai(kedurang, d1, S04=10, A2=5, S08=4, S09=6, B6=5, C5=3, F6=1)
    _nilai(kedurang, d2, S04=20, A2=10, C5=2, F6=0)
    _nilai(tetangga, e1, S04=40, A2=10, F6=1)
    _nilai(ketiga, f1, S04=100, A2=100, C5=50, F6=1)  # draft: not counted

    with django_assert_max_num_queries(12):
        hasil = cakupan_wilayah_bawah(wilayah=lap_kab.wilayah, tahun=lap_kab.tahun, tahapan_id=lap_kab.tahapan_id)
    indikator, baris, total = hasil.indikator, hasil.baris, hasil.total
    kolom = {item.kode: i for i, item in enumerate(indikator)}
    per = {b.wilayah.kode: b for b in baris}
    assert len(baris) == 11 and len(indikator) == 31

    def sel(kode_wilayah, kode_item):
        return (per[kode_wilayah] if kode_wilayah else total).cakupan[kolom[kode_item]]

    assert (sel(KEC_KEDURANG, "A2").pembilang, sel(KEC_KEDURANG, "A2").penyebut, sel(KEC_KEDURANG, "A2").persen) == (15, 30, 50.0)
    assert (sel(KEC_KEDURANG, "B6").pembilang, sel(KEC_KEDURANG, "B6").penyebut) == (5, 10)  # S08 + S09
    assert sel(KEC_KEDURANG, "C5").pembilang == 5 and sel(KEC_KEDURANG, "C5").persen is None
    jumlah_desa_kedurang = Wilayah.objects.filter(induk_id=KEC_KEDURANG, tingkat=Tingkat.DESA).count()
    assert (sel(KEC_KEDURANG, "F6").pembilang, sel(KEC_KEDURANG, "F6").penyebut) == (1, jumlah_desa_kedurang)
    assert sel(KEC_TETANGGA, "A2").persen == 25.0
    assert sel(KEC_KETIGA, "A2").pembilang is None and sel(KEC_KETIGA, "A2").persen is None
    assert sel(KEC_KEDURANG, "A1").persen is None  # nothing entered
    assert (sel(None, "A2").pembilang, sel(None, "A2").penyebut) == (25, 70)
    assert sel(None, "C5").pembilang == 5
    assert per[KEC_KETIGA].laporan.status == StatusLaporan.DRAFT and per["17.01.04"].laporan is None
    assert per[KEC_KEDURANG].kecamatan_disetujui == 1 and total.kecamatan_disetujui == 2

    pemantau = beri_peran("pemantau", KAB_BENGKULU_SELATAN)
    halaman = klien_dengan(pemantau).get(_url("bawah", lap_kab))
    isi = halaman.content.decode()
    assert halaman.status_code == 200 and "50,0%" in isi and "35,7%" in isi and "Belum dibuat" in isi
    assert klien_dengan(pemantau).get(_url("bawah", kedurang)).status_code == 404  # kecamatan has nothing below


def test_province_overview_groups_kecamatan_by_kabupaten(siklus):
    provinsi = _laporan("17")
    kedurang = _laporan(KEC_KEDURANG)
    Laporan.objects.filter(pk=kedurang.pk).update(status=StatusLaporan.DISETUJUI)
    (d1,) = _desa(KEC_KEDURANG, 1)
    _nilai(kedurang, d1, S04=8, A2=2)
    hasil = cakupan_wilayah_bawah(wilayah=provinsi.wilayah, tahun=provinsi.tahun, tahapan_id=provinsi.tahapan_id)
    indikator, baris = hasil.indikator, hasil.baris
    kolom = {item.kode: i for i, item in enumerate(indikator)}
    per = {b.wilayah.kode: b for b in baris}
    assert per[KAB_BENGKULU_SELATAN].cakupan[kolom["A2"]].persen == 25.0
    assert per[KAB_BENGKULU_SELATAN].kecamatan_disetujui == 1 and per[KAB_BENGKULU_SELATAN].laporan is None
    assert per[KAB_LAIN].cakupan[kolom["A2"]].persen is None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_adds_and_deletes_a_program_without_reloading(live_server):
    from playwright.sync_api import expect

    from wilayah.models import UnitKerja
    from wilayah.services import penugasan_buat

    from .browser import buka_chromium
    from .factories import KATA_SANDI

    call_command("load_wilayah", "17", verbosity=0)
    call_command("loaddata", "katalog", verbosity=0)
    call_command("loaddata", "tahapan", verbosity=0)
    siklus_buat(oleh=None, tahun=TAHUN)
    Jadwal.objects.filter(siklus_id=TAHUN).update(mulai=datetime.date(2000, 1, 1), selesai=datetime.date(2100, 1, 1))
    laporan = _laporan(KEC_KEDURANG)
    user = UserFactory(username="setcam.browser")
    penugasan_buat(oleh=None, user=user, wilayah=Wilayah.objects.get(kode=KEC_KEDURANG), peran="operator",
                   unit=UnitKerja.objects.get(pk="setcam"))
    (desa,) = _desa(KEC_KEDURANG, 1)
    halaman = f"{live_server.url}{_url('program', laporan)}"

    with buka_chromium() as browser:
        page = browser.new_page()
        page.goto(halaman)
        page.get_by_label("Nama pengguna").fill("setcam.browser")
        page.get_by_label("Kata sandi").fill(KATA_SANDI)
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_role("heading", name="Program/kegiatan berjalan", exact=True)).to_be_visible()
        page.evaluate("window.belumDimuatUlang = true")

        page.get_by_label("Indikator").select_option("A3")
        page.get_by_label("Nama program/kegiatan").fill("Kelas gizi ibu hamil")
        page.get_by_label("Volume").fill("4")
        page.get_by_label("Satuan").fill("kali")
        page.get_by_label("Anggaran (Rp)").fill("2.500.000")
        page.get_by_label("Sumber dana").select_option("swadaya")
        page.get_by_label(desa.nama, exact=True).check()
        page.get_by_role("button", name="Tambah").click()

        tabel = page.get_by_test_id("tabel-program")
        expect(tabel).to_contain_text("Kelas gizi ibu hamil")
        expect(tabel).to_contain_text("Rp2.500.000")
        expect(tabel).to_contain_text(desa.nama)
        assert page.evaluate("window.belumDimuatUlang") is True  # swapped by htmx, no reload

        page.once("dialog", lambda dialog: dialog.accept())
        tabel.get_by_role("button", name="Hapus").click()
        expect(tabel).to_contain_text("Belum ada program/kegiatan.")
        assert page.evaluate("window.belumDimuatUlang") is True
        if os.environ.get("AKSI_TANGKAPAN"):
            page.screenshot(path=os.environ["AKSI_TANGKAPAN"], full_page=True)


def test_versions_above_999_reach_the_forms_without_a_thousands_separator(lap_kec, op_setcam, klien_dengan):
    """USE_THOUSAND_SEPARATOR would print 1.234; the form would then be refused as stale forever."""
    klien = klien_dengan(op_setcam)
    data = {"indikator": "F5", "nama": "Akta keliling", "volume": "3", "satuan": "kegiatan",
            "anggaran": "750.000", "sumber_dana": "apbdes"}
    klien.post(_url("program", lap_kec), data)
    program = ProgramKegiatan.objects.get()
    lap_kec.bagian.filter(unit_id="setcam").update(versi=1234)

    assert 'name="versi" value="1234"' in klien.get(_url("program", lap_kec)).content.decode()
    assert 'name="versi" value="1234"' in klien.get(_url("program-ubah", lap_kec, program.pk)).content.decode()
    jawab = klien.post(_url("program-ubah", lap_kec, program.pk), data | {"nama": "Akta baru", "versi": "1234"})
    assert jawab.status_code == 302 and _versi(lap_kec, "setcam") == 1235
    program.refresh_from_db()
    assert program.nama == "Akta baru"
