"""One scoping path: no module but wilayah/lingkup.py writes the subtree prefix test by hand.

A region's subtree is "the codes starting with its code and a dot"; written by hand it is easy
to get subtly wrong ('17.01' vs '17.010', forgetting the region itself) and impossible to find
again when the rule changes. So every such filter goes through `wilayah.lingkup` (`q_dalam`,
`di_dalam`, `Wilayah.objects.dalam`), and this test names file:line of any other.

Found by reading the syntax tree (comments and docstrings may mention the rule):
- ORM lookups `__startswith` on a wilayah code: `kode`, `wilayah`, `*_kode`, `*_id` fields, as
  keyword (`wilayah__kode__startswith=...`) or as a built string (`Q(**{f"{field}__startswith": ...})`);
- Python prefix tests `.startswith(f"{...}.")` and `.startswith(kode + ".")`.
"""
import ast
import re
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
MODUL_LINGKUP = AKAR / "wilayah" / "lingkup.py"
DILEWATI = {".venv", "venv", "node_modules", "migrations", "tests", ".git", "static", "media"}

# the field before "__startswith" holds a wilayah code
_LOOKUP_KODE = re.compile(r"(?:^|__)(?:kode|wilayah|\w+_kode|\w+_id)__startswith$")


def _berkas_python() -> list[Path]:
    return sorted(
        p for p in AKAR.rglob("*.py")
        if not DILEWATI.intersection(p.relative_to(AKAR).parts[:-1])
        and not p.name.startswith("test_") and p != MODUL_LINGKUP
    )


def _lookup_dibangun(node: ast.JoinedStr) -> bool:
    """f"{field}__startswith" / f"{kolom}__kode__startswith": a lookup on a field chosen at run time."""
    akhir = node.values[-1] if node.values else None
    if not (isinstance(akhir, ast.Constant) and isinstance(akhir.value, str)):
        return False
    ada_medan = any(isinstance(v, ast.FormattedValue) for v in node.values)
    return akhir.value.endswith("__startswith") and ada_medan or bool(_LOOKUP_KODE.search(akhir.value))


def _awalan_titik(arg: ast.expr) -> bool:
    """f"{x}." or x + "." : a code followed by the dot, i.e. the subtree prefix."""
    if isinstance(arg, ast.JoinedStr) and len(arg.values) >= 2:
        akhir = arg.values[-1]
        return (isinstance(akhir, ast.Constant) and akhir.value == "."
                and isinstance(arg.values[-2], ast.FormattedValue))
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
        return isinstance(arg.right, ast.Constant) and arg.right.value == "."
    return False


def pelanggaran(path: Path) -> list[str]:
    """file:line and the reason of every hand-written subtree test in one module."""
    pohon = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nama = path.relative_to(AKAR).as_posix()
    temuan = []
    for node in ast.walk(pohon):
        if isinstance(node, ast.keyword) and node.arg and _LOOKUP_KODE.search(node.arg):
            temuan.append((node.value.lineno, f"lookup {node.arg}="))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _LOOKUP_KODE.search(node.value):
            temuan.append((node.lineno, f"lookup '{node.value}'"))
        elif isinstance(node, ast.JoinedStr) and _lookup_dibangun(node):
            temuan.append((node.lineno, "lookup f'...__startswith'"))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "startswith"
              and node.args and _awalan_titik(node.args[0])):
            temuan.append((node.lineno, ".startswith(<kode> + '.')"))
    per_baris = dict(sorted(temuan, reverse=True))  # one reason per line
    return [f"{nama}:{baris}: {alasan}" for baris, alasan in sorted(per_baris.items())]


def test_pemeriksa_mengenali_setiap_bentuk(tmp_path):
    """The checker itself: each hand-written form is found, the allowed ones are not."""
    contoh = tmp_path / "contoh.py"
    contoh.write_text(
        'qs.filter(wilayah__kode__startswith=f"{k}.")\n'
        'qs.filter(kode__startswith="17.")\n'
        'Q(**{f"{field}__startswith": f"{kode}."})\n'
        'kode.startswith(f"{akar}.")\n'
        'kode.startswith(akar + ".")\n'
        'nama.startswith("kabupaten")\n'
        'teks.startswith("-")\n'
        'qs.filter(q_dalam(kode, "wilayah__kode"))\n'
        '"""kode__startswith in a docstring is prose."""\n',
        encoding="utf-8",
    )
    global AKAR
    lama, AKAR = AKAR, tmp_path
    try:
        temuan = pelanggaran(contoh)
    finally:
        AKAR = lama
    assert [t.split(":")[1] for t in temuan] == ["1", "2", "3", "4", "5"], temuan


def test_hanya_wilayah_lingkup_menulis_uji_subpohon():
    temuan = [t for p in _berkas_python() for t in pelanggaran(p)]
    assert not temuan, (
        "Subtree filter written by hand; use wilayah.lingkup (q_dalam, di_dalam, Wilayah.objects.dalam):\n"
        + "\n".join(temuan)
    )
