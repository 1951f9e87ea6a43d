import re

from django import forms
from django.contrib.auth.forms import PasswordResetForm

from inti.forms import gaya_bootstrap

_TELEPON = re.compile(r"^\+?[0-9][0-9 \-]{6,18}$")


class ProfilForm(forms.Form):
    first_name = forms.CharField(label="Nama depan", max_length=150, required=False)
    last_name = forms.CharField(label="Nama belakang", max_length=150, required=False)
    email = forms.EmailField(label="Alamat surel", required=False,
                             help_text="Untuk notifikasi dan untuk mengatur ulang kata sandi.")
    telepon = forms.CharField(label="Nomor telepon", max_length=20, required=False,
                              help_text="Mis. 0812-3456-7890 atau +62 812 3456 7890.")
    surel_notifikasi = forms.BooleanField(label="Kirim notifikasi juga lewat surel", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gaya_bootstrap(self)

    def clean_telepon(self):
        telepon = self.cleaned_data["telepon"].strip()
        if telepon and not _TELEPON.match(telepon):
            raise forms.ValidationError("Nomor telepon tidak valid; tulis seperti 0812-3456-7890 atau +62 812 3456 7890.")
        return telepon


class LupaSandiForm(PasswordResetForm):
    """Django's reset form with the field in Bahasa Indonesia and Bootstrap classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Alamat surel akun Anda"
        gaya_bootstrap(self)

    def get_users(self, email):
        """Every active account with that address, including new ones that have no password yet
        (created by an administrator: the link is how they make their first one)."""
        from django.contrib.auth import get_user_model

        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
