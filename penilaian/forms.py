"""The monitoring note's form (CatatanMonev: it only parses; the service validates the model) and
the scoring rule page's form (AturanForm)."""
from decimal import Decimal

from django import forms

from aksi.models import Laporan, Tahapan
from inti.angka import baca_desimal
from inti.forms import Desimal, gaya_bootstrap

from .models import AWALAN_BOBOT, TAHAPAN_PENILAIAN, AturanPenilaian, CatatanMonev



class CatatanMonevForm(forms.ModelForm):
    class Meta:
        model = CatatanMonev
        fields = ("tahapan_dipantau", "masalah", "tindak_lanjut")
        widgets = {"masalah": forms.Textarea(attrs={"rows": 3}), "tindak_lanjut": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, laporan: Laporan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.laporan = laporan
        tingkat = laporan.wilayah.tingkat
        kode = [t.kode for t in Tahapan.objects.exclude(pk=TAHAPAN_PENILAIAN) if t.berlaku_di(tingkat)]
        self.fields["tahapan_dipantau"].queryset = Tahapan.objects.filter(pk__in=kode).order_by("urutan")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def _post_clean(self):  # the service validates the model; the form only parses
        pass


class AturanForm(forms.Form):
    """The rule page: both thresholds, the note and one weight per component (`bobot_<kode>`), with
    the values the page was loaded with in hidden `asal_<field>` fields, so the save writes only what
    this user changed (`penilaian.services.aturan_ubah`). The preview uses the same form."""

    ambang_berkembang = Desimal(label="Ambang Berkembang", max_digits=5, decimal_places=2, min_value=0, max_value=100,
                                help_text="Nilai total paling kecil untuk kelas Berkembang (di bawahnya: Tumbuh).")
    ambang_berdaya = Desimal(label="Ambang Berdaya", max_digits=5, decimal_places=2, min_value=0, max_value=100,
                             help_text="Nilai total paling kecil untuk kelas Berdaya.")
    keterangan = forms.CharField(label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, aturan: AturanPenilaian, **kwargs):
        tersimpan = aturan.isian()
        super().__init__(*args, initial=tersimpan, **kwargs)
        self._aturan = aturan
        self.komponen = list(aturan.komponen.all())
        for k in self.komponen:
            self.fields[f"{AWALAN_BOBOT}{k.kode}"] = Desimal(
                label=f"Bobot {k.nama}", max_digits=6, decimal_places=2, min_value=0,
                error_messages={"min_value": f"Bobot {k.nama} tidak boleh negatif."},
            )
        for nama in tersimpan:
            self.fields[f"asal_{nama}"] = forms.CharField(required=False, widget=forms.HiddenInput,
                                                          initial=self._teks(nama, tersimpan[nama]))
        gaya_bootstrap(self)

    def _teks(self, nama: str, nilai) -> str:
        return self.fields[nama].prepare_value(nilai) if isinstance(nilai, Decimal) else nilai

    def clean(self):
        data = super().clean()
        berkembang, berdaya = data.get("ambang_berkembang"), data.get("ambang_berdaya")
        if berkembang is not None and berdaya is not None and berkembang > berdaya:
            self.add_error("ambang_berdaya", "Ambang Berdaya tidak boleh di bawah ambang Berkembang.")
        bobot = [data.get(f"{AWALAN_BOBOT}{k.kode}") for k in self.komponen]
        if self.komponen and None not in bobot and sum(bobot) <= 0:
            raise forms.ValidationError("Paling sedikit satu komponen harus berbobot lebih dari 0.")
        return data

    def isian(self) -> dict:
        """The entered values, keyed like `AturanPenilaian.isian()`."""
        return {nama: self.cleaned_data[nama] for nama in self.fields if not nama.startswith("asal_")}

    def asal(self) -> dict:
        """The values the page was loaded with (a missing or unreadable one: None, so a change of it conflicts)."""
        hasil = {}
        for nama in self.isian():
            teks = self.data.get(f"asal_{nama}")
            if nama == "keterangan":
                hasil[nama] = teks
                continue
            try:
                hasil[nama] = baca_desimal(teks) if teks is not None else None
            except ValueError:
                hasil[nama] = None
        return hasil

    def usulan(self) -> dict:
        """The preview's arguments (`penilaian.selectors.aturan_pratinjau`)."""
        d = self.cleaned_data
        return {"ambang_berkembang": d["ambang_berkembang"], "ambang_berdaya": d["ambang_berdaya"],
                "bobot": {k.kode: d[f"{AWALAN_BOBOT}{k.kode}"] for k in self.komponen}}

    def segarkan(self, tersimpan: dict) -> "AturanForm":
        """After a conflict: a form with this user's changed values kept, every other field showing
        what is stored now, and the stored values as the new origin."""
        asal, data = self.asal(), self.data.copy()
        for nama, nilai in tersimpan.items():
            dimasukkan = self.cleaned_data.get(nama)
            if dimasukkan == asal.get(nama):
                data[nama] = self._teks(nama, nilai)
            data[f"asal_{nama}"] = self._teks(nama, nilai)
        return AturanForm(data, aturan=self._aturan)
