"""Page checks shared by tests."""
import re

# a script, stylesheet, image or frame loaded from another host (a CDN): what the pages must not do
_ASET_LUAR = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^\"'\s>]+", re.I)


def aset_luar(html: str) -> list[str]:
    """Every asset the page would load from another host."""
    return _ASET_LUAR.findall(html)
