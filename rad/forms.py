"""Forms of the RAD pages. They parse and give early feedback; rad.services checks
everything again (rights, level of the lead agency, period, evidence contents)."""
from decimal import Decimal

from django import forms
from django.db.models import Q

from inti.forms import AngkaAscii, PilihUnit, gaya_bootstrap
from wilayah.choices import Izin, Tingkat
from wilayah.models import UnitKerja, Wilayah
from wilayah.lingkup import q_dalam
from wilayah.selectors import wilayah_untuk_aksi

from .choices import StatusRealisasi
from .models import Keluaran, RegulasiRAD
from .services import TargetIsian

_URAIAN = forms.Textarea(attrs={"rows": 2})


class PilihWilayah(forms.ModelChoiceField):
    def label_from_instance(self, obj: Wilayah) -> str:
        return f"{obj.nama_lengkap} ({obj.kode})"


class PilihUnitBanyak(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{obj.singkatan} — {obj.nama}"


def wilayah_kelola(user):
    """Provinsi and kab/kota where the user keeps RAD logframes (administrator or Bappeda approver)."""
    qs = Wilayah.objects.filter(tingkat__in=(Tingkat.PROVINSI, Tingkat.KABKOTA))
    if not user.is_superuser:
        # KELOLA reaches the subtree (a province administrator keeps its kab/kota RAD too); SETUJUI does not
        kelola = sorted(wilayah_untuk_aksi(user, Izin.KELOLA).values_list("kode", flat=True))
        setujui = list(wilayah_untuk_aksi(user, Izin.SETUJUI).values_list("kode", flat=True))
        qs = qs.filter(q_dalam(kelola) | Q(kode__in=setujui))
    return qs.order_by("kode")


class RegulasiForm(forms.Form):
    wilayah = PilihWilayah(queryset=Wilayah.objects.none(), label="Wilayah (provinsi atau kabupaten/kota)")
    nomor = forms.CharField(max_length=50, label="Nomor regulasi")
    tahun = forms.IntegerField(min_value=2000, max_value=2100, label="Tahun regulasi")
    judul = forms.CharField(max_length=300, label="Judul", widget=_URAIAN)
    tahun_mulai = forms.IntegerField(min_value=2000, max_value=2100, label="Tahun awal RAD")
    tahun_selesai = forms.IntegerField(min_value=2000, max_value=2100, label="Tahun akhir RAD")

    def __init__(self, *args, user, regulasi: RegulasiRAD | None = None, **kwargs):
        if regulasi is not None and "initial" not in kwargs:
            kwargs["initial"] = {"wilayah": regulasi.wilayah, "nomor": regulasi.nomor, "tahun": regulasi.tahun,
                                 "judul": regulasi.judul, "tahun_mulai": regulasi.tahun_mulai, "tahun_selesai": regulasi.tahun_selesai}
            kwargs["initial"] |= {f"prevalensi_{t}": p for t, p in regulasi.target_prevalensi.values_list("tahun", "persen")}
        super().__init__(*args, **kwargs)
        self.regulasi = regulasi
        if regulasi is None:
            self.fields["wilayah"].queryset = wilayah_kelola(user)
        else:
            self.fields["wilayah"].queryset = Wilayah.objects.filter(pk=regulasi.wilayah_id)
            self.fields["wilayah"].disabled = True
            for t in regulasi.daftar_tahun:
                self.fields[f"prevalensi_{t}"] = forms.DecimalField(
                    label=f"Target prevalensi {t} (%)", required=False, min_value=Decimal(0), max_value=Decimal(100),
                    decimal_places=2, localize=True)
        gaya_bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("tahun_mulai") and data.get("tahun_selesai") and data["tahun_selesai"] < data["tahun_mulai"]:
            self.add_error("tahun_selesai", "Tahun akhir tidak boleh sebelum tahun awal.")
        return data

    def isian(self) -> dict:
        data = self.cleaned_data
        hasil = {k: data[k] for k in ("wilayah", "nomor", "tahun", "judul", "tahun_mulai", "tahun_selesai")}
        if self.regulasi is not None:
            hasil["prevalensi"] = {int(n.removeprefix("prevalensi_")): v for n, v in data.items()
                                   if n.startswith("prevalensi_") and v is not None}
        return hasil


class PilarForm(forms.Form):
    nomor = forms.IntegerField(min_value=1, max_value=5, label="Nomor pilar (1–5)")
    nama = forms.CharField(max_length=200, label="Nama pilar")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)


class UraianForm(forms.Form):
    uraian = forms.CharField(label="Uraian", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label: str = "Uraian", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uraian"].label = label
        gaya_bootstrap(self)


class KeluaranForm(AngkaAscii, forms.Form):
    """An output with one jumlah + uraian pair per year of the RAD period."""

    uraian = forms.CharField(label="Keluaran", widget=_URAIAN)
    satuan = forms.CharField(max_length=100, label="Satuan", help_text="Mis. dokumen, kegiatan, desa/kelurahan, %.")
    target_teks = forms.CharField(required=False, label="Target & tahun (teks regulasi)", widget=_URAIAN)
    kumulatif = forms.BooleanField(required=False, label="Target kumulatif (jumlah s.d. akhir tahun itu)")
    penanggung_jawab = PilihUnit(queryset=UnitKerja.objects.none(), label="Penanggung jawab (memimpin)",
                                 help_text="Operator unit ini mengisi realisasinya.")
    penanggung_jawab_lain = PilihUnitBanyak(queryset=UnitKerja.objects.all(), required=False, label="Penanggung jawab bersama",
                                            widget=forms.SelectMultiple(attrs={"size": 5}))
    pendukung = PilihUnitBanyak(queryset=UnitKerja.objects.all(), required=False, label="Pendukung",
                                widget=forms.SelectMultiple(attrs={"size": 6}))
    pj_teks = forms.CharField(required=False, label="Penanggung jawab (teks regulasi)", widget=_URAIAN)
    pendukung_teks = forms.CharField(required=False, label="Pendukung (teks regulasi, termasuk mitra non-pemerintah)", widget=_URAIAN)

    def __init__(self, *args, regulasi: RegulasiRAD, keluaran: Keluaran | None = None, **kwargs):
        if keluaran is not None and "initial" not in kwargs:
            target = {t.tahun: t for t in keluaran.target.all()}
            kwargs["initial"] = {
                "uraian": keluaran.uraian, "satuan": keluaran.satuan, "target_teks": keluaran.target_teks,
                "kumulatif": any(t.kumulatif for t in target.values()), "penanggung_jawab": keluaran.penanggung_jawab,
                "penanggung_jawab_lain": list(keluaran.penanggung_jawab_lain.all()), "pendukung": list(keluaran.pendukung.all()),
                "pj_teks": keluaran.pj_teks, "pendukung_teks": keluaran.pendukung_teks,
                **{f"jumlah_{t}": v.jumlah for t, v in target.items()}, **{f"uraian_{t}": v.uraian for t, v in target.items()},
            }
        super().__init__(*args, **kwargs)
        self.tahun = regulasi.daftar_tahun
        tingkat = regulasi.wilayah.tingkat
        self.fields["penanggung_jawab"].queryset = UnitKerja.objects.filter(
            di_daerah=True) if tingkat in (Tingkat.PROVINSI, Tingkat.KABKOTA) else UnitKerja.objects.none()
        for t in self.tahun:
            self.fields[f"jumlah_{t}"] = forms.DecimalField(label=f"Jumlah {t}", required=False, min_value=Decimal(0),
                                                            decimal_places=2, localize=True)
            self.fields[f"uraian_{t}"] = forms.CharField(label=f"Uraian/milestone {t}", required=False, max_length=255)
        gaya_bootstrap(self)

    def baris_tahun(self):
        return [(t, self[f"jumlah_{t}"], self[f"uraian_{t}"]) for t in self.tahun]

    def isian(self) -> dict:
        data = self.cleaned_data
        target = {}
        for t in self.tahun:
            jumlah, uraian = data.get(f"jumlah_{t}"), (data.get(f"uraian_{t}") or "").strip()
            if jumlah is not None or uraian:
                target[t] = TargetIsian(jumlah, uraian)
        return {k: data[k] for k in ("uraian", "satuan", "target_teks", "kumulatif", "penanggung_jawab",
                                     "penanggung_jawab_lain", "pendukung", "pj_teks", "pendukung_teks")} | {"target": target}


class RealisasiForm(AngkaAscii, forms.Form):
    jumlah = forms.DecimalField(label="Jumlah realisasi", required=False, min_value=Decimal(0), decimal_places=2, localize=True)
    status = forms.ChoiceField(label="Status", choices=StatusRealisasi.choices, initial=StatusRealisasi.PROSES)
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    bukti = forms.FileField(
        label="Bukti dukung", required=False,
        help_text="PDF, JPEG atau PNG. Kosongkan untuk mempertahankan bukti yang ada.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)


class ImporForm(forms.Form):
    berkas = forms.FileField(label="Berkas logframe (.xlsx)",
                             widget=forms.FileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)


class SaringDasbor(forms.Form):
    """The query parameters of the dashboard and its exports (see rad.views.dasbor)."""

    tahun = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    semua = forms.BooleanField(required=False)
    pilar = forms.IntegerField(min_value=1, max_value=5, required=False)
    unit = forms.SlugField(max_length=30, required=False)
