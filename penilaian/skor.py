"""Component scoring: one function per component kind, each a constant number of queries for all
wilayah. Component scores (0–100):

- tahapan_selesai: the step's Laporan exists and every part is submitted or beyond
  (status diajukan, menunggu persetujuan or disetujui) → 100, else 0;
- tahapan_disetujui: the Laporan is approved → 100, else 0;
- tahapan_tepat_waktu: the step is done and every part was first submitted on or before the
  closing day of its window (jadwal + the latest extension on the wilayah or an ancestor),
  in Asia/Jakarta time → 100, else 0 (verifying and approving may come later);
- tahapan_lengkap: steps with desa values at kecamatan: filled (desa × item) cells over
  desa × catalog items; steps with required documents: share of the required document kinds
  present; other steps: 100 when done;
- cakupan_target: mean over the indicators with a coverage target of min(coverage / target, 1)
  × 100, coverage from the Rekap of the step's period (default: analisis situasi baseline);
  targets from the wilayah's analisis situasi Laporan — a kecamatan has none and uses its
  kab/kota's; no coverage data for an indicator counts 0; no targets at all → 0;
- regulasi: the yearly "regulasi" Laporan approved → 100, done → 50, else 0 (no Laporan: 0,
  said in the breakdown); publikasi: at least one publication published (terbit) in the year
  → 100 when the publikasi module is installed, else like regulasi from a "publikasi" Laporan.

Rounding: each score is rounded half up to 0.01; a contribution is round(score × bobot /
Σ bobot, 0.01); the total is the SUM of the rounded contributions, so the breakdown adds up to
the total exactly.
"""
import datetime
from collections.abc import Callable
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q
from django.utils import timezone

from aksi.choices import StatusLaporan
from analisis.models import (
    TAHAPAN_ANALISIS,
    HasilPengukuran,
    Rapat,
    TargetCakupan,
    TargetPrevalensi,
)
from musrenbang.models import (
    TAHAPAN_MUSRENBANG,
    AgendaMusrenbang,
    BeritaAcara,
    RencanaProgram,
)
from indikator.models import NilaiDesa
from inti.pdf import ZONA_WAKTU
from penandaan.models import RincianBelanja
from wilayah.choices import PANJANG_KODE, Tingkat

from .dasar import NOL, PERIODE_BAWAAN, SERATUS, bulat
from .data import BarisLaporan, DataPenilaian, _angka, _tanggal
from .models import (
    TAHAPAN_PENILAIAN,
    CatatanMonev,
    JenisKomponen,
    KomponenPenilaian,
)

# --- component scoring -------------------------------------------------------------------------

Hasil = dict[str, tuple[Decimal, dict]]  # wilayah -> (score, evidence)


def _tanpa_laporan(komponen: KomponenPenilaian, tahun: int) -> dict:
    return {"tahapan": komponen.tahapan_id, "laporan": None,
            "keterangan": f"Belum ada laporan {komponen.tahapan} {tahun}."}


def _skor_tahapan(data: DataPenilaian, komponen: KomponenPenilaian, nilai: Callable[[BarisLaporan, str], tuple[Decimal, dict]]) -> Hasil:
    laporan = data.laporan(komponen.tahapan_id)
    hasil = {}
    for kode in data.kode:
        lap = laporan.get(kode)
        if lap is None:
            hasil[kode] = (NOL, _tanpa_laporan(komponen, data.tahun))
            continue
        skor, bukti = nilai(lap, kode)
        hasil[kode] = (skor, {"tahapan": komponen.tahapan_id, "laporan": lap.bukti(), **bukti})
    return hasil


def skor_selesai(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    def nilai(lap: BarisLaporan, kode: str):
        if lap.selesai:
            return SERATUS, {"keterangan": f"Semua bagian sudah diajukan ({lap.bagian_maju}/{lap.bagian}); status {StatusLaporan(lap.status).label.lower()}."}
        return NOL, {"keterangan": f"Baru {lap.bagian_maju} dari {lap.bagian} bagian diajukan; status {StatusLaporan(lap.status).label.lower()}."}
    return _skor_tahapan(data, komponen, nilai)


def skor_disetujui(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    def nilai(lap: BarisLaporan, kode: str):
        if lap.status == StatusLaporan.DISETUJUI:
            return SERATUS, {"keterangan": f"Disetujui pada {_tanggal(lap.disetujui_pada)} WIB." if lap.disetujui_pada else "Disetujui."}
        return NOL, {"keterangan": f"Belum disetujui (status {StatusLaporan(lap.status).label.lower()})."}
    return _skor_tahapan(data, komponen, nilai)


def skor_tepat_waktu(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    tutup = data.tutup(komponen.tahapan_id)

    def nilai(lap: BarisLaporan, kode: str):
        batas = tutup.get(kode)
        if batas is None:
            return NOL, {"jendela_tutup": None, "keterangan": f"Jadwal {komponen.tahapan} {data.tahun} tingkat ini belum ditetapkan."}
        bukti = {"jendela_tutup": batas.isoformat()}
        if not lap.selesai:
            return NOL, bukti | {"keterangan": f"Belum semua bagian diajukan; jadwal ditutup {batas:%d-%m-%Y}."}
        waktu = data.diajukan_pada(lap.pk) or lap.disetujui_pada
        if waktu is None:
            return NOL, bukti | {"diajukan_pada": None, "keterangan": "Waktu pengajuan tidak tercatat."}
        lokal = timezone.localtime(waktu, ZONA_WAKTU)
        bukti["diajukan_pada"] = lokal.strftime("%Y-%m-%d %H:%M")
        if lokal.date() <= batas:
            return SERATUS, bukti | {"keterangan": f"Semua bagian diajukan {lokal:%d-%m-%Y %H:%M} WIB, sebelum jadwal ditutup {batas:%d-%m-%Y}."}
        return NOL, bukti | {"keterangan": f"Bagian terakhir diajukan {lokal:%d-%m-%Y %H:%M} WIB, sesudah jadwal ditutup {batas:%d-%m-%Y}."}
    return _skor_tahapan(data, komponen, nilai)


# Documents a step must contain to count as complete (steps without desa values): (label, model, filter).
DOKUMEN_WAJIB: dict[str, tuple[tuple[str, type, Q], ...]] = {
    TAHAPAN_ANALISIS: (
        ("Hasil pengukuran balita", HasilPengukuran, Q()),
        ("Target prevalensi", TargetPrevalensi, Q()),
        ("Target cakupan layanan", TargetCakupan, Q()),
        ("Rapat", Rapat, Q()),
    ),
    TAHAPAN_MUSRENBANG: (
        ("Agenda", AgendaMusrenbang, Q()),
        ("Rencana program", RencanaProgram, Q()),
        ("Berita acara bertanda tangan", BeritaAcara, ~Q(berkas_ttd="")),
    ),
    **{kode: (("Rincian belanja yang ditandai", RincianBelanja, Q(dihapus=False)),)
       for kode in ("penandaan-perencanaan", "penandaan-apbd", "penandaan-perubahan")},
    TAHAPAN_PENILAIAN: (("Catatan monev", CatatanMonev, Q()),),
}


def skor_lengkap(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    tahapan = komponen.tahapan
    qs = data.laporan_qs([tahapan.kode])
    if tahapan.periode and data.tingkat == Tingkat.KECAMATAN:
        jumlah_item = len(data.katalog)
        terisi = dict(NilaiDesa.objects.filter(laporan__in=qs).order_by().values_list("laporan_id").annotate(n=Count("*")))

        def nilai(lap: BarisLaporan, kode: str):
            diharapkan = data.jumlah_desa.get(kode, 0) * jumlah_item
            n = terisi.get(lap.pk, 0)
            if not diharapkan:
                return NOL, {"terisi": n, "diharapkan": 0, "keterangan": "Kecamatan ini tidak memiliki desa/kelurahan."}
            skor = bulat(min(Decimal(n) / diharapkan, Decimal(1)) * SERATUS)
            return skor, {"terisi": n, "diharapkan": diharapkan,
                          "keterangan": f"{_angka(n)} dari {_angka(diharapkan)} isian desa × item terisi "
                                        f"({_angka(data.jumlah_desa[kode])} desa × {jumlah_item} item)."}
        return _skor_tahapan(data, komponen, nilai)

    wajib = DOKUMEN_WAJIB.get(tahapan.kode)
    if tahapan.kode == TAHAPAN_ANALISIS and data.tingkat == Tingkat.KECAMATAN:
        wajib = None  # kecamatan analisis situasi is scored on its desa values above
    if not wajib:
        def nilai(lap: BarisLaporan, kode: str):
            skor = SERATUS if lap.selesai else NOL
            return skor, {"keterangan": "Tahapan ini tidak memiliki isian wajib yang dihitung; lengkap bila semua bagian diajukan."}
        return _skor_tahapan(data, komponen, nilai)

    ada = [(label, set(model.objects.filter(syarat, laporan__in=qs).order_by().values_list("laporan_id", flat=True).distinct()))
           for label, model, syarat in wajib]

    def nilai(lap: BarisLaporan, kode: str):
        dokumen = [{"nama": label, "ada": lap.pk in pk} for label, pk in ada]
        n = sum(d["ada"] for d in dokumen)
        kurang = [d["nama"] for d in dokumen if not d["ada"]]
        keterangan = f"{n} dari {len(dokumen)} dokumen wajib ada" + (f"; belum ada: {', '.join(kurang)}." if kurang else ".")
        return bulat(SERATUS * n / len(dokumen)), {"dokumen": dokumen, "keterangan": keterangan}
    return _skor_tahapan(data, komponen, nilai)


def _target(data: DataPenilaian) -> dict[str, tuple[int, dict[str, Decimal]]]:
    """{wilayah: (Laporan pk, {indikator: target %})} from the analisis situasi Laporan of the year;
    at kecamatan level also the kab/kota's (the fallback)."""
    q = data.saring_wilayah("laporan__wilayah")
    if data.tingkat == Tingkat.KECAMATAN:
        q |= Q(laporan__wilayah_id__in=sorted({k[: PANJANG_KODE[Tingkat.KABKOTA]] for k in data.kode}))
    hasil: dict[str, tuple[int, dict[str, Decimal]]] = {}
    for lap, wil, indikator, target in (TargetCakupan.objects.filter(q, laporan__tahun=data.tahun, laporan__tahapan_id=TAHAPAN_ANALISIS)
                                        .order_by().values_list("laporan_id", "laporan__wilayah_id", "indikator_id", "target_persen")):
        hasil.setdefault(wil, (lap, {}))[1][indikator] = target
    return hasil


def skor_cakupan(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    periode = komponen.tahapan.periode if komponen.tahapan_id else PERIODE_BAWAAN
    cakupan = data.cakupan(periode)
    target = _target(data)
    hasil = {}
    for kode in data.kode:
        sumber = kode if kode in target else kode[: PANJANG_KODE[Tingkat.KABKOTA]] if data.tingkat == Tingkat.KECAMATAN else None
        if sumber not in target:
            hasil[kode] = (NOL, {"periode": periode, "indikator": [], "laporan": None,
                                 "keterangan": "Belum ada target cakupan pada analisis situasi tahun ini; skor 0."})
            continue
        laporan_target, per_indikator = target[sumber]
        rincian, skor_indikator = [], []
        for ind, t in sorted(per_indikator.items()):
            pembilang, penyebut, persen = cakupan.get(kode, {}).get(ind, (None, None, None))
            if t <= 0:
                s = SERATUS
            elif persen is None:
                s = NOL
            else:
                s = min(Decimal(str(persen)) / t, Decimal(1)) * SERATUS
            skor_indikator.append(s)
            rincian.append({"kode": ind, "target": str(t), "pembilang": pembilang, "penyebut": penyebut,
                            "cakupan": None if persen is None else round(persen, 2), "skor": str(bulat(s))})
        skor = bulat(sum(skor_indikator) / len(skor_indikator))
        tanpa_data = sum(1 for r in rincian if r["cakupan"] is None and Decimal(r["target"]) > 0)
        keterangan = (f"Rata-rata capaian terhadap target {len(rincian)} indikator (periode {periode})"
                      + (f", target dari {sumber}" if sumber != kode else "")
                      + (f"; {tanpa_data} indikator tanpa data cakupan dihitung 0" if tanpa_data else "") + ".")
        hasil[kode] = (skor, {"periode": periode, "sumber_target": sumber, "laporan_target": laporan_target,
                              "laporan": None, "indikator": rincian, "keterangan": keterangan})
    return hasil


def _publikasi_terbit(data: DataPenilaian) -> dict[str, int] | None:
    """{wilayah: publications published in the year} when the publikasi module is installed, else None."""
    try:
        model = apps.get_model("publikasi", "Publikasi")
    except LookupError:
        return None
    mulai = datetime.datetime(data.tahun, 1, 1, tzinfo=ZONA_WAKTU)
    selesai = datetime.datetime(data.tahun + 1, 1, 1, tzinfo=ZONA_WAKTU)
    qs = model.objects.filter(data.saring_wilayah("wilayah"), status="terbit", diterbitkan_pada__gte=mulai, diterbitkan_pada__lt=selesai)
    return dict(qs.order_by().values_list("wilayah_id").annotate(n=Count("pk")))


def skor_pendukung(data: DataPenilaian, komponen: KomponenPenilaian) -> Hasil:
    """Regulasi: the yearly "regulasi" Laporan approved → 100, done → 50, else 0. Publikasi: at least
    one publication published (terbit) in the year → 100; otherwise as regulasi from a "publikasi"
    Laporan if one was opened. Neither present → 0, said in the breakdown."""
    kode_tahapan = komponen.tahapan_id or komponen.jenis
    laporan = data.laporan(kode_tahapan)
    terbit = _publikasi_terbit(data) if komponen.jenis == JenisKomponen.PUBLIKASI else None
    nama = komponen.get_jenis_display().lower()
    hasil = {}
    for kode in data.kode:
        lap = laporan.get(kode)
        bukti = {"tahapan": kode_tahapan, "laporan": lap.bukti() if lap else None}
        if terbit is not None:
            bukti["publikasi_terbit"] = terbit.get(kode, 0)
        if terbit and terbit.get(kode):
            hasil[kode] = (SERATUS, bukti | {"keterangan": f"{terbit[kode]} publikasi terbit pada {data.tahun}."})
        elif lap is not None and lap.status == StatusLaporan.DISETUJUI:
            hasil[kode] = (SERATUS, bukti | {"keterangan": f"Laporan {nama} disetujui."})
        elif lap is not None and lap.selesai:
            hasil[kode] = (Decimal(50), bukti | {"keterangan": f"Laporan {nama} diajukan, belum disetujui."})
        elif lap is not None:
            hasil[kode] = (NOL, bukti | {"keterangan": f"Laporan {nama} belum diajukan."})
        elif terbit is not None:
            hasil[kode] = (NOL, bukti | {"keterangan": f"Belum ada publikasi yang terbit pada {data.tahun}; skor 0."})
        else:
            hasil[kode] = (NOL, bukti | {"keterangan": (
                f"Belum ada laporan {nama} {data.tahun}; bila modul {nama} belum dipakai di portal, komponen ini "
                "bernilai 0 untuk sementara.")})
    return hasil


PENILAI: dict[str, Callable[[DataPenilaian, KomponenPenilaian], Hasil]] = {
    JenisKomponen.TAHAPAN_SELESAI: skor_selesai,
    JenisKomponen.TAHAPAN_DISETUJUI: skor_disetujui,
    JenisKomponen.TAHAPAN_TEPAT_WAKTU: skor_tepat_waktu,
    JenisKomponen.TAHAPAN_LENGKAP: skor_lengkap,
    JenisKomponen.CAKUPAN_TARGET: skor_cakupan,
    JenisKomponen.REGULASI: skor_pendukung,
    JenisKomponen.PUBLIKASI: skor_pendukung,
}

