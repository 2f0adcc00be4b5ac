"""/oversikt/ and «Mitt distrikt» in the browser: axe, 320 px, keyboard, the charts."""

import pytest
from django.urls import reverse

from tests.e2e.conftest import log_in
from tests.e2e.test_tilgjengelighet import axe_violations

pytestmark = pytest.mark.e2e

PAGES = [
    ("ansatt", lambda: reverse("oversikt:oversikt") + "?aar=alle"),
    ("ansatt", lambda: reverse("oversikt:oversikt")),
    ("redaktor", lambda: reverse("oversikt:oversikt") + "?aar=alle"),
    ("ansatt", lambda: reverse("oversikt:distrikt", args=["oslo"]) + "?aar=alle"),
    ("ansatt", lambda: reverse("oversikt:distrikt", args=["vest"])),
]


@pytest.mark.parametrize(("user", "url"), PAGES)
def test_the_overview_pages_have_no_wcag_21_aa_violations(site, page, user, url):
    log_in(page, site, username=user)
    page.goto(site.url + url())
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


def test_the_overview_fits_320px_and_its_wide_tables_scroll_inside_their_region(site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    try:
        log_in(page, site, username="redaktor")
        for _, url in PAGES:
            page.goto(site.url + url())
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{url()} scrolls sideways by {overflow}px at 320px"
    finally:
        context.close()


def test_a_keyboard_reaches_the_matrix_and_follows_a_cell_to_its_examples(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("oversikt:oversikt") + "?aar=alle")
    region = page.locator(".tabell-rull").first
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('tabell-rull')"):
            break
    else:
        pytest.fail("Tab never reached the scrollable matrix")
    assert region.evaluate("el => el === document.activeElement")
    page.keyboard.press("Tab")  # the first district's name
    page.keyboard.press("Tab")  # its first cell
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href.startswith(reverse("eksempler:list") + "?distrikt=")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert reverse("eksempler:list") in page.url


def test_the_chart_is_svg_with_its_numbers_one_click_away(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("oversikt:oversikt"))
    chart = page.locator("figure.diagram").first
    assert chart.locator("svg[role=img] title").count() == 1
    table = chart.locator("details table")
    assert not table.is_visible()
    chart.locator("summary").click()
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 12


def test_a_keyboard_follows_a_figure_on_the_district_page_to_its_examples(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("oversikt:distrikt", args=["oslo"]) + "?aar=alle")
    wanted = reverse("eksempler:list") + "?distrikt=oslo"
    for _ in range(120):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.startswith(wanted):
            break
    else:
        pytest.fail("Tab never reached a figure that links to the district's examples")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "distrikt=oslo" in page.url
    assert page.locator("h1").count() == 1
