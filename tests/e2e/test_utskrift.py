"""Printing in a real browser: page counts on A4, the identification, the «Skriv ut» button."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from metoder.models import Metode
from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.veiledning.models import Veiledning
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def printed_pages(page) -> int:
    """How many A4 pages Chromium prints the current page on."""
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def test_every_method_card_prints_on_one_a4_page(site, page):
    log_in(page, site)
    pages = {}
    for metode in Metode.objects.all():
        page.goto(site.url + metode.get_absolute_url())
        pages[metode.nummer] = printed_pages(page)
    assert pages == dict.fromkeys(range(1, 10), 1)


def test_every_group_page_of_the_seed_content_prints_on_at_most_two_a4_pages(site, page):
    log_in(page, site)
    pages = {}
    for gruppe in Innbyggergruppe.objects.all():
        page.goto(site.url + gruppe.get_absolute_url())
        pages[gruppe.slug] = printed_pages(page)
    assert pages and max(pages.values()) <= 2, pages


def test_a_printout_names_skattekisten_its_address_the_date_and_the_source(site, page):
    log_in(page, site)
    metode = Metode.objects.get(nummer=4)
    page.goto(site.url + metode.get_absolute_url())
    header, footer = page.locator(".utskrift--hode"), page.locator(".utskrift--bunn")
    assert not header.is_visible() and not footer.is_visible()  # only on paper
    page.emulate_media(media="print")
    with translation.override("nb"):
        today = date_format(timezone.localdate(), "j. F Y")
    assert "Skattekisten" in header.inner_text()
    assert site.url + metode.get_absolute_url() in header.inner_text()
    assert f"Hentet {today}" in header.inner_text()
    assert "Kilde:" in footer.inner_text()
    assert "Innbyggerstemmen – hva vi har lært 2022" in footer.inner_text()
    assert not page.locator(".topp").is_visible()
    assert not page.get_by_role("button", name="Skriv ut").is_visible()


def test_the_group_page_printout_is_identified_too(site, page):
    log_in(page, site)
    gruppe = Innbyggergruppe.objects.get(slug="eldre")
    page.goto(site.url + gruppe.get_absolute_url())
    page.emulate_media(media="print")
    assert site.url + gruppe.get_absolute_url() in page.locator(".utskrift--hode").inner_text()
    assert "Kilde: Skattekisten" in page.locator(".utskrift--bunn").inner_text()


def test_headings_are_kept_with_what_follows_them_on_paper(site, page):
    log_in(page, site)
    page.goto(site.url + Innbyggergruppe.objects.get(slug="eldre").get_absolute_url())
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4",
        "els => els.map(e => getComputedStyle(e).breakAfter)",
    )
    assert breaks and set(breaks) == {"avoid"}


@pytest.mark.parametrize("where", ["metode", "gruppe"])
def test_the_print_button_opens_the_print_dialog(site, page, where):
    log_in(page, site)
    url = (
        Metode.objects.get(nummer=1).get_absolute_url()
        if where == "metode"
        else Innbyggergruppe.objects.get(slug="eldre").get_absolute_url()
    )
    page.goto(site.url + url)
    page.evaluate("window.print = () => { window.utskrevet = true; }")
    page.get_by_role("button", name="Skriv ut").click()
    assert page.evaluate("window.utskrevet") is True


def test_without_javascript_there_is_no_print_button_that_cannot_work(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    try:
        log_in(page, site)
        page.goto(site.url + Metode.objects.get(nummer=1).get_absolute_url())
        assert page.get_by_role("heading", level=1).is_visible()
        assert page.get_by_role("button", name="Skriv ut").count() == 0
    finally:
        context.close()


def test_the_method_map_reflows_on_a_phone_and_names_each_column(site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nb-NO")
    page = context.new_page()
    try:
        log_in(page, site)
        page.goto(site.url + reverse("metoder:list"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        labels = page.locator(".kart__kolonne").all_inner_texts()
        assert labels.count("Flere innbyggere – forstå «hvorfor» og «hva»") == 3
        assert page.locator(".kart__kolonne").first.is_visible()
    finally:
        context.close()


def test_a_guidance_page_prints_its_text_with_the_report_as_source_and_no_navigation(site, page):
    log_in(page, site)
    side = Veiledning.objects.get(slug="den-gode-sirkelen")
    page.goto(site.url + side.get_absolute_url())
    page.emulate_media(media="print")
    assert "Innbyggerstemmen – hva vi har lært 2022" in page.locator(".utskrift--bunn").inner_text()
    assert page.get_by_role("heading", name="Tre klassiske tabber!").is_visible()
    assert not page.locator(".bla").is_visible()
    assert not page.locator(".relaterte").is_visible()
    assert printed_pages(page) <= 3
