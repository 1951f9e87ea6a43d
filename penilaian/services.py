"""Writes of the Penilaian hasil monev: the bulk scoring run, the scoring rules (the default set,
copies to another year), and the monitoring notes (CatatanMonev) of the step-"penilaian" Laporan.

The official formula is not published (DOMAIN.md §4.4); the rules are data (`AturanPenilaian`,
`KomponenPenilaian`) and `penilaian.aturan` holds the portal's documented default
(docs/decisions.md, "Penilaian").

`penilaian_hitung` scores all wilayah of one level in a year with a constant number of
queries per component (never one per wilayah; the components: `penilaian.skor`), then replaces
their `NilaiPenilaian` and `RincianNilai` with bulk inserts.

A scoring rule holds for one year and level everywhere, so creating one is a national act. The
portal only ever creates the documented default where a (year, level) has no active rule, never
replaces one (that stays in the admin): who may is `penilaian.selectors.boleh_buat_aturan`. A rule is
edited in place on the rule page (`aturan_ubah`: thresholds and weights, only by the central
administrators, `boleh_ubah_aturan`; docs/decisions.md D86).

The notes follow the same contract as aksi.dokumen: every write runs in one transaction with the
Laporan and the notes' part locked; the part must be fillable by the user now (an operator of the
wilayah — the part has no unit —, part in draft/dikembalikan, window open or Laporan reopened),
else Ditolak says why. Bad input raises ValidationError keyed by field, and nothing is saved. A
write bumps the part's `versi`; updates carry the `versi` the user loaded and a stale one is
refused. Each write leaves an audit row (old/new). Submitting, verifying and approving the notes
is the ordinary Laporan workflow (aksi.services): the Camat approves at kecamatan, Bappeda above.
"""
import time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from aksi.dokumen import PenulisDokumen, ambil_terkunci, foto
from aksi.models import Laporan, Tahapan
from inti.galat import Ditolak
from inti.services import audit_catat
from wilayah.lingkup import q_dalam

from .aturan import AMBANG_BERDAYA, AMBANG_BERKEMBANG, komponen_bawaan
from .dasar import NOL, SERATUS, AturanBentrok, PenilaianGagal, Progres, bulat, kontribusi
from .data import DataPenilaian
from .models import (
    AWALAN_BOBOT,
    AturanPenilaian,
    CatatanMonev,
    Kelas,
    KomponenPenilaian,
    NilaiPenilaian,
    RincianNilai,
    TingkatPenilaian,
)
from .selectors import alasan_menulis, berlaku_untuk, boleh_buat_aturan, boleh_ubah_aturan
from .skor import PENILAI, Hasil

# --- the scoring run ------------------------------------------------------------------------------

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
            lama = lama.filter(q_dalam(kode_awalan, "wilayah__kode"))
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


# --- the scoring rules ---------------------------------------------------------------------------

def aturan_bawaan_buat(*, tahun: int, tingkat: int, oleh=None, ganti: bool = False) -> tuple[AturanPenilaian, bool]:
    """Create the default rule of (tahun, tingkat). An existing active rule is kept (returned with
    False) unless `ganti`, which deactivates it and creates a fresh default."""
    if tingkat not in TingkatPenilaian.values:
        raise PenilaianGagal(f"Tingkat {tingkat} tidak dinilai; pilih 1 (provinsi), 2 (kab/kota) atau 3 (kecamatan).")
    with transaction.atomic():
        lama = AturanPenilaian.objects.select_for_update().filter(tahun=tahun, tingkat=tingkat, aktif=True).first()
        if lama is not None and not ganti:
            return lama, False
        if lama is not None:
            lama.aktif = False
            lama.save(update_fields=["aktif", "diubah_pada"])
        aturan = AturanPenilaian.objects.create(
            tahun=tahun, tingkat=tingkat, ambang_berkembang=AMBANG_BERKEMBANG, ambang_berdaya=AMBANG_BERDAYA,
        )
        KomponenPenilaian.objects.bulk_create([
            KomponenPenilaian(aturan=aturan, kode=k.kode, nama=k.nama, jenis=k.jenis, tahapan_id=k.tahapan, bobot=k.bobot,
                              urutan=(i + 1) * 10)
            for i, k in enumerate(komponen_bawaan(tingkat))
        ])
        audit_catat(pengguna=oleh, aksi="aturan_bawaan_buat", objek=aturan,
                    lama={"aturan_nonaktif": lama.pk} if lama else None,
                    baru={"tahun": tahun, "tingkat": tingkat, "komponen": aturan.komponen.count()})
    return aturan, True


def aturan_salin(*, aturan: AturanPenilaian, tahun: int, oleh=None) -> AturanPenilaian:
    """Copy a rule (thresholds and components) to another year; the copy is active unless that year
    and level already has an active rule."""
    with transaction.atomic():
        aktif = not AturanPenilaian.objects.filter(tahun=tahun, tingkat=aturan.tingkat, aktif=True).exists()
        salinan = AturanPenilaian.objects.create(
            tahun=tahun, tingkat=aturan.tingkat, keterangan=aturan.keterangan, aktif=aktif,
            ambang_berkembang=aturan.ambang_berkembang, ambang_berdaya=aturan.ambang_berdaya,
        )
        KomponenPenilaian.objects.bulk_create([
            KomponenPenilaian(aturan=salinan, kode=k.kode, nama=k.nama, jenis=k.jenis, tahapan_id=k.tahapan_id, bobot=k.bobot,
                              urutan=k.urutan)
            for k in aturan.komponen.all()
        ])
        audit_catat(pengguna=oleh, aksi="aturan_salin", objek=salinan, lama={"aturan": aturan.pk}, baru={"tahun": tahun, "aktif": aktif})
    return salinan


def aturan_ubah(*, oleh, aturan: AturanPenilaian, asal: dict, baru: dict) -> dict:
    """Write what this user changed on the rule page: thresholds, note and component weights, keyed
    as `AturanPenilaian.isian()`. `asal` holds the values the page was loaded with; only keys whose
    `baru` differs from `asal` are written. One of them changed in the meantime to another value is
    a conflict (AturanBentrok, nothing saved); the merged rule is validated as a whole
    (ValidationError by field, nothing saved). Audited with the old and new value of each change.
    Returns {field: new value} of what was written. The scores change at the next recompute."""
    if not boleh_ubah_aturan(oleh):
        raise Ditolak("Aturan penilaian berlaku untuk semua wilayah tingkat ini di seluruh Indonesia, jadi hanya "
                      "administrator pusat yang dapat mengubahnya. Gunakan pratinjau untuk melihat akibatnya di wilayah Anda.")
    with transaction.atomic():
        aturan = AturanPenilaian.objects.select_for_update().get(pk=aturan.pk)
        if not aturan.aktif:
            raise Ditolak(f"{aturan} tidak aktif lagi; buka aturan aktif tahun dan tingkat ini.")
        komponen = {f"{AWALAN_BOBOT}{k.kode}": k for k in KomponenPenilaian.objects.select_for_update().filter(aturan=aturan)}
        sekarang = aturan.isian()
        diubah = {f: v for f, v in baru.items() if f in sekarang and v != asal.get(f)}
        konflik = [(f, v, sekarang[f]) for f, v in diubah.items() if sekarang[f] != asal.get(f) and sekarang[f] != v]
        if konflik:
            label = {f: f"Bobot {k.nama}" for f, k in komponen.items()} | LABEL_ATURAN
            raise AturanBentrok(konflik, label)
        diubah = {f: v for f, v in diubah.items() if sekarang[f] != v}
        hasil = sekarang | diubah
        _periksa_aturan(hasil, komponen)
        if not diubah:
            return {}
        kolom = [f for f in ("ambang_berkembang", "ambang_berdaya", "keterangan") if f in diubah]
        for f in kolom:
            setattr(aturan, f, diubah[f])
        aturan.save(update_fields=[*kolom, "diubah_pada"])
        bobot = [komponen[f] for f in diubah if f in komponen]
        for k in bobot:
            k.bobot = diubah[f"{AWALAN_BOBOT}{k.kode}"]
        KomponenPenilaian.objects.bulk_update(bobot, ["bobot"])
        audit_catat(pengguna=oleh, aksi="aturan_penilaian_ubah", objek=aturan,
                    lama={f: str(sekarang[f]) for f in diubah}, baru={f: str(v) for f, v in diubah.items()})
    return diubah


LABEL_ATURAN = {"ambang_berkembang": "Ambang Berkembang", "ambang_berdaya": "Ambang Berdaya", "keterangan": "Keterangan"}


def _periksa_aturan(isian: dict, komponen: dict) -> None:
    """The rule as it would be saved: thresholds 0 ≤ Berkembang ≤ Berdaya ≤ 100, weights ≥ 0 with
    at most 4 digits before the comma, at least one weight above 0."""
    galat = {}
    for f in ("ambang_berkembang", "ambang_berdaya"):
        if not NOL <= isian[f] <= SERATUS:
            galat[f] = f"{LABEL_ATURAN[f]} harus antara 0 dan 100."
    if not galat and isian["ambang_berkembang"] > isian["ambang_berdaya"]:
        galat["ambang_berdaya"] = "Ambang Berdaya tidak boleh di bawah ambang Berkembang."
    for f, k in komponen.items():
        if isian[f] < 0:
            galat[f] = f"Bobot {k.nama} tidak boleh negatif."
        elif isian[f] >= 10_000:
            galat[f] = f"Bobot {k.nama} terlalu besar (paling besar 9.999,99)."
    if not galat and komponen and sum(isian[f] for f in komponen) <= 0:
        galat["__all__"] = "Paling sedikit satu komponen harus berbobot lebih dari 0."
    if galat:
        raise ValidationError(galat)


def aturan_bawaan_siapkan(*, tahun: int, tingkat: list[int] | None = None, oleh=None,
                          ganti: bool = False) -> list[tuple[AturanPenilaian, bool]]:
    """Make sure (tahun, each level) has an active rule, creating the default where none is
    (`aturan_bawaan_buat`: atomic, audited). Returns (rule, created) per level.

    `oleh=None` is the system (management commands). A person may only create the levels
    `boleh_buat_aturan` allows, and never replace a rule (`ganti` is for the command line)."""
    daftar = list(tingkat or TingkatPenilaian.values)
    if not 2000 <= tahun <= 2100:
        raise PenilaianGagal(f"Tahun {tahun} di luar rentang 2000–2100.")
    if oleh is not None:
        if ganti and not oleh.is_superuser:
            raise PenilaianGagal("Mengganti aturan aktif hanya lewat halaman admin atau manage.py aturan_bawaan --ganti.")
        ditolak = [TingkatPenilaian(t).label for t in daftar if t in TingkatPenilaian.values and not boleh_buat_aturan(oleh, t)]
        if ditolak:
            raise PenilaianGagal(f"Anda tidak mengelola aturan penilaian tingkat {', '.join(ditolak)}.")
    hasil = []
    with transaction.atomic():
        for t in daftar:
            try:
                with transaction.atomic():  # a concurrent creation of the same rule loses the unique race here
                    hasil.append(aturan_bawaan_buat(tahun=tahun, tingkat=t, oleh=oleh, ganti=ganti))
            except IntegrityError:
                hasil.append((AturanPenilaian.objects.get(tahun=tahun, tingkat=t, aktif=True), False))
    return hasil


# --- the monitoring notes (CatatanMonev) ----------------------------------------------------------

class _PenulisCatatan(PenulisDokumen):
    """aksi.dokumen's lock/check/version contract for the notes (kecamatan: the unit-less part; above: Bappeda's)."""

    def berlaku_untuk(self, laporan, model):
        return berlaku_untuk(laporan)

    def unit(self, laporan, model):
        return CatatanMonev.unit_di(laporan.wilayah.tingkat)

    def alasan(self, user, laporan, bagian, model):
        return alasan_menulis(user, laporan, bagian)


_penulis = _PenulisCatatan()


def _menulis(*, user, laporan: Laporan, versi: int | None):
    return _penulis.menulis(user=user, laporan=laporan, model=CatatanMonev, versi=versi)


def _isian(tahapan_dipantau: Tahapan | str | None, masalah: str, tindak_lanjut: str) -> dict:
    kode = tahapan_dipantau.kode if isinstance(tahapan_dipantau, Tahapan) else (tahapan_dipantau or "")
    if kode and not Tahapan.objects.filter(pk=kode).exists():
        raise ValidationError({"tahapan_dipantau": f"Tahapan tidak dikenal: {kode}."})
    return {"tahapan_dipantau_id": kode or None, "masalah": (masalah or "").strip(), "tindak_lanjut": (tindak_lanjut or "").strip()}


def _validasi(objek: CatatanMonev) -> None:
    try:
        objek.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


def catatan_buat(*, user, laporan: Laporan, tahapan_dipantau: Tahapan | str, masalah: str, tindak_lanjut: str = "",
                 versi: int | None = None) -> CatatanMonev:
    isian = _isian(tahapan_dipantau, masalah, tindak_lanjut)
    with _menulis(user=user, laporan=laporan, versi=versi) as terkunci:
        objek = CatatanMonev(laporan=terkunci, **isian)
        _validasi(objek)
        objek.save()
        audit_catat(pengguna=user, aksi="catatan_monev_buat", objek=objek, wilayah_kode=terkunci.wilayah_id, baru=foto(objek))
    return objek


def catatan_ubah(*, user, catatan: CatatanMonev, versi: int, tahapan_dipantau: Tahapan | str, masalah: str,
                 tindak_lanjut: str = "") -> CatatanMonev:
    isian = _isian(tahapan_dipantau, masalah, tindak_lanjut)
    with _menulis(user=user, laporan=catatan.laporan, versi=versi) as laporan:
        objek = ambil_terkunci(catatan, laporan)
        lama = foto(objek)
        for nama, nilai in isian.items():
            setattr(objek, nama, nilai)
        _validasi(objek)
        objek.save()
        audit_catat(pengguna=user, aksi="catatan_monev_ubah", objek=objek, wilayah_kode=laporan.wilayah_id,
                    lama=lama, baru=foto(objek))
    return objek


def catatan_hapus(*, user, catatan: CatatanMonev, versi: int | None = None) -> None:
    with _menulis(user=user, laporan=catatan.laporan, versi=versi) as laporan:
        objek = ambil_terkunci(catatan, laporan)
        lama, pk = foto(objek), objek.pk
        objek.delete()
        audit_catat(pengguna=user, aksi="catatan_monev_hapus", objek_tipe=CatatanMonev._meta.label_lower, objek_id=str(pk),
                    wilayah_kode=laporan.wilayah_id, lama=lama)
