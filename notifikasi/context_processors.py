"""The unread count for the navigation badge (lazy: only pages that render it pay for it)."""
from django.utils.functional import SimpleLazyObject

from .selectors import jumlah_belum_dibaca


def notifikasi(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"jumlah_notifikasi": SimpleLazyObject(lambda: jumlah_belum_dibaca(user))}
