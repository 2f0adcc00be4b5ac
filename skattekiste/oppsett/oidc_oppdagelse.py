"""The identity provider's addresses: from the environment where set, else discovered.

Discovery (OpenID Connect Discovery 1.0) reads the provider's
`/.well-known/openid-configuration` at the first login that needs it, never at start-up:
a provider that is down must not stop the app, nor the break-glass password login. The
document is kept for an hour, so key and address changes at the provider reach us.
"""

import threading
import time

import requests
from django.conf import settings

# Our setting → its key in the discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_END_SESSION_ENDPOINT": "end_session_endpoint",  # optional: not every provider has it
}
KEEP_SECONDS = 3600

_documents: dict[str, tuple[float, dict]] = {}
_lock = threading.Lock()


class DiscoveryFailed(Exception):
    """The document could not be read ("nede"), or names another issuer ("utsteder")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def endpoint(name: str) -> str:
    """The address for setting `name`: the environment's, else the discovered one ("" if none)."""
    configured = getattr(settings, name)
    if configured:
        return configured
    return document().get(ENDPOINTS[name]) or ""


def document() -> dict:
    url = settings.OIDC_DISCOVERY_URL
    with _lock:
        kept = _documents.get(url)
    if kept and time.monotonic() - kept[0] < KEEP_SECONDS:
        return kept[1]
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        found = response.json()
    except (requests.RequestException, ValueError):
        raise DiscoveryFailed("nede") from None
    if not isinstance(found, dict) or found.get("issuer") != settings.OIDC_ISSUER:
        # The spec requires the two to be identical; anything else is not our provider.
        raise DiscoveryFailed("utsteder")
    with _lock:
        _documents[url] = (time.monotonic(), found)
    return found


def forget() -> None:
    """Drop the kept documents (tests, and a changed configuration)."""
    with _lock:
        _documents.clear()
