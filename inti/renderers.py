"""CSV and xlsx renderers, so every aggregate list of the API downloads with ?format=csv|xlsx.

Every cell goes through `inti.ekspor`: text a spreadsheet would run as a formula is neutralised."""
import csv
import io

from openpyxl import Workbook
from rest_framework.renderers import BaseRenderer

from .ekspor import baris_xlsx, sel_aman

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


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        baris = _baris(data)
        _lampiran(renderer_context, "csv")
        keluaran = io.StringIO()
        penulis = csv.writer(keluaran)
        kolom = _kolom(baris)
        penulis.writerow([sel_aman(k) for k in kolom])
        penulis.writerows([sel_aman(b.get(k)) for k in kolom] for b in baris)
        return keluaran.getvalue().encode("utf-8-sig")  # BOM: Excel opens Indonesian text correctly


class XLSXRenderer(BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        baris = _baris(data)
        _lampiran(renderer_context, "xlsx")
        kolom = _kolom(baris)
        buku = Workbook(write_only=True)
        lembar = buku.create_sheet("Data")
        lembar.append(baris_xlsx(lembar, kolom))
        for b in baris:
            lembar.append(baris_xlsx(lembar, [b.get(k) for k in kolom]))
        keluaran = io.BytesIO()
        buku.save(keluaran)
        return keluaran.getvalue()
