"""Reading generated PDFs in tests without a PDF library."""
import re
import zlib


def jumlah_halaman(pdf: bytes) -> int:
    """Page objects, also inside the compressed object streams of PDF 1.7."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", isi_terurai(pdf)))


def isi_terurai(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) expanded, for searching."""
    isi = [pdf]
    for aliran in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            isi.append(zlib.decompress(aliran))
        except zlib.error:
            continue
    return b"".join(isi)


def tertandai(pdf: bytes) -> bool:
    """A tagged PDF/UA: a structure tree, marked content, the PDF/UA identification and a language."""
    isi = isi_terurai(pdf)
    return all(k in isi for k in (b"/StructTreeRoot", b"/MarkInfo", b"pdfuaid", b"/Lang"))

