import pytest
from django.db import IntegrityError, transaction

from skattekiste.eksempler.models import Eksempel
from skattekiste.eksempler.telling import example_counts, popular_themes

pytestmark = pytest.mark.django_db


def test_an_example_reads_as_its_title_and_links_to_its_page(make_eksempel):
    eksempel = make_eksempel(tittel="Politi i butikk", slug="politi-i-butikk")
    assert str(eksempel) == "Politi i butikk"
    assert eksempel.get_absolute_url() == "/eksempler/politi-i-butikk/"


def test_two_examples_cannot_share_a_slug(make_eksempel):
    make_eksempel(slug="samme")
    with (
        pytest.raises(IntegrityError, match="skattekiste_eksempel_unique_slug"),
        transaction.atomic(),
    ):
        make_eksempel(slug="samme")


@pytest.mark.parametrize("aar", [1999, 2101])
def test_the_database_refuses_a_year_outside_2000_to_2100(make_eksempel, aar):
    with (
        pytest.raises(IntegrityError, match="skattekiste_eksempel_aar_range"),
        transaction.atomic(),
    ):
        make_eksempel(aar=aar)


@pytest.mark.parametrize("situasjoner", [[], ["D"], ["A", "X"]])
def test_the_database_refuses_unknown_or_missing_situations(make_eksempel, situasjoner):
    with pytest.raises(IntegrityError, match="situasjoner_valid"), transaction.atomic():
        make_eksempel(situasjoner=situasjoner)


def test_a_published_example_must_have_a_publication_date(make_eksempel):
    with pytest.raises(IntegrityError, match="published_has_date"), transaction.atomic():
        make_eksempel(status="publisert", publisert=None)


def test_published_leaves_out_drafts_and_returned_examples(make_eksempel):
    shown = make_eksempel()
    make_eksempel(status=Eksempel.Status.UTKAST, publisert=None)
    make_eksempel(status=Eksempel.Status.RETURNERT, publisert=None)
    assert list(Eksempel.objects.published()) == [shown]


def test_related_examples_share_a_theme_or_a_group(make_eksempel, make_tema, make_gruppe):
    tema, gruppe = make_tema(), make_gruppe()
    eksempel = make_eksempel(tema=[tema])
    same_theme = make_eksempel(tema=[tema])
    same_group = make_eksempel(grupper=[gruppe])
    make_eksempel()
    eksempel.grupper.set([gruppe])
    related = set(Eksempel.objects.published().related_to(eksempel))
    assert related == {same_theme, same_group}


def test_related_examples_are_the_newest_four_published_ones_and_never_the_example_itself(
    make_eksempel, make_tema, make_gruppe
):
    tema, gruppe = make_tema(), make_gruppe()
    eksempel = make_eksempel(tema=[tema], aar=2020)
    by_year = {aar: make_eksempel(grupper=[gruppe], aar=aar) for aar in range(2015, 2022)}
    make_eksempel(tema=[tema], aar=2024, status=Eksempel.Status.UTKAST, publisert=None)
    eksempel.grupper.set([gruppe])
    related = list(Eksempel.objects.published().related_to(eksempel))
    assert related == [by_year[2021], by_year[2020], by_year[2019], by_year[2018]]


def test_related_examples_follow_changes_to_themes_groups_and_status(
    make_eksempel, make_tema, make_gruppe
):
    tema, gruppe = make_tema(), make_gruppe()
    eksempel = make_eksempel(tema=[tema])
    other = make_eksempel()
    assert list(Eksempel.objects.published().related_to(eksempel)) == []
    other.tema.set([tema])
    assert list(Eksempel.objects.published().related_to(eksempel)) == [other]
    other.tema.clear()
    eksempel.grupper.set([gruppe])
    other.grupper.set([gruppe])
    assert list(Eksempel.objects.published().related_to(eksempel)) == [other]
    Eksempel.objects.filter(pk=other.pk).update(status=Eksempel.Status.RETURNERT)
    assert list(Eksempel.objects.published().related_to(eksempel)) == []


def test_an_example_without_themes_or_groups_has_no_related_examples(make_eksempel):
    eksempel = make_eksempel()
    make_eksempel()
    assert list(Eksempel.objects.published().related_to(eksempel)) == []


def test_popular_themes_count_each_published_example_once_most_used_first(
    make_eksempel, make_tema, make_gruppe
):
    eldre, skole, tom = make_tema(name="Eldre"), make_tema(name="Skole"), make_tema(name="Tom")
    grupper = [make_gruppe(), make_gruppe()]  # other links must not multiply the count
    make_eksempel(tema=[eldre, skole], grupper=grupper)
    make_eksempel(tema=[eldre], grupper=grupper)
    make_eksempel(tema=[skole, tom], status=Eksempel.Status.UTKAST, publisert=None)
    themes = popular_themes()  # the search's start page
    assert [(t.name, t.antall) for t in example_counts().themes] == [("Eldre", 2), ("Skole", 1)]
    assert [(t.name, t.antall) for t in themes] == [("Eldre", 2), ("Skole", 1)]
