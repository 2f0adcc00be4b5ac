"""Searching in the browser: from the header, with the keyboard, to the right page."""

import pytest
from django.urls import reverse

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_a_question_about_a_group_typed_in_the_header_leads_to_the_groups_page(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("eksempler:list"))
    page.get_by_role("search", name="Søk i hele Skattekisten").get_by_label(
        "Søk i Skattekisten"
    ).fill("hva vet vi om seniorer")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=*")
    assert page.get_by_role("heading", level=1).inner_text() == "Søk i Skattekisten"
    first = page.locator(".treffliste > li").first
    assert first.get_by_role("heading").inner_text() == "Hva vet vi om eldre?"
    first.get_by_role("link").click()
    page.wait_for_url("**/innsikt/grupper/**")
    assert page.url.endswith(reverse("innsikt:gruppe", args=["eldre"]))


def test_results_show_highlighted_words_and_can_be_narrowed_to_one_type(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("sok:sok") + "?q=dialogmøte")
    assert page.locator(".treff__utdrag mark").count() > 0
    page.get_by_role("navigation", name="Vis bare én type treff").get_by_role(
        "link", name="Metodekort"
    ).click()
    page.wait_for_url("**type=metode*")
    types = page.locator(".treff__type").all_inner_texts()
    assert types and set(types) == {"Metodekort"}
    page.get_by_role("link", name="Holde dialogmøter").first.click()
    page.wait_for_url("**/metoder/**")
    assert page.url.endswith(reverse("metoder:detail", args=["holde-dialogmoter"]))


def test_the_header_search_box_is_reached_by_keyboard_with_visible_focus(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("hjem"))
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "topp-sok":
            break
    assert page.evaluate("document.activeElement.id") == "topp-sok"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("nærmiljøprat")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=*")
    assert "Nærmiljøprat" in page.locator(".treffliste").inner_text()
