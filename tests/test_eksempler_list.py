import pytest

from skattekiste.eksempler.models import Eksempel
from tests.helpers import facet, titles

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/eksempler/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_employee_sees_published_examples_but_never_drafts(employee_client, make_eksempel):
    make_eksempel(tittel="Synlig")
    make_eksempel(tittel="Hemmelig utkast", status=Eksempel.Status.UTKAST, publisert=None)
    response = employee_client.get("/eksempler/")
    assert response.status_code == 200
    assert titles(response) == {"Synlig"}
    assert "Hemmelig utkast" not in response.content.decode()


def test_editor_sees_the_same_list(editor_client, make_eksempel):
    make_eksempel(tittel="Synlig")
    response = editor_client.get("/eksempler/")
    assert response.status_code == 200
    assert titles(response) == {"Synlig"}


def test_theme_facet_narrows_the_list_and_counts_each_theme(
    employee_client, make_eksempel, make_tema
):
    eldre, ungdom = make_tema(name="Eldre og svindel", slug="svindel"), make_tema(slug="ungdom")
    make_eksempel(tittel="En", tema=[eldre])
    make_eksempel(tittel="To", tema=[eldre, ungdom])
    make_eksempel(tittel="Tre", tema=[ungdom])
    response = employee_client.get("/eksempler/?tema=svindel")
    assert titles(response) == {"En", "To"}
    counts = {o.value: o.count for o in facet(response, "tema").options}
    # Counted without the theme filter itself: what you get if you pick it instead.
    assert counts == {"svindel": 2, "ungdom": 2}


def test_district_facet_counts_within_the_other_active_filters(
    employee_client, make_eksempel, make_distrikt
):
    agder, vest = make_distrikt(slug="agder"), make_distrikt(slug="vest")
    make_eksempel(tittel="A i Agder", distrikter=[agder], situasjoner=["A"])
    make_eksempel(tittel="B i Agder", distrikter=[agder], situasjoner=["B"])
    make_eksempel(tittel="A i Vest", distrikter=[vest], situasjoner=["A"])
    response = employee_client.get("/eksempler/?situasjon=A")
    assert {o.value: o.count for o in facet(response, "distrikt").options} == {
        "agder": 1,
        "vest": 1,
    }
    assert titles(response) == {"A i Agder", "A i Vest"}


def test_situation_facet_filters_on_any_of_the_examples_situations(employee_client, make_eksempel):
    make_eksempel(tittel="Bare A", situasjoner=["A"])
    make_eksempel(tittel="A og C", situasjoner=["A", "C"])
    response = employee_client.get("/eksempler/?situasjon=C")
    assert titles(response) == {"A og C"}
    assert {o.value: o.count for o in facet(response, "situasjon").options} == {"A": 2, "C": 1}


def test_group_and_year_facets_combine(employee_client, make_eksempel, make_gruppe):
    eldre = make_gruppe(slug="eldre")
    make_eksempel(tittel="Eldre 2022", grupper=[eldre], aar=2022)
    make_eksempel(tittel="Eldre 2021", grupper=[eldre], aar=2021)
    make_eksempel(tittel="Andre 2022", aar=2022)
    response = employee_client.get("/eksempler/?gruppe=eldre&aar=2022")
    assert titles(response) == {"Eldre 2022"}
    assert {o.value: o.count for o in facet(response, "aar").options} == {"2022": 1, "2021": 1}


def test_all_filters_combine_in_the_url(
    employee_client, make_eksempel, make_tema, make_distrikt, make_gruppe
):
    tema, distrikt, gruppe = make_tema(slug="t"), make_distrikt(slug="d"), make_gruppe(slug="g")
    make_eksempel(
        tittel="Treff",
        tema=[tema],
        distrikter=[distrikt],
        grupper=[gruppe],
        situasjoner=["B"],
        aar=2022,
    )
    make_eksempel(
        tittel="Nesten",
        tema=[tema],
        distrikter=[distrikt],
        grupper=[gruppe],
        situasjoner=["A"],
        aar=2022,
    )
    response = employee_client.get("/eksempler/?tema=t&distrikt=d&gruppe=g&situasjon=B&aar=2022")
    assert titles(response) == {"Treff"}
    assert len(response.context["active"]) == 5


def test_selected_option_links_to_the_list_without_that_filter(
    employee_client, make_eksempel, make_tema
):
    make_eksempel(tema=[make_tema(slug="t")], situasjoner=["A"])
    response = employee_client.get("/eksempler/?tema=t&situasjon=A&page=1")
    option = next(o for o in facet(response, "tema").options if o.selected)
    assert option.url == "?situasjon=A"


@pytest.mark.parametrize(
    "query",
    [
        "tema=finnes-ikke",
        "distrikt=%00",
        "situasjon=Z",
        "aar=abc",
        "aar=99999999999999",
        "gruppe=<script>alert(1)</script>",
        "metode='%20OR%201=1--",
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "tema=a&tema=b",
    ],
)
def test_malformed_filters_and_page_numbers_never_give_a_server_error(
    employee_client, make_eksempel, query
):
    make_eksempel()
    response = employee_client.get(f"/eksempler/?{query}")
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_an_unknown_value_is_ignored_with_a_clear_message(employee_client, make_eksempel):
    make_eksempel(tittel="Fortsatt her")
    response = employee_client.get("/eksempler/?tema=finnes-ikke")
    assert titles(response) == {"Fortsatt her"}
    assert "Vi fant ingen tema som heter «finnes-ikke»" in response.content.decode()


def test_pages_hold_twenty_examples(employee_client, make_eksempler):
    make_eksempler(45)
    first = employee_client.get("/eksempler/")
    last = employee_client.get("/eksempler/?page=3")
    assert len(first.context["page"].object_list) == 20
    assert len(last.context["page"].object_list) == 5
    assert 'href="?page=2"' in first.content.decode()


def test_an_empty_result_explains_what_to_do(employee_client):
    response = employee_client.get("/eksempler/?situasjon=A")
    assert "Ingen eksempler passer disse valgene" in response.content.decode()


@pytest.mark.parametrize("count", [10, 200])
def test_examples_list_runs_a_bounded_number_of_queries(
    employee_client, django_assert_max_num_queries, make_eksempler, count
):
    make_eksempler(count)
    # session, user, 2 permission checks, the choices, pair counts, one pass for the facets
    # two filters narrow together, the page's ids, the examples, 2 prefetches, «Følg»
    with django_assert_max_num_queries(12):
        response = employee_client.get("/eksempler/?tema=tema-1&situasjon=A&gruppe=x")
    assert response.status_code == 200
    with django_assert_max_num_queries(11):
        employee_client.get("/eksempler/")


def test_method_facet_filters_alone(employee_client, make_eksempel, make_metode):
    panel = make_metode(slug="panel")
    make_eksempel(tittel="Med panel", metoder=[panel])
    make_eksempel(tittel="Uten")
    response = employee_client.get("/eksempler/?metode=panel")
    assert titles(response) == {"Med panel"}
    assert {o.value: o.count for o in facet(response, "metode").options} == {"panel": 1}


def test_method_facet_combines_with_situation(employee_client, make_eksempel, make_metode):
    panel = make_metode(slug="panel")
    make_eksempel(tittel="Panel A", metoder=[panel], situasjoner=["A"])
    make_eksempel(tittel="Panel C", metoder=[panel], situasjoner=["C"])
    response = employee_client.get("/eksempler/?metode=panel&situasjon=C")
    assert titles(response) == {"Panel C"}


def test_several_themes_give_examples_with_any_of_them(employee_client, make_eksempel, make_tema):
    eldre, ungdom, barn = (make_tema(name=s.title(), slug=s) for s in ("eldre", "ungdom", "barn"))
    make_eksempel(tittel="Eldre", tema=[eldre])
    make_eksempel(tittel="Ungdom", tema=[ungdom])
    make_eksempel(tittel="Barn", tema=[barn])
    response = employee_client.get("/eksempler/?tema=eldre&tema=ungdom")
    assert titles(response) == {"Eldre", "Ungdom"}
    assert [label for label, _ in response.context["chips"]] == ["Tema: Eldre", "Tema: Ungdom"]
    html = response.content.decode()
    assert "Filtrer (2 valgt)" in html
    assert 'href="?tema=ungdom"' in html  # the chip for eldre removes eldre only


def test_choices_in_different_groups_must_all_hold_and_counts_stay_exact(
    employee_client, make_eksempel, make_tema, make_distrikt
):
    eldre, ungdom = make_tema(slug="eldre"), make_tema(slug="ungdom")
    agder, vest = make_distrikt(slug="agder"), make_distrikt(slug="vest")
    make_eksempel(tittel="Eldre i Agder", tema=[eldre], distrikter=[agder], situasjoner=["A"])
    make_eksempel(tittel="Ungdom i Agder", tema=[ungdom], distrikter=[agder], situasjoner=["B"])
    make_eksempel(tittel="Eldre i Vest", tema=[eldre], distrikter=[vest], situasjoner=["A"])
    response = employee_client.get("/eksempler/?tema=eldre&tema=ungdom&distrikt=agder")
    assert titles(response) == {"Eldre i Agder", "Ungdom i Agder"}
    # Each facet is counted with the other groups' choices applied.
    assert {o.value: o.count for o in facet(response, "tema").options} == {"eldre": 1, "ungdom": 1}
    assert {o.value: o.count for o in facet(response, "distrikt").options} == {
        "agder": 2,
        "vest": 1,
    }
    assert {o.value: o.count for o in facet(response, "situasjon").options} == {"A": 1, "B": 1}


def test_a_year_range_narrows_the_list_and_the_year_facet(employee_client, make_eksempel):
    for year in (2018, 2019, 2020, 2021):
        make_eksempel(tittel=f"Fra {year}", aar=year, situasjoner=["A"])
    response = employee_client.get("/eksempler/?fra=2019&til=2020")
    assert titles(response) == {"Fra 2019", "Fra 2020"}
    assert {o.value: o.count for o in facet(response, "aar").options} == {"2019": 1, "2020": 1}
    assert {o.value: o.count for o in facet(response, "situasjon").options} == {"A": 2}
    assert ("År: 2019–2020", "?") in response.context["chips"]
    swapped = employee_client.get("/eksempler/?fra=2020&til=2019&aar=2020")
    assert titles(swapped) == {"Fra 2020"}


def test_a_bad_year_in_the_range_is_ignored_with_a_note(employee_client, make_eksempel):
    make_eksempel(tittel="Med")
    response = employee_client.get("/eksempler/?fra=tjue&til=99999")
    assert titles(response) == {"Med"}
    assert "«tjue» er ikke et årstall" in response.content.decode()


def test_the_list_sorts_by_newest_oldest_or_title(employee_client, make_eksempel):
    make_eksempel(tittel="Øving", aar=2020)
    make_eksempel(tittel="andre runde", aar=2022)
    make_eksempel(tittel="Beredskap", aar=2018)

    def order(query):
        response = employee_client.get(f"/eksempler/?{query}")
        return [e.tittel for e in response.context["page"].object_list]

    assert order("") == ["andre runde", "Øving", "Beredskap"]
    assert order("sorter=eldste") == ["Beredskap", "Øving", "andre runde"]
    assert order("sorter=tittel") == ["andre runde", "Beredskap", "Øving"]
    assert order("sorter=tull") == order("")


def test_the_filters_fold_away_with_a_skip_link_and_a_submit_with_the_count(
    employee_client, make_eksempel, make_tema
):
    make_eksempel(tema=[make_tema(slug="eldre")])
    make_eksempel()
    html = employee_client.get("/eksempler/?tema=eldre").content.decode()
    assert '<details class="filterpanel">' in html  # closed once something is chosen
    assert "Vis 1 resultater" in html
    assert '<a href="#resultater">Hopp til resultatene</a>' in html
    assert 'id="resultater"' in html
    assert (
        '<details class="filterpanel" open>' in employee_client.get("/eksempler/").content.decode()
    )
