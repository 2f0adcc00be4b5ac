"""Universal design (WCAG 2.1 AA) checked in the browser: axe, keyboard, small screens, zoom."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.folk.models import Person
from skattekiste.planer.models import Plan
from skattekiste.planer.workflows import create_plan, save_plan
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _a_person():
    """A contact on a seed example (the report names none); the people table follows."""
    Eksempel.objects.filter(slug="naermiljoprat-tonsberg").update(
        kontakt_navn="Kari Nordmann", kontakt_rolle="Politikontakt", kontakt_enhet="Tønsberg"
    )
    return reverse("folk:person", args=[Person.objects.get(navn="Kari Nordmann").pk])


def _own_plan(name):
    """The logged-in employee's plan, made on first use, saved once so it has a history."""
    eier = get_user_model().objects.get(username="ansatt")
    plan = Plan.objects.filter(eier=eier).first()
    if plan is None:
        plan = create_plan(
            eier=eier,
            tittel="Dialogmøte med eldre",
            metoder=[Metode.objects.get(slug="holde-dialogmoter")],
        )
        save_plan(plan=plan, by=eier, versjon=plan.versjon, data={"tittel": "Møte"}, punkter={})
    return reverse(name, args=[plan.pk])


# One URL per page type that exists. Later features add theirs here.
PAGE_TYPES = [
    ("hjem", lambda: reverse("hjem")),
    ("eksempler", lambda: reverse("eksempler:list") + "?tema=svindel"),
    ("eksempel", lambda: reverse("eksempler:detail", args=["naermiljoprat-tonsberg"])),
    ("metoder", lambda: reverse("metoder:list")),
    ("metode", lambda: reverse("metoder:detail", args=["holde-dialogmoter"])),
    ("innsikt", lambda: reverse("innsikt:list")),
    (
        "innsikt-detalj",
        lambda: reverse("innsikt:detail", args=["skeive-har-lavere-tillit-til-politiet"]),
    ),
    ("grupper", lambda: reverse("innsikt:grupper")),
    ("gruppe", lambda: reverse("innsikt:gruppe", args=["eldre"])),
    ("ikke-funnet", lambda: "/eksempler/finnes-ikke/"),
    ("sok", lambda: reverse("sok:sok") + "?q=hva+vet+vi+om+eldre"),
    ("sok-start", lambda: reverse("sok:sok")),
    ("sok-ingen-treff", lambda: reverse("sok:sok") + "?q=dialgm%C3%B8te"),
    ("kom-i-gang", lambda: reverse("komigang:velg")),
    (
        "kom-i-gang-svar",
        lambda: reverse("komigang:velg") + "?situasjon=B&forsta=hvorfor&rekkevidde=fa&gruppe=eldre",
    ),
    ("kom-i-gang-feil", lambda: reverse("komigang:velg") + "?situasjon=X&gruppe=finnes-ikke"),
    ("planer", lambda: reverse("planer:list")),
    ("plan-ny", lambda: reverse("planer:ny") + "?metode=holde-dialogmoter&situasjon=B"),
    ("folk", lambda: reverse("folk:liste")),
    ("folk-feil", lambda: reverse("folk:liste") + "?metode=finnes-ikke"),
    ("folk-person", _a_person),
    ("folk-sparring", lambda: reverse("folk:sparring_ny")),
    ("plan", lambda: _own_plan("planer:detail")),
    ("plan-historikk", lambda: _own_plan("planer:historikk")),
    ("veiledning", lambda: reverse("veiledning:liste")),
    ("veiledning-side", lambda: reverse("veiledning:side", args=["ti-erfaringer"])),
    ("veiledning-sirkel", lambda: reverse("veiledning:side", args=["den-gode-sirkelen"])),
    ("pafyll", lambda: reverse("pafyll:pafyll")),
    ("pafyll-stopp", lambda: reverse("pafyll:stopp", args=["ugyldig"])),
]


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} steder, f.eks. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def test_the_login_page_has_no_axe_violations(site, page):
    page.goto(site.url + reverse("login"))
    assert axe_violations(page) == []


@pytest.mark.parametrize(("name", "url"), PAGE_TYPES, ids=[n for n, _ in PAGE_TYPES])
def test_every_page_type_has_no_wcag_21_aa_violations(site, page, name, url):
    log_in(page, site)
    page.goto(site.url + url())
    assert page.locator("html").get_attribute("lang") == "nb"
    assert axe_violations(page) == []


def test_keyboard_only_skip_link_visible_focus_logical_order_and_no_trap(site, page):
    log_in(page, site)
    page.goto(site.url + reverse("eksempler:list"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hopp til innholdet"
    box = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect();"
        " return [r.left, r.top, r.width, r.height]; })()"
    )
    assert box[0] >= 0 and box[1] >= 0 and box[2] > 0, "the skip link is visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innhold"

    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
              const el = document.activeElement;
              const style = getComputedStyle(el);
              const all = Array.from(document.querySelectorAll('*'));
              return {
                index: all.indexOf(el),
                tag: el.tagName,
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== 'none',
              };
            }"""
        )
        if info["tag"] == "BODY":
            break
        assert info["outline"] or info["shadow"], f"focus is not visible on {info}"
        seen.append(info["index"])
    assert len(seen) > 10, "focus moves through the page"
    assert seen == sorted(seen), "focus follows the reading order"


@pytest.mark.parametrize("width", [320, 640])
def test_pages_fit_a_320px_screen_and_200_percent_zoom_without_sideways_scrolling(
    site, browser, width
):
    # 200 % zoom of a 1280 px window is a 640 px layout viewport.
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    try:
        log_in(page, site)
        for _, url in PAGE_TYPES:
            page.goto(site.url + url())
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{url()} scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()
