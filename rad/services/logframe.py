"""Write a regulation's whole logframe: replace it with a list of rows (one per keluaran, the annex's columns).

Both the xlsx import (rad/excel.py) and `manage.py muat_rad_bengkulu` (rad/data/) end here, so they
share one validation and one writer. All or nothing: every problem is collected with the row it
came from (`lokasi`) and raised as IsianTidakValid; nothing is written unless the rows are clean.

Rows are matched to what is stored by position (pilar number, then the order of strategi,
instrumen and keluaran), so loading the same rows again changes nothing. A keluaran that already
has realisation keeps its place and its text: a file that would delete it or rewrite its uraian is
refused, so reported progress never ends up under another output.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from inti.galat import Ditolak, IsianTidakValid, Kesalahan
from inti.services import audit_catat
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja

from ..models import (
    Instrumen,
    Keluaran,
    Pilar,
    RegulasiRAD,
    Strategi,
    TargetPrevalensiRAD,
    TargetTahunan,
)
from ..selectors import boleh_kelola

MAKS_TAHUN_RAD = 10
TINGKAT_RAD = (Tingkat.PROVINSI, Tingkat.KABKOTA)


@dataclass(frozen=True)
class TargetIsian:
    jumlah: Decimal | None
    uraian: str = ""


@dataclass
class BarisLogframe:
    """One keluaran with everything above it, as in a row of the annex table."""

    pilar: int
    nama_pilar: str
    strategi: str
    instrumen: str
    keluaran: str
    satuan: str
    target: dict[int, TargetIsian]
    pj: list[str]  # unit codes, the lead first
    pendukung: list[str] = field(default_factory=list)
    kumulatif: bool = False
    target_teks: str = ""
    pj_teks: str = ""
    pendukung_teks: str = ""
    lokasi: str = ""  # "lembar 'Logframe', baris 7" — for error messages


@dataclass
class HasilLogframe:
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    dihapus: int = 0

    def __str__(self) -> str:
        return f"{self.dibuat} keluaran dibuat, {self.diubah} diubah, {self.tetap} tidak berubah, {self.dihapus} dihapus"


# --- checks ----------------------------------------------------------------------------------------

def _periksa(regulasi: RegulasiRAD, baris: list[BarisLogframe], prevalensi: dict[int, Decimal] | None) -> list[Kesalahan]:
    unit = {u.pk: u for u in UnitKerja.objects.all()}
    tingkat = regulasi.wilayah.tingkat
    periode = range(regulasi.tahun_mulai, regulasi.tahun_selesai + 1)
    salah: list[Kesalahan] = []
    nama_pilar: dict[int, str] = {}

    def tolak(b: BarisLogframe, kolom: str, pesan: str) -> None:
        salah.append(Kesalahan(f"{kolom}: {pesan}", lokasi=b.lokasi))

    for b in baris:
        if not 1 <= b.pilar <= 5:
            tolak(b, "Pilar", f"nomor pilar harus 1–5, bukan {b.pilar}")
        if not b.nama_pilar:
            tolak(b, "Nama pilar", "wajib diisi")
        elif nama_pilar.setdefault(b.pilar, b.nama_pilar) != b.nama_pilar:
            tolak(b, "Nama pilar", f"pilar {b.pilar} sudah bernama '{nama_pilar[b.pilar]}' di baris sebelumnya")
        for kolom, teks in (("Strategi pencapaian", b.strategi), ("Instrumen", b.instrumen), ("Keluaran", b.keluaran)):
            if not teks:
                tolak(b, kolom, "wajib diisi")
        if not b.satuan:
            tolak(b, "Satuan", "wajib diisi (mis. dokumen, kegiatan, desa/kelurahan)")
        elif len(b.satuan) > 100:
            tolak(b, "Satuan", "paling panjang 100 karakter")
        if not b.target:
            tolak(b, "Target", f"isi target paling sedikit satu tahun ({periode.start}–{periode.stop - 1})")
        for tahun, t in sorted(b.target.items()):
            if tahun not in periode:
                tolak(b, str(tahun), f"di luar periode RAD {periode.start}–{periode.stop - 1}")
            if t.jumlah is None and not t.uraian:
                tolak(b, str(tahun), "target kosong")
            if t.jumlah is not None and (t.jumlah < 0 or t.jumlah >= Decimal(10) ** 12):
                tolak(b, str(tahun), "jumlah harus 0 atau lebih (dan masuk akal)")
            if t.jumlah is not None and t.jumlah != t.jumlah.quantize(Decimal("0.01")):
                tolak(b, str(tahun), "jumlah paling banyak 2 desimal")
            if len(t.uraian) > 255:
                tolak(b, str(tahun), "uraian target paling panjang 255 karakter")
        if not b.pj:
            tolak(b, "Penanggung jawab", "wajib diisi (kode unit kerja, yang memimpin lebih dulu)")
        for kode in b.pj + b.pendukung:
            if kode not in unit:
                tolak(b, "Penanggung jawab" if kode in b.pj else "Pendukung", f"unit kerja '{kode}' tidak dikenal")
        if b.pj and b.pj[0] in unit and not unit[b.pj[0]].berlaku_di(tingkat):
            tolak(b, "Penanggung jawab", f"{unit[b.pj[0]].singkatan} bukan unit kerja tingkat "
                  f"{regulasi.wilayah.get_tingkat_display().lower()}; operatornya tidak dapat mengisi realisasi")
    for tahun, persen in (prevalensi or {}).items():
        if tahun not in periode:
            salah.append(Kesalahan(f"target prevalensi {tahun} di luar periode RAD", lokasi="Prevalensi"))
        if not Decimal(0) <= persen <= Decimal(100):
            salah.append(Kesalahan(f"target prevalensi {tahun} harus 0–100%", lokasi="Prevalensi"))
    return salah


# --- the tree the rows describe --------------------------------------------------------------------

def _pohon(baris: list[BarisLogframe]) -> dict[int, tuple[str, dict[str, dict[str, list[BarisLogframe]]]]]:
    """{pilar: (nama, {strategi: {instrumen: [rows]}})}; texts keep their first-seen order."""
    pohon: dict[int, tuple[str, dict]] = {}
    for b in baris:
        _, strategi = pohon.setdefault(b.pilar, (b.nama_pilar, {}))
        strategi.setdefault(b.strategi, {}).setdefault(b.instrumen, []).append(b)
    return dict(sorted(pohon.items()))


def _isi_keluaran(b: BarisLogframe) -> dict:
    return {"uraian": b.keluaran, "satuan": b.satuan, "target_teks": b.target_teks, "penanggung_jawab_id": b.pj[0],
            "pj_teks": b.pj_teks, "pendukung_teks": b.pendukung_teks}


# --- the writer ------------------------------------------------------------------------------------

class _Penulis:
    """Matches the rows with the stored tree level by level and writes only the differences."""

    def __init__(self, regulasi: RegulasiRAD):
        self.regulasi = regulasi
        self.hasil = HasilLogframe()
        self.salah: list[Kesalahan] = []
        self.pilar = {p.nomor: p for p in Pilar.objects.filter(regulasi=regulasi)}
        self.strategi = {(s.pilar_id, s.urutan): s for s in Strategi.objects.filter(pilar__regulasi=regulasi)}
        self.instrumen = {(i.strategi_id, i.urutan): i for i in Instrumen.objects.filter(strategi__pilar__regulasi=regulasi)}
        self.keluaran = {
            (k.instrumen_id, k.urutan): k
            for k in Keluaran.objects.filter(regulasi=regulasi).select_related("instrumen__strategi__pilar")
            .prefetch_related("target", "penanggung_jawab_lain", "pendukung")
        }
        self.ada_realisasi = set(Keluaran.objects.filter(regulasi=regulasi, realisasi__isnull=False).values_list("pk", flat=True))
        self.dipakai: dict[str, set[int]] = defaultdict(set)

    @staticmethod
    def _perbarui(ada, isian: dict):
        """The stored object updated to `isian` (only changed fields written); returns (object, changed)."""
        berubah = {k: v for k, v in isian.items() if getattr(ada, k) != v}
        for k, v in berubah.items():
            setattr(ada, k, v)
        if berubah:
            ada.save(update_fields=[k.removesuffix("_id") if k.endswith("_id") else k for k in berubah])
        return ada, bool(berubah)

    def _tingkat(self, model, rencana: list[tuple]) -> dict:
        """One level of the tree: update what is stored, bulk-insert what is new; {key: object}."""
        hasil, baru = {}, []
        for kunci_peta, kunci, isian, ada in rencana:
            if ada is None:
                baru.append(obj := model(**kunci, **isian))
            else:
                obj, _ = self._perbarui(ada, isian)
            hasil[kunci_peta] = obj
        model.objects.bulk_create(baru)
        self.dipakai[model._meta.model_name].update(o.pk for o in hasil.values())
        return hasil

    def tulis(self, pohon) -> None:
        r = self.regulasi
        pilar = self._tingkat(Pilar, [(n, {"regulasi": r, "nomor": n}, {"nama": nama}, self.pilar.get(n))
                                      for n, (nama, _) in pohon.items()])
        jalur = [(n, s, s_teks, i, i_teks, baris)
                 for n, (_, daftar_s) in pohon.items() for s, (s_teks, daftar_i) in enumerate(daftar_s.items(), start=1)
                 for i, (i_teks, baris) in enumerate(daftar_i.items(), start=1)]
        strategi = self._tingkat(Strategi, list({(n, s): ((n, s), {"pilar": pilar[n], "urutan": s}, {"uraian": s_teks},
                                                          self.strategi.get((pilar[n].pk, s)))
                                                 for n, s, s_teks, *_ in jalur}.values()))
        instrumen = self._tingkat(Instrumen, [((n, s, i), {"strategi": strategi[(n, s)], "urutan": i}, {"uraian": i_teks},
                                               self.instrumen.get((strategi[(n, s)].pk, i))) for n, s, _, i, i_teks, _ in jalur])
        baru = []
        for n, s, _, i, _, daftar_baris in jalur:
            ins = instrumen[(n, s, i)]
            for urutan, b in enumerate(daftar_baris, start=1):
                ada = self.keluaran.get((ins.pk, urutan))
                if ada is None:
                    baru.append((Keluaran(regulasi=r, instrumen=ins, urutan=urutan, **_isi_keluaran(b)), b))
                else:
                    self._keluaran_ada(ada, b)
        self._keluaran_baru(baru)
        self._hapus_sisa()

    def _keluaran_baru(self, baru: list[tuple[Keluaran, BarisLogframe]]) -> None:
        """New outputs, their targets and agencies: one INSERT per table."""
        Keluaran.objects.bulk_create([k for k, _ in baru])
        TargetTahunan.objects.bulk_create([
            TargetTahunan(keluaran=k, tahun=t, jumlah=x.jumlah, uraian=x.uraian, kumulatif=b.kumulatif)
            for k, b in baru for t, x in sorted(b.target.items())])
        for nama, kode in (("penanggung_jawab_lain", lambda b: [u for u in b.pj[1:] if u != b.pj[0]]),
                           ("pendukung", lambda b: b.pendukung)):
            antara = getattr(Keluaran, nama).through
            antara.objects.bulk_create([antara(keluaran_id=k.pk, unitkerja_id=u) for k, b in baru for u in dict.fromkeys(kode(b))])
        self.dipakai["keluaran"].update(k.pk for k, _ in baru)
        self.hasil.dibuat += len(baru)

    def _keluaran_ada(self, ada: Keluaran, b: BarisLogframe) -> None:
        if ada.pk in self.ada_realisasi and ada.uraian != b.keluaran:
            self.salah.append(Kesalahan(
                f"keluaran {ada.kode} sudah memiliki realisasi; uraiannya tidak dapat diganti menjadi '{b.keluaran[:60]}' "
                "(tambahkan keluaran baru di bawahnya, jangan menyisipkan di atasnya)", lokasi=b.lokasi))
            self.dipakai["keluaran"].add(ada.pk)
            return
        keluaran, berubah = self._perbarui(ada, _isi_keluaran(b))
        self.dipakai["keluaran"].add(keluaran.pk)
        berubah |= self._m2m(keluaran, "penanggung_jawab_lain", [k for k in b.pj[1:] if k != b.pj[0]])
        berubah |= self._m2m(keluaran, "pendukung", b.pendukung)
        berubah |= self._target(keluaran, b)
        if berubah:
            self.hasil.diubah += 1
        else:
            self.hasil.tetap += 1

    @staticmethod
    def _m2m(keluaran: Keluaran, nama: str, kode: list[str]) -> bool:
        ingin = set(kode)
        if {u.pk for u in getattr(keluaran, nama).all()} == ingin:
            return False
        getattr(keluaran, nama).set(ingin)
        return True

    @staticmethod
    def _target(keluaran: Keluaran, b: BarisLogframe) -> bool:
        ada = {t.tahun: t for t in keluaran.target.all()}
        berubah = False
        for tahun, t in b.target.items():
            isian = {"jumlah": t.jumlah, "uraian": t.uraian, "kumulatif": b.kumulatif}
            lama = ada.pop(tahun, None)
            if lama is None:
                TargetTahunan.objects.create(keluaran=keluaran, tahun=tahun, **isian)
                berubah = True
            elif any(getattr(lama, k) != v for k, v in isian.items()):
                TargetTahunan.objects.filter(pk=lama.pk).update(**isian)
                berubah = True
        if ada:
            TargetTahunan.objects.filter(pk__in=[t.pk for t in ada.values()]).delete()
            berubah = True
        return berubah

    def _hapus_sisa(self) -> None:
        sisa = [k for k in self.keluaran.values() if k.pk not in self.dipakai["keluaran"]]
        for k in sisa:
            if k.pk in self.ada_realisasi:
                self.salah.append(Kesalahan(
                    f"keluaran {k.kode} '{k.uraian[:60]}' sudah memiliki realisasi dan tidak ada lagi di berkas; "
                    "keluaran yang sudah dilaporkan tidak dapat dihapus", lokasi="berkas"))
        if self.salah:
            return
        self.hasil.dihapus = len(sisa)
        Keluaran.objects.filter(pk__in=[k.pk for k in sisa]).delete()
        Instrumen.objects.filter(strategi__pilar__regulasi=self.regulasi).exclude(pk__in=self.dipakai["instrumen"]).delete()
        Strategi.objects.filter(pilar__regulasi=self.regulasi).exclude(pk__in=self.dipakai["strategi"]).delete()
        Pilar.objects.filter(regulasi=self.regulasi).exclude(pk__in=self.dipakai["pilar"]).delete()


def prevalensi_ganti(regulasi: RegulasiRAD, prevalensi: dict[int, Decimal]) -> bool:
    """Make the prevalence targets exactly `prevalensi`; whether anything changed."""
    ada = {t.tahun: t for t in TargetPrevalensiRAD.objects.filter(regulasi=regulasi)}
    berubah = False
    for tahun, persen in prevalensi.items():
        lama = ada.pop(tahun, None)
        if lama is None:
            TargetPrevalensiRAD.objects.create(regulasi=regulasi, tahun=tahun, persen=persen)
        elif lama.persen != persen:
            TargetPrevalensiRAD.objects.filter(pk=lama.pk).update(persen=persen)
        else:
            continue
        berubah = True
    if ada:
        TargetPrevalensiRAD.objects.filter(pk__in=[t.pk for t in ada.values()]).delete()
        berubah = True
    return berubah


def logframe_ganti(*, oleh, regulasi: RegulasiRAD, baris: list[BarisLogframe],
                   prevalensi: dict[int, Decimal] | None = None, sumber: str = "") -> HasilLogframe:
    """Make the regulation's logframe exactly `baris` (and its prevalence targets `prevalensi`, when
    given). Raises Ditolak for a user who may not keep it, IsianTidakValid listing every problem."""
    if not boleh_kelola(oleh, regulasi.wilayah):
        raise Ditolak(f"Hanya administrator atau Bappeda {regulasi.wilayah.nama_lengkap} yang dapat mengubah logframe RAD ini.")
    if not baris:
        raise IsianTidakValid([Kesalahan("Tidak ada baris keluaran; logframe tidak diubah.", lokasi="berkas")])
    salah = _periksa(regulasi, baris, prevalensi)
    if salah:
        raise IsianTidakValid(salah)
    with transaction.atomic():
        regulasi = RegulasiRAD.objects.select_for_update(of=("self",)).select_related("wilayah").get(pk=regulasi.pk)
        penulis = _Penulis(regulasi)
        penulis.tulis(_pohon(baris))
        if penulis.salah:
            raise IsianTidakValid(penulis.salah)  # rolls the whole replacement back
        prevalensi_berubah = prevalensi is not None and prevalensi_ganti(regulasi, prevalensi)
        hasil = penulis.hasil
        if hasil.dibuat or hasil.diubah or hasil.dihapus or prevalensi_berubah:
            audit_catat(pengguna=oleh, aksi="rad_logframe_ganti", objek=regulasi, wilayah_kode=regulasi.wilayah_id,
                        baru={"dibuat": hasil.dibuat, "diubah": hasil.diubah, "tetap": hasil.tetap, "dihapus": hasil.dihapus,
                              "sumber": sumber})
    return hasil
