"""Uploaded documents (minutes, signed scans): their real type from the first bytes, never
from the name or the browser's Content-Type, and a size limit checked before anything is read.
A PDF that carries active content (JavaScript, a Launch action, actions run on opening) is
refused: the portal serves uploads inline to the public."""
import re
import zlib

from django.core.exceptions import ValidationError
from django.core.files import File

MAKS_UNGGAH_BAWAAN = 10 * 1024 * 1024  # settings.AKSI_MAKS_UNGGAH_DOKUMEN overrides
TANDA_BERKAS = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))

# PDF names that make a reader run something: JavaScript (name tree, action type, action
# key), Launch (start a program), AA (actions on page/field events). /OpenAction is refused
# unless it is a plain destination array ("open at page 1, fit"), which many writers emit.
NAMA_AKTIF = frozenset({b"JavaScript", b"JS", b"Launch", b"AA"})
_NAMA = re.compile(rb"/([^\s/<>\[\]()%{}]*)(?=\s*(.?))", re.S)  # the name and the character after it
_ESKAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ALIRAN = re.compile(rb"stream\r?\n")
MAKS_DIBUKA = 64 * 1024 * 1024  # bytes decompressed from object streams, at most (zip bombs)


class BerkasAktif(ValidationError):
    """A PDF with active content; callers that turn other ValidationErrors of jenis_berkas into
    their own "wrong type" message must let this one through."""


def _nama_aktif(data: bytes) -> set[str]:
    temuan = set()
    for nama, berikut in _NAMA.findall(data):
        nama = _ESKAPE.sub(lambda m: bytes([int(m.group(1), 16)]), nama)
        if nama in NAMA_AKTIF or (nama == b"OpenAction" and berikut != b"["):
            temuan.add(nama.decode("latin-1"))
    return temuan


def _aliran_objek(data: bytes):
    """The decompressed contents of the FlateDecode object streams (/Type /ObjStm), where PDF 1.5+
    keeps dictionaries out of sight of a byte scan. Encrypted files stay unread (see decisions)."""
    sisa = MAKS_DIBUKA
    for m in _ALIRAN.finditer(data):
        awal_objek = data.rfind(b" obj", 0, m.start())
        kamus = _ESKAPE.sub(lambda e: bytes([int(e.group(1), 16)]), data[awal_objek:m.start()])
        if not re.search(rb"/Type\s*/ObjStm", kamus) or b"/FlateDecode" not in kamus or sisa <= 0:
            continue
        akhir = data.find(b"endstream", m.end())
        try:
            isi = zlib.decompressobj().decompress(data[m.end():akhir if akhir > 0 else None], sisa)
        except zlib.error:
            continue
        sisa -= len(isi)
        yield isi


def pdf_aktif(berkas: File) -> set[str]:
    """The active-content names found in a PDF ('JavaScript', 'OpenAction', ...); empty if none."""
    berkas.seek(0)
    data = berkas.read()
    berkas.seek(0)
    temuan = _nama_aktif(data)
    for isi in _aliran_objek(data):
        temuan |= _nama_aktif(isi)
    return temuan


def jenis_berkas(berkas: File, *, field: str, maks: int, nama: str = "Berkas") -> str:
    """The file's type by content ('pdf', 'jpg', 'png'); refuses other contents, files over `maks`
    bytes and PDFs with active content (BerkasAktif) with a ValidationError keyed by `field`
    (`nama` names the document in the message)."""
    if berkas.size > maks:
        raise ValidationError({field: (
            f"Berkas terlalu besar ({berkas.size / 1048576:.1f} MB); paling besar {maks / 1048576:g} MB.".replace(".", ",")
        )})
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    for tanda, jenis in TANDA_BERKAS:
        if kepala.startswith(tanda):
            if jenis == "pdf" and (aktif := pdf_aktif(berkas)):
                raise BerkasAktif({field: (
                    f"{nama} memuat JavaScript atau aksi otomatis ({', '.join('/' + a for a in sorted(aktif))}); "
                    "PDF seperti itu ditolak karena dapat menjalankan perintah di komputer pembacanya. "
                    "Cetak ulang dokumen ke PDF biasa (Cetak → Simpan sebagai PDF) lalu unggah lagi."
                )})
            return jenis
    raise ValidationError({field: f"{nama} harus berupa PDF, JPEG atau PNG; isi berkas ini bukan salah satunya."})


def hapus_berkas_setelah_commit(berkas) -> None:
    """Delete a stored file once the transaction commits (a rollback keeps it)."""
    from django.db import transaction

    if berkas:
        storage, nama = berkas.storage, berkas.name
        transaction.on_commit(lambda: storage.delete(nama))


def tandai_pembuatan(model, pk: int, status: str, *, selesai: bool, isi: bytes | None = None, nama: str = "",
                     galat: str = "") -> None:
    """Record the progress of a file a Celery task makes (fields `status`, `galat`, `berkas`,
    `selesai_pada`): the new state, the file when given (the one it replaces deleted after commit),
    the end time when `selesai`. Shared by the stored Laporan PDFs and the annual report."""
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    with transaction.atomic():
        obj = model.objects.select_for_update().get(pk=pk)
        lama = obj.berkas if isi is not None and obj.berkas else None
        lama_nama = lama.name if lama else ""
        obj.status, obj.galat = status, galat[:300]
        if isi is not None:
            obj.berkas.save(nama, ContentFile(isi), save=False)
        if selesai:
            obj.selesai_pada = timezone.now()
        obj.save()
        if lama_nama and lama_nama != obj.berkas.name:
            storage = obj.berkas.storage
            transaction.on_commit(lambda: storage.delete(lama_nama))

