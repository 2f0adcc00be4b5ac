import pytest

from innsikt.filters import fetch_for_cards
from innsikt.models import Innsikt
from tests.helpers import facet, titles

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client):
    assert client.get("/innsikt/")["Location"].startswith("/logg-inn/")


def test_employee_sees_published_insights_only(employee_client, make_innsikt):
    make_innsikt(tittel="Publisert funn")
    make_innsikt(tittel="Utkast", status=Innsikt.Status.UTKAST)
    response = employee_client.get("/innsikt/")
    assert titles(response) == {"Publisert funn"}


def test_editor_sees_the_list_too(editor_client, make_innsikt):
    make_innsikt()
    assert editor_client.get("/innsikt/").status_code == 200


def test_group_facet_filters_and_counts(employee_client, make_innsikt, make_gruppe):
    eldre, ungdom = make_gruppe(slug="eldre"), make_gruppe(slug="ungdom")
    make_innsikt(tittel="Om eldre", grupper=[eldre])
    make_innsikt(tittel="Om begge", grupper=[eldre, ungdom])
    response = employee_client.get("/innsikt/?gruppe=ungdom")
    assert titles(response) == {"Om begge"}
    assert {o.value: o.count for o in facet(response, "gruppe").options} == {
        "eldre": 2,
        "ungdom": 1,
    }


def test_need_source_kind_district_and_year_facets_combine(
    employee_client, make_innsikt, make_behov, make_kilde, make_distrikt
):
    behov = make_behov(slug="respekt")
    survey = make_kilde(type="sporreundersokelse")
    talk = make_kilde(type="intervju")
    agder = make_distrikt(slug="agder")
    make_innsikt(
        tittel="Treff", behov=[behov], kilder=[survey], distrikter=[agder], dato="2022-05-01"
    )
    make_innsikt(
        tittel="Feil år", behov=[behov], kilder=[survey], distrikter=[agder], dato="2021-05-01"
    )
    make_innsikt(
        tittel="Feil kilde", behov=[behov], kilder=[talk], distrikter=[agder], dato="2022-05-01"
    )
    response = employee_client.get(
        "/innsikt/?behov=respekt&kildetype=sporreundersokelse&distrikt=agder&aar=2022"
    )
    assert titles(response) == {"Treff"}
    kinds = {o.value: o.count for o in facet(response, "kildetype").options}
    assert kinds == {"sporreundersokelse": 1, "intervju": 1}


@pytest.mark.parametrize(
    "query", ["gruppe=nei", "aar=x", "aar=123456789012", "kildetype=<b>", "behov=%00", "page=nei"]
)
def test_malformed_filters_never_give_a_server_error(employee_client, make_innsikt, query):
    make_innsikt()
    response = employee_client.get(f"/innsikt/?{query}")
    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("count", [10, 200])
def test_the_list_runs_a_bounded_number_of_queries(
    employee_client, django_assert_max_num_queries, make_innsikt, make_gruppe, count
):
    gruppe = make_gruppe()
    for _ in range(count):
        make_innsikt(grupper=[gruppe])
    # session, user, 2 permission checks, the choices, pair counts, the page's ids, the
    # insights with their sources
    with django_assert_max_num_queries(8):
        employee_client.get(f"/innsikt/?gruppe={gruppe.slug}")


def test_insights_in_several_chosen_groups_count_once_in_every_facet(
    employee_client, make_innsikt, make_gruppe, make_behov, make_kilde
):
    skeive, eldre, barn = (make_gruppe(slug=slug) for slug in ("skeive", "eldre", "barn"))
    respekt = make_behov(slug="respekt")
    intervju = make_kilde(type="intervju")
    make_innsikt(grupper=[skeive, eldre], behov=[respekt], kilder=[intervju])
    make_innsikt(grupper=[skeive], behov=[respekt])
    make_innsikt(grupper=[skeive])
    make_innsikt(grupper=[eldre], behov=[respekt])
    make_innsikt(grupper=[eldre, barn], kilder=[intervju])
    make_innsikt(grupper=[barn], behov=[respekt])
    response = employee_client.get("/innsikt/?gruppe=skeive&gruppe=eldre")
    chosen = Innsikt.objects.filter(grupper__slug__in=["skeive", "eldre"]).distinct()
    assert response.context["page"].paginator.count == chosen.count() == 5
    assert {o.value: o.count for o in facet(response, "behov").options} == {
        "respekt": chosen.filter(behov=respekt).count()
    }
    assert {o.value: o.count for o in facet(response, "kildetype").options} == {
        "intervju": 2,
        "sporreundersokelse": 3,
    }
    # The group facet itself counts as if no group were chosen.
    assert {o.value: o.count for o in facet(response, "gruppe").options} == {
        "skeive": 3,
        "eldre": 3,
        "barn": 2,
    }


def test_cards_built_once_read_each_pages_own_insights_with_their_sources(make_innsikt, make_kilde):
    kilde = make_kilde(tittel="Spørreundersøkelse i Agder")
    first, second = make_innsikt(kilder=[kilde]), make_innsikt()
    draft = make_innsikt(status=Innsikt.Status.UTKAST)
    assert {i.pk for i in fetch_for_cards([first.pk, second.pk, draft.pk])} == {
        first.pk,
        second.pk,
    }
    (only,) = fetch_for_cards([first.pk])
    assert [k["tittel"] for k in only.kort_kilder] == ["Spørreundersøkelse i Agder"]
    assert only.kort_kilder == Innsikt.objects.for_listing().get(pk=first.pk).kort_kilder
