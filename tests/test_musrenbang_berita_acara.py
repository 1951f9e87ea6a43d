"""Pra-musrenbang: the Berita Acara (PDF to print and sign, signed scan upload and scoped download), htmx agenda, audit, and the part that waits for the signed scan."""
import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from aksi.models import Tahapan
from aksi.services import bagian_ajukan, laporan_ambil_atau_buat
from inti.galat import Ditolak
from inti.models import CatatanAudit
from musrenbang.models import (
    AgendaMusrenbang,
    BeritaAcara,
    EvaluasiKinerjaOPD,
)
from musrenbang.pdf import dokumen_berita_acara, html_berita_acara
from musrenbang.services import (
    berita_acara_buat,
    berita_acara_hapus,
    berita_acara_ubah,
    evaluasi_opd_buat,
    komitmen_buat,
    penghargaan_buat,
)
from wilayah.models import UnitKerja

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG, KEC_TETANGGA
from .factories import UserFactory
from .musrenbang_bantu import (  # noqa: F401  (fixtures and helpers)
    TAHUN,
    _desa,
    _indikator,
    _isi_dokumen,
    _isian_ba,
    _isian_rencana,
    _laporan,
    _pdf,
    _png,
    _url,
    _versi,
    lap_kab,
    lap_kec,
    op_bappeda,
    pytestmark,
)


def test_agenda_adds_and_deletes_through_htmx_fragments(lap_kec, op_setcam, klien_dengan):
    klien = klien_dengan(op_setcam)
    assert klien.get(_url("agenda", lap_kec)).context["form"].initial["urutan"] == 1
    jawab = klien.post(_url("agenda", lap_kec), {"urutan": "1", "topik": "capaian", "uraian": "Cakupan naik"},
                       HTTP_HX_REQUEST="true")
    isi = jawab.content.decode()
    assert jawab.status_code == 200 and isi.lstrip().startswith('<div id="isi-seksi">') and "<html" not in isi
    assert "Cakupan naik" in isi and 'name="versi" value="2"' in isi and "Agenda ditambahkan." in isi
    agenda = AgendaMusrenbang.objects.get()
    assert klien.get(_url("agenda", lap_kec)).context["form"].initial["urutan"] == 2
    jawab = klien.post(_url("agenda-hapus", lap_kec, agenda.pk), {"versi": "2"}, HTTP_HX_REQUEST="true")
    assert jawab.status_code == 200 and "Belum ada agenda." in jawab.content.decode()


def test_berita_acara_pdf_of_a_kecamatan(lap_kec, op_setcam, klien_dengan):
    kosong = html_berita_acara(lap_kec)  # printable before anything is entered: blanks to fill by hand
    assert "KECAMATAN KEDURANG" in kosong and 'class="isian"' in kosong and "Belum ada agenda" in kosong

    _isi_dokumen(lap_kec, op_setcam)
    (d1,) = _desa(KEC_KEDURANG, 1)
    berita_acara_buat(user=op_setcam, laporan=lap_kec, **_isian_ba(catatan="Usulan dibawa ke musrenbang kabupaten."))
    html = html_berita_acara(lap_kec)
    teks = re.sub(r"\s+", " ", html)
    assert "PRA-MUSRENBANG TEMATIK PERCEPATAN PENURUNAN STUNTING" in html and "KECAMATAN KEDURANG" in html
    assert "Kabupaten Bengkulu Selatan" in html and "TAHUN 2026" in html
    assert "Pada hari ini Selasa, tanggal 10 Februari 2026, bertempat di Aula Kantor Camat Kedurang" in teks
    assert "dipimpin oleh Drs. Ahmad Yani (Camat Kedurang) dan dihadiri oleh 42 orang peserta" in teks
    assert "Cakupan kelas ibu hamil baru 40%." in html and "Kendala, masalah dan keberhasilan cakupan layanan" in html
    assert "Rencana program/kegiatan tahun 2027 menurut kategori" in html
    # grouped by kategori, in the order Fisik prasarana, Sosial budaya, Ekonomi, with totals
    assert teks.index("<h3>1. Fisik prasarana</h3>") < teks.index("Jamban sehat keluarga") < teks.index("Jumlah fisik prasarana")
    assert teks.index("Jumlah fisik prasarana") < teks.index("<h3>2. Sosial budaya</h3>") < teks.index("Kelas ibu balita")
    assert "<h3>3. Ekonomi</h3>" not in html  # an empty kategori has no table, only its line in the summary
    assert "Jumlah fisik prasarana</th><td class=\"angka\">Rp2.750.000" in html
    assert "Jumlah sosial budaya</th><td class=\"angka\">Rp300.000" in html
    assert 'data-testid="total-rencana">Rp3.050.000' in html
    assert "E1</span>, <span class=\"kode\">E2" in html and d1.nama in html and "Lokasi (desa/kelurahan)" in html
    assert "Evaluasi kinerja OPD" not in html and "Deklarasi komitmen" not in html
    assert "Usulan dibawa ke musrenbang kabupaten." in html
    assert 'data-testid="pimpinan">Drs. Ahmad Yani' in html
    assert "<td>Siti Aminah</td><td>Kepala Puskesmas</td>" in html and "<td>Budi Santoso</td><td>PLKB</td>" in html
    assert "size: A4 portrait" in html and "DRAF" not in html

    pdf = dokumen_berita_acara(lap_kec)
    assert pdf.startswith(b"%PDF")
    jawab = klien_dengan(op_setcam).get(_url("berita-acara-pdf", lap_kec))
    assert jawab.status_code == 200 and jawab["Content-Type"] == "application/pdf" and jawab.content.startswith(b"%PDF")
    assert "berita-acara-pra-musrenbang-2026-17.01.01.pdf" in jawab["Content-Disposition"]


def test_berita_acara_pdf_of_a_kabupaten_adds_evaluation_commitment_and_awards(lap_kab, op_bappeda):
    _isi_dokumen(lap_kab, op_bappeda)
    evaluasi_opd_buat(user=op_bappeda, laporan=lap_kab, unit=UnitKerja.objects.get(pk="dinkes"), capaian="Imunisasi 92%",
                      nilai=Decimal("87.25"))
    komitmen_buat(user=op_bappeda, laporan=lap_kab, tanggal=datetime.date(2026, 3, 12), penandatangan="Bupati Bengkulu Selatan",
                  isi="Prevalensi stunting 14% pada 2029.")
    penghargaan_buat(user=op_bappeda, laporan=lap_kab, penerima="Desa Tanjung Aur", jenis="desa", alasan="Cakupan terbaik")
    html = html_berita_acara(lap_kab)
    assert "KABUPATEN BENGKULU SELATAN" in html and "Lokasi (kecamatan)" in html
    assert "C. Evaluasi kinerja OPD" in html and "Dinas Kesehatan" in html and "87,25" in html
    assert "D. Deklarasi komitmen pimpinan" in html and "Prevalensi stunting 14% pada 2029." in html and "12 Maret 2026" in html
    assert "E. Penghargaan" in html and "Desa Tanjung Aur" in html and "Desa/kelurahan" in html
    assert "F. Catatan dan kesepakatan" in html
    assert html.count("........................") == 8  # no Berita Acara yet: 8 blank signature lines
    assert dokumen_berita_acara(lap_kab).startswith(b"%PDF")


def test_signed_scan_accepts_real_pdf_and_png_and_refuses_fakes_and_big_files(
    lap_kec, op_setcam, klien_dengan, media, settings, django_capture_on_commit_callbacks,
):
    isi_pdf = _pdf()
    ba = berita_acara_buat(user=op_setcam, laporan=lap_kec, berkas_ttd=SimpleUploadedFile("../../scan asli.PDF", isi_pdf), **_isian_ba())
    assert ba.berkas_ttd.name.startswith("berita-acara/2026/") and ba.berkas_ttd.name.endswith(".pdf")
    assert "asli" not in ba.berkas_ttd.name and (media / ba.berkas_ttd.name).read_bytes() == isi_pdf
    with pytest.raises(ValidationError, match="sudah dibuat"):  # one per Laporan
        berita_acara_buat(user=op_setcam, laporan=lap_kec, **_isian_ba())

    unduh = klien_dengan(op_setcam).get(_url("berita-acara-ttd", lap_kec))
    assert unduh.status_code == 200 and unduh["Content-Type"] == "application/pdf"
    assert b"".join(unduh.streaming_content) == isi_pdf

    palsu = SimpleUploadedFile("ba.pdf", b"Ini teks biasa yang diberi nama .pdf\n" * 10, content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        berita_acara_ubah(user=op_setcam, berita_acara=ba, versi=_versi(lap_kec, "setcam"), berkas_ttd=palsu, **_isian_ba())
    assert list(err.value.message_dict) == ["berkas_ttd"] and "PDF, JPEG atau PNG" in err.value.message_dict["berkas_ttd"][0]

    settings.AKSI_MAKS_UNGGAH_DOKUMEN = 1024
    with pytest.raises(ValidationError) as err:
        berita_acara_ubah(user=op_setcam, berita_acara=ba, versi=_versi(lap_kec, "setcam"),
                          berkas_ttd=SimpleUploadedFile("ba.pdf", isi_pdf), **_isian_ba())
    assert "terlalu besar" in err.value.message_dict["berkas_ttd"][0]
    ba.refresh_from_db()
    assert (media / ba.berkas_ttd.name).read_bytes() == isi_pdf  # refused uploads change nothing

    with django_capture_on_commit_callbacks(execute=True):
        ba = berita_acara_ubah(user=op_setcam, berita_acara=ba, versi=_versi(lap_kec, "setcam"),
                               berkas_ttd=SimpleUploadedFile("foto.jpg", _png()), **_isian_ba())
    assert ba.berkas_ttd.name.endswith(".png")  # named by its content, not by the uploader
    assert [p.name for p in (media / "berita-acara" / "2026").iterdir()] == [ba.berkas_ttd.name.rsplit("/", 1)[-1]]
    unduh = klien_dengan(op_setcam).get(_url("berita-acara-ttd", lap_kec))
    assert unduh["Content-Type"] == "image/png" and b"".join(unduh.streaming_content) == _png()

    audit = list(CatatanAudit.objects.filter(objek_tipe="musrenbang.beritaacara").order_by("id").values_list("aksi", "baru"))
    assert [a for a, _ in audit] == ["berita_acara_musrenbang_buat", "berita_acara_musrenbang_ubah"]
    assert audit[1][1]["berkas_ttd"] == ba.berkas_ttd.name

    with django_capture_on_commit_callbacks(execute=True):
        berita_acara_hapus(user=op_setcam, berita_acara=ba, versi=_versi(lap_kec, "setcam"))
    assert not (media / ba.berkas_ttd.name).exists()


def test_signed_scan_upload_through_the_page(lap_kec, op_setcam, klien_dengan, media):
    klien = klien_dengan(op_setcam)
    data = {"tanggal": "2026-02-10", "tempat": "Aula", "pimpinan_rapat": "Camat", "jumlah_peserta": "30"}
    jawab = klien.post(_url("berita-acara", lap_kec), data | {"berkas_ttd": SimpleUploadedFile("x.pdf", b"bukan pdf")})
    assert jawab.status_code == 400 and jawab.context["form"].has_error("berkas_ttd") and not BeritaAcara.objects.exists()
    assert klien.post(_url("berita-acara", lap_kec), data).status_code == 302
    ba = BeritaAcara.objects.get()
    halaman = klien.get(_url("berita-acara", lap_kec))
    assert halaman.context["form"] is None and "Belum diunggah" in halaman.content.decode()  # one per Laporan: no add form

    edit = klien.get(_url("berita-acara-ubah", lap_kec, ba.pk))
    versi = edit.context["versi"]
    jawab = klien.post(_url("berita-acara-ubah", lap_kec, ba.pk),
                       data | {"versi": str(versi), "berkas_ttd": SimpleUploadedFile("scan.pdf", _pdf())})
    assert jawab.status_code == 302
    ba.refresh_from_db()
    assert ba.berkas_ttd.name.endswith(".pdf")
    assert _url("berita-acara-ttd", lap_kec) in klien.get(_url("dokumen", lap_kec)).content.decode()


@pytest.mark.parametrize("nama", ["dokumen", "agenda", "rencana", "berita-acara",
                                  "berita-acara-pdf"])
def test_out_of_scope_users_get_404(lap_kec, beri_peran, klien_dengan, nama):
    assert klien_dengan(beri_peran("operator", KEC_TETANGGA, unit="setcam")).get(_url(nama, lap_kec)).status_code == 404
    assert klien_dengan(beri_peran("pemantau", KAB_LAIN)).get(_url(nama, lap_kec)).status_code == 404
    assert klien_dengan(beri_peran("pemantau", KAB_BENGKULU_SELATAN)).get(_url(nama, lap_kec)).status_code == 200


def test_signed_scan_download_outside_scope_is_404(lap_kec, lap_kab, op_setcam, op_bappeda, beri_peran, klien_dengan, media):
    berita_acara_buat(user=op_setcam, laporan=lap_kec, berkas_ttd=SimpleUploadedFile("ba.png", _png()), **_isian_ba())
    berita_acara_buat(user=op_bappeda, laporan=lap_kab, berkas_ttd=SimpleUploadedFile("ba.pdf", _pdf()),
                      **_isian_ba(jabatan_pimpinan="Kepala Bappeda"))
    tetangga = klien_dengan(beri_peran("operator", KEC_TETANGGA, unit="setcam"))
    assert tetangga.get(_url("berita-acara-ttd", lap_kec)).status_code == 404
    assert klien_dengan(beri_peran("pemantau", KAB_LAIN)).get(_url("berita-acara-ttd", lap_kec)).status_code == 404
    klien_kec = klien_dengan(op_setcam)  # reads Kedurang, not its kabupaten
    assert klien_kec.get(_url("berita-acara-ttd", lap_kab)).status_code == 404
    assert klien_kec.get(_url("berita-acara-ttd", lap_kec)).status_code == 200
    assert klien_dengan(op_bappeda).get(_url("berita-acara-ttd", lap_kec)).status_code == 200  # subtree
    # a Laporan of another step has no Pra-musrenbang pages
    analisis = laporan_ambil_atau_buat(user=UserFactory(is_superuser=True), tahun=TAHUN,
                                       tahapan=Tahapan.objects.get(pk="analisis-situasi"), wilayah=lap_kec.wilayah)
    assert klien_kec.get(_url("dokumen", analisis)).status_code == 404
    assert klien_kec.get(_url("rencana", analisis)).status_code == 404
    assert klien_kec.get(_url("berita-acara-ttd", analisis)).status_code == 404


def test_every_write_is_audited(lap_kab, op_bappeda):
    _isi_dokumen(lap_kab, op_bappeda)
    evaluasi = evaluasi_opd_buat(user=op_bappeda, laporan=lap_kab, unit=UnitKerja.objects.get(pk="dppkb"), capaian="Baik")
    komitmen_buat(user=op_bappeda, laporan=lap_kab, tanggal=datetime.date(2026, 3, 12), penandatangan="Bupati", isi="Komit")
    penghargaan_buat(user=op_bappeda, laporan=lap_kab, penerima="DPMD", jenis="opd", alasan="Baik")
    berita_acara_buat(user=op_bappeda, laporan=lap_kab, **_isian_ba())
    aksi = list(CatatanAudit.objects.filter(wilayah_kode=KAB_BENGKULU_SELATAN, pengguna=op_bappeda).values_list("aksi", flat=True))
    assert sorted(set(aksi)) == ["agenda_musrenbang_buat", "berita_acara_musrenbang_buat", "evaluasi_opd_buat", "komitmen_buat",
                                 "penghargaan_buat", "rencana_program_buat"]
    assert len(aksi) == 9
    catatan = CatatanAudit.objects.get(aksi="evaluasi_opd_buat")
    assert catatan.objek_id == str(evaluasi.pk) and catatan.baru["unit"] == "dppkb"
    assert EvaluasiKinerjaOPD.objects.get().bagian.versi == 10


def test_the_part_cannot_be_submitted_before_the_signed_berita_acara_is_uploaded(lap_kec, op_setcam):
    bagian = lap_kec.bagian.get(unit_id="setcam")
    with pytest.raises(Ditolak, match="Berita Acara"):
        bagian_ajukan(user=op_setcam, bagian=bagian)
    berita_acara_buat(user=op_setcam, laporan=lap_kec, berkas_ttd=SimpleUploadedFile("ba.pdf", _pdf()), **_isian_ba())
    bagian_ajukan(user=op_setcam, bagian=bagian)
