"""Påfyll in the browser: follow a group's insights, a search and a filtered list, make feed
links, and /pafyll/ with all of it has no axe violations and fits a 320 px screen."""

import pytest
from django.urls import reverse
from django.utils import timezone

from innsikt.models import Innsikt
from skattekiste.eksempler.models import Eksempel
from tests.e2e.conftest import log_in
from tests.e2e.test_tilgjengelighet import axe_violations

pytestmark = pytest.mark.e2e


def test_pafyll_with_every_kind_of_follow_and_feed_links_is_accessible_and_fits_320px(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("innsikt:gruppe", args=["eldre"]))
    page.get_by_role("button", name="Følg ny innsikt om gruppen").click()
    page.goto(site.url + reverse("sok:sok") + "?q=dialogm%C3%B8te")
    page.get_by_role("button", name="Følg nye eksempler med dette søket").click()
    page.goto(site.url + reverse("eksempler:list") + "?tema=svindel")
    page.get_by_role("button", name="Følg eksempler med disse filtrene").click()
    # Something new in what is followed: published just now.
    now = timezone.now()
    Eksempel.objects.filter(tema__slug="svindel", status="publisert").update(publisert=now)
    Innsikt.objects.filter(grupper__slug="eldre", status="publisert").update(opprettet=now)
    page.goto(site.url + reverse("pafyll:pafyll"))
    page.get_by_role("button", name="Lag feed-lenker").click()
    page.wait_for_load_state()
    assert page.get_by_text("Feed-lenkene dine er klare.").is_visible()
    assert page.get_by_role("heading", name="Ny innsikt").is_visible()
    assert page.get_by_text("Innsikt om eldre").first.is_visible()
    assert page.get_by_text("Søk: «dialogmøte»").first.is_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
