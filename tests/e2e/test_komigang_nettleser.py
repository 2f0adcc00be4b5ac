"""Kom i gang in a browser: answer with the keyboard only, get ranked cards, find a colleague."""

import pytest
from django.urls import reverse

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_an_employee_answers_three_questions_with_the_keyboard_and_gets_ranked_cards(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("komigang:velg"))

    # Radio groups: Tab into a group, arrow keys choose within it.
    page.get_by_label("B – Utvikling", exact=False).focus()
    page.keyboard.press("Space")
    page.get_by_label("«Hvorfor»", exact=False).focus()
    page.keyboard.press("Space")
    page.get_by_label("Få", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Vis metodene som passer").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Every answer is in the address, so the result can be shared.
    for part in ("situasjon=B", "forsta=hvorfor", "rekkevidde=fa"):
        assert part in page.url
    first = page.locator(".metodevalg .kort__tittel").first
    assert first.inner_text().startswith("2.")
    assert page.get_by_text(
        "Passer fordi: situasjon B, forstå «hvorfor», få innbyggere"
    ).first.is_visible()
    # No card is hidden: the nine are there, those that do not fit say why.
    assert page.locator(".metodevalg > li").count() == 9
    assert page.get_by_text("Passer ikke fordi").first.is_visible()


def test_the_people_page_is_in_reach_from_the_chooser_and_filters_by_method(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("folk:liste"))
    page.get_by_label("Metode").select_option("holde-dialogmoter")
    with page.expect_navigation():
        page.get_by_role("button", name="Finn kolleger").click()
    assert "metode=holde-dialogmoter" in page.url
    assert page.get_by_role("heading", name="Hvem kan jeg snakke med?").is_visible()
