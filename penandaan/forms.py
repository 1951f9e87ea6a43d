"""Forms of budget tagging. They parse and give early feedback; penandaan.services checks
everything again (rights, part, totals, kelompok of the indicator)."""
from django import forms

from aksi.choices import SumberDana
from indikator.selectors import indikator_katalog
from inti.forms import AngkaAscii, PilihIndikator, PilihUnit, gaya_bootstrap
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

from .isian import total_seharusnya
from .models import ArahSasaran, JenisPenandaan, RealisasiProgram, RincianBelanja


class RincianForm(AngkaAscii, forms.ModelForm):
    """One spending line. `unit` is offered only when the user may add lines for several units."""

    unit = PilihUnit(queryset=UnitKerja.objects.none(), required=False, label="Unit/OPD",
                     help_text="Bagian laporan tempat rincian ini dicatat.")

    class Meta:
        model = RincianBelanja
        fields = [
            "kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan", "kode_subkegiatan", "nama_subkegiatan",
            "kode_rekening", "uraian", "volume", "satuan", "harga_satuan", "total",
            "indikator", "kelompok", "arah", "sumber_dana",
        ]
        field_classes = {"indikator": PilihIndikator}
        localized_fields = ["volume", "harga_satuan", "total"]  # 1.250.000 and 2,5 as Indonesians write them
        help_texts = {"total": "Volume × harga satuan; kosongkan untuk dihitung otomatis."}

    def __init__(self, *args, unit_pilihan: list[UnitKerja] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = indikator_katalog()
        self.fields["total"].required = False
        if unit_pilihan and len(unit_pilihan) > 1:
            self.fields["unit"].queryset = UnitKerja.objects.filter(pk__in=[u.pk for u in unit_pilihan])
            self.fields["unit"].required = True
        else:
            del self.fields["unit"]
        gaya_bootstrap(self)

    def clean(self):
        data = super().clean()
        volume, harga = data.get("volume"), data.get("harga_satuan")
        if data.get("total") is None and "total" not in self.errors and volume is not None and harga is not None:
            data["total"] = total_seharusnya(volume, harga)
        return data

    def isian(self) -> dict:
        """Keywords for rincian_buat/rincian_ubah (without the unit)."""
        return {nama: self.cleaned_data[nama] for nama in self._meta.fields}


class ImporForm(forms.Form):
    berkas = forms.FileField(label="Berkas Excel (.xlsx)")
    unit = PilihUnit(queryset=UnitKerja.objects.none(), required=False, label="Unit/OPD")
    mode = forms.ChoiceField(
        label="Cara impor", initial="ganti", widget=forms.RadioSelect, required=False,
        choices=[("ganti", "Ganti semua rincian unit ini"), ("tambah", "Tambahkan ke rincian yang sudah ada")],
    )
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, unit_pilihan: list[UnitKerja] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit_pilihan and len(unit_pilihan) > 1:
            self.fields["unit"].queryset = UnitKerja.objects.filter(pk__in=[u.pk for u in unit_pilihan])
            self.fields["unit"].required = True
        else:
            del self.fields["unit"]
        self.fields["berkas"].widget.attrs["accept"] = ".xlsx"
        gaya_bootstrap(self)


class SaringAnggaran(forms.Form):
    """The query parameters of the budget pages (see penandaan.views.anggaran)."""

    wilayah = forms.RegexField(regex=r"^\d{2}(\.\d{2}){0,2}$", required=False)
    tahun = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    jenis = forms.ChoiceField(choices=JenisPenandaan.choices, required=False)
    semua = forms.BooleanField(required=False)
    indikator = forms.CharField(max_length=4, required=False)
    kelompok = forms.CharField(max_length=1, required=False)
    arah = forms.ChoiceField(choices=ArahSasaran.choices, required=False)
    sumber_dana = forms.ChoiceField(choices=SumberDana.choices, required=False)


class RealisasiForm(AngkaAscii, forms.ModelForm):
    """One semester realisation row of a kecamatan program."""

    class Meta:
        model = RealisasiProgram
        fields = ("indikator", "nama", "sumber_dana", "anggaran", "realisasi", "volume", "satuan", "desa", "masalah")
        widgets = {"masalah": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].queryset = Wilayah.objects.filter(induk_id=laporan.wilayah_id, tingkat=Tingkat.DESA)
        for nama in ("anggaran", "realisasi", "volume"):
            self.fields[nama].localize = True
            self.fields[nama].widget.is_localized = True
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
