"""factory_boy factories: users, a Wilayah tree with real dotted codes, roles granted through
wilayah.services, Laporan created through aksi.services (with its parts), and NilaiDesa values.

    desa = DesaFactory()                                   # a new provinsi -> kab -> kecamatan -> desa
    kec = KecamatanFactory(induk=Wilayah.objects.get(kode="17.01"))   # next free code under 17.01
    op = PenugasanFactory(wilayah=kec, peran="operator", unit=UnitKerja.objects.get(pk="puskesmas")).user
    laporan = LaporanFactory(wilayah=kec)                  # needs the tahapan fixture; makes the Siklus
    NilaiDesaFactory.create_batch(3, laporan=laporan)      # one value per desa of the kecamatan, item S04
"""
import factory
from django.contrib.auth import get_user_model

from aksi.models import Laporan, Siklus, Tahapan
from indikator.models import NilaiDesa
from wilayah.choices import Jenis, Tingkat
from wilayah.models import Penugasan, UnitKerja, Wilayah

KATA_SANDI = "sandi-uji-Aman-123"
TAHUN = 2026

# Two-digit codes Kemendagri gives no province: factory provinces never meet loaded ones.
_KODE_PROVINSI_BEBAS = [f"{n:02d}" for n in range(40, 50)] + [f"{n:02d}" for n in range(54, 60)]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", KATA_SANDI)

    @factory.post_generation
    def simpan(obj, create, extracted, **kwargs):
        if create:
            obj.save()


# --- Wilayah ------------------------------------------------------------------------------------

def _kode_anak_berikut(induk: Wilayah, *, awal: int, lebar: int) -> str:
    """The next free child code under `induk` ('17.01' -> '17.01.16'), after any loaded ones."""
    ada = [int(k.rsplit(".", 1)[1]) for k in Wilayah.objects.filter(induk=induk).values_list("kode", flat=True)]
    return f"{induk.kode}.{max(ada, default=awal - 1) + 1:0{lebar}d}"


def _kode_provinsi_berikut() -> str:
    ada = set(Wilayah.objects.filter(tingkat=Tingkat.PROVINSI).values_list("kode", flat=True))
    return next(k for k in _KODE_PROVINSI_BEBAS if k not in ada)


class ProvinsiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wilayah
        django_get_or_create = ("kode",)

    kode = factory.LazyFunction(_kode_provinsi_berikut)
    nama = factory.Sequence(lambda n: f"Provinsi Uji {n}")
    tingkat = Tingkat.PROVINSI
    jenis = Jenis.PROVINSI
    induk = None


class KabKotaFactory(ProvinsiFactory):
    kode = factory.LazyAttribute(lambda o: _kode_anak_berikut(o.induk, awal=1, lebar=2))
    nama = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    tingkat = Tingkat.KABKOTA
    jenis = Jenis.KABUPATEN
    induk = factory.SubFactory(ProvinsiFactory)


class KecamatanFactory(ProvinsiFactory):
    kode = factory.LazyAttribute(lambda o: _kode_anak_berikut(o.induk, awal=1, lebar=2))
    nama = factory.Sequence(lambda n: f"Kecamatan Uji {n}")
    tingkat = Tingkat.KECAMATAN
    jenis = Jenis.KECAMATAN
    induk = factory.SubFactory(KabKotaFactory)


class DesaFactory(ProvinsiFactory):
    kode = factory.LazyAttribute(lambda o: _kode_anak_berikut(o.induk, awal=2001, lebar=4))
    nama = factory.Sequence(lambda n: f"Desa Uji {n}")
    tingkat = Tingkat.DESA
    jenis = Jenis.DESA
    induk = factory.SubFactory(KecamatanFactory)


def pohon_wilayah(*, kabkota: int = 1, kecamatan: int = 2, desa: int = 2) -> Wilayah:
    """A new provinsi with `kabkota` kab, `kecamatan` kecamatan each and `desa` desa each, its
    descendant counts filled in by the service that keeps them; returns the provinsi."""
    from wilayah.services import wilayah_hitung_jumlah

    provinsi = ProvinsiFactory()
    for kab in KabKotaFactory.create_batch(kabkota, induk=provinsi):
        for kec in KecamatanFactory.create_batch(kecamatan, induk=kab):
            DesaFactory.create_batch(desa, induk=kec)
    wilayah_hitung_jumlah()
    provinsi.refresh_from_db()
    return provinsi


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"unit-uji-{n}")
    nama = factory.LazyAttribute(lambda o: f"Unit {o.kode}")
    singkatan = factory.LazyAttribute(lambda o: o.kode.upper()[:30])
    di_kecamatan = True
    di_daerah = False


# --- roles --------------------------------------------------------------------------------------

class PenugasanFactory(factory.django.DjangoModelFactory):
    """A role on a wilayah, granted by wilayah.services.penugasan_buat (row + object permissions)."""

    class Meta:
        model = Penugasan

    user = factory.SubFactory(UserFactory)
    wilayah = factory.SubFactory(KecamatanFactory)
    peran = "approver"
    unit = None
    oleh = None  # who grants it: None = the system (no scope check)

    @classmethod
    def _create(cls, model_class, *, oleh=None, **kwargs):
        from wilayah.services import penugasan_buat

        return penugasan_buat(oleh=oleh, **kwargs)


# --- Laporan and values ---------------------------------------------------------------------------

class LaporanFactory(factory.django.DjangoModelFactory):
    """A Laporan with one part per unit, made by aksi.services.laporan_ambil_atau_buat.

    Needs the tahapan catalog (fixture "tahapan"); creates the year's Siklus when missing.
    `status=` sets a state directly, as a test shortcut for data already in that state.
    """

    class Meta:
        model = Laporan

    tahun = TAHUN
    tahapan = factory.LazyFunction(lambda: Tahapan.objects.get(pk="analisis-situasi"))
    wilayah = factory.SubFactory(KecamatanFactory)
    user = factory.SubFactory(UserFactory, is_superuser=True)  # who opens it (in scope everywhere)
    status = None

    @classmethod
    def _create(cls, model_class, *, user, status=None, **kwargs):
        from aksi.services import laporan_ambil_atau_buat, siklus_buat

        if not Siklus.objects.filter(tahun=kwargs["tahun"]).exists():
            siklus_buat(oleh=None, tahun=kwargs["tahun"])
        laporan = laporan_ambil_atau_buat(user=user, **kwargs)
        if status is not None:
            Laporan.objects.filter(pk=laporan.pk).update(status=status)
            laporan.refresh_from_db()
        return laporan


class NilaiDesaFactory(factory.django.DjangoModelFactory):
    """One value (laporan, desa, item). Default desa: the next desa of the Laporan's kecamatan
    that has no value of `item` yet, so create_batch(n, laporan=...) fills n desa."""

    class Meta:
        model = NilaiDesa

    laporan = factory.SubFactory(LaporanFactory)
    item = "S04"
    desa_id = factory.LazyAttribute(
        lambda o: Wilayah.objects.filter(induk=o.laporan.wilayah_id, tingkat=Tingkat.DESA)
        .exclude(kode__in=NilaiDesa.objects.filter(laporan=o.laporan, item=o.item).values("desa_id"))
        .order_by("kode").values_list("kode", flat=True).first()
    )
    nilai = factory.Sequence(lambda n: 10 + n % 90)


def nilai_isi(laporan: Laporan, nilai: dict[str, dict[str, int]]) -> list[NilaiDesa]:
    """Bulk values for one Laporan: {desa_kode: {item: n}} -> the rows (one INSERT)."""
    return NilaiDesa.objects.bulk_create([
        NilaiDesa(laporan=laporan, desa_id=desa, item=item, nilai=n)
        for desa, per_item in nilai.items() for item, n in per_item.items()
    ])
