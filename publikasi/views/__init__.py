"""Pages of regulasi and publikasi: the staff hub (beranda), regulasi and berita for staff,
the public pages (publik) and the public portal of a wilayah (portal)."""
