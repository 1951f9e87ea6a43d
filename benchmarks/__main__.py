"""Benchmark runner: ``python -m benchmarks`` (normally via ``make bench``).

Sets up Django, migrates the database named by DATABASE_URL, then imports every
``benchmarks/bench_*.py`` module in name order and calls its ``run()``, which returns an
iterable of ``(name, value, unit)`` tuples. Each result is printed as

    BENCH <name> <value> <unit>

A benchmark that raises has its traceback printed to stderr; the others still run and
the runner exits non-zero at the end.

Only some modules: name them as arguments or in BENCH_ONLY (comma-separated, with or
without the ``bench_`` prefix), e.g. ``BENCH_ONLY=rekap make bench`` or
``python -m benchmarks bench_rekap``.
"""
import importlib
import os
import pkgutil
import sys
import traceback


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import benchmarks

    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    pilihan = {f"bench_{n.strip().removeprefix('bench_')}" for n in
               [*sys.argv[1:], *os.environ.get("BENCH_ONLY", "").split(",")] if n.strip()}
    if pilihan:
        tidak_ada = pilihan - set(names)
        if tidak_ada:
            print(f"unknown benchmark modules: {', '.join(sorted(tidak_ada))}", file=sys.stderr, flush=True)
            return 2
        names = [n for n in names if n in pilihan]
    if not names:
        print("no benchmarks/bench_*.py modules found", file=sys.stderr, flush=True)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

    failed = []
    for name in names:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            for bench_name, value, unit in module.run():
                print(f"BENCH {bench_name} {_format(value)} {unit}", flush=True)
        except Exception:
            failed.append(name)
            print(f"benchmark module {name} failed:", file=sys.stderr)
            traceback.print_exc()
            sys.stderr.flush()

    if failed:
        print(f"failed benchmark modules: {', '.join(failed)}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
