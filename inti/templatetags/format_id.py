"""Indonesian number formats as template filters: {{ x|angka }} · {{ x|persen:1 }} · {{ x|rupiah }}.
The functions live in inti.format (services write numbers in sentences too)."""
from django import template

from inti import format as fmt

register = template.Library()
register.filter("angka", fmt.angka)
register.filter("persen", fmt.persen)
register.filter("rupiah", fmt.rupiah)


@register.filter
def ambil(kamus, kunci):
    """{{ d|ambil:k }}: the value of key `k` in a dict (None when missing), for tables read from a dict."""
    return kamus.get(kunci) if hasattr(kamus, "get") else None

