"""Shared API pieces: pagination with a client-chosen page size, and the CSV/xlsx export rule."""
from rest_framework.pagination import PageNumberPagination


class Halaman(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 5000

    def paginate_queryset(self, queryset, request, view=None):
        # A CSV/xlsx download is the whole list (up to a hard cap), not one page.
        if getattr(request, "accepted_renderer", None) is not None and request.accepted_renderer.format in ("csv", "xlsx"):
            return None
        return super().paginate_queryset(queryset, request, view)
