"""Whether the navigation offers "Pengguna" (only to wilayah administrators and superusers)."""
from django.utils.functional import SimpleLazyObject

from .selectors import boleh_administrasi


def administrasi(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"menu_administrasi": SimpleLazyObject(lambda: boleh_administrasi(user))}
