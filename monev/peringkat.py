"""The ranking page's filter: which levels a user can rank, which subtree the ranking is limited
to, the region selects offered (one level per select, only wilayah in the user's scope), and a
title that says what is listed.

A user ranks the levels from the top of its scope down; at the top of its scope a user sees its
own score ("Nilai Kecamatan X"): reading never reaches sideways (docs/decisions.md, Roles and
scoping), so a kecamatan user is not shown its neighbours.
"""
from wilayah.choices import Tingkat
from wilayah.models import Wilayah
from wilayah.selectors import Lingkup, wilayah_ambil

from .models_penilaian import TingkatPenilaian


def tingkat_teratas(lingkup: Lingkup, akar: list[Wilayah]) -> int:
    """The highest level the user can rank: the top of its scope (a kecamatan user: kecamatan only)."""
    if lingkup.semua or not akar:
        return Tingkat.PROVINSI
    return min(w.tingkat for w in akar)


def dalam_terpilih(user, lingkup: Lingkup, kode: list[str], tingkat: int) -> Wilayah | None:
    """The subtree the ranking is limited to, from the filter's selects (one code per level, top
    first; a deeper code outside the one above it is stale — its parent changed — and dropped).
    A subtree at or below the ranked level is widened to the nearest one above it the user may
    read, so switching the level does not turn a ranking into a list of one."""
    dalam = None
    for k in sorted(dict.fromkeys(kode), key=len):  # stable: the form lists its selects top down
        if dalam is not None and not k.startswith(f"{dalam.kode}."):
            break
        dalam = wilayah_ambil(user=user, kode=k)  # 404 outside scope
    while dalam is not None and dalam.tingkat >= tingkat:
        if dalam.induk_id and lingkup.mencakup(dalam.induk_id):
            dalam = dalam.induk
        elif lingkup.semua:
            dalam = None
        else:
            break  # the top of the user's scope: its own score
    return dalam


def pilihan_dalam(lingkup: Lingkup, akar: list[Wilayah], dalam: Wilayah | None, tingkat: int) -> list[dict]:
    """The filter's region selects, top down: the roots of the scope when there are several (the
    provinces for a nation-wide user), then the children of each chosen wilayah while they lie
    above the ranked level — one level's children per select, so each stays short."""
    jalur = {*dalam.kode_leluhur, dalam.kode} if dalam else set()
    pilihan = []
    if len(akar) == 1 and not lingkup.semua:
        induk = akar[0]
    else:
        opsi = [w for w in akar if w.tingkat < tingkat or (not lingkup.semua and w.tingkat == tingkat)]
        induk = next((w for w in opsi if w.kode in jalur), None)
        if opsi:
            pilihan.append({"label": "Provinsi" if lingkup.semua else "Wilayah", "opsi": opsi, "terpilih": induk.kode if induk else "",
                            "semua": ("", "Semua provinsi" if lingkup.semua else "Semua wilayah Anda")})
    while induk is not None and induk.tingkat + 1 < tingkat:
        anak = list(induk.anak.order_by("kode").only("kode", "nama", "jenis", "tingkat"))
        terpilih = next((w for w in anak if w.kode in jalur), None)
        pilihan.append({"label": Tingkat(induk.tingkat + 1).label, "opsi": anak, "terpilih": terpilih.kode if terpilih else induk.kode,
                        "semua": (induk.kode, f"Seluruh {induk.nama_lengkap}")})
        induk = terpilih
    return pilihan


def judul_peringkat(tingkat: int, dalam: Wilayah | None, lingkup: Lingkup) -> str:
    label = TingkatPenilaian(tingkat).label.lower()
    if dalam is not None and dalam.tingkat == tingkat:
        return f"Nilai {dalam.nama_lengkap}"
    if dalam is not None:
        return f"Peringkat {label} di {dalam.nama_lengkap}"
    return f"Peringkat {label} di {'seluruh wilayah' if lingkup.semua else 'wilayah Anda'}"
