"""The host rule of `make last`: load goes to this machine's loopback address, nowhere else.

Kept free of Django and locust, so both the orchestrator and the locustfile can import it.
"""

from urllib.parse import urlsplit

LOCAL_HOST = "127.0.0.1"


class NotLocalHost(ValueError):
    pass


def ensure_local_host(url: str) -> str:
    """Return `url` unchanged when it is http://127.0.0.1:<port>; raise NotLocalHost otherwise."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    if (
        parts.scheme != "http"
        or parts.hostname != LOCAL_HOST
        or parts.username
        or parts.password
        or port is None
        or parts.path not in ("", "/")
    ):
        raise NotLocalHost(
            f"Lasttesten kjøres bare mot http://{LOCAL_HOST}:<port>, ikke mot «{url}»."
        )
    return url
