"""The exporter base (`inti.ekspor.Pengekspor`): sheets of rows rendered as xlsx or CSV, every
text cell formula-safe, styles where a row asks for them."""
import csv
import io

import openpyxl

from inti.ekspor import Lembar, Pengekspor, Sel, kepala


class Contoh(Pengekspor):
    nama_berkas = "contoh"

    def lembar(self):
        yield Lembar("Data", [kepala("Nama", "Jumlah"), ["=1+1", 5], [Sel("@SUM(A1)", isi="F8D7DA"), -3]],
                     beku="A2", lebar={1: 30})
        yield Lembar("Kedua", [["b"]])


def test_xlsx_has_every_sheet_styles_and_no_formula():
    wb = openpyxl.load_workbook(io.BytesIO(Contoh().xlsx()))
    assert wb.sheetnames == ["Data", "Kedua"]
    ws = wb["Data"]
    assert ws["A1"].font.bold and ws["A1"].value == "Nama"
    assert ws["A2"].data_type == "s" and ws["A2"].value == "=1+1"  # text, not a formula
    assert ws["A3"].data_type == "s" and ws["A3"].fill.fgColor.rgb.endswith("F8D7DA")
    assert ws["B2"].value == 5 and ws["B3"].value == -3  # numbers stay numbers
    assert ws.freeze_panes == "A2" and ws.column_dimensions["A"].width == 30


def test_csv_is_the_first_sheet_with_formulas_neutralised():
    teks = Contoh().csv().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(teks))) == [["Nama", "Jumlah"], ["'=1+1", "5"], ["'@SUM(A1)", "-3"]]


def test_response_is_a_private_download():
    for format, jenis in (("xlsx", "spreadsheetml"), ("csv", "text/csv")):
        respons = Contoh().respons(format)
        assert jenis in respons["Content-Type"]
        assert respons["Content-Disposition"] == f'attachment; filename="contoh.{format}"'
        assert respons["Cache-Control"] == "private, no-store"
