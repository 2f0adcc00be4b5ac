"""Sharing and review in a real browser: the whole journey, axe on every step, keyboard only."""

import re

import pytest
from django.urls import reverse

from skattekiste.eksempler.models import Eksempel
from tests.e2e.conftest import log_in
from tests.e2e.test_tilgjengelighet import axe_violations

pytestmark = pytest.mark.e2e


def test_an_employee_shares_and_an_editor_publishes_with_no_axe_violations(site, page):
    log_in(page, site)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Del et eksempel"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Del et eksempel"
    assert axe_violations(page) == []

    # First try: the title only. Errors are summarised on top and the summary has focus.
    page.get_by_label("Tittel").fill("Kaffe med politiet på biblioteket")
    page.get_by_role("button", name="Send til redaksjonen").click()
    summary = page.get_by_role("alert")
    assert "Skriv kort hva dere gjorde." in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('feiloppsummering')")
    assert page.title().startswith("Feil:")
    assert page.get_by_label("Tittel").input_value() == "Kaffe med politiet på biblioteket"
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Velg minst ett distrikt eller én enhet.").click()
    assert page.evaluate("document.activeElement.id") == "id_distrikter_0"

    page.get_by_label("Hva gjorde dere?").fill("Vi satt på biblioteket hver tirsdag.")
    page.get_by_role("group", name=re.compile("^Distrikt eller enhet")).get_by_label(
        "Innlandet politidistrikt"
    ).check()
    page.get_by_role("group", name=re.compile("^Situasjon")).get_by_role(
        "checkbox", name=re.compile("^A – Oppgaveløsning")
    ).check()
    page.get_by_role("button", name="Send til redaksjonen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Takk for at du delte!"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Se eksemplene du har delt").click()
    assert "Til vurdering" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.context.clear_cookies()
    log_in(page, site, username="redaktor")
    page.goto(site.url + reverse("bidra:vurdering"))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Kaffe med politiet på biblioteket").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Publiser").click()
    assert "er publisert" in page.get_by_role("status").first.inner_text()

    eksempel = Eksempel.objects.get(tittel="Kaffe med politiet på biblioteket")
    page.goto(site.url + eksempel.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == eksempel.tittel


def test_the_sharing_form_works_with_the_keyboard_alone(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("bidra:ny"))
    seen = []
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
              const el = document.activeElement;
              const style = getComputedStyle(el);
              return {
                name: el.name || el.textContent.trim().slice(0, 40),
                tag: el.tagName,
                visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
                  || style.boxShadow !== 'none',
              };
            }"""
        )
        if info["tag"] == "BUTTON" and info["name"].startswith("Send til redaksjonen"):
            break
        assert info["visible"], f"focus is not visible on {info}"
        seen.append(info["name"])
    else:
        pytest.fail("the submit button was never reached with Tab")
    for name in ["tittel", "ingress", "distrikter", "aar", "situasjoner", "kontakt_navn"]:
        assert name in seen, name


@pytest.mark.parametrize("width", [320, 640])
def test_the_sharing_pages_fit_a_small_screen_without_sideways_scrolling(site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    try:
        log_in(page, site, username="redaktor")
        for url in [reverse("bidra:ny"), reverse("bidra:mine"), reverse("bidra:vurdering")]:
            page.goto(site.url + url)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()
