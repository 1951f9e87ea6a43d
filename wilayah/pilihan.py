"""The region chooser of the public forms and lists: three cascading selects (provinsi,
kabupaten/kota, kecamatan) that htmx refreshes when a parent changes. Public data only:
region names and codes."""
from dataclasses import dataclass

from .choices import Tingkat
from .models import Wilayah


@dataclass
class PilihanWilayah:
    provinsi: list[Wilayah]
    kabkota: list[Wilayah]
    kecamatan: list[Wilayah]
    kode_provinsi: str = ""
    kode_kabkota: str = ""
    kode_kecamatan: str = ""

    @property
    def terpilih(self) -> str:
        """The most specific chosen code ('' when none)."""
        return self.kode_kecamatan or self.kode_kabkota or self.kode_provinsi

    @property
    def wilayah_terpilih(self) -> Wilayah | None:
        daftar = self.kecamatan if self.kode_kecamatan else self.kabkota if self.kode_kabkota else self.provinsi
        return next((w for w in daftar if w.kode == self.terpilih), None)


def pilihan_wilayah(provinsi: str = "", kabkota: str = "", kecamatan: str = "") -> PilihanWilayah:
    """Options for the three cascading selects; a choice that is not under its parent is dropped."""
    semua_provinsi = list(Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).only("kode", "nama", "jenis").order_by("nama"))
    if provinsi not in {w.kode for w in semua_provinsi}:
        provinsi = ""
    kab = list(Wilayah.objects.filter(induk_id=provinsi).only("kode", "nama", "jenis").order_by("nama")) if provinsi else []
    if kabkota not in {w.kode for w in kab}:
        kabkota = ""
    kec = list(Wilayah.objects.filter(induk_id=kabkota).only("kode", "nama", "jenis").order_by("nama")) if kabkota else []
    if kecamatan not in {w.kode for w in kec}:
        kecamatan = ""
    return PilihanWilayah(semua_provinsi, kab, kec, provinsi, kabkota, kecamatan)


def pilihan_dari(params) -> PilihanWilayah:
    """The chooser for a request's GET or POST parameters."""
    return pilihan_wilayah(params.get("provinsi", ""), params.get("kabkota", ""), params.get("kecamatan", ""))
