"""Forms of the Analisis situasi documents. They parse and give early feedback; the services
(analisis.services) check everything again (rights, desa of the kecamatan, file contents)."""
from django import forms

from aksi.seksi import FormDokumen, PilihDesa
from aksi.models import Laporan
from indikator.selectors import indikator_katalog
from inti.forms import PilihIndikator, PilihUnit
from indikator.models import JenisPenyebut
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from .selectors import unit_opd
from .models import (
    HasilPengukuran, MasalahLayanan, ProgramKegiatan, Rapat, Rekomendasi, TargetAnggaran, TargetCakupan, TargetPrevalensi,
    UsulanProgram,
)


class PilihWilayah(forms.ModelChoiceField):
    def label_from_instance(self, obj: Wilayah) -> str:
        return obj.nama_lengkap


_URAIAN = forms.Textarea(attrs={"rows": 3})
_LOKASI = forms.CheckboxSelectMultiple


class ProgramKegiatanForm(FormDokumen):
    class Meta:
        model = ProgramKegiatan
        fields = ["indikator", "nama", "volume", "satuan", "anggaran", "sumber_dana", "pelaksana", "lokasi"]
        field_classes = {"indikator": PilihIndikator, "lokasi": PilihDesa}
        widgets = {"lokasi": _LOKASI}
        localized_fields = ["volume", "anggaran"]  # 1.500.000 and 2,5 as Indonesians write them
        help_texts = {"lokasi": "Desa/kelurahan tempat program berjalan."}


class MasalahLayananForm(FormDokumen):
    class Meta:
        model = MasalahLayanan
        fields = ["indikator", "sisi", "uraian", "penyebab"]
        field_classes = {"indikator": PilihIndikator}
        widgets = {"uraian": _URAIAN, "penyebab": _URAIAN}


class RekomendasiForm(FormDokumen):
    class Meta:
        model = Rekomendasi
        fields = ["indikator", "uraian"]
        field_classes = {"indikator": PilihIndikator}
        widgets = {"uraian": _URAIAN}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].empty_label = "Umum (semua indikator)"


class UsulanProgramForm(FormDokumen):
    class Meta:
        model = UsulanProgram
        fields = ["indikator", "nama", "volume", "satuan", "perkiraan_anggaran", "sumber_dana", "lokasi"]
        field_classes = {"indikator": PilihIndikator, "lokasi": PilihDesa}
        widgets = {"lokasi": _LOKASI}
        localized_fields = ["volume", "perkiraan_anggaran"]
        labels = {"nama": "Nama usulan program/kegiatan"}


class HasilPengukuranForm(FormDokumen):
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


class TargetPrevalensiForm(FormDokumen):
    class Meta:
        model = TargetPrevalensi
        fields = ["tahun_target", "sumber", "target_persen"]
        localized_fields = ["target_persen"]


class TargetCakupanForm(FormDokumen):
    class Meta:
        model = TargetCakupan
        fields = ["indikator", "target_persen"]
        field_classes = {"indikator": PilihIndikator}
        localized_fields = ["target_persen"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = indikator_katalog().exclude(jenis_penyebut=JenisPenyebut.HITUNGAN)


class RapatForm(FormDokumen):
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


class TargetAnggaranForm(FormDokumen):
    class Meta:
        model = TargetAnggaran
        fields = ["indikator", "unit", "target", "capaian", "keterangan"]
        field_classes = {"indikator": PilihIndikator, "unit": PilihUnit}
        localized_fields = ["target", "capaian"]

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, laporan=laporan, **kwargs)
        self.fields["unit"].queryset = unit_opd(laporan.wilayah.tingkat)

