"""TEMPORARY (issue 14): the old import path of the section pages (now aksi.seksi) for the
pra-musrenbang files; delete this with the musrenbang move."""
from .seksi import HalamanSeksi, Seksi  # noqa: F401
