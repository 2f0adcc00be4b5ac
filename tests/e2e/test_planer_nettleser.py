"""Planer in a browser: choose a method, make a plan with the keyboard, print it on one A4
page, share it with a colleague and turn it into a shared example. axe finds nothing, and
the plan reads at 320 px."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from skattekiste.planer.models import Plan
from tests.e2e.conftest import log_in
from tests.e2e.test_tilgjengelighet import axe_violations
from tests.e2e.test_utskrift import printed_pages

pytestmark = pytest.mark.e2e


def _make_plan_from_the_chooser(page, site):
    page.goto(
        site.url
        + reverse("komigang:velg")
        + "?situasjon=B&forsta=hvorfor&rekkevidde=fa&gruppe=ungdom"
    )
    link = page.locator(".metodevalg > li").first.get_by_role("link", name="Lag en plan")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_label("Tittel").input_value().startswith("Plan: ")
    assert axe_violations(page) == []
    page.get_by_label("Tittel").fill("Dialogmøte med ungdom på Skei")
    page.get_by_role("button", name="Lag planen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return Plan.objects.get(tittel="Dialogmøte med ungdom på Skei")


def test_choose_plan_print_and_share_the_experience(site, page):
    log_in(page, site)
    plan = _make_plan_from_the_chooser(page, site)
    assert page.get_by_role("heading", name="Sjekkliste").is_visible()
    assert page.get_by_role("heading", name="Husk!").is_visible()
    assert plan.situasjon == "B" and plan.gruppe.slug == "ungdom" and plan.punkter.exists()
    assert axe_violations(page) == []

    # Tick the first step, with who and when.
    page.get_by_role("link", name="Endre planen").click()
    assert axe_violations(page) == []
    page.get_by_label("Gjort").first.check()
    page.get_by_label("Hvem").first.fill("Kari")
    page.get_by_label("Når").first.fill("2027-03-15")
    page.get_by_role("button", name="Lagre planen").click()
    assert page.get_by_text("Planen er lagret.").is_visible()
    assert page.get_by_text("Hvem: Kari").is_visible()

    # The kjøreplan prints on one A4 page, without buttons.
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Endre planen").is_visible()
    assert printed_pages(page) == 1
    page.emulate_media(media="screen")

    # «Del erfaringen»: the share form, filled in from the plan, then the usual review.
    page.get_by_role("link", name="Del erfaringen").click()
    assert page.get_by_label("Tittel").input_value() == "Dialogmøte med ungdom på Skei"
    page.get_by_label("Hva gjorde dere?").fill("Vi inviterte ungdom til et åpent møte på skolen.")
    page.get_by_label("Hva fungerte?", exact=True).fill("Ungdommene kom og snakket fritt.")
    page.get_by_label("Hva lærte dere?").fill("Start tidligere på høsten.")
    if not page.locator("#id_distrikter input:checked").count():
        page.locator("#id_distrikter input").first.check()
    page.get_by_role("button", name="Send til redaksjonen").click()
    page.goto(site.url + plan.get_absolute_url())
    assert page.get_by_text("Du har sendt erfaringen til redaksjonen").is_visible()


def test_a_plan_shared_with_a_colleague_reads_at_320_px_without_the_owners_buttons(
    site, page, browser
):
    get_user_model().objects.create_user(username="kollega", password="e2e-passord-som-er-langt")
    log_in(page, site)
    plan = _make_plan_from_the_chooser(page, site)
    page.get_by_role("link", name="Del planen").click()
    page.get_by_label("Meg og kollegene jeg velger").check()
    page.get_by_label("Kolleger").fill("kollega")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_text("kan lese planen").first.is_visible()

    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nb-NO")
    phone = context.new_page()
    try:
        log_in(phone, site, username="kollega")
        phone.goto(site.url + plan.get_absolute_url())
        assert phone.get_by_role("heading", level=1).is_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320
        assert phone.get_by_role("link", name="Endre planen").count() == 0
        assert axe_violations(phone) == []
        phone.goto(site.url + reverse("planer:list"))
        assert phone.get_by_role("link", name=plan.tittel).is_visible()
    finally:
        context.close()
