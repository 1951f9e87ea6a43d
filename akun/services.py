"""Writes of one's own account: the profile (audited), the reset-mail throttle."""
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from inti.services import audit_catat
from notifikasi.services import pengaturan_ubah

from .models import Profil

# Password-reset requests: per client address and per e-mail address, in a window. Beyond it the
# page says the same as always (nothing about which addresses exist) and sends nothing.
BATAS_RESET_IP, BATAS_RESET_SUREL, JENDELA_RESET_DETIK = 10, 3, 3600


def profil_simpan(*, user, first_name: str, last_name: str, email: str, telepon: str, surel_notifikasi: bool) -> None:
    email = (email or "").strip().lower()
    if email and get_user_model().objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError({"email": "Alamat surel ini sudah dipakai akun lain."})
    with transaction.atomic():
        u = get_user_model().objects.select_for_update().get(pk=user.pk)
        profil, _ = Profil.objects.select_for_update().get_or_create(pengguna=u)
        lama = {"first_name": u.first_name, "last_name": u.last_name, "email": u.email, "telepon": profil.telepon}
        u.first_name, u.last_name, u.email = first_name.strip(), last_name.strip(), email
        u.save(update_fields=["first_name", "last_name", "email"])
        profil.telepon = telepon
        profil.save(update_fields=["telepon"])
        audit_catat(pengguna=user, aksi="profil_ubah", objek=u, lama=lama,
                    baru={"first_name": u.first_name, "last_name": u.last_name, "email": email, "telepon": telepon})
        pengaturan_ubah(user=u, surel=surel_notifikasi)


def reset_diizinkan(*, ip: str, email: str) -> bool:
    """Count this request; False once the address or the e-mail has asked too often this hour."""
    boleh = True
    for kunci, batas in ((f"akun:reset:ip:{ip}", BATAS_RESET_IP), (f"akun:reset:surel:{email.strip().lower()}", BATAS_RESET_SUREL)):
        cache.add(kunci, 0, JENDELA_RESET_DETIK)
        try:
            n = cache.incr(kunci)
        except ValueError:  # expired between add and incr
            cache.set(kunci, 1, JENDELA_RESET_DETIK)
            n = 1
        boleh = boleh and n <= batas
    return boleh


def tautan_sandi_kirim(*, request, user) -> None:
    """E-mail `user` the link to set a password (the same mail as "Lupa kata sandi"), e.g. to an
    account an administrator has just created."""
    konteks = {"user": user, "uid": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
               "protocol": "https" if request.is_secure() else "http", "domain": request.get_host()}
    judul = "".join(render_to_string("akun/surel_setel_sandi_judul.txt", konteks).splitlines())
    send_mail(judul, render_to_string("akun/surel_setel_sandi.txt", konteks), None, [user.email], fail_silently=False)
