"""Uploaded documents (minutes, signed scans): their real type from the first bytes, never
from the name or the browser's Content-Type, and a size limit checked before anything is read."""
from django.core.exceptions import ValidationError
from django.core.files import File

MAKS_UNGGAH_BAWAAN = 10 * 1024 * 1024  # settings.AKSI_MAKS_UNGGAH_DOKUMEN overrides
TANDA_BERKAS = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))


def jenis_berkas(berkas: File, *, field: str, maks: int, nama: str = "Berkas") -> str:
    """The file's type by content ('pdf', 'jpg', 'png'); refuses other contents and files over `maks`
    bytes with a ValidationError keyed by `field` (`nama` names the document in the message)."""
    if berkas.size > maks:
        raise ValidationError({field: (
            f"Berkas terlalu besar ({berkas.size / 1048576:.1f} MB); paling besar {maks / 1048576:g} MB.".replace(".", ",")
        )})
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    for tanda, jenis in TANDA_BERKAS:
        if kepala.startswith(tanda):
            return jenis
    raise ValidationError({field: f"{nama} harus berupa PDF, JPEG atau PNG; isi berkas ini bukan salah satunya."})
