"""«Hva vet vi om <gruppe>?» and the list of groups."""

import datetime

import pytest

from innsikt.models import Innsikt
from innsikt.summary import PER_SECTION, build_group_summary
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Innbyggergruppe

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client, make_gruppe):
    assert client.get(make_gruppe().get_absolute_url())["Location"].startswith("/logg-inn/")
    assert client.get("/innsikt/grupper/")["Location"].startswith("/logg-inn/")


def test_the_group_page_answers_with_insights_examples_methods_and_sources(
    employee_client, make_gruppe, make_innsikt, make_eksempel, make_metode, make_kilde
):
    gruppe = make_gruppe(navn="Eldre", synonymer=["seniorer"])
    metode = make_metode(navn="Holde dialogmøter")
    make_innsikt(
        tittel="Kveldsmøter holder eldre borte",
        grupper=[gruppe],
        kilder=[make_kilde(tittel="Dialogmøter i Innlandet")],
    )
    make_eksempel(tittel="OBOS og borettslag", grupper=[gruppe], metoder=[metode])
    content = employee_client.get(gruppe.get_absolute_url()).content.decode()
    for text in [
        "Hva vet vi om eldre?",
        "seniorer",
        "Kveldsmøter holder eldre borte",
        "OBOS og borettslag",
        "Holde dialogmøter",
        "Dialogmøter i Innlandet",
        "Sist oppdatert",
    ]:
        assert text in content, text


def test_insights_are_ordered_by_need_and_then_by_how_solid_they_are(
    make_gruppe, make_innsikt, make_behov
):
    gruppe = make_gruppe()
    mott = make_behov(kategori="mott", rekkefolge=1)
    lost = make_behov(kategori="lost", rekkefolge=13)
    svak = make_innsikt(grupper=[gruppe], behov=[mott], styrke=1)
    sterk = make_innsikt(grupper=[gruppe], behov=[mott], styrke=3)
    lost_innsikt = make_innsikt(grupper=[gruppe], behov=[lost], styrke=3)
    uten = make_innsikt(grupper=[gruppe])
    summary = build_group_summary(gruppe=gruppe)
    shown = [(s.kategori, s.innsikter) for s in summary.seksjoner if s.innsikter]
    assert shown == [("mott", [sterk, svak]), ("lost", [lost_innsikt]), ("annet", [uten])]


def test_an_insight_with_needs_in_two_categories_is_shown_under_both(
    make_gruppe, make_innsikt, make_behov
):
    gruppe = make_gruppe()
    innsikt = make_innsikt(
        grupper=[gruppe],
        behov=[
            make_behov(kategori="lost", rekkefolge=9),
            make_behov(kategori="mott", rekkefolge=1),
        ],
    )
    summary = build_group_summary(gruppe=gruppe)
    shown = [s.kategori for s in summary.seksjoner if innsikt in s.innsikter]
    assert shown == ["mott", "lost"]
    assert summary.antall_innsikter.n == 1


def test_each_need_section_is_bounded_and_says_there_are_more(make_gruppe, make_innsikt):
    gruppe = make_gruppe()
    for _ in range(PER_SECTION + 3):
        make_innsikt(grupper=[gruppe])
    (section,) = build_group_summary(gruppe=gruppe).seksjoner
    assert len(section.innsikter) == PER_SECTION
    assert section.flere is True


def test_counts_stop_at_the_cap_and_say_so(make_gruppe, make_innsikt, monkeypatch):
    from innsikt import summary

    monkeypatch.setattr(summary, "COUNT_CAP", 3)
    gruppe = make_gruppe()
    for _ in range(5):
        make_innsikt(grupper=[gruppe])
    count = build_group_summary(gruppe=gruppe).antall_innsikter
    assert (count.n, count.capped, str(count)) == (3, True, "over 3")


def test_the_page_says_what_is_missing(make_gruppe, make_innsikt):
    gruppe = make_gruppe()
    make_innsikt(grupper=[gruppe], dato=datetime.date(2015, 1, 1), styrke=1)
    gaps = " ".join(build_group_summary(gruppe=gruppe, today=datetime.date(2026, 1, 1)).mangler)
    assert "gruppens egen stemme" in gaps
    assert "bredt grunnlag" in gaps
    assert "fra 2015" in gaps
    assert "ingen eksempler" in gaps


def test_nothing_is_reported_missing_when_the_group_is_well_covered(
    make_gruppe, make_innsikt, make_behov, make_eksempel
):
    gruppe = make_gruppe()
    behov = [
        make_behov(kategori=k, rekkefolge=i)
        for i, k in enumerate(["mott", "tilgjengelig", "forstaelig", "lost"], start=100)
    ]
    make_innsikt(grupper=[gruppe], behov=behov, fra_gruppen_selv=True, styrke=3)
    for b in behov[1:]:
        make_innsikt(grupper=[gruppe], behov=[b])
    make_eksempel(grupper=[gruppe])
    assert build_group_summary(gruppe=gruppe).mangler == []


def test_drafts_are_left_out_of_the_group_page(make_gruppe, make_innsikt, make_eksempel):
    gruppe = make_gruppe()
    make_innsikt(grupper=[gruppe], status=Innsikt.Status.UTKAST)
    make_eksempel(grupper=[gruppe], status="utkast", publisert=None)
    summary = build_group_summary(gruppe=gruppe)
    assert not summary.antall_innsikter and not summary.antall_eksempler


def test_editor_sees_the_group_page(editor_client, make_gruppe):
    assert editor_client.get(make_gruppe().get_absolute_url()).status_code == 200


def test_an_unknown_group_gives_not_found(employee_client):
    assert employee_client.get("/innsikt/grupper/finnes-ikke/").status_code == 404


@pytest.mark.parametrize("count", [10, 200])
def test_the_group_page_runs_a_number_of_queries_that_does_not_grow(
    employee_client,
    django_assert_max_num_queries,
    make_gruppe,
    make_innsikt,
    make_eksempel,
    make_behov,
    count,
):
    gruppe = make_gruppe()
    behov = make_behov()
    for i in range(count):
        make_innsikt(grupper=[gruppe], behov=[behov] if i % 2 else [])
    for _ in range(count // 10):
        make_eksempel(grupper=[gruppe])
    # session, user, 2 permission checks, group, facts, 2 need counts, one query per need
    # section (at most 5) + their sources, examples (+2 prefetches), example count,
    # sources, source count, methods
    with django_assert_max_num_queries(21):
        response = employee_client.get(gruppe.get_absolute_url())
    assert response.status_code == 200


def test_the_group_list_shows_how_much_we_know(
    employee_client, make_gruppe, make_innsikt, make_eksempel
):
    gruppe = make_gruppe(navn="Ungdom")
    make_innsikt(grupper=[gruppe])
    make_innsikt(grupper=[gruppe])
    make_eksempel(grupper=[gruppe])
    response = employee_client.get("/innsikt/grupper/")
    row = next(g for g in response.context["grupper"] if g.pk == gruppe.pk)
    assert (row.antall_innsikter.n, row.antall_eksempler.n, row.antall_kilder.n) == (2, 1, 2)


def test_the_group_list_counts_from_the_tables_its_models_name(
    rename_tables, employee_client, make_gruppe, make_innsikt, make_eksempel
):
    # A migration may rename the tables; the counts must follow the models, drafts left out.
    gruppe = make_gruppe(navn="Ungdom")
    make_innsikt(grupper=[gruppe])
    make_innsikt(grupper=[gruppe], status=Innsikt.Status.UTKAST)
    make_eksempel(grupper=[gruppe])
    make_eksempel(grupper=[gruppe], status=Eksempel.Status.UTKAST, publisert=None)
    rename_tables(
        Innbyggergruppe, Innsikt, Innsikt.grupper.through, Eksempel, Eksempel.grupper.through
    )
    response = employee_client.get("/innsikt/grupper/")
    assert response.status_code == 200
    row = next(g for g in response.context["grupper"] if g.pk == gruppe.pk)
    assert (row.antall_innsikter.n, row.antall_eksempler.n) == (1, 1)


def test_the_group_list_sorts_in_norwegian_order(employee_client, make_gruppe):
    for navn in ["Åpne", "Ærlige", "Østlige", "Zulu"]:
        make_gruppe(navn=navn)
    response = employee_client.get("/innsikt/grupper/")
    assert [g.navn for g in response.context["grupper"]] == ["Zulu", "Ærlige", "Østlige", "Åpne"]


def test_the_group_list_runs_a_fixed_number_of_queries(
    employee_client, django_assert_max_num_queries, make_gruppe
):
    for _ in range(20):
        make_gruppe()
    # session, user, 2 permission checks, groups with capped counts, sources per group
    with django_assert_max_num_queries(6):
        employee_client.get("/innsikt/grupper/")


def test_every_seed_group_page_answers_from_the_report(employee_client, seeded):
    for gruppe in Innbyggergruppe.objects.all():
        response = employee_client.get(gruppe.get_absolute_url())
        assert response.status_code == 200
        summary = response.context["summary"]
        assert summary.antall_innsikter or summary.antall_eksempler, gruppe.slug
