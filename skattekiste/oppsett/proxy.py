"""The client's real address behind trusted proxies (TRUSTED_PROXIES, default: trust nobody).

Each proxy appends the address it received the request from to X-Forwarded-For, so with N
proxies in front the client is the N-th entry from the right. Entries further left were
written by the client itself and are never believed. With N = 0 the header is ignored.
"""

import ipaddress

from django.conf import settings


def forwarded_client(meta: dict, trusted_proxies: int) -> str | None:
    """The address the outermost trusted proxy saw, or None to keep REMOTE_ADDR."""
    if trusted_proxies < 1:
        return None
    entries = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < trusted_proxies:
        return None  # did not come through every proxy: the direct peer is all we know
    candidate = entries[-trusted_proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None  # a proxy wrote something that is not an address: do not guess


class TrustedProxyMiddleware:
    """Put the real client address in REMOTE_ADDR, first, so axes and the logs see it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted_proxies = settings.TRUSTED_PROXIES

    def __call__(self, request):
        client = forwarded_client(request.META, self.trusted_proxies)
        if client is not None:
            request.META["REMOTE_ADDR"] = client
        return self.get_response(request)


def client_address(request) -> str | None:
    """django-axes asks here (AXES_CLIENT_IP_CALLABLE): the address the middleware settled."""
    return request.META.get("REMOTE_ADDR")


def axes_client_str(username, ip_address, user_agent, path_info, request) -> str:
    """What django-axes writes in its log lines: the address and path, never the username."""
    path = path_info[0] if isinstance(path_info, tuple | list) else path_info
    return f"{{ip_address: {ip_address!r}, path_info: {path!r}}}"
