"""The local OpenID Connect provider for the login tests, and a person logging in at it.

`oidc_provider` starts tests/oidc_leverandor in its own process on 127.0.0.1 for the test
session and stops it at the end; `configure` points the app at it.
"""

import html
import re
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from skattekiste.oppsett.oidc_oppdagelse import ENDPOINTS, forget
from tests.oidc_leverandor.serve import CLIENT_SECRET, EDITOR_GROUP, PASSWORD

ROOT = Path(__file__).resolve().parent.parent
CALLBACK = "/logg-inn/politiet/svar/"


@dataclass
class Provider:
    url: str
    db: Path

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def remove_from_group(self, username: str) -> None:
        """What the identity administrators do: take someone out of the editors' group."""
        with sqlite3.connect(self.db) as conn:
            conn.execute(
                "DELETE FROM auth_user_groups WHERE user_id = "
                "(SELECT id FROM auth_user WHERE username = ?)",
                [username],
            )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_provider(folder: Path, sites: list[str]):
    port = free_port()
    db = folder / "leverandor.sqlite3"
    redirects = [f"{site}{path}" for site in sites for path in (CALLBACK, "/logg-inn/")]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_leverandor.serve", str(port), str(db), *redirects],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if line.strip() != "klar":
        process.kill()
        raise RuntimeError("OIDC-testleverandøren startet ikke")
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):  # the socket opens just after "klar"
        try:
            requests.get(f"{url}/o/.well-known/openid-configuration", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    return process, Provider(url=url, db=db)


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    process, provider = start_provider(tmp_path_factory.mktemp("oidc"), ["http://testserver"])
    yield provider
    process.terminate()
    process.wait(timeout=10)


def configure(settings, provider: Provider, *, client_id: str = "skattekisten", **overrides):
    """Point the app at `provider`, as the OIDC_* environment variables would."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    # Only the issuer, as production: every address comes from its discovery document.
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_DISCOVERY_URL = f"{provider.issuer}/.well-known/openid-configuration"
    for name in ENDPOINTS:
        setattr(settings, name, "")
    forget()
    settings.OIDC_REDAKSJON_GROUP = EDITOR_GROUP
    # As settings.py does for the issuer: logout's form may go on to the provider.
    csp = settings.SECURE_CSP
    settings.SECURE_CSP = {**csp, "form-action": [*csp["form-action"], provider.url]}
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "skattekiste.oppsett.oidc.PolitiOIDCBackend",
    ]
    for name, value in overrides.items():
        setattr(settings, name, value)


def log_in_at_provider(client, provider: Provider, username: str) -> str:
    """Start the login in the app, log in at the provider, and return the callback path."""
    start = client.get("/logg-inn/politiet/?next=/eksempler/")
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.issuer}/authorize/")
    browser = requests.Session()
    page = browser.get(start["Location"], timeout=10)  # follows to the provider's login form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    login = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": PASSWORD,
            "next": html.unescape(re.search(r'name="next" value="([^"]+)"', page.text).group(1)),
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    assert login.status_code == 302, login.text
    next_url = login.headers["Location"]
    if next_url.startswith("/"):
        next_url = provider.url + next_url
    answer = browser.get(next_url, allow_redirects=False, timeout=10)
    location = answer.headers["Location"]
    assert location.startswith(f"http://testserver{CALLBACK}"), location
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"
