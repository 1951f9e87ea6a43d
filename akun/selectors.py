from notifikasi.selectors import surel_aktif

from .models import Profil


def profil_awal(user) -> dict:
    """The profile form's initial values."""
    profil = Profil.objects.filter(pengguna=user).first()
    return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email,
            "telepon": profil.telepon if profil else "", "surel_notifikasi": surel_aktif(user)}
