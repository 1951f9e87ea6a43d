"""Per-client quotas for the public forms, kept in Django's cache (Redis in production and
tests, so every web process shares them; local memory in the one-process demo).

A quota is a fixed window: the first counted request opens it for `detik` seconds; after
`batas` requests in it the client waits until it closes. Clients are told apart by
REMOTE_ADDR, hashed with the secret key so the cache never holds an IP address.
"""
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Kuota:
    nama: str
    batas: int
    detik: int


def kuota(nama: str, bawaan: tuple[int, int]) -> Kuota:
    """The quota `nama` from settings (PENGADUAN_BATAS_KIRIM = (5, 3600), …) or its default."""
    batas, detik = getattr(settings, f"PENGADUAN_BATAS_{nama.upper()}", bawaan)
    return Kuota(nama, int(batas), int(detik))


def alamat_klien(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "tanpa-alamat"


def _kunci(kuota: Kuota, alamat: str) -> str:
    klien = hashlib.sha256(f"{settings.SECRET_KEY}|{alamat}".encode()).hexdigest()[:32]
    return f"publikasi:kuota:{kuota.nama}:{klien}"


def pakai(request, kuota: Kuota) -> int | None:
    """Count one request; None while within the quota, else the seconds until it reopens."""
    kunci = _kunci(kuota, alamat_klien(request))
    sekarang = int(time.time())
    cache.add(f"{kunci}:mulai", sekarang, kuota.detik)
    cache.add(kunci, 0, kuota.detik)
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # the window closed between add() and incr()
        cache.set(kunci, 1, kuota.detik)
        cache.set(f"{kunci}:mulai", sekarang, kuota.detik)
        jumlah = 1
    if jumlah <= kuota.batas:
        return None
    mulai = cache.get(f"{kunci}:mulai") or sekarang
    return max(1, mulai + kuota.detik - sekarang)


def kembalikan(request, kuota: Kuota) -> None:
    """Give back a counted request (a form that was refused and saved nothing)."""
    try:
        cache.decr(_kunci(kuota, alamat_klien(request)))
    except ValueError:
        pass


def reset(alamat: str, kuota: Kuota) -> None:
    """Forget a client's count (tests, or an administrator unblocking an office)."""
    kunci = _kunci(kuota, alamat)
    cache.delete_many([kunci, f"{kunci}:mulai"])
