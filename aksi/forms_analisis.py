"""TEMPORARY (issue 14): the old import path of the form pieces the pra-musrenbang files still use.
The Analisis situasi forms moved to the `analisis` app; delete this with the musrenbang move."""
from indikator.forms import indikator_katalog  # noqa: F401

from .forms import FormDokumen as FormAnalisis  # noqa: F401
from .forms import PilihDesa  # noqa: F401
