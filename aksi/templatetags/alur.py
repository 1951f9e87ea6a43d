"""Workflow bits for templates that do not own the Laporan page's context (the entry grid)."""
from django import template

from ..selectors import alasan_kembali, label_status

register = template.Library()


@register.filter
def status_riwayat(kode: str, bagian_id) -> str:
    """A history row's state code as its Indonesian label: `{{ r.dari|status_riwayat:r.bagian_id }}`."""
    return label_status(kode, bagian_id is not None)


@register.simple_tag
def bagian_dikembalikan(laporan) -> list:
    """[(part, the transition that returned it)] for the returned parts of `laporan`."""
    bagian = list(laporan.bagian.select_related("unit"))
    alasan = alasan_kembali(bagian)
    return [(b, alasan[b.pk]) for b in bagian if b.pk in alasan]
