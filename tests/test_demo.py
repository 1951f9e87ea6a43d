"""`make run`'s demo set-up: regions, catalog, steps, the Bengkulu RAD and printed logins, repeatable."""
import io
import json
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command

from aksi.models import Jadwal, Siklus
from rad.models import Keluaran, RegulasiRAD


def test_demo_setup_loads_the_rad_and_prints_working_logins(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    keluaran = io.StringIO()
    call_command("siapkan_demo", "--wilayah", "17", stdout=keluaran)
    teks = keluaran.getvalue()
    rad = RegulasiRAD.objects.get(wilayah_id="17", nomor="45", tahun=2025)
    assert Keluaran.objects.filter(regulasi=rad).count() == 107 and str(rad) in teks
    siklus = Siklus.objects.get()
    assert Jadwal.objects.filter(siklus=siklus, tahapan_id="rad", tingkat__in=[1, 2]).count() == 2
    assert not Jadwal.objects.filter(siklus=siklus, tahapan_id="rad", tingkat=3).exists()

    sandi = json.loads((tmp_path / "demo-logins.json").read_text())
    operator = get_user_model().objects.get(username="operator.prov.dinkes")
    assert operator.check_password(sandi["operator.prov.dinkes"])
    assert re.search(rf"operator\.prov\.dinkes +{re.escape(sandi['operator.prov.dinkes'])} ", teks)

    call_command("siapkan_demo", "--wilayah", "17", stdout=io.StringIO())  # repeatable: nothing doubles
    assert RegulasiRAD.objects.count() == 1 and Keluaran.objects.filter(regulasi=rad).count() == 107
