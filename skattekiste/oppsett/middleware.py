"""Answer a friendly 503 page, not a 500, while the database is unreachable."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": "Skattekisten er midlertidig utilgjengelig."}, status=503)
    else:
        # Rendered without the request: its context processors would ask the database for the user.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def load_user(request) -> bool:
    """Evaluate the lazy request.user, which reads the session and the user from the database."""
    return bool(request.user.is_authenticated)


class DatabaseUnavailableMiddleware:
    """Turn OperationalError/InterfaceError into the 503 page.

    Django converts an exception raised inside a later middleware into a 500 before this
    middleware sees it, so the first database access (loading the user) happens here, in
    `process_view`, and errors in views and template rendering come to `process_exception`.
    Django opens a new connection for the next request, so the site recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Views open to all (/helse/, login) answer for themselves, as LoginRequiredMiddleware
        # lets them through without asking for the user.
        if not getattr(view_func, "login_required", True):
            return None
        try:
            load_user(request)
        except DATABASE_ERRORS as exc:
            return self.unavailable(request, exc)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self.unavailable(request, exception)
        return None

    def unavailable(self, request, exc) -> HttpResponse:
        logger.error("Database unavailable on %s %s: %s", request.method, request.path, exc)
        return database_unavailable_response(request)
