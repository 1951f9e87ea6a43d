"""How complete each part (BagianLaporan) of a Laporan is: what the operator sees before
submitting, the verifikator before verifying and the approver before approving (issue 13).

Two kinds of content belong to a part:

- per-desa values (steps with a `periode`, at kecamatan level): the cells desa × the part's
  columns, a column being a catalog item whose PJ unit is the part's unit (the unit-less part
  takes the items no part owns), exactly as the entry grid assigns them;
- document sections: the `seksi` the feature apps register for the step (`aksi.langkah`):
  document models (`DokumenBagian`: Analisis situasi, Pra-musrenbang, Regulasi, Catatan monev)
  of the level, in the part of their unit, and rows of other models (`SeksiBaris`: budget tags,
  semester realisation, RAD realisation). A section counts as filled when it has a row.

Counting is grouped: one query for the cells of every part, one per section model — never one
per desa. `kosong` (nothing at all filled in a part that has something to fill) is what
`aksi.services.bagian_ajukan` holds back unless the operator writes why in the note.
"""
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count

from indikator.katalog import daftar_item
from inti.format import angka
from indikator.models import NilaiDesa
from wilayah.choices import Tingkat
from wilayah.models import Wilayah

from . import langkah
from .models import BagianLaporan, DokumenBagian, Laporan


@dataclass
class KelengkapanBagian:
    bagian: BagianLaporan
    jumlah_desa: int = 0
    jumlah_kolom: int = 0
    sel_terisi: int = 0
    seksi: list[tuple[str, int]] = field(default_factory=list)  # (section title, rows)

    @property
    def sel_total(self) -> int:
        return self.jumlah_desa * self.jumlah_kolom

    @property
    def seksi_terisi(self) -> int:
        return sum(1 for _, n in self.seksi if n)

    @property
    def seksi_total(self) -> int:
        return len(self.seksi)

    @property
    def seksi_kosong(self) -> list[str]:
        return [judul for judul, n in self.seksi if not n]

    @property
    def diukur(self) -> bool:
        """Whether the part has anything to fill that the portal can count."""
        return bool(self.sel_total or self.seksi_total)

    @property
    def kosong(self) -> bool:
        return self.diukur and not self.sel_terisi and not self.seksi_terisi

    @property
    def lengkap(self) -> bool:
        return self.diukur and self.sel_terisi >= self.sel_total and self.seksi_terisi == self.seksi_total

    @property
    def persen_sel(self) -> float | None:
        return self.sel_terisi * 100 / self.sel_total if self.sel_total else None

    @property
    def ringkasan(self) -> str:
        """One sentence, in Bahasa Indonesia, for pages and refusals."""
        if not self.diukur:
            return "Tidak ada isian yang dapat dihitung untuk bagian ini."
        teks = []
        if self.sel_total:
            teks.append(f"data per desa {angka(self.sel_terisi)} dari {angka(self.sel_total)} sel terisi "
                        f"({angka(self.jumlah_desa)} desa × {angka(self.jumlah_kolom)} kolom)")
        if self.seksi_total:
            dokumen = f"dokumen {self.seksi_terisi} dari {self.seksi_total} bagian terisi"
            if self.seksi_kosong:
                dokumen += f" (belum: {', '.join(self.seksi_kosong)})"
            teks.append(dokumen)
        kalimat = "; ".join(teks)
        return kalimat[0].upper() + kalimat[1:] + "."


def _seksi_dokumen(model: type[DokumenBagian], tingkat: int) -> langkah.SeksiBaris:
    """A document model as a section: its title, levels and the unit of its part at `tingkat`."""
    judul = str(model._meta.verbose_name_plural)
    unit = model.unit_di(tingkat)
    return langkah.SeksiBaris(model._meta.label, judul[0].upper() + judul[1:], model.TINGKAT, unit=unit)


def _seksi(tahapan_kode: str, tingkat: int) -> list[tuple[type, langkah.SeksiBaris]]:
    """The sections the apps register for this step, with their model, in registration order."""
    hasil = []
    for lk in langkah.untuk(tahapan_kode):
        for seksi in lk.seksi:
            if isinstance(seksi, str):
                model = apps.get_model(seksi)
                seksi = _seksi_dokumen(model, tingkat)
            else:
                model = apps.get_model(seksi.model)
            hasil.append((model, seksi))
    return hasil


def _bagian_untuk(unit: str | None, bagian: dict) -> BagianLaporan | None:
    """The part rows of `unit` belong to: that unit's part, else the unit-less one."""
    return bagian.get(unit) or bagian.get(None)


def kelengkapan_laporan(laporan: Laporan, daftar_bagian: list[BagianLaporan] | None = None) -> dict[int, KelengkapanBagian]:
    """{part pk: its completeness} for every part of `laporan` (`daftar_bagian`: its parts, if loaded)."""
    if daftar_bagian is None:
        daftar_bagian = list(laporan.bagian.select_related("unit"))
    bagian = {b.unit_id: b for b in daftar_bagian}
    hasil = {b.pk: KelengkapanBagian(b) for b in daftar_bagian}
    tingkat = laporan.wilayah.tingkat

    if laporan.tahapan.periode and tingkat == Tingkat.KECAMATAN:
        jumlah_desa = Wilayah.objects.filter(induk_id=laporan.wilayah_id, tingkat=Tingkat.DESA).count()
        pemilik: dict[str, BagianLaporan] = {}
        for item in daftar_item():
            b = _bagian_untuk(item.pj, bagian)
            if b is not None:
                pemilik[item.kode] = b
                hasil[b.pk].jumlah_desa = jumlah_desa
                hasil[b.pk].jumlah_kolom += 1
        terisi = NilaiDesa.objects.filter(laporan=laporan).values("item").annotate(n=Count("*")).order_by()
        for baris in terisi:
            b = pemilik.get(baris["item"])
            if b is not None:
                hasil[b.pk].sel_terisi += baris["n"]

    for model, seksi in _seksi(laporan.tahapan_id, tingkat):
        if tingkat not in seksi.tingkat:
            continue
        if seksi.kolom_unit:
            per_unit = dict(model.objects.filter(laporan=laporan).values_list(seksi.kolom_unit).annotate(n=Count("*"))
                            .order_by())
            jumlah: dict[int, int] = {}
            for unit, n in per_unit.items():
                b = _bagian_untuk(unit, bagian)
                if b is not None:
                    jumlah[b.pk] = jumlah.get(b.pk, 0) + n
            for b in daftar_bagian:  # each part has its own rows of this section (each OPD its tags)
                hasil[b.pk].seksi.append((seksi.judul, jumlah.get(b.pk, 0)))
        else:
            b = _bagian_untuk(seksi.unit or None, bagian)
            if b is not None:
                hasil[b.pk].seksi.append((seksi.judul, model.objects.filter(laporan=laporan).count()))
    return hasil


def kelengkapan_bagian(bagian: BagianLaporan) -> KelengkapanBagian:
    return kelengkapan_laporan(bagian.laporan)[bagian.pk]
