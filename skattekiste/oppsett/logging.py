"""Logging: one JSON object per line in production, one access line per request.

Log lines carry ids, never content: the user's id (not the name or e-mail), the path without
its query string (search words, OIDC codes and state live there), no form data, no headers.
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.conf import settings
from django.utils.functional import SimpleLazyObject, empty

access_logger = logging.getLogger("skattekiste.tilgang")

# The current request's id, for every log line written while it is served.
request_id: ContextVar[str] = ContextVar("request_id", default="")

# An id from the proxy is kept only if it looks like one: it ends up in our log lines.
_REQUEST_ID_FROM_PROXY = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# The standard LogRecord attributes; anything else was passed with `extra=` and is logged.
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class OneLineForbidden(logging.Filter):
    """A 403 is a person without access, not a fault: keep the line, drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; a traceback becomes one escaped string in the same object."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "tid": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "niva": record.levelname,
            "logger": record.name,
            "melding": record.getMessage(),
        }
        if rid := request_id.get():
            entry["request_id"] = rid
        for key, value in vars(record).items():
            # Django's own `request` extra is the whole request object: never logged.
            if key not in _RECORD_FIELDS and key != "request" and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info:
            entry["unntak"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _user_id(request) -> int | None:
    """The user's id if this request already looked the user up; never a query of its own."""
    user = request.__dict__.get("user")
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Give each request an id (also in the X-Request-ID header) and log one line for it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.trust_proxy_id = settings.TRUSTED_PROXIES > 0

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        if self.trust_proxy_id and _REQUEST_ID_FROM_PROXY.match(offered):
            rid = offered
        else:
            rid = uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "user_id": _user_id(request),
                    "metode": request.method,
                    "sti": request.path,
                    "status": response.status_code,
                    "varighet_ms": round((time.perf_counter() - started) * 1000, 1),
                    "klient": request.META.get("REMOTE_ADDR", ""),
                },
            )
            return response
        finally:
            request_id.reset(token)
