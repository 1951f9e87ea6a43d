"""Celery task of the Penilaian: score every wilayah of a level for a year, reporting progress.

Progress is reported with `update_state(state="PROGRESS", meta={"selesai", "total", "pesan"})`
after each component; the "Hitung ulang" page polls it (`penilaian.selectors.tugas_progres`).
Registered under the name "monev.penilaian_hitung", the name it had when it lived in the monev
app: queued tasks and any beat entry still find it.
"""
from celery import shared_task

from .services import penilaian_hitung


@shared_task(bind=True, name="monev.penilaian_hitung")
def penilaian_hitung_tugas(self, tahun: int, tingkat: int, kode_awalan: str | None = None, pengguna_id: int | None = None) -> dict:
    def progres(selesai: int, total: int, pesan: str) -> None:
        if not self.request.is_eager and self.request.id:
            self.update_state(state="PROGRESS", meta={"selesai": selesai, "total": total, "pesan": pesan})

    oleh = None
    if pengguna_id is not None:
        from django.contrib.auth import get_user_model

        oleh = get_user_model().objects.filter(pk=pengguna_id).first()
    return penilaian_hitung(tahun=int(tahun), tingkat=int(tingkat), kode_awalan=kode_awalan or None, progres=progres, oleh=oleh)
