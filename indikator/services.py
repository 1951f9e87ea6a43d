"""Writes of the published values (D88), called by the workflow kernel (aksi.services) inside
its transitions' transactions: a reopening freezes what was approved, an approval releases it.
(The desa values themselves are written by isian.services.)"""
from .models import NilaiDesa, NilaiTerbit, VersiTerbit


def _nama(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def nilai_bekukan(*, laporan, oleh, alasan: str) -> int:
    """An approved Laporan is being reopened: keep its approved desa values as the published ones
    (NilaiTerbit) and record the version in the history (VersiTerbit). Returns the values kept."""
    NilaiTerbit.objects.filter(laporan=laporan).delete()
    nilai = list(NilaiDesa.objects.filter(laporan=laporan).order_by("desa_id", "item").values_list("desa_id", "item", "nilai"))
    NilaiTerbit.objects.bulk_create([NilaiTerbit(laporan=laporan, desa_id=d, item=i, nilai=n) for d, i, n in nilai],
                                    batch_size=2000)
    if nilai or laporan.tahapan.periode:
        VersiTerbit.objects.create(
            laporan=laporan, disetujui_pada=laporan.disetujui_pada, disetujui_oleh=_nama(laporan.disetujui_oleh),
            diterima_pada=laporan.diterima_pada, ditarik_oleh=_nama(oleh), alasan=alasan, jumlah_nilai=len(nilai),
            nilai=[list(v) for v in nilai])
    return len(nilai)


def nilai_terbit_lepas(*, laporan) -> None:
    """Approved again: its own values are the published ones now."""
    NilaiTerbit.objects.filter(laporan=laporan).delete()
