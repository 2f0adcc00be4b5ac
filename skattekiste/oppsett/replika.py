"""Reads from a streaming replica, writes to the primary, and a person reads their own writes.

Optional: only with DATABASE_REPLICA_URL set. GET and HEAD requests read from the replica;
every write, and every read in a request that may write, goes to the primary. A replica
lags a little behind, so after someone's own write (any POST, PUT, PATCH or DELETE) their
reads go to the primary for READ_YOUR_WRITES_SECONDS, marked by a short-lived cookie.
"""

import contextvars
import time

from django.conf import settings

PRIMARY = "default"
COOKIE = "skrev"
READ_YOUR_WRITES_SECONDS = 10
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# Whether this request's reads may go to the replica; outside requests (commands) they may not.
_reads_from_replica = contextvars.ContextVar("reads_from_replica", default=False)


def replica_alias() -> str:
    """The replica's database alias, or "" when there is none."""
    return settings.DATABASE_READ_REPLICA


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return (replica_alias() or PRIMARY) if _reads_from_replica.get() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _wrote_recently(request) -> bool:
    try:
        return float(request.COOKIES.get(COOKIE, "0")) > time.time()
    except ValueError:
        return False


class ReadYourWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        token = _reads_from_replica.set(safe and not _wrote_recently(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if not safe and replica_alias():
            response.set_cookie(
                COOKIE,
                str(time.time() + READ_YOUR_WRITES_SECONDS),
                max_age=READ_YOUR_WRITES_SECONDS,
                secure=not settings.DEBUG,
                httponly=True,
                samesite="Lax",
            )
        return response
