"""Shared API pieces: pagination with a client-chosen page size, and the CSV/xlsx export rule."""
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import UserRateThrottle


class Halaman(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 5000

    def paginate_queryset(self, queryset, request, view=None):
        # A CSV/xlsx download is the whole list (up to a hard cap), not one page.
        if getattr(request, "accepted_renderer", None) is not None and request.accepted_renderer.format in ("csv", "xlsx"):
            return None
        return super().paginate_queryset(queryset, request, view)


class PenggunaThrottle(UserRateThrottle):
    """The per-user rate, for signed-in users only: anonymous callers are counted once, by
    AnonRateThrottle (DRF's UserRateThrottle would count them a second time by IP, one more
    cache round trip per request)."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
