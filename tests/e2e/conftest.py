"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Without Chromium these tests are skipped with a plain message; with E2E_REQUIRED=1
(set by .ci/run) a missing browser is a failure instead.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from skattekiste.felles.roles import assign_redaksjon_permissions

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# fixtures are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
PASSWORD = "e2e-passord-som-er-langt"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def pytest_collection_modifyitems(config, items):
    e2e = [item for item in items if "e2e" in item.keywords]
    if not e2e or chromium_available():
        return
    if os.environ.get("E2E_REQUIRED") == "1":
        raise pytest.UsageError(
            f"E2E_REQUIRED=1, men Chromium finnes ikke på {CHROMIUM}. "
            "Installer den med: apt-get install chromium"
        )
    skip = pytest.mark.skip(
        reason=f"Chromium finnes ikke på {CHROMIUM}: nettlesertestene hoppes over"
    )
    for item in e2e:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db, django_user_model):
    """The live site with the seed content and a user in each role."""
    call_command("last_innhold", verbosity=0)
    # A transactional test flushes the data migration's group; put it back.
    assign_redaksjon_permissions()
    from django.contrib.auth.models import Group

    django_user_model.objects.create_user(
        username="ansatt",
        password=PASSWORD,
        first_name="Kari",
        last_name="Ansatt",
        email="kari@politiet.no",
    )
    redaktor = django_user_model.objects.create_user(
        username="redaktor", password=PASSWORD, is_staff=True, email="red@politiet.no"
    )
    redaktor.groups.add(Group.objects.get(name="Redaksjon"))
    return live_server


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w-]+", "_", request.node.name)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def log_in(page, site, username="ansatt", next_url=None):
    url = site.url + reverse("login") + (f"?next={next_url}" if next_url else "")
    page.goto(url)
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()
