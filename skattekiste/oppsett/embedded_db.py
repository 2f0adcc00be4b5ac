"""Embedded PostgreSQL for machines without DATABASE_URL.

The `pgserver` package ships the server binaries. We start it with
``cleanup_mode=None`` so the server outlives the process that started it: a
killed ``make run`` (even ``kill -9``) leaves a running server or a stale
``postmaster.pid``, and both are handled by the next start.
"""

import logging
import os
import re
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DATABASE_NAME = "skattekiste"
# The name goes into CREATE DATABASE, so only plain identifiers are accepted.
_VALID_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

logger = logging.getLogger(__name__)


def _ensure_runtime_dir() -> None:
    # pgserver keeps its lock file in XDG_RUNTIME_DIR and warns when it is unset.
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    path = Path(tempfile.gettempdir()) / f"skattekiste-run-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(path)


def _prune_dead_handles(pgdata: Path) -> None:
    # A process killed with -9 leaves its pid in pgserver's handle list.
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


def _clear_stale_pidfile(pgdata: Path) -> None:
    """Remove postmaster.pid left by a server killed with -9.

    pgserver trusts the pid in that file; a killed postmaster can linger as a zombie
    (nothing reaps it in a container), which it would take for a live server.
    """
    import psutil
    from pgserver.utils import PostmasterInfo

    try:
        info = PostmasterInfo.read_from_pgdata(pgdata)
    except (OSError, ValueError, AssertionError):
        (pgdata / "postmaster.pid").unlink(missing_ok=True)
        return
    if info is None:
        return
    try:
        alive = info.process is not None and info.process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        alive = False
    if not alive:
        (pgdata / "postmaster.pid").unlink(missing_ok=True)


def start(pgdata: Path, name: str = DATABASE_NAME) -> dict:
    """Start (or reuse) the embedded server and return Django DATABASES['default'].

    `name` picks the database on the server, e.g. `skattekiste_bench` for `make bench`,
    so synthetic data never lands in the developer's database.
    """
    if not _VALID_NAME.fullmatch(name):
        raise ImproperlyConfigured(
            f"DATABASE_NAME={name!r}: use lowercase letters, digits and _ (max 63)"
        )
    _ensure_runtime_dir()
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    import pgserver
    import psycopg

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if pgdata.exists():
        _prune_dead_handles(pgdata)
        _clear_stale_pidfile(pgdata)
    server = _start_with_retries(pgserver, pgdata)
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


def _start_with_retries(pgserver, pgdata: Path, attempts: int = 10):
    # Backends of a killed server need a moment to notice and release shared memory.
    import subprocess
    import time

    for attempt in range(attempts):
        try:
            return pgserver.get_server(pgdata, cleanup_mode=None)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, AssertionError):
            if attempt == attempts - 1:
                raise
            pgserver.PostgresServer._instances.pop(pgdata.resolve(), None)
            _clear_stale_pidfile(pgdata)
            time.sleep(1)
    raise RuntimeError("unreachable")


def stop(pgdata: Path) -> None:
    """Stop the embedded server if it runs (used by `make stopp-db`)."""
    _ensure_runtime_dir()
    from pgserver._commands import pg_ctl
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running():
        return
    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
