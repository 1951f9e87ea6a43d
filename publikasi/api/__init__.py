"""The API of this app: regulasi and publikasi (dokumen), and the public coverage of the 31
indicators (cakupan). config.api_urls registers the viewsets exported here."""
from .cakupan import CakupanViewSet
from .dokumen import PublikasiViewSet, RegulasiViewSet

__all__ = ["CakupanViewSet", "PublikasiViewSet", "RegulasiViewSet"]
