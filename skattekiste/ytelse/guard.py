"""The one rule for both benchmark commands: a database made for them, with DEBUG on.

They write hundreds of thousands of rows, a user and sessions. A production database must
never get them, whatever it is called, so the name must say it is for the benchmark.
"""

from django.conf import settings
from django.core.management import CommandError
from django.db import connection

BENCH_SUFFIX = "_bench"


def is_bench_database(settings_dict: dict) -> bool:
    """A name ending in «_bench», or the throwaway database the test runner made for a run."""
    name = settings_dict.get("NAME") or ""
    test_name = (settings_dict.get("TEST") or {}).get("NAME")
    return name.endswith(BENCH_SUFFIX) or name == test_name


def ensure_bench_database(*, command: str) -> None:
    """Raise CommandError unless DEBUG is on and the database was made for the benchmark."""
    example = (
        "  make bench\n"
        f"  DEBUG=1 DATABASE_NAME=skattekiste{BENCH_SUFFIX} .venv/bin/python manage.py {command}"
    )
    if not settings.DEBUG:
        raise CommandError(
            "Testdata og ytelsesmåling kjøres bare med DEBUG=1, aldri mot en "
            f"produksjonsserver. Kjør for eksempel:\n{example}"
        )
    name = connection.settings_dict.get("NAME")
    if not is_bench_database(connection.settings_dict):
        raise CommandError(
            f"Databasen «{name}» er ikke laget for ytelsesmåling. Bruk en egen database med "
            f"navn som slutter på «{BENCH_SUFFIX}», for eksempel:\n{example}"
        )
