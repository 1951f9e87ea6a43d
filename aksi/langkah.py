"""The step registry: how feature apps take part in the workflow without `aksi` importing them.

`aksi` is the workflow kernel (siklus, tahapan, jadwal, Laporan and its parts, the transitions,
the document write contract). A feature app (analisis, musrenbang, penandaan, rad, monev, ...)
declares in its `AppConfig.ready()` what it contributes to which steps:

    from aksi.langkah import Langkah, daftarkan
    daftarkan(Langkah(app="musrenbang", tahapan=("pra-musrenbang",),
                      seksi=("musrenbang.AgendaMusrenbang", ...),
                      kekurangan_ajukan=berita_acara_kurang,
                      urls="musrenbang.urls"))

and the kernel asks the registry: the completeness of a part counts the `seksi` (document
models, `aksi.models.DokumenBagian`, which name their levels and unit themselves, or a
`SeksiBaris` for the rows of another model, e.g. penandaan's tagged spending lines), a part
is not submitted while a `kekurangan_ajukan` names what is missing, a new Laporan calls every
`saat_dibuat` inside its transaction, and every status change of a Laporan calls
`saat_status_berubah` after its transaction commits. `urls` are included by `config/urls.py`
under `aksi/laporan/<int:pk>/` with the app label as namespace (give them on one Langkah of
the app). An app may register several Langkah, one per set of `tahapan`.
"""
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from wilayah.choices import Tingkat


@dataclass(frozen=True)
class SeksiBaris:
    """A section made of the rows of a model that is not a `DokumenBagian`: its title, the levels
    whose Laporan carry it, and the part its rows belong to."""

    model: str  # "app_label.Model", rows with a `laporan` key
    judul: str
    tingkat: tuple[int, ...] = (Tingkat.KECAMATAN, Tingkat.KABKOTA, Tingkat.PROVINSI)
    unit: str = ""  # the unit of the part every row belongs to ("" = the unit-less part), or
    kolom_unit: str = ""  # the lookup on each row naming its part's unit (then every part has this section)


@dataclass(frozen=True)
class Langkah:
    """What one feature app contributes to the workflow of some steps (`tahapan`: step codes; empty: all)."""

    app: str
    tahapan: tuple[str, ...] = ()
    # sections counted in a part's completeness (aksi.kelengkapan), in page order:
    # "app_label.Model" of a DokumenBagian model, or a SeksiBaris
    seksi: tuple[str | SeksiBaris, ...] = ()
    # (bagian) -> why it may not be submitted yet, or None
    kekurangan_ajukan: Callable | None = None
    # (laporan, user) -> None, inside the transaction that creates the Laporan, after its parts exist
    saat_dibuat: Callable | None = None
    # (laporan, dari, ke) -> None, after the transaction of a status change has committed
    saat_status_berubah: Callable | None = None
    # (riwayat) -> None, after the transaction of every logged transition (a part's or the
    # Laporan's: RiwayatLaporan) has committed; notifications hang here
    saat_transisi: Callable | None = None
    # module of URL patterns taking the Laporan pk, included at aksi/laporan/<int:pk>/
    urls: str | None = None

    def berlaku(self, tahapan_kode: str) -> bool:
        return not self.tahapan or tahapan_kode in self.tahapan


_DAFTAR: dict[tuple[str, tuple[str, ...]], Langkah] = {}


def daftarkan(langkah: Langkah) -> Langkah:
    """Register (or, on a second `ready()`, replace) an app's contribution to its `tahapan`."""
    _DAFTAR[(langkah.app, langkah.tahapan)] = langkah
    return langkah


def semua() -> list[Langkah]:
    return list(_DAFTAR.values())


def untuk(tahapan_kode: str) -> list[Langkah]:
    return [lk for lk in _DAFTAR.values() if lk.berlaku(tahapan_kode)]


def kekurangan_ajukan(bagian) -> str | None:
    """The first reason any app gives why this part cannot be submitted yet, or None."""
    for lk in untuk(bagian.laporan.tahapan_id):
        if lk.kekurangan_ajukan and (alasan := lk.kekurangan_ajukan(bagian)):
            return alasan
    return None


def laporan_dibuat(laporan, user) -> None:
    for lk in untuk(laporan.tahapan_id):
        if lk.saat_dibuat:
            lk.saat_dibuat(laporan, user)


def status_berubah(laporan, dari: str, ke: str) -> None:
    """Called by every transition that changes `laporan.status`, inside its transaction: the
    apps' side effects run once it commits (robust: a failing side effect, e.g. a broker
    hiccup, never undoes or fails the transition itself)."""
    if dari == ke:
        return
    for lk in untuk(laporan.tahapan_id):
        if lk.saat_status_berubah:
            fungsi = lk.saat_status_berubah
            transaction.on_commit(lambda fungsi=fungsi: fungsi(laporan, dari, ke), robust=True)


def transisi_dicatat(riwayat) -> None:
    """Called by the kernel for every RiwayatLaporan it writes, inside the transaction: the apps'
    `saat_transisi` run once it commits (robust, like `status_berubah`)."""
    for lk in untuk(riwayat.laporan.tahapan_id):
        if lk.saat_transisi:
            fungsi = lk.saat_transisi
            transaction.on_commit(lambda fungsi=fungsi: fungsi(riwayat), robust=True)
