"""Benchmarks: each ``bench_*.py`` module has a ``run()`` yielding ``(name, value, unit)``."""
