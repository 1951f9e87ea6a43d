"""/api/v1/: every app registers its viewsets on this one router."""
from rest_framework.routers import DefaultRouter

from aksi.api import LaporanViewSet
from indikator.api import DataPendukungViewSet, IndikatorViewSet, SasaranViewSet
from monev.api import NilaiPenilaianViewSet
from penandaan.api import AnggaranViewSet
from publikasi.api import PublikasiViewSet, RegulasiViewSet
from publikasi.api_cakupan import CakupanViewSet
from wilayah.api import WilayahViewSet

router = DefaultRouter()
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
