"""Sharing and review in a real browser: the whole journey, axe on every step, keyboard only."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

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
    # expect() waits for the page after «Send»: reading the heading at once can see the form.
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for at du delte!")
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


FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : '';
  return {
    id: el.id,
    name: el.name || '',
    tag: el.tagName,
    text: (label || el.textContent).trim().replace(/\\s+/g, ' ').slice(0, 60),
    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      || style.boxShadow !== 'none',
  };
}"""
SEND = "Send til redaksjonen"


def tab_to_send(page, actions) -> list[dict]:
    """Press Tab from the top of the page until «Send» has focus, doing `actions` on the way.

    `actions` maps an element's id, or the start of its label or summary text, to the keys
    typed there. Returns every element focused, Send last; focus must be visible on each.
    """
    stops = []
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        assert info["visible"], f"focus is not visible on {info}"
        stops.append(info)
        if info["tag"] == "BUTTON" and info["text"] == SEND:
            return stops
        for key, keys in actions.items():
            if info["id"] == key or (info["text"] and info["text"].startswith(key)):
                for press in keys if isinstance(keys, list) else [keys]:
                    if press in ("Space", "Enter"):
                        page.keyboard.press(press)
                    else:
                        page.keyboard.type(press)
    pytest.fail(f"«{SEND}» was never reached with Tab: {[s['text'] for s in stops]}")


REALISTIC = {
    "id_tittel": "Kaffe med politiet på biblioteket",
    "id_ingress": "Vi satt på biblioteket hver tirsdag i fire uker og snakket med dem som kom.",
    "id_beskrivelse": "Vi hengte opp plakater og sa det i lokalavisen.",
    "id_sted": "Førde bibliotek",
    "B – Utvikling": "Space",
}


def test_a_first_time_sharer_reaches_send_in_40_tab_stops_or_fewer(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("bidra:ny"))
    stops = tab_to_send(page, {**REALISTIC, "Vest politidistrikt": "Space"})
    assert len(stops) <= 40, f"{len(stops)} tab stops: {[s['text'] for s in stops]}"
    page.keyboard.press("Enter")
    # expect() waits for the page after «Send»: reading the heading at once can see the form.
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for at du delte!")
    eksempel = Eksempel.objects.get(tittel="Kaffe med politiet på biblioteket")
    assert [d.navn for d in eksempel.distrikter.all()] == ["Vest politidistrikt"]
    assert eksempel.situasjoner == ["B"] and eksempel.sted == "Førde bibliotek"


def test_a_returning_sharer_adds_a_method_and_what_worked_in_40_tab_stops_or_fewer(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("bidra:ny"))
    tab_to_send(page, {**REALISTIC, "Vest politidistrikt": "Space"})
    page.keyboard.press("Enter")
    # expect() waits for the page after «Send»: reading the heading at once can see the form.
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for at du delte!")

    page.goto(site.url + reverse("bidra:ny"))
    # The district is filled in from the last example, folded away with the choice in view.
    assert "Vest politidistrikt" in page.locator("details.brett--valgt > summary").inner_text()
    stops = tab_to_send(
        page,
        {
            **REALISTIC,
            "id_tittel": "Dialogmøte om trygghet i sentrum",
            "Metoder": "Enter",
            "Holde dialogmøter": "Space",
            "Hva fungerte, og hva lærte dere?": "Enter",
            "id_hva_fungerte": "Folk kom fordi vi inviterte dem personlig.",
        },
    )
    assert len(stops) <= 40, f"{len(stops)} tab stops: {[s['text'] for s in stops]}"
    page.keyboard.press("Enter")
    # expect() waits for the page after «Send»: reading the heading at once can see the form.
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for at du delte!")
    eksempel = Eksempel.objects.get(tittel="Dialogmøte om trygghet i sentrum")
    assert [d.navn for d in eksempel.distrikter.all()] == ["Vest politidistrikt"]
    assert [m.navn for m in eksempel.metoder.all()] == ["Holde dialogmøter, fysisk eller digitalt"]
    assert eksempel.hva_fungerte == "Folk kom fordi vi inviterte dem personlig."


def test_a_draft_is_saved_found_under_mine_and_sent_later(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("bidra:ny"))
    page.get_by_label("Tittel").fill("Nabolagsvandring med ungdom")
    page.get_by_role("button", name="Lagre som utkast").click()
    assert "Utkastet er lagret" in page.get_by_role("status").first.inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nabolagsvandring med ungdom").click()
    assert page.get_by_label("Tittel").input_value() == "Nabolagsvandring med ungdom"
    page.get_by_label("Hva gjorde dere?").fill("Vi gikk rundt i nabolaget med ungdommene.")
    page.get_by_role("group", name=re.compile("^Distrikt eller enhet")).get_by_label(
        "Vest politidistrikt", exact=True
    ).check()
    page.get_by_role("group", name=re.compile("^Situasjon")).get_by_role(
        "checkbox", name=re.compile("^A – Oppgaveløsning")
    ).check()
    page.get_by_role("button", name=SEND).click()
    # expect() waits for the page after «Send»: reading the heading at once can see the form.
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for at du delte!")
    assert Eksempel.objects.get(tittel="Nabolagsvandring med ungdom").status == "til_vurdering"
    page.goto(site.url + reverse("bidra:mine"))
    assert "Utkast" not in page.locator("main h2").all_inner_texts()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_editor_reaches_the_queue_from_the_menu(site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nb-NO")
    page = context.new_page()
    try:
        log_in(page, site, username="redaktor")
        page.goto(site.url + "/")
        menu = page.get_by_role("navigation", name="Hovedmeny")
        if width < 640:
            # On a phone the header is folded: the menu is one tap on «Meny» away.
            assert not menu.is_visible()
            page.get_by_text("Meny", exact=True).click()
        page.get_by_role("link", name=re.compile(r"^Til vurdering \(\d+\)$")).click()
        assert page.get_by_role("heading", level=1).inner_text() == "Til vurdering"
        assert page.url == site.url + reverse("bidra:vurdering")
    finally:
        context.close()


def test_on_a_phone_the_header_folds_and_opens_from_the_keyboard(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="nb-NO")
    page = context.new_page()
    try:
        log_in(page, site)
        page.goto(site.url + reverse("eksempler:list"))
        header_height = page.locator("header.topp").bounding_box()["height"]
        assert header_height < 120, f"the folded header is {header_height}px tall"
        menu = page.get_by_role("navigation", name="Hovedmeny")
        assert not menu.is_visible()
        for _ in range(5):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        assert page.evaluate("document.activeElement.textContent.trim()") == "Meny"
        assert page.evaluate("document.activeElement.parentElement.open") is False
        page.keyboard.press("Enter")
        assert menu.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Eksempler"
        assert axe_violations(page) == []
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_is_open_without_a_button(site, page):
    log_in(page, site)
    page.goto(site.url + "/")
    assert page.get_by_role("navigation", name="Hovedmeny").is_visible()
    assert not page.get_by_text("Meny", exact=True).is_visible()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Eksempler"


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
