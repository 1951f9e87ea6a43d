"""Forms of the Analisis situasi documents. They parse and give early feedback; the services
in services_analisis check everything again (rights, desa of the kecamatan, file contents)."""
from django import forms

from indikator.models import IndikatorCapaian, JenisPenyebut
from inti.forms import AngkaAscii
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .models import Laporan
from .models_analisis import (
    HasilPengukuran, MasalahLayanan, ProgramKegiatan, Rapat, Rekomendasi, TargetCakupan, TargetPrevalensi, UsulanProgram,
)


class PilihIndikator(forms.ModelChoiceField):
    def label_from_instance(self, obj: IndikatorCapaian) -> str:
        return f"{obj.kode} — {obj.pembilang}"


class PilihDesa(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Wilayah) -> str:
        return obj.nama


class PilihWilayah(forms.ModelChoiceField):
    def label_from_instance(self, obj: Wilayah) -> str:
        return obj.nama_lengkap


def indikator_katalog():
    return IndikatorCapaian.objects.order_by("urutan", "kode")


class FormAnalisis(AngkaAscii, forms.ModelForm):
    """Bound to its Laporan (model checks need it); widgets styled for Bootstrap."""

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.laporan = laporan
        self.instance.laporan = laporan
        if "indikator" in self.fields:
            self.fields["indikator"].queryset = indikator_katalog()
        if "lokasi" in self.fields:
            self.fields["lokasi"].queryset = Wilayah.objects.filter(
                induk_id=laporan.wilayah_id, tingkat=Tingkat.DESA,
            ).order_by("nama")
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"


_URAIAN = forms.Textarea(attrs={"rows": 3})
_LOKASI = forms.CheckboxSelectMultiple


class ProgramKegiatanForm(FormAnalisis):
    class Meta:
        model = ProgramKegiatan
        fields = ["indikator", "nama", "volume", "satuan", "anggaran", "sumber_dana", "pelaksana", "lokasi"]
        field_classes = {"indikator": PilihIndikator, "lokasi": PilihDesa}
        widgets = {"lokasi": _LOKASI}
        localized_fields = ["volume", "anggaran"]  # 1.500.000 and 2,5 as Indonesians write them
        help_texts = {"lokasi": "Desa/kelurahan tempat program berjalan."}


class MasalahLayananForm(FormAnalisis):
    class Meta:
        model = MasalahLayanan
        fields = ["indikator", "sisi", "uraian"]
        field_classes = {"indikator": PilihIndikator}
        widgets = {"uraian": _URAIAN}


class RekomendasiForm(FormAnalisis):
    class Meta:
        model = Rekomendasi
        fields = ["indikator", "uraian"]
        field_classes = {"indikator": PilihIndikator}
        widgets = {"uraian": _URAIAN}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].empty_label = "Umum (semua indikator)"


class UsulanProgramForm(FormAnalisis):
    class Meta:
        model = UsulanProgram
        fields = ["indikator", "nama", "volume", "satuan", "perkiraan_anggaran", "sumber_dana", "lokasi"]
        field_classes = {"indikator": PilihIndikator, "lokasi": PilihDesa}
        widgets = {"lokasi": _LOKASI}
        localized_fields = ["volume", "perkiraan_anggaran"]
        labels = {"nama": "Nama usulan program/kegiatan"}


class HasilPengukuranForm(FormAnalisis):
    class Meta:
        model = HasilPengukuran
        fields = ["wilayah", "jumlah_diukur", "jumlah_stunting"]
        field_classes = {"wilayah": PilihWilayah}
        localized_fields = ["jumlah_diukur", "jumlah_stunting"]

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, laporan=laporan, **kwargs)
        anak = "kabupaten/kota" if laporan.wilayah.tingkat == Tingkat.PROVINSI else "kecamatan"
        self.fields["wilayah"].label = anak.capitalize()
        self.fields["wilayah"].queryset = Wilayah.objects.filter(induk_id=laporan.wilayah_id).order_by("kode")


class TargetPrevalensiForm(FormAnalisis):
    class Meta:
        model = TargetPrevalensi
        fields = ["tahun_target", "sumber", "target_persen"]
        localized_fields = ["target_persen"]


class TargetCakupanForm(FormAnalisis):
    class Meta:
        model = TargetCakupan
        fields = ["indikator", "target_persen"]
        field_classes = {"indikator": PilihIndikator}
        localized_fields = ["target_persen"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = indikator_katalog().exclude(jenis_penyebut=JenisPenyebut.HITUNGAN)


class RapatForm(FormAnalisis):
    # Not a model field here: the service checks the content and stores it under a generated name.
    notulen = forms.FileField(
        label="Notulen", required=False,
        help_text="PDF, JPEG atau PNG. Saat mengubah, kosongkan untuk mempertahankan notulen yang ada.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    class Meta:
        model = Rapat
        fields = ["jenis", "tanggal", "peserta", "catatan"]
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "peserta": forms.Textarea(attrs={"rows": 2}),
            "catatan": _URAIAN,
        }
