from django.apps import AppConfig


class UsulanConfig(AppConfig):
    """Proposals followed to the budget (issue 16, item 4; D89): kecamatan proposals shown to the
    kab/kota pra-musrenbang, linked to the tagged spending lines (RKPD, APBD murni, perubahan) and
    semester realisations that took them up, with a status derived from those links."""

    name = "usulan"
    verbose_name = "Pelacakan usulan"

    def ready(self):
        from aksi.langkah import Langkah, daftarkan

        from .choices import TAHAPAN_USULAN

        # the page /aksi/laporan/<pk>/usulan/ of the steps that read or link proposals
        daftarkan(Langkah(app="usulan", tahapan=tuple(TAHAPAN_USULAN), urls="usulan.urls"))

