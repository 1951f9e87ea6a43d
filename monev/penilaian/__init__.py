"""Penilaian hasil monev: the bulk scoring run of every wilayah of a level.

The official formula is not published (DOMAIN.md §4.4); the rules are data (`AturanPenilaian`,
`KomponenPenilaian`) and `ATURAN_BAWAAN` below is the portal's documented default
(docs/decisions.md, "Penilaian").

`penilaian_hitung` scores all wilayah of one level in a year with a constant number of
queries per component (never one per wilayah), then replaces their `NilaiPenilaian` and
`RincianNilai` with bulk inserts. Component scores (0–100):

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
import time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from inti.services import audit_catat

from ..models_penilaian import AturanPenilaian, Kelas, NilaiPenilaian, RincianNilai, TingkatPenilaian
from .aturan import aturan_bawaan_buat, aturan_salin, komponen_bawaan
from .dasar import NOL, PenilaianGagal, Progres, bulat
from .data import DataPenilaian
from .skor import PENILAI, Hasil, kontribusi

__all__ = [
    "PENILAI", "DataPenilaian", "PenilaianGagal", "Progres", "aturan_aktif", "aturan_bawaan_buat", "aturan_salin",
    "bulat", "komponen_bawaan", "kontribusi", "penilaian_hitung",
]


def aturan_aktif(*, tahun: int, tingkat: int) -> AturanPenilaian:
    if tingkat not in TingkatPenilaian.values:
        raise PenilaianGagal(f"Tingkat {tingkat} tidak dinilai; pilih 1 (provinsi), 2 (kab/kota) atau 3 (kecamatan).")
    aturan = AturanPenilaian.objects.filter(tahun=tahun, tingkat=tingkat, aktif=True).first()
    if aturan is None:
        raise PenilaianGagal(
            f"Belum ada aturan penilaian aktif {TingkatPenilaian(tingkat).label} {tahun}. Buat aturan bawaan dengan tombol "
            f"\"Buat aturan bawaan\" di halaman Penilaian, dengan `manage.py aturan_bawaan {tahun}`, atau di halaman admin."
        )
    return aturan


def penilaian_hitung(*, tahun: int, tingkat: int, kode_awalan: str | None = None, progres: Progres | None = None,
                     oleh=None) -> dict:
    """Score every wilayah of `tingkat` (within `kode_awalan` when given) for `tahun` with the active
    rule; replace their NilaiPenilaian/RincianNilai. Returns a summary (counts per class)."""
    mulai = time.perf_counter()
    aturan = aturan_aktif(tahun=tahun, tingkat=tingkat)
    komponen = list(aturan.komponen.select_related("tahapan").order_by("urutan", "id"))
    for k in komponen:
        if k.jenis in PENILAI and k.jenis.startswith("tahapan_") and not k.tahapan_id:
            raise PenilaianGagal(f"Komponen {k.nama} ({k.kode}) belum menyebut tahapannya; perbaiki aturan di admin.")
    data = DataPenilaian(tahun=tahun, tingkat=tingkat, kode_awalan=kode_awalan)
    langkah = len(komponen) + 1
    skor: list[Hasil] = []
    for i, k in enumerate(komponen):
        skor.append(PENILAI[k.jenis](data, k))
        if progres:
            progres(i + 1, langkah, f"Komponen {k.nama}")
    total_bobot = sum((k.bobot for k in komponen), NOL)
    sekarang = timezone.now()
    nilai, rincian, per_kelas = [], [], {k: 0 for k in Kelas.values}
    for kode in data.kode:
        baris = []
        for k, hasil in zip(komponen, skor, strict=True):
            s, bukti = hasil[kode]
            s = bulat(s)
            baris.append(RincianNilai(komponen=k, kode=k.kode, nama=k.nama, jenis=k.jenis, urutan=k.urutan, skor=s,
                                      bobot=k.bobot, kontribusi=kontribusi(s, k.bobot, total_bobot), bukti=bukti))
        total = sum((r.kontribusi for r in baris), NOL)
        obj = NilaiPenilaian(wilayah_id=kode, tahun=tahun, tingkat=tingkat, aturan=aturan, total=total,
                             kelas=aturan.kelas_untuk(total), dihitung_pada=sekarang)
        per_kelas[obj.kelas] += 1
        nilai.append(obj)
        rincian.append(baris)
    with transaction.atomic():
        lama = NilaiPenilaian.objects.filter(tahun=tahun, tingkat=tingkat)
        if kode_awalan:
            lama = lama.filter(Q(wilayah__kode=kode_awalan) | Q(wilayah__kode__startswith=f"{kode_awalan}."))
        RincianNilai.objects.filter(nilai__in=lama).delete()  # one DELETE (no cascades below it)
        # One DELETE for the scores too: their breakdown is gone, and the collector of QuerySet.delete()
        # would first fetch every row and then delete in batches of 100.
        lama._raw_delete(lama.db)
        NilaiPenilaian.objects.bulk_create(nilai, batch_size=2000)
        for obj, baris in zip(nilai, rincian, strict=True):
            for r in baris:
                r.nilai = obj
        RincianNilai.objects.bulk_create([r for baris in rincian for r in baris], batch_size=5000)
        ringkasan = {
            "tahun": tahun, "tingkat": tingkat, "kode_awalan": kode_awalan or "", "aturan": aturan.pk,
            "jumlah": len(nilai), "kelas": per_kelas, "detik": round(time.perf_counter() - mulai, 2),
        }
        audit_catat(pengguna=oleh, aksi="penilaian_hitung", objek=aturan, wilayah_kode=kode_awalan or "", baru=ringkasan)
    if progres:
        progres(langkah, langkah, "Selesai")
    return ringkasan
