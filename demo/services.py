"""Demo logins for `make run`: one user per role at each level, passwords generated once.

The users sit in one province (Bengkulu, 17, unless another code is asked for), its first
kab/kota and that one's first kecamatan, plus the national pemantau and the superadmin: 21
users whatever `--wilayah` says, `all` included. PBKDF2 costs ~0.3-0.7 s per password here, so
a user per province or per kab/kota would turn the national demo into minutes of hashing.

The passwords are kept in var/demo-logins.txt (git-ignored) so a second `make run` prints
the same logins instead of resetting them.
"""
import datetime
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wilayah.choices import Peran, Tingkat
from wilayah.models import UnitKerja, Wilayah
from wilayah.services import penugasan_buat


@dataclass(frozen=True)
class AkunDemo:
    username: str
    nama: str
    tingkat: int | None  # None = nasional
    peran: str
    unit: str | None = None


AKUN_DEMO = [
    AkunDemo("pemantau.nasional", "Pemantau Kemendagri", None, Peran.PEMANTAU),
    AkunDemo("admin.prov", "Administrator Provinsi", Tingkat.PROVINSI, Peran.ADMINISTRATOR),
    AkunDemo("operator.prov.dinkes", "Operator Dinkes Provinsi", Tingkat.PROVINSI, Peran.OPERATOR, "dinkes"),
    AkunDemo("verifikator.prov.dinkes", "Verifikator Dinkes Provinsi", Tingkat.PROVINSI, Peran.VERIFIKATOR, "dinkes"),
    AkunDemo("bappeda.prov", "Bappeda Provinsi", Tingkat.PROVINSI, Peran.APPROVER),
    AkunDemo("pemantau.prov", "Pemantau Provinsi", Tingkat.PROVINSI, Peran.PEMANTAU),
    AkunDemo("admin.kab", "Administrator Kabupaten", Tingkat.KABKOTA, Peran.ADMINISTRATOR),
    AkunDemo("operator.kab.dinkes", "Operator Dinkes Kabupaten", Tingkat.KABKOTA, Peran.OPERATOR, "dinkes"),
    AkunDemo("verifikator.kab.dinkes", "Verifikator Dinkes Kabupaten", Tingkat.KABKOTA, Peran.VERIFIKATOR, "dinkes"),
    AkunDemo("bappeda.kab", "Bappeda Kabupaten", Tingkat.KABKOTA, Peran.APPROVER),
    AkunDemo("pemantau.kab", "Pemantau Kabupaten", Tingkat.KABKOTA, Peran.PEMANTAU),
    AkunDemo("admin.kec", "Administrator Kecamatan", Tingkat.KECAMATAN, Peran.ADMINISTRATOR),
    AkunDemo("operator.kec.puskesmas", "Operator Puskesmas", Tingkat.KECAMATAN, Peran.OPERATOR, "puskesmas"),
    AkunDemo("operator.kec.plkb", "Operator PLKB", Tingkat.KECAMATAN, Peran.OPERATOR, "plkb"),
    AkunDemo("operator.kec.setcam", "Operator Setcam", Tingkat.KECAMATAN, Peran.OPERATOR, "setcam"),
    AkunDemo("verifikator.kec.puskesmas", "Verifikator Puskesmas", Tingkat.KECAMATAN, Peran.VERIFIKATOR, "puskesmas"),
    AkunDemo("verifikator.kec.plkb", "Verifikator PLKB", Tingkat.KECAMATAN, Peran.VERIFIKATOR, "plkb"),
    AkunDemo("verifikator.kec.sekcam", "Verifikator Sekcam", Tingkat.KECAMATAN, Peran.VERIFIKATOR, "setcam"),
    AkunDemo("camat", "Camat", Tingkat.KECAMATAN, Peran.APPROVER),
    AkunDemo("pemantau.kec", "Pemantau Kecamatan", Tingkat.KECAMATAN, Peran.PEMANTAU),
]


def berkas_login() -> Path:
    return Path(settings.VAR_DIR) / "demo-logins.json"


def wilayah_demo(kode_provinsi: str | None = None) -> dict[int, Wilayah]:
    """The demo's provinsi, its first kab/kota and that one's first kecamatan (Bengkulu by default)."""
    provinsi = Wilayah.objects.filter(tingkat=Tingkat.PROVINSI)
    prov = provinsi.filter(kode=kode_provinsi or "17").first() or provinsi.first()
    if prov is None:
        raise RuntimeError("Belum ada wilayah: jalankan load_wilayah dulu.")
    kab = prov.anak.order_by("kode").first()
    kec = kab.anak.order_by("kode").first()
    return {Tingkat.PROVINSI: prov, Tingkat.KABKOTA: kab, Tingkat.KECAMATAN: kec}


def demo_siapkan_akun(*, kode_provinsi: str | None = None) -> list[tuple[AkunDemo, str, Wilayah | None]]:
    """Create the demo users (once) and return (account, password, wilayah) for printing."""
    User = get_user_model()
    tempat = wilayah_demo(kode_provinsi)
    berkas = berkas_login()
    sandi: dict[str, str] = json.loads(berkas.read_text()) if berkas.exists() else {}
    hasil = []
    with transaction.atomic():
        sandi.setdefault("superadmin", "")
        admin = User.objects.filter(username="superadmin").first()
        if admin is None or not sandi["superadmin"]:
            sandi["superadmin"] = secrets.token_urlsafe(9)
            admin = admin or User(username="superadmin", first_name="Superadmin", is_staff=True, is_superuser=True)
            admin.set_password(sandi["superadmin"])
            admin.save()
        for akun in AKUN_DEMO:
            user = User.objects.filter(username=akun.username).first()
            if user is None or not sandi.get(akun.username):
                sandi[akun.username] = secrets.token_urlsafe(9)
                user = user or User(username=akun.username, first_name=akun.nama)
                user.set_password(sandi[akun.username])
                user.save()
            wilayah = tempat[akun.tingkat] if akun.tingkat else None
            unit = UnitKerja.objects.get(pk=akun.unit) if akun.unit else None
            penugasan_buat(oleh=None, user=user, wilayah=wilayah, peran=akun.peran, unit=unit)
            hasil.append((akun, sandi[akun.username], wilayah))
    berkas.parent.mkdir(parents=True, exist_ok=True)
    berkas.write_text(json.dumps(sandi, indent=2))
    berkas.chmod(0o600)
    return [(AkunDemo("superadmin", "Superadmin", None, "superadmin"), sandi["superadmin"], None), *hasil]


def demo_siapkan_siklus(*, kode_provinsi: str | None = None):
    """This year's cycle with every window of the demo province extended to 31 December,
    so each step can be tried whatever the date (a real deployment keeps DOMAIN.md's months)."""
    from aksi.models import Jadwal
    from aksi.services import jadwal_perpanjang, siklus_buat

    tahun = timezone.localdate().year
    siklus = siklus_buat(oleh=None, tahun=tahun)
    provinsi = wilayah_demo(kode_provinsi)[Tingkat.PROVINSI]
    sistem = get_user_model().objects.filter(is_superuser=True).first()
    for jadwal in Jadwal.objects.filter(siklus=siklus, selesai__lt=datetime.date(tahun, 12, 31)):
        if not jadwal.perpanjangan.filter(wilayah=provinsi).exists():
            jadwal_perpanjang(oleh=sistem, jadwal=jadwal, wilayah=provinsi, selesai=datetime.date(tahun, 12, 31),
                              alasan="Demo: jadwal dibuka sampai akhir tahun")
    return siklus
