"""/api/v1/: every app registers its viewsets on this one router; its root lists what the caller may read."""
from rest_framework.permissions import AllowAny
from rest_framework.routers import APIRootView, DefaultRouter

from aksi.api import LaporanViewSet
from indikator.api import DataPendukungViewSet, IndikatorViewSet, SasaranViewSet
from penandaan.api import AnggaranViewSet
from penilaian.api import NilaiPenilaianViewSet
from publikasi.api import CakupanViewSet, PublikasiViewSet, RegulasiViewSet
from wilayah.api import WilayahViewSet


class AkarAPI(APIRootView):
    """/api/v1/: open to everyone, it lists the endpoints whose permissions admit this caller
    (an anonymous caller sees the public ones, a user all of them)."""

    permission_classes = [AllowAny]
    viewset_per_prefix: dict = {}

    def get(self, request, *args, **kwargs):
        respons = super().get(request, *args, **kwargs)
        respons.data = {prefix: url for prefix, url in respons.data.items()
                        if self._boleh(request, self.viewset_per_prefix[prefix])}
        return respons

    @staticmethod
    def _boleh(request, viewset) -> bool:
        view = viewset()
        return all(izin.has_permission(request, view) for izin in view.get_permissions())


class RuteAPI(DefaultRouter):
    """DefaultRouter whose root is AkarAPI."""

    APIRootView = AkarAPI

    def get_api_root_view(self, api_urls=None):
        list_name = self.routes[0].name
        return self.APIRootView.as_view(
            api_root_dict={prefix: list_name.format(basename=basename) for prefix, _v, basename in self.registry},
            viewset_per_prefix={prefix: viewset for prefix, viewset, _b in self.registry},
        )


router = RuteAPI()
router.register("cakupan", CakupanViewSet, basename="cakupan")  # first: the most polled endpoint
router.register("wilayah", WilayahViewSet, basename="wilayah")
router.register("indikator", IndikatorViewSet, basename="indikator")
router.register("sasaran", SasaranViewSet, basename="sasaran")
router.register("pendukung", DataPendukungViewSet, basename="pendukung")
router.register("laporan", LaporanViewSet, basename="laporan")
router.register("anggaran", AnggaranViewSet, basename="anggaran")
router.register("penilaian", NilaiPenilaianViewSet, basename="penilaian")
router.register("regulasi", RegulasiViewSet, basename="regulasi")
router.register("publikasi", PublikasiViewSet, basename="publikasi")

urlpatterns = router.urls
