from django.db import models


class StatusUsulan(models.IntegerChoices):
    """How far a proposal went (D89): the furthest stage any approved linked line reached."""

    DIUSULKAN = 0, "Diusulkan"
    RKPD = 1, "Terakomodir di RKPD"
    MURNI = 2, "Masuk APBD murni"
    PERUBAHAN = 3, "Masuk APBD perubahan"
    TEREALISASI = 4, "Terealisasi"


# the tagging step of a linked spending line -> the stage it shows
TAHAP_PENANDAAN = {
    "penandaan-perencanaan": StatusUsulan.RKPD,
    "penandaan-apbd": StatusUsulan.MURNI,
    "penandaan-perubahan": StatusUsulan.PERUBAHAN,
}

# the steps whose Laporan have a proposals page, and the year of the proposals each looks at
# (0: the same year — the kab/kota pra-musrenbang and the RKPD tagged this year; 1: the year
# before — the APBD of this year and its realisation carry last year's proposals)
TAHAPAN_USULAN = {
    "pra-musrenbang": 0,
    "penandaan-perencanaan": 0,
    "penandaan-apbd": 1,
    "penandaan-perubahan": 1,
    "capaian-semester-1": 1,
    "capaian-semester-2": 1,
}
