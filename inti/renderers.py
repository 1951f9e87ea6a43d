"""CSV and xlsx renderers, so every aggregate list of the API downloads with ?format=csv|xlsx.

Both render through `inti.ekspor.Tabel`: text a spreadsheet would run as a formula is neutralised."""
from rest_framework.renderers import BaseRenderer

from .ekspor import JENIS_XLSX, Tabel

BATAS_BARIS = 200_000


def _baris(data) -> list[dict]:
    if isinstance(data, dict) and "results" in data:
        data = data["results"]
    if isinstance(data, dict):
        data = [data]
    return [_ratakan(r) for r in (data or [])[:BATAS_BARIS]]


def _ratakan(baris, awalan: str = "") -> dict:
    """{'a': {'b': 1}, 'c': [1, 2]} -> {'a.b': 1, 'c': '1, 2'}."""
    hasil = {}
    for kunci, nilai in (baris.items() if isinstance(baris, dict) else [("nilai", baris)]):
        nama = f"{awalan}{kunci}"
        if isinstance(nilai, dict):
            hasil |= _ratakan(nilai, f"{nama}.")
        elif isinstance(nilai, list):
            hasil[nama] = ", ".join(str(v) for v in nilai)
        else:
            hasil[nama] = nilai
    return hasil


def _lampiran(renderer_context, ekstensi: str) -> None:
    """Name the download after the endpoint: wilayah.csv, rekap-cakupan.xlsx, ..."""
    if not renderer_context or renderer_context.get("response") is None:
        return
    view = renderer_context.get("view")
    nama = getattr(view, "basename", None) or "data"
    renderer_context["response"]["Content-Disposition"] = f'attachment; filename="{nama}.{ekstensi}"'


def _kolom(baris: list[dict]) -> list[str]:
    kolom: dict[str, None] = {}
    for b in baris:
        kolom |= dict.fromkeys(b)
    return list(kolom)


def _kolom_serializer(view) -> list[str]:
    """The columns an empty list would have had: the view's serializer fields, nested ones
    flattened as `_ratakan` does ("a.b"), so an empty export still carries its header (issue 17)."""
    from rest_framework import serializers

    def ratakan(fields, awalan=""):
        hasil = []
        for nama, field in fields.items():
            if isinstance(field, serializers.BaseSerializer) and hasattr(field, "fields") and not getattr(field, "many", False):
                hasil += ratakan(field.fields, f"{awalan}{nama}.")
            else:
                hasil.append(f"{awalan}{nama}")
        return hasil

    try:
        return ratakan(view.get_serializer().fields)
    except Exception:  # a view without a serializer of rows: no header to give
        return []


def _tabel(data, renderer_context) -> Tabel:
    baris = _baris(data)
    view = (renderer_context or {}).get("view")
    kolom = _kolom(baris) or _kolom_serializer(view)
    return Tabel(judul="Data", kolom=kolom, baris=([b.get(k) for k in kolom] for b in baris),
                 nama_berkas=getattr(view, "basename", None) or "data")


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        _lampiran(renderer_context, "csv")
        return _tabel(data, renderer_context).csv()


class XLSXRenderer(BaseRenderer):
    media_type = JENIS_XLSX
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        _lampiran(renderer_context, "xlsx")
        return _tabel(data, renderer_context).xlsx()
