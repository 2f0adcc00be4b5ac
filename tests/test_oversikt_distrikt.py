"""«Mitt distrikt»: one district's examples, and what others have tried that it has not."""

import pytest
from django.urls import reverse

from skattekiste.eksempler.models import Eksempel

pytestmark = pytest.mark.django_db


@pytest.fixture
def distrikter(make_eksempel, make_distrikt, make_metode, make_tema, make_gruppe):
    mitt, andre, tomt = make_distrikt(), make_distrikt(), make_distrikt()
    m1, m2 = make_metode(), make_metode()
    t1, t2 = make_tema(), make_tema()
    gruppe = make_gruppe()
    make_eksempel(
        distrikter=[mitt],
        situasjoner=["A", "C"],
        metoder=[m1],
        tema=[t1],
        grupper=[gruppe],
        aar=2025,
        kontakt_navn="Kari Nordmann",
        kontakt_epost="kari@politiet.no",
    )
    make_eksempel(distrikter=[andre], metoder=[m1, m2], tema=[t1, t2], aar=2025)
    make_eksempel(distrikter=[andre], metoder=[m2], aar=2024)
    make_eksempel(distrikter=[mitt], metoder=[m2], status="utkast", publisert=None, aar=2025)
    return {"mitt": mitt, "andre": andre, "tomt": tomt, "m": [m1, m2], "t": [t1, t2]}


def url(distrikt, **query):
    base = reverse("oversikt:distrikt", kwargs={"slug": distrikt.slug})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def list_count(client, address) -> int:
    return client.get(address).context["page"].paginator.count


@pytest.mark.parametrize("who", ["employee_client", "editor_client"])
def test_employees_and_editors_see_a_district_in_few_queries(
    who, request, distrikter, django_assert_max_num_queries
):
    client = request.getfixturevalue(who)
    # One more than before Påfyll: whether you follow the district.
    with django_assert_max_num_queries(12):
        response = client.get(url(distrikter["mitt"], aar=2025))
    assert response.status_code == 200
    assert "Kari Nordmann" in response.content.decode()


def test_an_unknown_district_is_not_found(employee_client):
    assert employee_client.get("/oversikt/distrikter/finnes-ikke/").status_code == 404


def test_the_districts_own_figures_match_orm_counts_and_their_lists(employee_client, distrikter):
    mitt = distrikter["mitt"]
    d = employee_client.get(url(mitt, aar=2025)).context["d"]
    published = Eksempel.objects.published().filter(distrikter=mitt, aar=2025)
    assert d.antall == published.count() == 1
    for rad in d.situasjoner.rader + d.metoder.rader + d.grupper.rader:
        cell = rad.celler[0]
        assert cell.verdi == list_count(employee_client, cell.url)
    by_method = {r.overskrift: r.celler[0].verdi for r in d.metoder.rader}
    m2 = distrikter["m"][1]
    assert by_method[f"{m2.nummer}. {m2.navn}"] == 0  # the draft does not count


def test_others_have_tried_lists_methods_and_themes_this_district_lacks(
    employee_client, distrikter
):
    d = employee_client.get(url(distrikter["mitt"], aar=2025)).context["d"]
    m2, t2 = distrikter["m"][1], distrikter["t"][1]
    assert [r.overskrift for r in d.andre_metoder.rader] == [f"{m2.nummer}. {m2.navn}"]
    cell = d.andre_metoder.rader[0].celler[0]
    expected = Eksempel.objects.published().filter(metoder=m2, aar=2025).count()
    assert cell.verdi == expected == list_count(employee_client, cell.url)
    assert [r.overskrift for r in d.andre_temaer.rader] == [t2.name]


def test_an_empty_district_sees_white_spots_and_everything_others_tried(
    employee_client, distrikter
):
    response = employee_client.get(url(distrikter["tomt"], aar="alle"))
    d = response.context["d"]
    assert d.antall == 0
    assert all(r.celler[0].tom for r in d.situasjoner.rader)
    assert len(d.andre_metoder.rader) == 2
    content = response.content.decode()
    assert "ingen eksempler ennå" in content
    assert "Ingen av distriktets publiserte eksempler har en kontaktperson ennå." in content


def test_a_district_table_downloads_as_csv(employee_client, distrikter):
    response = employee_client.get(url(distrikter["mitt"], aar=2025, csv="andre-metoder"))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert (
        body.splitlines()[0] == "\ufeffMetode;Eksempler i andre distrikter;Distrikter som har prøvd"
    )


def test_every_other_figure_on_the_district_page_links_to_the_content_behind_it(
    employee_client, distrikter
):
    mitt, andre = distrikter["mitt"], distrikter["andre"]
    d = employee_client.get(url(mitt, aar=2025)).context["d"]
    for rad in d.andre_temaer.rader:
        cell = rad.celler[0]
        assert cell.verdi == list_count(employee_client, cell.url)
    provd = d.andre_metoder.rader[0].celler[1]
    assert provd.verdi == 1 and provd.url.endswith("?aar=2025#metoder")
    matrix = employee_client.get(provd.url).context["o"].metoder
    m2 = distrikter["m"][1]
    column = matrix.kolonner.index(f"{m2.nummer}. {m2.navn}") - 1
    tried = [r.overskrift for r in matrix.rader[:-1] if r.celler[column].verdi]
    assert tried == [andre.navn]


def test_the_districts_quarters_link_to_its_examples_published_in_each(employee_client, distrikter):
    # Needs the list's publisert=YYYY-K1..K4 (branch h-lister).
    mitt = distrikter["mitt"]
    d = employee_client.get(url(mitt)).context["d"]
    assert sum(r.celler[0].verdi for r in d.kvartaler.rader) == 1
    for rad in d.kvartaler.rader:
        cell = rad.celler[0]
        assert f"distrikt={mitt.slug}" in cell.url and "publisert=" in cell.url
        assert cell.verdi == list_count(employee_client, cell.url)
