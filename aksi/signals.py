"""Hooks other apps attach to: `laporan_dibuat(sender=Laporan, laporan, user)` fires inside the
transaction that creates a Laporan (first use), after its parts exist."""
from django.dispatch import Signal

laporan_dibuat = Signal()
