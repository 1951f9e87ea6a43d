from typing import Any

from django.db import models

from .models import CatatanAudit


def audit_catat(
    *,
    pengguna,
    aksi: str,
    objek: models.Model | None = None,
    objek_tipe: str = "",
    objek_id: str = "",
    wilayah_kode: str = "",
    lama: Any = None,
    baru: Any = None,
) -> CatatanAudit:
    """Record one write. Call it inside the service's transaction so both commit together."""
    if objek is not None:
        objek_tipe = objek_tipe or objek._meta.label_lower
        objek_id = objek_id or str(objek.pk)
    return CatatanAudit.objects.create(
        pengguna=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        aksi=aksi,
        objek_tipe=objek_tipe,
        objek_id=objek_id,
        wilayah_kode=wilayah_kode,
        lama=lama,
        baru=baru,
    )
