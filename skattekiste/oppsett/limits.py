"""Requests too large for anything this service does are refused before they are read."""

import re

from django.conf import settings
from django.shortcuts import render

# The admin's «Les inn fra fil» pages (skattekiste/innlesing) are the only ones that take a file.
IMPORT_PATH = re.compile(r"^/admin/[a-z_]+/[a-z_]+/import/$")


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MAX_REQUEST_BODY_BYTES with 413, before any view reads it.

    DATA_UPLOAD_MAX_MEMORY_SIZE leaves out file parts; only the import pages take files, up to
    IMPORT_MAX_REQUEST_BYTES (the form then refuses a file over IMPORT_MAX_FILE_BYTES).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        is_import = IMPORT_PATH.match(request.path_info) is not None
        limit = settings.IMPORT_MAX_REQUEST_BYTES if is_import else settings.MAX_REQUEST_BODY_BYTES
        if length > limit:
            return render(request, "413.html", {"er_innlesing": is_import}, status=413)
        return self.get_response(request)
