"""Pages of the Rencana Aksi Daerah: `dasbor` (the list of regulations, the dashboard and its
exports), `logframe` (a regulation's logframe, its forms and its xlsx round trip) and `realisasi`
(the yearly realisation entry and the evidence). URLs in rad/urls.py."""
