"""The shape of the code (issue 14, docs/architecture.md): no module over 450 lines, no suffix
modules (`views_thing.py`: a thing that big is an app or a package), and every app's modules named
from one file set. The import layers are checked by `lint-imports` (pyproject.toml), run by
`make test` before the suite."""
import re
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
BATAS_BARIS = 450
LEWATI = {".venv", "var", "node_modules", ".git", "migrations", "static", "templates", "fixtures", "docs"}
# the standard files of an app, and the named modules an app may add where it needs them
BERKAS_STANDAR = {"models", "services", "selectors", "forms", "views", "urls", "api", "admin", "tasks", "apps", "choices"}
AKHIRAN = re.compile(rf"^({'|'.join(sorted(BERKAS_STANDAR - {'apps', 'choices'} | {'pdf'}))})_[a-z_]+\.py$")


def _modul():
    for berkas in AKAR.rglob("*.py"):
        bagian = berkas.relative_to(AKAR).parts
        if not LEWATI.intersection(bagian):
            yield berkas


def test_no_module_over_450_lines():
    panjang = [f"{b.relative_to(AKAR)}: {n} baris" for b in _modul()
               if (n := len(b.read_text(encoding="utf-8").splitlines())) > BATAS_BARIS]
    assert not panjang, "Pecah modul ini menurut maknanya (paket, bukan berkas berakhiran):\n" + "\n".join(sorted(panjang))


def test_no_suffix_modules():
    akhiran = [str(b.relative_to(AKAR)) for b in _modul() if AKHIRAN.match(b.name) and b.parts[-2] not in ("tests", "config")]
    assert not akhiran, "Berkas berakhiran (views_x.py): jadikan app sendiri atau paket views/:\n" + "\n".join(sorted(akhiran))


def test_models_and_migrations_agree(db):
    """Every model change has its migration (moves between apps included)."""
    from django.core.management import call_command

    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exc:
        raise AssertionError("Ada perubahan model tanpa migrasi: jalankan manage.py makemigrations.") from exc


def test_staff_views_go_through_the_scoping_base_view():
    """`wilayah.lingkup.lingkup_wajib` is the base of every staff view: it asks for the login and
    puts the caller's scope on the request. `login_required` appears nowhere else."""
    lain = [str(b.relative_to(AKAR)) for b in _modul()
            if b.parts[-2] != "tests" and b.relative_to(AKAR).as_posix() != "wilayah/lingkup.py"
            and "login_required" in b.read_text(encoding="utf-8")]
    assert not lain, "Pakai @lingkup_wajib (wilayah.lingkup), bukan login_required:\n" + "\n".join(sorted(lain))
