"""Issue 16, item 2: every stored fact of the seed content is traceable to the report."""

import re

import pytest

from innsikt.models import Innsikt, Kilde
from skattekiste.eksempler.models import Eksempel
from tests.test_metodekort import REPORT, squash

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ("tittel", "ingress", "beskrivelse", "hva_fungerte", "hva_fungerte_ikke", "laering")


def digits(text: str) -> str:
    """Numbers without thousands separators: the report writes 10.000, we write 10 000."""
    return re.sub(r"(?<=\d)[ .\u00a0](?=\d{3})", "", text)


@pytest.mark.parametrize(
    "slug",
    [
        "nettpatruljen-meetup-lan",
        "hatefulle-ytringer-brukertest-med-ungdom",
        "innloggede-sider-politiet-no",
        "postbudet-og-eldre",
    ],
)
def test_an_example_whose_unit_the_report_does_not_name_claims_none(seeded, slug):
    eksempel = Eksempel.objects.get(slug=slug)
    assert list(eksempel.distrikter.all()) == []
    assert "Team Innbyggerstemmen" not in eksempel.kontakt_enhet


def test_a_photo_credit_is_not_part_of_an_example(seeded):
    for eksempel in Eksempel.objects.all():
        stored = " ".join([eksempel.sted, eksempel.beskrivelse, eksempel.kilder]).lower()
        assert "skogliv" not in stored, eksempel.slug


def test_the_quote_from_young_people_is_not_attributed_to_nlgu(seeded):
    assert "fint å snakke" not in Eksempel.objects.get(slug="ungdom-i-nlgu").beskrivelse


def test_the_8_of_10_survey_and_the_strategy_survey_stay_two_sources(seeded):
    strategi = Eksempel.objects.get(slug="innbyggerundersokelse-ny-virksomhetsstrategi")
    assert "8 av 10" not in strategi.beskrivelse
    assert "sosiale-medier" not in strategi.kilder
    survey = Kilde.objects.get(slug="innbyggerundersokelse-sosiale-medier-2022")
    assert "virksomhetsstrategi" not in survey.beskrivelse


def test_no_finding_cites_a_source_the_report_does_not_name(seeded):
    assert not Kilde.objects.filter(tittel__icontains="erfaringer fra distriktene").exists()
    report = Kilde.objects.get(slug="innbyggerstemmen-hva-vi-har-laert-2022")
    assert report.innsikter.filter(slug="distriktene-peker-pa-sma-steder-med-lite-politi").exists()
    assert all(i.kilder.exists() for i in Innsikt.objects.prefetch_related("kilder"))


def test_numbers_say_what_they_count(seeded):
    def shown(slug):
        return Kilde.objects.get(slug=slug).antall_tekst().replace("\u00a0", " ")

    assert shown("pride-undersokelse-lhbtiq-2022") == "mer enn 10 000 svar"
    assert shown("vi-lordag-nettpatruljen-innlandet") == "nådde 76 000 personer"


def test_a_number_without_a_known_meaning_says_so(make_kilde):
    kilde = make_kilde(antall=12)
    assert kilde.antall_tekst() == "12 svar eller deltakere"
    assert make_kilde().antall_tekst() == ""


@pytest.mark.skipif(not REPORT.exists(), reason="the report is not beside the repository")
def test_every_number_and_place_in_the_seed_examples_stands_in_the_report(seeded):
    report = digits(squash(REPORT.read_text())).lower()
    wrong = []
    for eksempel in Eksempel.objects.all():
        text = digits(" ".join(getattr(eksempel, name) for name in TEXT_FIELDS))
        wrong += [f"{eksempel.slug}: {n}" for n in re.findall(r"\d+", text) if n not in report]
        for part in re.split(r",| og |\(|\)", eksempel.sted):
            if part.strip() and part.strip().lower() not in report:
                wrong.append(f"{eksempel.slug}: {part.strip()}")
    assert wrong == []
