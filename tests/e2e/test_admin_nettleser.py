"""The admin as Redaksjon uses it, in the browser: axe finds nothing on the forms, the lists
and the review pages; the error summary takes the focus; the searchable lists show focus."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from innsikt.models import Innsikt, Kilde
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe, Tema
from skattekiste.sok.models import Synonym
from tests.e2e.conftest import log_in
from tests.e2e.test_tilgjengelighet import axe_violations

pytestmark = pytest.mark.e2e

# Every model Redaksjon may add and change; the cards can only be changed.
EDITED = [
    ("skattekiste", "eksempel", lambda: Eksempel.objects.get(slug="naermiljoprat-tonsberg")),
    (
        "innsikt",
        "innsikt",
        lambda: Innsikt.objects.get(slug="skeive-har-lavere-tillit-til-politiet"),
    ),
    ("innsikt", "kilde", lambda: Kilde.objects.filter(metode__isnull=False).first()),
    ("skattekiste", "tema", lambda: Tema.objects.first()),
    ("skattekiste", "innbyggergruppe", lambda: Innbyggergruppe.objects.get(slug="eldre")),
    ("skattekiste", "synonym", lambda: Synonym.objects.first()),
]
CHANGELISTS = [
    "skattekiste_eksempel",
    "skattekiste_tema",
    "skattekiste_innbyggergruppe",
    "skattekiste_synonym",
    "skattekiste_distrikt",
    "skattekiste_personvernsletting",
    "innsikt_innsikt",
    "innsikt_kilde",
    "innsikt_behov",
    "metoder_metode",
]


def scan(page, urls) -> dict[str, list[str]]:
    """axe's WCAG 2.1 AA violations per URL, only for the URLs that have any."""
    found = {}
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    return found


@pytest.fixture
def editor_page(site, page):
    log_in(page, site, username="redaktor")
    return page


def test_every_add_and_change_form_redaksjon_uses_has_no_axe_violations(site, editor_page):
    urls = []
    for app, model, existing in EDITED:
        urls.append(site.url + reverse(f"admin:{app}_{model}_add"))
        urls.append(site.url + reverse(f"admin:{app}_{model}_change", args=[existing().pk]))
    metode = Metode.objects.get(slug="holde-dialogmoter")
    urls.append(site.url + reverse("admin:metoder_metode_change", args=[metode.pk]))
    assert scan(editor_page, urls) == {}


def test_the_changelists_history_and_the_admin_home_have_no_axe_violations(site, editor_page):
    eksempel = Eksempel.objects.get(slug="naermiljoprat-tonsberg")
    urls = [site.url + reverse(f"admin:{name}_changelist") for name in CHANGELISTS]
    urls += [
        site.url + reverse("admin:index"),
        site.url + reverse("admin:skattekiste_eksempel_changelist") + "?status=publisert",
        site.url + reverse("admin:skattekiste_eksempel_history", args=[eksempel.pk]),
        site.url + reverse("admin:skattekiste_eksempel_slettede"),
    ]
    assert scan(editor_page, urls) == {}


def test_the_review_pages_have_no_axe_violations(site, editor_page):
    eksempel = Eksempel.objects.get(slug="naermiljoprat-tonsberg")
    Eksempel.objects.filter(pk=eksempel.pk).update(
        status=Eksempel.Status.TIL_VURDERING,
        innsendt=timezone.now(),
        opprettet_av=get_user_model().objects.get(username="ansatt"),
    )
    urls = [
        site.url + reverse("bidra:vurdering"),
        site.url + reverse("bidra:vurder", args=[eksempel.pk]),
    ]
    assert scan(editor_page, urls) == {}


def test_the_error_summary_takes_the_focus_and_its_links_lead_into_the_fields(site, editor_page):
    page = editor_page
    page.goto(site.url + reverse("admin:skattekiste_eksempel_add"))
    page.get_by_role("button", name="Lagre", exact=True).click()
    page.wait_for_load_state("networkidle")

    summary = page.locator(".feiloppsummering")
    assert page.evaluate("document.activeElement.classList.contains('feiloppsummering')")
    assert "Tittel: Feltet er påkrevet." in summary.inner_text()
    assert axe_violations(page) == []

    summary.get_by_role("link", name="Tittel: Feltet er påkrevet.").click()
    assert page.evaluate("document.activeElement.id") == "id_tittel"
    # A searchable list is hidden behind Select2: the link lands in its search box. (An
    # example may name no district; an insight must have a source.)
    page.goto(site.url + reverse("admin:innsikt_innsikt_add"))
    page.get_by_role("button", name="Lagre", exact=True).click()
    page.wait_for_load_state("networkidle")
    summary.get_by_role("link", name="Kilder: Feltet er påkrevet.").click()
    assert page.evaluate(
        "document.activeElement.classList.contains('select2-search__field')"
        " && !!document.activeElement.closest('.field-kilder')"
    )


def test_a_searchable_list_shows_a_clear_focus_ring(site, editor_page):
    page = editor_page
    page.goto(site.url + reverse("admin:skattekiste_eksempel_add"))
    page.wait_for_load_state("networkidle")
    page.locator("#id_sted").focus()
    page.keyboard.press("Tab")
    ring = page.evaluate(
        """() => {
          const el = document.activeElement;
          const box = el.closest('.select2-selection');
          const style = getComputedStyle(box);
          return {
            field: !!el.closest('.field-distrikter'),
            style: style.outlineStyle,
            width: parseFloat(style.outlineWidth),
            shadow: style.boxShadow,
          };
        }"""
    )
    assert ring["field"], "Tab from «Sted» goes to the districts"
    assert ring["style"] == "solid" and ring["width"] >= 3
    assert ring["shadow"] != "none"
