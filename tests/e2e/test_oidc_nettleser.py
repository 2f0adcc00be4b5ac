"""Login with the police account in a real browser, against the local OIDC provider.

The journey: the login page offers the police account first, the provider's form, back in
Skattekisten as a new user with editing rights from the group claim, logout here and at the
provider, removal from the group at the provider, and the next login without editing rights.
"""

import re

import pytest
from playwright.sync_api import expect

from skattekiste.felles.roles import REDAKSJON
from tests.e2e.test_tilgjengelighet import axe_violations
from tests.oidc import configure, start_provider
from tests.oidc_leverandor.serve import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser_provider(live_server, tmp_path_factory):
    """A provider that sends the browser back to the live server."""
    process, provider = start_provider(tmp_path_factory.mktemp("oidc-e2e"), [live_server.url])
    yield provider
    process.terminate()
    process.wait(timeout=10)


def log_in_with_police_account(page, site, username):
    page.goto(f"{site.url}/logg-inn/?next=/eksempler/")
    page.get_by_role("link", name="Logg inn med politiets konto").click()
    expect(page.get_by_role("heading", name="Testleverandør – logg inn")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn hos leverandøren").click()
    page.wait_for_url(re.compile(r"/eksempler/$"))


def test_an_employee_logs_in_with_the_police_account_and_rights_follow_the_group(
    site, page, settings, browser_provider, django_user_model
):
    configure(settings, browser_provider)
    page.goto(f"{site.url}/logg-inn/")
    assert axe_violations(page) == []

    log_in_with_police_account(page, site, "kari")
    expect(page.get_by_role("button", name=re.compile("^Logg ut"))).to_be_visible()
    kari = django_user_model.objects.get(last_name="Nordmann")  # new: created from the claims
    assert (kari.first_name, kari.email) == ("Kari", "kari@politiet.no")
    assert not kari.has_usable_password()
    assert kari.is_staff and kari.groups.filter(name=REDAKSJON).exists()

    # Logout ends the session here and at the provider, and comes back to the login page.
    page.get_by_role("button", name=re.compile("^Logg ut")).click()
    page.wait_for_url(re.compile(r"/logg-inn/$"))
    expect(page.get_by_role("heading", name="Logg inn", exact=True)).to_be_visible()

    browser_provider.remove_from_group("kari")
    # The provider asks for the password again: its session ended too.
    log_in_with_police_account(page, site, "kari")
    kari.refresh_from_db()
    assert not kari.is_staff and not kari.groups.filter(name=REDAKSJON).exists()
    assert page.goto(f"{site.url}/bidra/vurdering/").status == 403


def refuse_by_forged_state(page, site, settings):
    page.goto(f"{site.url}/logg-inn/politiet/svar/?code=noe&state=forfalsket")


def refuse_by_cancelling_at_the_provider(page, site, settings):
    page.goto(f"{site.url}/logg-inn/")
    page.get_by_role("link", name="Logg inn med politiets konto").click()
    expect(page.get_by_role("heading", name="Testleverandør – logg inn")).to_be_visible()
    state = re.search(r"state%3D([^%&]+)|state=([^&]+)", page.url)
    page.goto(
        f"{site.url}/logg-inn/politiet/svar/?error=access_denied&state={state[1] or state[2]}"
    )


def refuse_with_the_provider_down(page, site, settings):
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    page.goto(f"{site.url}/logg-inn/")
    page.get_by_role("link", name="Logg inn med politiets konto").click()


@pytest.mark.parametrize(
    ("refuse", "reason"),
    [
        (refuse_by_forged_state, "startet i en annen fane"),
        (refuse_by_cancelling_at_the_provider, "avbrutt"),
        (refuse_with_the_provider_down, "svarer ikke"),
    ],
)
@pytest.mark.parametrize("width", [320, 1280])
def test_a_refused_login_gets_an_accessible_page_that_fits_a_phone(
    site, browser, settings, browser_provider, refuse, reason, width
):
    configure(settings, browser_provider)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        refuse(page, site, settings)
        expect(page.get_by_role("heading", level=1)).to_have_text("Du ble ikke logget inn")
        expect(page.get_by_text(reason)).to_be_visible()
        assert axe_violations(page) == []
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
        # The way on, back to the login page, is a few Tab presses away.
        for _ in range(5):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == "innloggingssiden":
                break
        else:
            pytest.fail("the link back to the login page cannot be reached with Tab")
    finally:
        context.close()
