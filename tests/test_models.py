from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from innsikt.models import Innsikt
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


def test_the_database_notes_when_an_insight_becomes_published_and_keeps_it(make_innsikt):
    innsikt = make_innsikt(status="utkast")
    rows = Innsikt.objects.filter(pk=innsikt.pk)
    assert rows.get().publisert is None
    rows.update(status="publisert")
    assert rows.get().publisert is not None
    then = timezone.now() - timedelta(days=90)
    rows.update(publisert=then)
    # A save from a form that never read the time keeps it while it stays published.
    innsikt.status, innsikt.tittel, innsikt.publisert = "publisert", "Ny tittel", None
    innsikt.save()
    assert rows.get().publisert == then


def test_an_insight_published_again_gets_a_new_publishing_time(make_innsikt):
    rows = Innsikt.objects.filter(pk=make_innsikt().pk)
    rows.update(publisert=timezone.now() - timedelta(days=90))
    rows.update(status="utkast")
    rows.update(status="publisert")
    assert rows.get().publisert > timezone.now() - timedelta(days=1)


def test_a_published_insight_must_have_a_publishing_time(make_innsikt):
    innsikt = make_innsikt()
    # The trigger never lets it happen; without it, the constraint still refuses.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE innsikt_innsikt DISABLE TRIGGER innsikt_innsikt_publisert_tid")
    with (
        pytest.raises(IntegrityError, match="innsikt_innsikt_publisert_har_tid"),
        transaction.atomic(),
    ):
        Innsikt.objects.filter(pk=innsikt.pk).update(publisert=None)
