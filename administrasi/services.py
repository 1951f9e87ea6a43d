"""Writes of user administration: create a user with a first role, (de)activate, add or withdraw
roles, import users from xlsx (all or nothing). Scoped: an administrator acts only inside the
wilayah it administers (wilayah.services checks every assignment again), audited."""
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from akun.services import tautan_sandi_kirim
from inti.galat import Ditolak, IsianTidakValid, Kesalahan
from inti.services import audit_catat
from wilayah.models import Penugasan, UnitKerja, Wilayah
from wilayah.services import penugasan_buat, penugasan_cabut

from .selectors import akar_kelola, dalam_kelola, wajib_administrator


def _cek_wilayah(oleh, wilayah: Wilayah | None) -> None:
    if not dalam_kelola(wajib_administrator(oleh), wilayah.kode if wilayah else None):
        raise Ditolak("Wilayah itu di luar wilayah yang Anda kelola.")


def _tugaskan(oleh, user, wilayah, peran, unit) -> Penugasan:
    _cek_wilayah(oleh, wilayah)
    try:
        return penugasan_buat(oleh=oleh, user=user, wilayah=wilayah, peran=peran, unit=unit)
    except PermissionDenied as exc:
        raise Ditolak(str(exc)) from exc


def pengguna_buat(*, oleh, username: str, first_name: str, last_name: str, email: str, wilayah: Wilayah,
                  peran: str, unit: UnitKerja | None = None, request=None):
    """A new account with its first role. It has no password: the user sets one through the
    e-mail link sent now (the same as "Lupa kata sandi")."""
    User = get_user_model()
    username, email = username.strip(), email.strip().lower()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Nama pengguna ini sudah dipakai."})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Alamat surel ini sudah dipakai akun lain."})
    with transaction.atomic():
        user = User(username=username, first_name=first_name.strip(), last_name=last_name.strip(), email=email)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_catat(pengguna=oleh, aksi="pengguna_buat", objek=user, wilayah_kode=wilayah.kode,
                    baru={"username": username, "email": email})
        _tugaskan(oleh, user, wilayah, peran, unit)
        if request is not None:
            transaction.on_commit(lambda: tautan_sandi_kirim(request=request, user=user), robust=True)
    return user


def tautan_sandi_kirim_ulang(*, oleh, user, request) -> None:
    """Send `user` the link to set a (new) password again — for an imported account, a lost
    first mail or a lockout. Only for an active account with an e-mail inside what `oleh`
    administers; audited. The mail leaves after the commit."""
    if not user.is_active:
        raise Ditolak("Akun ini nonaktif; aktifkan dulu sebelum mengirim tautan kata sandi.")
    if not user.email:
        raise Ditolak("Akun ini tidak punya alamat surel; minta pengguna mengisi profilnya atau tambahkan surel.")
    akar = akar_kelola(oleh)
    if not any(dalam_kelola(akar, p.wilayah_id) for p in Penugasan.objects.filter(user=user)):
        raise Ditolak("Pengguna ini di luar wilayah yang Anda kelola.")
    with transaction.atomic():
        audit_catat(pengguna=oleh, aksi="pengguna_tautan_sandi", objek=user, baru={"email": user.email})
        transaction.on_commit(lambda: tautan_sandi_kirim(request=request, user=user), robust=True)


def pengguna_aktifkan(*, oleh, user, aktif: bool) -> None:
    """(De)activate an account: only when every role it holds lies inside what `oleh` administers."""
    akar = akar_kelola(oleh)
    luar = [p for p in Penugasan.objects.filter(user=user) if not dalam_kelola(akar, p.wilayah_id)]
    if luar:
        raise Ditolak("Pengguna ini juga bertugas di luar wilayah Anda; minta administrator di atas Anda.")
    if user.pk == oleh.pk:
        raise Ditolak("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    with transaction.atomic():
        User = get_user_model()
        u = User.objects.select_for_update().get(pk=user.pk)
        lama = u.is_active
        u.is_active = aktif
        u.save(update_fields=["is_active"])
        audit_catat(pengguna=oleh, aksi="pengguna_aktif" if aktif else "pengguna_nonaktif", objek=u,
                    lama={"is_active": lama}, baru={"is_active": aktif})


def peran_tambah(*, oleh, user, wilayah: Wilayah, peran: str, unit: UnitKerja | None) -> Penugasan:
    with transaction.atomic():
        return _tugaskan(oleh, user, wilayah, peran, unit)


def peran_cabut(*, oleh, penugasan: Penugasan) -> None:
    _cek_wilayah(oleh, penugasan.wilayah)
    try:
        penugasan_cabut(oleh=oleh, penugasan=penugasan)
    except PermissionDenied as exc:
        raise Ditolak(str(exc)) from exc


# --- import from xlsx ----------------------------------------------------------------------------

@dataclass
class HasilImporPengguna:
    dibuat: int = 0
    peran_baru: int = 0
    sudah_ada: int = 0


def pengguna_impor(*, oleh, baris: list[dict]) -> HasilImporPengguna:
    """Rows {username, first_name, last_name, email, wilayah, peran, unit, lokasi}, checked by
    `administrasi.excel`. All or nothing; a user already there gets only the missing role (an
    import run twice changes nothing); a row outside the administrator's wilayah is an error."""
    User = get_user_model()
    hasil = HasilImporPengguna()
    salah = []
    with transaction.atomic():
        for b in baris:
            try:
                user = User.objects.filter(username__iexact=b["username"]).first()
                if user is None:
                    if b["email"] and User.objects.filter(email__iexact=b["email"]).exists():
                        raise ValidationError({"email": "Alamat surel ini sudah dipakai akun lain."})
                    user = User(username=b["username"], first_name=b["first_name"], last_name=b["last_name"], email=b["email"])
                    user.set_unusable_password()
                    user.full_clean(exclude=["password"])
                    user.save()
                    audit_catat(pengguna=oleh, aksi="pengguna_impor", objek=user, wilayah_kode=b["wilayah"].kode,
                                baru={"username": user.username, "email": user.email})
                    hasil.dibuat += 1
                ada = Penugasan.objects.filter(user=user, wilayah=b["wilayah"], peran=b["peran"], unit=b["unit"]).exists()
                _tugaskan(oleh, user, b["wilayah"], b["peran"], b["unit"])
                if ada:
                    hasil.sudah_ada += 1
                else:
                    hasil.peran_baru += 1
            except (ValidationError, Ditolak) as exc:
                pesan = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                salah.append(Kesalahan(pesan, lokasi=b["lokasi"]))
        if salah:
            transaction.set_rollback(True)
    if salah:
        raise IsianTidakValid(salah)
    return hasil


# --- the letterhead logo (D100) ------------------------------------------------------------------------

MAKS_LOGO = 300 * 1024


def kop_surat_simpan(*, oleh, wilayah: Wilayah, logo) -> None:
    """Set (or, with `logo` None, remove) the letterhead logo of a wilayah the user administers:
    a PNG or JPEG of at most 300 KB, checked by its content. Audited; the old file goes after commit."""
    from inti.berkas import hapus_berkas_setelah_commit, jenis_berkas
    from wilayah.models import KopSurat

    _cek_wilayah(oleh, wilayah)
    if logo is not None:
        jenis = jenis_berkas(logo, field="logo", maks=MAKS_LOGO, nama="Logo")
        if jenis not in ("png", "jpg"):
            raise ValidationError({"logo": "Logo harus gambar PNG atau JPEG."})
        logo.name = f"logo.{jenis}"
    with transaction.atomic():
        kop = KopSurat.objects.select_for_update().filter(wilayah=wilayah).first()
        berkas_lama = kop.logo if kop and kop.logo else None
        lama = berkas_lama.name if berkas_lama else ""
        if logo is None:
            if kop:
                kop.delete()
        else:
            kop = kop or KopSurat(wilayah=wilayah)
            kop.logo, kop.diubah_oleh = logo, oleh
            kop.save()
        baru = kop.logo.name if logo is not None else ""
        audit_catat(pengguna=oleh, aksi="kop_surat_ubah", objek_tipe="wilayah.kopsurat", objek_id=wilayah.kode,
                    wilayah_kode=wilayah.kode, lama={"logo": lama}, baru={"logo": baru})
        if lama and lama != baru:
            hapus_berkas_setelah_commit(berkas_lama)

