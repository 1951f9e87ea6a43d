"""/api/v1/: every app registers its viewsets on this one router."""
from rest_framework.routers import DefaultRouter

from wilayah.api import WilayahViewSet

router = DefaultRouter()
router.register("wilayah", WilayahViewSet, basename="wilayah")

urlpatterns = router.urls
