"""The JSON fixtures are the product's content: they load completely, and twice changes nothing."""

import io
import json

import pytest
from django.core.management import call_command

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Husk, Metode, Steg
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe
from skattekiste.oppsett.seed import seed_fixture_paths

pytestmark = pytest.mark.django_db

SEED_APPS = ["skattekiste", "metoder", "innsikt", "taggit"]


def snapshot():
    out = io.StringIO()
    call_command("dumpdata", *SEED_APPS, stdout=out, natural_foreign=True, natural_primary=True)
    return json.loads(out.getvalue())


def fixture_objects():
    objects = []
    for path in seed_fixture_paths():
        objects.extend(json.loads(path.read_text()))
    return objects


def test_every_fixture_object_is_in_the_database(seeded):
    expected = {}
    for obj in fixture_objects():
        expected[obj["model"]] = expected.get(obj["model"], 0) + 1
    models = {
        "skattekiste.distrikt": Distrikt,
        "skattekiste.innbyggergruppe": Innbyggergruppe,
        "skattekiste.eksempel": Eksempel,
        "metoder.metode": Metode,
        "metoder.steg": Steg,
        "metoder.husk": Husk,
        "innsikt.behov": Behov,
        "innsikt.kilde": Kilde,
        "innsikt.innsikt": Innsikt,
    }
    for label, model in models.items():
        assert model.objects.count() == expected[label], label


def test_loading_the_seed_content_twice_changes_nothing(seeded):
    first = snapshot()
    call_command("last_innhold", verbosity=0)
    assert snapshot() == first


def test_the_seed_has_the_twelve_districts_and_the_national_units(seeded):
    assert Distrikt.objects.filter(type="politidistrikt").count() == 12
    for kortnavn in ["POD", "Kripos", "Økokrim", "PU", "PHS", "PIT", "PFT", "UP"]:
        assert Distrikt.objects.filter(kortnavn=kortnavn).exists(), kortnavn


def test_the_seed_has_every_example_the_report_names(seeded):
    assert Eksempel.objects.published().count() >= 20
    for word in [
        "Fagernes",
        "Stryn",
        "snitch",
        "Nordre Follo",
        "Pride",
        "Kristiansand",
        "Skei",
        "Gausdal",
        "Ferdig snakka",
        "Vi-lørdag",
        "Mennesket bak uniformen",
        "Førde",
        "Rælingen",
        "postbud",
        "organisasjoner",
        "Tønsberg",
        "LAN",
        "Drammen",
        "NLGU",
        "hatefulle ytringer",
        "PSV",
        "politiet.no",
    ]:
        hits = Eksempel.objects.filter(tittel__icontains=word) | Eksempel.objects.filter(
            beskrivelse__icontains=word
        )
        assert hits.exists(), word


# The report names no district or unit for these (issue 16; tests/test_sporbarhet.py).
NO_UNIT_NAMED = {
    "nettpatruljen-meetup-lan",
    "hatefulle-ytringer-brukertest-med-ungdom",
    "innloggede-sider-politiet-no",
    "postbudet-og-eldre",
}


def test_every_seed_example_is_tagged_and_placed_where_the_report_names_a_unit(seeded):
    for eksempel in Eksempel.objects.prefetch_related("distrikter", "grupper", "tema"):
        assert eksempel.distrikter.exists() != (eksempel.slug in NO_UNIT_NAMED), eksempel.slug
        assert eksempel.grupper.exists(), eksempel.slug
        assert eksempel.tema.exists(), eksempel.slug
        assert eksempel.situasjoner, eksempel.slug


def test_the_seed_never_says_publikum():
    for path in seed_fixture_paths():
        # Except where the guidance quotes the report's own rule: «IKKE publikum».
        text = path.read_text().replace("IKKE publikum", "")
        assert "publikum" not in text.lower(), path.name


def test_the_thirteen_needs_are_complete_in_four_categories(seeded):
    per_category = {}
    for behov in Behov.objects.all():
        per_category[behov.kategori] = per_category.get(behov.kategori, 0) + 1
    assert per_category == {"mott": 4, "tilgjengelig": 2, "forstaelig": 4, "lost": 3}
    assert Behov.objects.filter(tekst="å bli møtt med respekt og tatt på alvor").exists()


def test_every_seed_insight_is_traced_to_a_source(seeded):
    assert Innsikt.objects.count() >= 12
    assert not Innsikt.objects.filter(kilder__isnull=True).exists()


def test_the_report_s_key_findings_are_in_the_insight_bank(seeded):
    text = " ".join(Innsikt.objects.values_list("tittel", flat=True)) + " ".join(
        Innsikt.objects.values_list("forklaring", flat=True)
    )
    for finding in [
        "8 av 10",
        "7 av 10",
        "superkraft",
        "snitch",
        "kveld",
        "10 000",
        "700",
        "76 000",
        "uniform",
    ]:
        assert finding.lower() in text.lower(), finding


def test_every_seed_group_has_something_to_say(seeded):
    for gruppe in Innbyggergruppe.objects.all():
        assert gruppe.innsikter.exists() or gruppe.eksempler.exists(), gruppe.slug
