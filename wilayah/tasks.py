from celery import shared_task
from django.db.models import Count

from .models import Wilayah
from .services import wilayah_hitung_jumlah


@shared_task(name="wilayah.hitung_jumlah_wilayah")
def hitung_jumlah_wilayah() -> dict[str, int]:
    """Refresh the descendant counts shown on the region tree; returns the national totals."""
    wilayah_hitung_jumlah()
    return {str(t): n for t, n in _jumlah_per_tingkat().items()}


def _jumlah_per_tingkat() -> dict[int, int]:
    return dict(Wilayah.objects.order_by().values_list("tingkat").annotate(n=Count("pk")).values_list("tingkat", "n"))
