from django.apps import AppConfig


class PenandaanConfig(AppConfig):
    name = "penandaan"
    verbose_name = "Penandaan anggaran"

    def ready(self):
        from aksi.langkah import Langkah, SeksiBaris, daftarkan
        from wilayah.choices import Tingkat

        daftarkan(Langkah(app="penandaan", tahapan=("penandaan-perencanaan", "penandaan-apbd", "penandaan-perubahan"),
                          seksi=(SeksiBaris("penandaan.RincianBelanja", "Rincian belanja yang ditandai", kolom_unit="unit_id"),)))
        daftarkan(Langkah(app="penandaan", tahapan=("capaian-semester-1", "capaian-semester-2"),
                          seksi=(SeksiBaris("penandaan.RealisasiProgram", "Realisasi program APBDes/swadaya/swasta",
                                            tingkat=(Tingkat.KECAMATAN,), unit="setcam"),)))
