from django import forms

from inti.forms import gaya_bootstrap


class TautanForm(forms.Form):
    """Link one proposal to one row of this Laporan; the choices are what the page may link."""

    usulan = forms.TypedChoiceField(label="Usulan kecamatan", coerce=int,
                                    error_messages={"required": "Pilih usulan yang ditautkan.",
                                                    "invalid_choice": "Usulan itu tidak dapat ditautkan di sini."})
    baris = forms.TypedChoiceField(label="Baris belanja/realisasi", coerce=int,
                                   error_messages={"required": "Pilih baris yang menampung usulan itu.",
                                                   "invalid_choice": "Baris itu tidak dapat ditautkan di sini."})

    def __init__(self, *args, usulan, baris, label_baris: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["usulan"].choices = [("", "— pilih usulan —")] + [
            (u.pk, f"{u.laporan.wilayah.nama} · {u.indikator_id} · {u.nama}") for u in usulan]
        self.fields["baris"].choices = [("", "— pilih baris —")] + [(b.pk, str(b)) for b in baris]
        self.fields["baris"].label = label_baris
        gaya_bootstrap(self)
