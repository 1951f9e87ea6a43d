"""Upload checks of this app: inti.berkas.jenis_berkas (real type by the first bytes, size
limit before reading) narrowed to the types each field accepts, and scoped file responses."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import FileResponse, Http404

from inti.berkas import MAKS_UNGGAH_BAWAAN, BerkasAktif, jenis_berkas

LABEL_JENIS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}
PDF = ("pdf",)
GAMBAR = ("png", "jpg")
DOKUMEN = ("pdf", "jpg", "png")


def maks_unggah(nama_setelan: str, bawaan: int = MAKS_UNGGAH_BAWAAN) -> int:
    """A size limit in bytes from settings (e.g. PUBLIKASI_MAKS_GAMBAR), else the default."""
    return int(getattr(settings, nama_setelan, bawaan))


def periksa_berkas(berkas: File, *, field: str, nama: str, boleh: tuple[str, ...], maks: int) -> str:
    """The file's real type if it is one of `boleh` and at most `maks` bytes; otherwise a
    ValidationError keyed by `field` naming what is accepted."""
    try:
        jenis = jenis_berkas(berkas, field=field, maks=maks, nama=nama)
    except BerkasAktif:
        raise  # a PDF with JavaScript: its own message, not "bukan PDF"
    except ValidationError:
        if berkas.size > maks:
            raise
        jenis = None
    if jenis not in boleh:
        label = [LABEL_JENIS[j] for j in boleh]
        daftar = label[0] if len(label) == 1 else f"{', '.join(label[:-1])} atau {label[-1]}"
        raise ValidationError({field: f"{nama} harus berupa {daftar}; isi berkas ini bukan {daftar}."})
    return jenis


def pasang_berkas(objek, field: str, berkas: File, *, nama: str, boleh: tuple[str, ...], maks: int) -> None:
    """Check `berkas` and set it on `objek.field`, named by its real type (upload_to adds a random name)."""
    jenis = periksa_berkas(berkas, field=field, nama=nama, boleh=boleh, maks=maks)
    berkas.name = f"{field}.{jenis}"
    setattr(objek, field, berkas)


def unduh(berkas, nama_unduhan: str, *, publik: bool = False, lampiran: bool = True) -> FileResponse:
    """Serve a stored file under a readable name; private ones are never cached by proxies."""
    if not berkas:
        raise Http404("Berkas tidak ada.")
    ekstensi = berkas.name.rsplit(".", 1)[-1]
    respons = FileResponse(berkas.open("rb"), as_attachment=lampiran, filename=f"{nama_unduhan}.{ekstensi}")
    respons["Cache-Control"] = "public, max-age=300" if publik else "private, no-store"
    return respons
