"""Fixtures and helpers of the tests between levels (review, published numbers): Kedurang's team
and the kab/kota and provinsi reviewers, and approving a Laporan through the real workflow."""
import pytest

from aksi.choices import StatusBagian
from aksi.services import bagian_ajukan, bagian_verifikasi, laporan_setujui

from .conftest import KAB_BENGKULU_SELATAN, KAB_LAIN, KEC_KEDURANG


@pytest.fixture
def orang(beri_peran):
    o = {f"op_{u}": beri_peran("operator", KEC_KEDURANG, unit=u) for u in ("setcam", "puskesmas", "plkb")}
    o |= {f"ver_{u}": beri_peran("verifikator", KEC_KEDURANG, unit=u) for u in ("setcam", "puskesmas", "plkb")}
    o["camat"] = beri_peran("approver", KEC_KEDURANG)
    o["ver_kab"] = beri_peran("verifikator", KAB_BENGKULU_SELATAN)
    o["bappeda_kab"] = beri_peran("approver", KAB_BENGKULU_SELATAN)
    o["ver_kab_lain"] = beri_peran("verifikator", KAB_LAIN)
    o["pemantau_kab"] = beri_peran("pemantau", KAB_BENGKULU_SELATAN)
    o["ver_prov"] = beri_peran("verifikator", "17")
    return o


def setujui(lap, o):
    """Every part submitted (unless it is) and verified by its unit's people, then the camat approves."""
    for b in lap.bagian.all():
        if b.status != StatusBagian.DIAJUKAN:
            bagian_ajukan(user=o[f"op_{b.unit_id}"], bagian=b)
        bagian_verifikasi(user=o[f"ver_{b.unit_id}"], bagian=b)
    return laporan_setujui(user=o["camat"], laporan=lap)
