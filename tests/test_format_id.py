"""Indonesian number formats in templates: thousands with '.', decimals with ','."""
from django.template import Context, Template
from django.utils import translation


def _render(teks: str, **konteks) -> str:
    with translation.override("id"):
        return Template("{% load format_id %}" + teks).render(Context(konteks))


def test_counts_use_a_dot_for_thousands():
    assert _render("{{ n|angka }}", n=83762) == "83.762"


def test_percentages_use_a_decimal_comma():
    assert _render("{{ p|persen }}", p=12.345) == "12,3%"
    assert _render("{{ p|persen:2 }}", p=100) == "100,00%"


def test_rupiah_has_no_space_and_dot_grouping():
    assert _render("{{ r|rupiah }}", r=1250000) == "Rp1.250.000"


def test_missing_values_show_a_dash():
    assert _render("{{ n|angka }} {{ p|persen }} {{ r|rupiah }}", n=None, p="", r=None) == "– – –"


def test_values_are_rounded_half_up_not_truncated():
    assert _render("{{ p|persen }} {{ q|persen }} {{ n|angka }}", p=66.666, q=99.96, n=2.5) == "66,7% 100,0% 3"
