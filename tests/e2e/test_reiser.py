"""What a person does, in a real browser. Each journey ends with a screenshot in artifacts/."""

import re

import pytest
from django.urls import reverse

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_a_person_logs_in_and_lands_where_they_were_going(site, page):
    page.goto(site.url + reverse("eksempler:list"))
    assert "/logg-inn/" in page.url
    log_in(page, site, next_url=reverse("eksempler:list"))
    assert page.url.endswith(reverse("eksempler:list"))
    assert page.get_by_role("heading", level=1).inner_text() == "Eksempler fra distriktene"


def test_browse_by_theme_then_narrow_by_district_and_situation(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("hjem"))
    page.get_by_role("link", name=re.compile(r"^Svindel mot eldre")).click()
    assert "tema=svindel" in page.url
    filters = page.get_by_role("form", name="Filtrer eksemplene")
    filters.get_by_role("checkbox", name=re.compile(r"^Innlandet politidistrikt")).check()
    filters.get_by_role("checkbox", name=re.compile(r"^A – Oppgaveløsning")).check()
    filters.get_by_role("button", name=re.compile(r"^Vis \d+ resultater")).click()
    assert all(part in page.url for part in ["tema=svindel", "distrikt=innlandet", "situasjon=A"])
    # The report names Innlandet for one fraud example in situation A (issue 16's corrections).
    assert page.get_by_role("status").first.inner_text().startswith("1 eksempel")
    titles = page.locator(".resultater .kort__tittel").all_inner_texts()
    assert any("Innlandet" in t for t in titles)


def test_open_an_example_and_go_on_to_its_method_card(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("eksempler:list"))
    page.get_by_role("link", name=re.compile("Nærmiljøprat i Tønsberg")).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Nærmiljøprat i Tønsberg")
    page.get_by_role("link", name="Holde dialogmøter, fysisk eller digitalt").first.click()
    assert "Holde dialogmøter" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("heading", name="Slik gjør du det").is_visible()
    assert page.locator("ol.steg li").count() == 6


def test_read_what_we_know_about_a_group(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("innsikt:grupper"))
    page.get_by_role("link", name="Eldre", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hva vet vi om eldre?"
    assert page.get_by_role("heading", name="Dette har politiet prøvd med gruppen").is_visible()
    assert page.get_by_role("heading", name="Metoder som er brukt med gruppen").is_visible()


def test_search_from_the_header_and_open_the_group_page_that_comes_first(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("metoder:list"))
    search = page.get_by_role("search", name="Søk i hele Skattekisten")
    search.get_by_label("Søk i Skattekisten").fill("hva vet vi om eldre?")
    search.get_by_label("Søk i Skattekisten").press("Enter")
    assert "/sok/" in page.url
    first = page.locator("ol.treffliste > li").first
    assert "Det vi vet om gruppen" in first.inner_text()
    first.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hva vet vi om eldre?"


def test_search_finds_a_method_card_from_an_inflected_word(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("sok:sok") + "?q=dialogmøtene")
    links = page.locator("ol.treffliste .treff__tittel a").all_inner_texts()
    assert any("Holde dialogmøter" in title for title in links), links
    # The hit list, not the tag links above it («Metode: Holde dialogmøter» leads to the list).
    hits = page.locator("ol.treffliste")
    hits.get_by_role("link", name=re.compile("Holde dialogmøter")).first.click()
    assert page.get_by_role("heading", name="Slik gjør du det").is_visible()
