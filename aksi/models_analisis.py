"""TEMPORARY (issue 14): the old import path of the names the pra-musrenbang files still use.
The Analisis situasi models moved to the `analisis` app; delete this with the musrenbang move."""
from .choices import SumberDana  # noqa: F401
from .models import TINGKAT_DAERAH  # noqa: F401
from .models import DokumenBagian as DokumenAnalisis  # noqa: F401
