"""Forms of the Pra-musrenbang documents. They parse and give early feedback; the services in
musrenbang.services check everything again (rights, regions below, indicators, file contents)."""
from django import forms
from django.db.models import Max

from aksi.seksi import FormDokumen, PilihDesa
from indikator.selectors import indikator_katalog
from aksi.models import Laporan
from indikator.models import IndikatorCapaian
from wilayah.choices import Tingkat
from wilayah.models import UnitKerja, Wilayah

from .models import (
    TOPIK_DAERAH, AgendaMusrenbang, BeritaAcara, DeklarasiKomitmen, EvaluasiKinerjaOPD, Penghargaan, RencanaProgram,
)
from .services import label_wilayah_bawah

_URAIAN = forms.Textarea(attrs={"rows": 3})
_TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilihIndikatorBanyak(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: IndikatorCapaian) -> str:
        return f"{obj.kode} — {obj.pembilang}"


class PilihUnit(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{obj.singkatan} — {obj.nama}" if obj.singkatan != obj.nama else obj.nama


def unit_tingkat(tingkat: int):
    """Units that exist at a level: Setcam/Puskesmas/PLKB at kecamatan, the OPDs above."""
    return UnitKerja.objects.filter(di_kecamatan=True) if tingkat == Tingkat.KECAMATAN else UnitKerja.objects.filter(di_daerah=True)


class FormMusrenbang(FormDokumen):
    """FormDokumen, with lokasi meaning the regions directly below the Laporan's wilayah at every level."""

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, laporan=laporan, **kwargs)
        if "lokasi" in self.fields:
            self.fields["lokasi"].queryset = Wilayah.objects.filter(induk_id=laporan.wilayah_id).order_by("nama")
            self.fields["lokasi"].label = f"Lokasi ({label_wilayah_bawah(laporan)})"


class AgendaForm(FormMusrenbang):
    class Meta:
        model = AgendaMusrenbang
        fields = ["urutan", "topik", "uraian"]
        widgets = {"uraian": _URAIAN}

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, laporan=laporan, **kwargs)
        if laporan.wilayah.tingkat == Tingkat.KECAMATAN:
            self.fields["topik"].choices = [c for c in self.fields["topik"].choices if c[0] not in TOPIK_DAERAH]
        if not self.instance.pk:  # the next number, not the model's default 1
            terakhir = AgendaMusrenbang.objects.filter(laporan=laporan).aggregate(m=Max("urutan"))["m"] or 0
            self.initial["urutan"] = terakhir + 1


class RencanaProgramForm(FormMusrenbang):
    class Meta:
        model = RencanaProgram
        fields = ["nama", "kategori", "perkiraan_anggaran", "sumber_dana", "unit_pelaksana", "indikator", "lokasi"]
        field_classes = {"indikator": PilihIndikatorBanyak, "lokasi": PilihDesa, "unit_pelaksana": PilihUnit}
        widgets = {"indikator": forms.CheckboxSelectMultiple, "lokasi": forms.CheckboxSelectMultiple}
        localized_fields = ["perkiraan_anggaran"]  # 1.500.000 as Indonesians write it
        help_texts = {"indikator": "Paling sedikit satu indikator yang didukung.", "lokasi": "Boleh dikosongkan."}
        error_messages = {"indikator": {"required": "Pilih paling sedikit satu indikator."}}

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, laporan=laporan, **kwargs)
        self.fields["indikator"].queryset = indikator_katalog()
        self.fields["unit_pelaksana"].queryset = unit_tingkat(laporan.wilayah.tingkat)
        self.fields["unit_pelaksana"].empty_label = "–"


class EvaluasiOPDForm(FormMusrenbang):
    class Meta:
        model = EvaluasiKinerjaOPD
        fields = ["unit", "nilai", "capaian", "catatan"]
        field_classes = {"unit": PilihUnit}
        widgets = {"capaian": _URAIAN, "catatan": _URAIAN}
        localized_fields = ["nilai"]

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, laporan=laporan, **kwargs)
        self.fields["unit"].queryset = unit_tingkat(laporan.wilayah.tingkat)


class KomitmenForm(FormMusrenbang):
    class Meta:
        model = DeklarasiKomitmen
        fields = ["tanggal", "penandatangan", "isi"]
        widgets = {"tanggal": _TANGGAL, "penandatangan": forms.Textarea(attrs={"rows": 2}), "isi": _URAIAN}


class PenghargaanForm(FormMusrenbang):
    class Meta:
        model = Penghargaan
        fields = ["penerima", "jenis", "alasan"]
        widgets = {"alasan": _URAIAN}


class BeritaAcaraForm(FormMusrenbang):
    # Not a model field here: the service checks the content and stores it under a generated name.
    berkas_ttd = forms.FileField(
        label="Berita acara bertanda tangan (pindaian)", required=False,
        help_text="PDF, JPEG atau PNG. Saat mengubah, kosongkan untuk mempertahankan berkas yang ada.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    class Meta:
        model = BeritaAcara
        fields = ["tanggal", "tempat", "pimpinan_rapat", "jabatan_pimpinan", "jumlah_peserta", "perwakilan_peserta", "catatan"]
        widgets = {"tanggal": _TANGGAL, "perwakilan_peserta": forms.Textarea(attrs={"rows": 4}), "catatan": _URAIAN}
        localized_fields = ["jumlah_peserta"]
