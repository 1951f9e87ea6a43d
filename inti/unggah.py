"""Uploads stored on a model field: inti.berkas.jenis_berkas (real type by the first bytes, size
limit before reading) narrowed to the types each field accepts, a random stored name
(`NamaAcak`), and file responses. Shared by publikasi and pengaduan."""
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from inti.berkas import MAKS_UNGGAH_BAWAAN, BerkasAktif, jenis_berkas

LABEL_JENIS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}
PDF = ("pdf",)
GAMBAR = ("png", "jpg")
DOKUMEN = ("pdf", "jpg", "png")


@deconstructible
class NamaAcak:
    """upload_to: `<folder>/<year>/<random>.<ext>`; the uploader's file name never reaches the disk.
    Services set the name to '<field>.<real type>' first, so the extension is the checked type."""

    def __init__(self, folder: str, ekstensi: tuple[str, ...] = ("pdf", "jpg", "png")):
        self.folder = folder
        self.ekstensi = ekstensi

    def __call__(self, instance, filename: str) -> str:
        ekstensi = PurePosixPath(filename).suffix.lower().lstrip(".")
        ekstensi = ekstensi if ekstensi in self.ekstensi else "bin"
        return f"{self.folder}/{timezone.localdate():%Y}/{uuid.uuid4().hex}.{ekstensi}"

    def __eq__(self, other) -> bool:
        return isinstance(other, NamaAcak) and (self.folder, self.ekstensi) == (other.folder, other.ekstensi)


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


def bersihkan_berkas(form, field: str, *, nama: str, boleh: tuple[str, ...], maks: int):
    """A form's clean_<field> for an optional upload: its real type and size, as a field error."""
    berkas = form.cleaned_data.get(field)
    if berkas:
        try:
            periksa_berkas(berkas, field=field, nama=nama, boleh=boleh, maks=maks)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict[field]) from None
    return berkas
