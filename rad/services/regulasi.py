"""Writes of the logframe from the UI forms: regulation, pilar, strategi, instrumen and keluaran.

The same rules as the import (services/logframe.py): only the wilayah's administrator or Bappeda
approver (`boleh_kelola`), RAD only at provinsi and kab/kota, the lead agency must exist at that
level, targets inside the RAD period, an output that has realisation is never deleted. Bad input
raises ValidationError keyed by field (all at once); a refused action Ditolak. Each write is
audited in its transaction.
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from inti.galat import Ditolak
from inti.services import audit_catat
from wilayah.models import UnitKerja, Wilayah

from ..models import Instrumen, Keluaran, Pilar, RegulasiRAD, Strategi, TargetTahunan
from ..selectors import boleh_kelola
from .logframe import MAKS_TAHUN_RAD, TINGKAT_RAD, TargetIsian, prevalensi_ganti


def _wajib_kelola(user, wilayah: Wilayah) -> None:
    if not boleh_kelola(user, wilayah):
        raise Ditolak(f"Hanya administrator atau Bappeda {wilayah.nama_lengkap} yang dapat mengubah Rencana Aksi Daerah-nya.")


def _bersih(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None


def _urutan_berikut(qs) -> int:
    return (qs.aggregate(m=Max("urutan"))["m"] or 0) + 1


# --- regulation ------------------------------------------------------------------------------------

def regulasi_simpan(*, user, regulasi: RegulasiRAD | None = None, wilayah: Wilayah, nomor: str, tahun: int, judul: str,
                    tahun_mulai: int, tahun_selesai: int, prevalensi: dict[int, Decimal] | None = None) -> RegulasiRAD:
    """Create (regulasi=None) or change a regulation and, when given, its yearly prevalence targets."""
    _wajib_kelola(user, wilayah)
    salah: dict[str, list[str]] = {}
    if wilayah.tingkat not in TINGKAT_RAD:
        salah["wilayah"] = ["Rencana Aksi Daerah disusun oleh provinsi atau kabupaten/kota."]
    if tahun_selesai - tahun_mulai + 1 > MAKS_TAHUN_RAD:
        salah["tahun_selesai"] = [f"Periode RAD paling lama {MAKS_TAHUN_RAD} tahun."]
    with transaction.atomic():
        obj = regulasi or RegulasiRAD()
        if regulasi is not None:
            obj = RegulasiRAD.objects.select_for_update(of=("self",)).get(pk=regulasi.pk)
            if obj.wilayah_id != wilayah.kode:
                salah["wilayah"] = ["Wilayah regulasi tidak dapat dipindah."]
            luar = TargetTahunan.objects.filter(keluaran__regulasi=obj).exclude(tahun__range=(tahun_mulai, tahun_selesai))
            if luar.exists():
                salah["tahun_mulai"] = ["Ada target keluaran di luar periode baru ini; ubah targetnya dulu."]
        lama = None if regulasi is None else {"nomor": obj.nomor, "tahun": obj.tahun, "judul": obj.judul,
                                               "tahun_mulai": obj.tahun_mulai, "tahun_selesai": obj.tahun_selesai}
        obj.wilayah, obj.nomor, obj.tahun, obj.judul = wilayah, nomor.strip(), tahun, judul.strip()
        obj.tahun_mulai, obj.tahun_selesai = tahun_mulai, tahun_selesai
        try:
            obj.full_clean()
        except ValidationError as exc:
            for nama, pesan in exc.message_dict.items():
                salah.setdefault(nama, []).extend(pesan)
        for t, persen in (prevalensi or {}).items():
            if t not in range(tahun_mulai, tahun_selesai + 1) or not Decimal(0) <= persen <= Decimal(100):
                salah.setdefault(f"prevalensi_{t}", []).append("Target prevalensi 0–100% dalam periode RAD.")
        if salah:
            raise ValidationError(salah)
        obj.save()
        if prevalensi is not None:
            prevalensi_ganti(obj, prevalensi)
        audit_catat(pengguna=user, aksi="rad_regulasi_simpan", objek=obj, wilayah_kode=wilayah.kode, lama=lama,
                    baru={"nomor": obj.nomor, "tahun": obj.tahun, "judul": obj.judul, "tahun_mulai": tahun_mulai,
                          "tahun_selesai": tahun_selesai,
                          "prevalensi": {str(t): str(p) for t, p in (prevalensi or {}).items()}})
    return obj


# --- pilar, strategi, instrumen ---------------------------------------------------------------------

def pilar_tambah(*, user, regulasi: RegulasiRAD, nomor: int, nama: str) -> Pilar:
    _wajib_kelola(user, regulasi.wilayah)
    with transaction.atomic():
        obj = Pilar(regulasi=regulasi, nomor=nomor, nama=nama.strip())
        _bersih(obj)
        obj.save()
        audit_catat(pengguna=user, aksi="rad_pilar_tambah", objek=obj, wilayah_kode=regulasi.wilayah_id,
                    baru={"nomor": nomor, "nama": obj.nama})
    return obj


def strategi_tambah(*, user, pilar: Pilar, uraian: str) -> Strategi:
    _wajib_kelola(user, pilar.regulasi.wilayah)
    with transaction.atomic():
        Pilar.objects.select_for_update(of=("self",)).get(pk=pilar.pk)  # serialises the next urutan
        obj = Strategi(pilar=pilar, urutan=_urutan_berikut(pilar.strategi.all()), uraian=uraian.strip())
        _bersih(obj)
        obj.save()
        audit_catat(pengguna=user, aksi="rad_strategi_tambah", objek=obj, wilayah_kode=pilar.regulasi.wilayah_id,
                    baru={"pilar": pilar.nomor, "uraian": obj.uraian})
    return obj


def instrumen_tambah(*, user, strategi: Strategi, uraian: str) -> Instrumen:
    regulasi = strategi.pilar.regulasi
    _wajib_kelola(user, regulasi.wilayah)
    with transaction.atomic():
        Strategi.objects.select_for_update(of=("self",)).get(pk=strategi.pk)
        obj = Instrumen(strategi=strategi, urutan=_urutan_berikut(strategi.instrumen.all()), uraian=uraian.strip())
        _bersih(obj)
        obj.save()
        audit_catat(pengguna=user, aksi="rad_instrumen_tambah", objek=obj, wilayah_kode=regulasi.wilayah_id,
                    baru={"strategi": strategi.pk, "uraian": obj.uraian})
    return obj


# --- keluaran --------------------------------------------------------------------------------------

def _foto(k: Keluaran) -> dict:
    return {
        "uraian": k.uraian, "satuan": k.satuan, "target_teks": k.target_teks, "penanggung_jawab": k.penanggung_jawab_id,
        "penanggung_jawab_lain": sorted(u.pk for u in k.penanggung_jawab_lain.all()),
        "pendukung": sorted(u.pk for u in k.pendukung.all()), "pj_teks": k.pj_teks, "pendukung_teks": k.pendukung_teks,
        "target": {str(t.tahun): [None if t.jumlah is None else str(t.jumlah), t.uraian, t.kumulatif] for t in k.target.all()},
    }


def _periksa_target(regulasi: RegulasiRAD, target: dict[int, TargetIsian]) -> dict[str, list[str]]:
    salah: dict[str, list[str]] = {}
    if not target:
        salah["__all__"] = [f"Isi target paling sedikit satu tahun ({regulasi.tahun_mulai}–{regulasi.tahun_selesai})."]
    for tahun, t in target.items():
        if tahun not in regulasi.daftar_tahun:
            salah.setdefault(f"jumlah_{tahun}", []).append(f"{tahun} di luar periode RAD.")
        if t.jumlah is not None and t.jumlah < 0:
            salah.setdefault(f"jumlah_{tahun}", []).append("Jumlah tidak boleh negatif.")
    return salah


def keluaran_simpan(*, user, instrumen: Instrumen, keluaran: Keluaran | None = None, uraian: str, satuan: str,
                    penanggung_jawab: UnitKerja, target: dict[int, TargetIsian], kumulatif: bool = False,
                    penanggung_jawab_lain=(), pendukung=(), target_teks: str = "", pj_teks: str = "",
                    pendukung_teks: str = "") -> Keluaran:
    """Create (keluaran=None) or change an output and its yearly targets (a year left out is removed)."""
    regulasi = instrumen.strategi.pilar.regulasi
    _wajib_kelola(user, regulasi.wilayah)
    with transaction.atomic():
        if keluaran is None:
            Instrumen.objects.select_for_update(of=("self",)).get(pk=instrumen.pk)
            obj, lama = Keluaran(regulasi=regulasi, instrumen=instrumen, urutan=_urutan_berikut(instrumen.keluaran.all())), None
        else:
            obj = Keluaran.objects.select_for_update(of=("self",)).get(pk=keluaran.pk, instrumen=instrumen)
            lama = _foto(obj)
            if obj.realisasi.exists() and uraian.strip() != obj.uraian:
                raise ValidationError({"uraian": "Keluaran ini sudah memiliki realisasi; uraiannya tidak dapat diganti."})
        obj.uraian, obj.satuan, obj.target_teks = uraian.strip(), satuan.strip(), target_teks.strip()
        obj.penanggung_jawab, obj.pj_teks, obj.pendukung_teks = penanggung_jawab, pj_teks.strip(), pendukung_teks.strip()
        salah = _periksa_target(regulasi, target)
        if penanggung_jawab and not penanggung_jawab.berlaku_di(regulasi.wilayah.tingkat):
            salah.setdefault("penanggung_jawab", []).append(
                f"{penanggung_jawab.singkatan} bukan unit kerja tingkat {regulasi.wilayah.get_tingkat_display().lower()}.")
        try:
            obj.full_clean(exclude=["regulasi", "instrumen", "urutan"])
        except ValidationError as exc:
            for nama, pesan in exc.message_dict.items():
                salah.setdefault(nama, []).extend(pesan)
        dilaporkan = set(obj.realisasi.values_list("tahun", flat=True)) if obj.pk else set()
        hilang = sorted(dilaporkan - set(target))
        if hilang:
            salah.setdefault("__all__", []).append(f"Target tahun {', '.join(map(str, hilang))} sudah memiliki realisasi; tidak dapat dihapus.")
        if salah:
            raise ValidationError(salah)
        obj.save()
        obj.penanggung_jawab_lain.set([u for u in penanggung_jawab_lain if u.pk != penanggung_jawab.pk])
        obj.pendukung.set(pendukung)
        TargetTahunan.objects.filter(keluaran=obj).exclude(tahun__in=list(target)).delete()
        for tahun, t in target.items():
            TargetTahunan.objects.update_or_create(keluaran=obj, tahun=tahun, defaults={
                "jumlah": t.jumlah, "uraian": t.uraian, "kumulatif": kumulatif})
        audit_catat(pengguna=user, aksi="rad_keluaran_simpan", objek=obj, wilayah_kode=regulasi.wilayah_id, lama=lama, baru=_foto(obj))
    return obj


def keluaran_hapus(*, user, keluaran: Keluaran) -> None:
    regulasi = keluaran.regulasi
    _wajib_kelola(user, regulasi.wilayah)
    with transaction.atomic():
        obj = Keluaran.objects.select_for_update(of=("self",)).get(pk=keluaran.pk)
        if obj.realisasi.exists():
            raise Ditolak("Keluaran ini sudah memiliki realisasi; keluaran yang sudah dilaporkan tidak dapat dihapus.")
        lama, pk = _foto(obj), obj.pk
        obj.delete()
        audit_catat(pengguna=user, aksi="rad_keluaran_hapus", objek_tipe="rad.keluaran", objek_id=str(pk),
                    wilayah_kode=regulasi.wilayah_id, lama=lama)
