"""The faceted lists in a browser: on a phone a chosen filter shows its results at once."""

import re

import pytest
from django.urls import reverse

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}


def test_on_a_phone_a_chosen_theme_shows_its_first_result_in_the_first_screen(site, page):
    page.set_viewport_size(PHONE)
    log_in(page, site)
    page.goto(site.url + reverse("eksempler:list"))
    filters = page.get_by_role("form", name="Filtrer eksemplene")
    filters.get_by_role("checkbox", name=re.compile(r"^Svindel mot eldre")).check()
    filters.get_by_role("button", name=re.compile(r"^Vis \d+ resultater")).click()
    page.wait_for_load_state()
    assert "tema=svindel" in page.url
    # The filters fold away behind one button; the count and the chip come first.
    assert page.get_by_text("Filtrer (1 valgt)").is_visible()
    assert not filters.get_by_role("checkbox").first.is_visible()
    assert page.get_by_role("link", name=re.compile(r"^Tema: Svindel mot eldre")).is_visible()
    first = page.locator(".resultater .kort__tittel").first.bounding_box()
    assert first is not None
    assert first["y"] + first["height"] <= PHONE["height"], first
    assert page.evaluate("window.scrollY") == 0


def test_on_a_wide_screen_several_choices_narrow_the_list_and_a_chip_removes_one(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("eksempler:list") + "?tema=svindel")
    filters = page.get_by_role("form", name="Filtrer eksemplene")
    # Beside the results even though the panel is closed on a phone.
    assert filters.get_by_role("checkbox", name=re.compile(r"^Svindel mot eldre")).is_checked()
    filters.get_by_role("checkbox", name=re.compile(r"^A – Oppgaveløsning")).check()
    filters.get_by_label("Sorter").select_option("tittel")
    filters.get_by_role("button", name=re.compile(r"^Vis \d+ resultater")).click()
    page.wait_for_load_state()
    assert all(part in page.url for part in ["tema=svindel", "situasjon=A", "sorter=tittel"])
    titles = page.locator(".resultater .kort__tittel").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold) or len(titles) < 2
    page.get_by_role("link", name=re.compile(r"^Situasjon: A")).click()
    page.wait_for_load_state()
    assert "situasjon" not in page.url and "tema=svindel" in page.url
