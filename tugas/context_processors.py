"""The count of the user's own tasks for the navigation badge (computed lazily: pages that do not
render the navigation never pay for it)."""
from django.utils.functional import SimpleLazyObject

from .selectors import jumlah_tugas


def tugas(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"jumlah_tugas": SimpleLazyObject(lambda: jumlah_tugas(user))}
