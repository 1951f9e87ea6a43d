from django.apps import AppConfig


class PembinaanConfig(AppConfig):
    """Between levels (issue 16, items 3 and 5; D90, D91): supervision visits with findings and
    follow-up the lower wilayah answers (Pergub 45/2025 Pasal 9), and the kab/kota semester report
    sent to the provinsi (Pasal 8(4))."""

    name = "pembinaan"
    verbose_name = "Pembinaan, pengawasan dan laporan semester"
