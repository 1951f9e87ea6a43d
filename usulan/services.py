"""Writes of the proposal tracker (D89): link a kecamatan proposal to a row of this Laporan (a
tagged spending line, or a semester realisation), or remove the link — by the operator of that
row's part while the part may be edited (approved data stays read-only). Audited."""
from django.db import transaction

from aksi.dokumen import bagian_terkunci
from aksi.models import Laporan
from aksi.selectors import alasan_tidak_dapat_diisi
from inti.galat import Ditolak
from inti.services import audit_catat
from penandaan.models import RealisasiProgram, RincianBelanja
from penandaan.selectors import bagian_realisasi

from .choices import TAHAP_PENANDAAN
from .models import TautanUsulan
from .selectors import tahun_usulan, usulan_wilayah


def _kunci(laporan: Laporan) -> Laporan:
    laporan = Laporan.objects.select_for_update(of=("self",)).select_related("wilayah", "tahapan").get(pk=laporan.pk)
    if laporan.tahapan_id not in TAHAP_PENANDAAN and not laporan.tahapan_id.startswith("capaian-semester"):
        raise Ditolak(f"Usulan tidak ditautkan pada tahapan {laporan.tahapan.nama}.")
    return laporan


def _baris(laporan: Laporan, baris_id: int):
    """The row and its part (locked), checked to belong to `laporan`."""
    if laporan.tahapan_id in TAHAP_PENANDAAN:
        baris = RincianBelanja.objects.filter(pk=baris_id, laporan=laporan, dihapus=False).select_related("unit").first()
        bagian = bagian_terkunci(laporan, baris.unit_id) if baris else None
    else:
        baris = RealisasiProgram.objects.filter(pk=baris_id, laporan=laporan).first()
        bagian = bagian_terkunci(laporan, bagian_realisasi(laporan).unit_id) if baris else None
    if baris is None:
        raise Ditolak("Baris itu tidak ada pada laporan ini; muat ulang halaman.")
    return baris, bagian


def _boleh(user, bagian) -> None:
    alasan = alasan_tidak_dapat_diisi(user, bagian)
    if alasan:
        raise Ditolak(alasan)


def tautan_buat(*, user, laporan: Laporan, usulan_id: int, baris_id: int) -> TautanUsulan:
    with transaction.atomic():
        laporan = _kunci(laporan)
        tahun = tahun_usulan(laporan)
        usulan = usulan_wilayah(laporan.wilayah_id, tahun).filter(pk=usulan_id).first()
        if usulan is None:
            raise Ditolak(f"Usulan itu bukan usulan kecamatan di {laporan.wilayah.nama_lengkap} tahun {tahun} "
                          "yang analisis situasinya sudah disetujui.")
        baris, bagian = _baris(laporan, baris_id)
        _boleh(user, bagian)
        kolom = "rincian" if isinstance(baris, RincianBelanja) else "realisasi"
        if TautanUsulan.objects.filter(usulan=usulan, **{kolom: baris}).exists():
            raise Ditolak("Usulan ini sudah ditautkan ke baris itu.")
        tautan = TautanUsulan.objects.create(usulan=usulan, dibuat_oleh=user, **{kolom: baris})
        audit_catat(pengguna=user, aksi="usulan_tautkan", objek=tautan, wilayah_kode=laporan.wilayah_id,
                    baru={"usulan": usulan.pk, kolom: baris.pk})
    return tautan


def tautan_hapus(*, user, laporan: Laporan, tautan_id: int) -> None:
    with transaction.atomic():
        laporan = _kunci(laporan)
        tautan = TautanUsulan.objects.select_for_update(of=("self",)).filter(pk=tautan_id).first()
        baris = tautan and (tautan.rincian or tautan.realisasi)
        if baris is None or baris.laporan_id != laporan.pk:
            raise Ditolak("Tautan itu tidak ada pada laporan ini; muat ulang halaman.")
        _, bagian = _baris(laporan, baris.pk)
        _boleh(user, bagian)
        audit_catat(pengguna=user, aksi="usulan_lepas", objek=tautan, wilayah_kode=laporan.wilayah_id,
                    lama={"usulan": tautan.usulan_id, "rincian": tautan.rincian_id, "realisasi": tautan.realisasi_id})
        tautan.delete()
