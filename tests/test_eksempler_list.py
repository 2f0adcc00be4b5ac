import datetime
from zoneinfo import ZoneInfo

import django_filters
import pytest
from django.db.models import Sum

from skattekiste.eksempler.filters import EKSEMPEL_FACETS, EksempelFilter, fetch_for_cards
from skattekiste.eksempler.models import Eksempel
from skattekiste.oversikt.models import ALLE_DISTRIKTER, Maal, Telling
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
    # two filters narrow together, the page's ids, the examples with their districts and themes,
    # «Følg»
    with django_assert_max_num_queries(10):
        response = employee_client.get("/eksempler/?tema=tema-1&situasjon=A&gruppe=x")
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
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


@pytest.mark.parametrize("overlapping", [1, 4], ids=["few-hold-both", "most-hold-both"])
def test_an_example_with_several_chosen_themes_counts_once_in_the_other_facets(
    employee_client, make_eksempel, make_tema, make_distrikt, overlapping
):
    # Few overlaps are counted from the pairs less the overlap; many by one pass: both exact.
    eldre, ungdom = make_tema(slug="eldre"), make_tema(slug="ungdom")
    agder = make_distrikt(slug="agder")
    for _ in range(overlapping):
        make_eksempel(tema=[eldre, ungdom], distrikter=[agder], situasjoner=["A", "B"])
    make_eksempel(tema=[eldre], distrikter=[agder], situasjoner=["A"])
    make_eksempel(tema=[eldre], situasjoner=["B"])
    make_eksempel(tema=[ungdom], distrikter=[agder], situasjoner=["C"])
    make_eksempel(situasjoner=["A"])
    response = employee_client.get("/eksempler/?tema=eldre&tema=ungdom")
    chosen = Eksempel.objects.filter(tema__slug__in=["eldre", "ungdom"]).distinct()
    assert response.context["page"].paginator.count == chosen.count() == overlapping + 3
    assert {o.value: o.count for o in facet(response, "situasjon").options} == {
        s: chosen.filter(situasjoner__contains=[s]).count() for s in "ABC"
    }
    assert {o.value: o.count for o in facet(response, "distrikt").options}["agder"] == (
        chosen.filter(distrikter=agder).count()
    )


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


def oslo(*args):
    return datetime.datetime(*args, tzinfo=ZoneInfo("Europe/Oslo"))


def test_published_in_a_year_or_quarter_counts_by_norwegian_time(employee_client, make_eksempel):
    make_eksempel(tittel="Sommer", publisert=oslo(2025, 8, 1, 12))
    make_eksempel(tittel="Siste time i juni", publisert=oslo(2025, 6, 30, 23, 30))
    make_eksempel(tittel="Første time i oktober", publisert=oslo(2025, 10, 1, 0, 30))
    make_eksempel(tittel="Nyttår", publisert=oslo(2026, 1, 1, 0, 10))
    assert titles(employee_client.get("/eksempler/?publisert=2025-K3")) == {"Sommer"}
    assert titles(employee_client.get("/eksempler/?publisert=2025-K2")) == {"Siste time i juni"}
    assert titles(employee_client.get("/eksempler/?publisert=2025")) == {
        "Sommer",
        "Siste time i juni",
        "Første time i oktober",
    }


def test_published_in_a_month_counts_by_norwegian_time(employee_client, make_eksempel):
    make_eksempel(tittel="Første time i september", publisert=oslo(2025, 9, 1, 0, 30))
    make_eksempel(tittel="Siste time i september", publisert=oslo(2025, 9, 30, 23, 30))
    make_eksempel(tittel="Siste time i august", publisert=oslo(2025, 8, 31, 23, 59))
    make_eksempel(tittel="Desember", publisert=oslo(2025, 12, 31, 23, 30))
    make_eksempel(tittel="Januar", publisert=oslo(2026, 1, 1, 0, 10))
    make_eksempel(tittel="Utkast", status=Eksempel.Status.UTKAST, publisert=None)
    response = employee_client.get("/eksempler/?publisert=2025-09")
    assert titles(response) == {"Første time i september", "Siste time i september"}
    assert dict(response.context["chips"]) == {"Publisert i september 2025": "?"}
    assert titles(employee_client.get("/eksempler/?publisert=2025-12")) == {"Desember"}
    assert titles(employee_client.get("/eksempler/?publisert=2026-01")) == {"Januar"}


def test_the_publishing_filter_is_a_removable_chip_kept_when_the_form_is_sent(
    employee_client, make_eksempel
):
    make_eksempel(tittel="Sommer", publisert=oslo(2025, 8, 1, 12), situasjoner=["A"])
    response = employee_client.get("/eksempler/?publisert=2025-K3&situasjon=A")
    chips = dict(response.context["chips"])
    assert chips["Publisert 3. kvartal 2025"] == "?situasjon=A"
    assert ("publisert", "2025-K3") in response.context["hidden_choices"]
    page = response.content.decode()
    assert '<input type="hidden" name="publisert" value="2025-K3">' in page
    assert dict(employee_client.get("/eksempler/?publisert=2024").context["chips"]) == {
        "Publisert 2024": "?"
    }


def test_only_examples_that_say_what_did_not_work_and_blanks_do_not_count(
    employee_client, make_eksempel
):
    make_eksempel(tittel="Ærlig", hva_fungerte_ikke="Få kom på møtet.")
    make_eksempel(tittel="Blank", hva_fungerte_ikke="   ")
    make_eksempel(tittel="Tom", hva_fungerte_ikke="")
    response = employee_client.get("/eksempler/?ikke_virket=ja")
    assert titles(response) == {"Ærlig"}
    assert dict(response.context["chips"]) == {"Forteller hva som ikke virket": "?"}
    assert response.context["page"].paginator.count == 1


def test_what_did_not_work_is_counted_from_the_pair_counts_and_follows_every_change(
    employee_client, make_eksempel, make_tema, django_assert_max_num_queries
):
    tema = make_tema(slug="svindel")
    blank = make_eksempel(tema=[tema], situasjoner=["A"], hva_fungerte_ikke=" ")
    make_eksempel(tema=[tema], situasjoner=["A", "B"], hva_fungerte_ikke="Lite")
    senere = make_eksempel(situasjoner=["B"], hva_fungerte_ikke="Ingen kom")
    make_eksempel(situasjoner=["C"], hva_fungerte_ikke="Utkast", status="utkast", publisert=None)
    blank.hva_fungerte_ikke = "Nå fylt ut"  # through the ORM, as the admin saves
    blank.save()
    senere.status = Eksempel.Status.AVVIST
    senere.save()
    Eksempel.objects.filter(pk=blank.pk).update(situasjoner=["C"])  # a bulk update
    with django_assert_max_num_queries(10) as captured:
        response = employee_client.get("/eksempler/?ikke_virket=ja")
    # Read from the pairs: no pass over the matching rows.
    assert not any("unnest(verdier" in q["sql"] for q in captured.captured_queries)
    rows = Eksempel.objects.published().says_what_did_not_work()
    assert response.context["page"].paginator.count == rows.count() == 2
    for situasjon in ("A", "B", "C"):
        expected = rows.filter(situasjoner__contains=[situasjon]).count()
        counts = {o.value: o.count for o in facet(response, "situasjon").options}
        assert counts.get(situasjon, 0) == expected
    assert {o.value: o.count for o in facet(response, "tema").options} == {"svindel": 2}


def test_the_new_filters_narrow_the_facet_counts_too(employee_client, make_eksempel, make_tema):
    tema = make_tema(slug="svindel")
    make_eksempel(tema=[tema], hva_fungerte_ikke="Lite", publisert=oslo(2025, 2, 1))
    make_eksempel(tema=[tema], hva_fungerte_ikke="", publisert=oslo(2025, 2, 1))
    make_eksempel(tema=[tema], hva_fungerte_ikke="Lite", publisert=oslo(2024, 2, 1))
    response = employee_client.get("/eksempler/?ikke_virket=ja&publisert=2025-K1")
    assert {o.value: o.count for o in facet(response, "tema").options} == {"svindel": 1}
    response = employee_client.get("/eksempler/?ikke_virket=ja&tema=svindel")
    assert response.context["page"].paginator.count == 2


@pytest.mark.parametrize(
    "query",
    [
        "publisert=2025-K5",
        "publisert=25",
        "publisert=1800",
        "publisert=2025-Q1",
        "publisert=2025-13",
        "publisert=2025-9",
        "publisert=2025-00",
        "ikke_virket=nei",
    ],
)
def test_an_invalid_new_filter_is_ignored_with_a_message(employee_client, make_eksempel, query):
    make_eksempel(tittel="Med")
    response = employee_client.get(f"/eksempler/?{query}")
    assert response.status_code == 200
    assert titles(response) == {"Med"}
    assert response.context["chips"] == []
    (note,) = response.context["notes"]
    assert f"«{query.split('=')[1]}»" in note


def test_the_list_counts_what_the_overview_counts(employee_client, make_eksempel):
    # The overview links its numbers here: both must count the same examples.
    make_eksempel(hva_fungerte_ikke="Lite", publisert=oslo(2025, 9, 30, 23, 59))
    make_eksempel(hva_fungerte_ikke=" ", publisert=oslo(2025, 7, 1, 0, 1))
    make_eksempel(hva_fungerte_ikke="Lite", publisert=oslo(2025, 10, 1, 0, 0))
    utkast = make_eksempel(hva_fungerte_ikke="Lite", status=Eksempel.Status.UTKAST, publisert=None)
    utkast.hva_fungerte_ikke = "Endret"
    utkast.save()
    cells = Telling.objects.filter(distrikt=ALLE_DISTRIKTER)
    ikke = cells.filter(maal=Maal.IKKE_FUNGERTE).aggregate(n=Sum("antall"))["n"]
    kvartal = cells.filter(maal=Maal.MAANED, aar=2025, nokkel__in=["07", "08", "09"])
    response = employee_client.get("/eksempler/?ikke_virket=ja")
    assert response.context["page"].paginator.count == ikke == 2
    response = employee_client.get("/eksempler/?publisert=2025-K3")
    assert response.context["page"].paginator.count == kvartal.aggregate(n=Sum("antall"))["n"]
    assert response.context["page"].paginator.count == 2


def test_the_new_filters_keep_the_query_count(
    employee_client, django_assert_max_num_queries, make_eksempler
):
    make_eksempler(30)
    with django_assert_max_num_queries(12):
        response = employee_client.get("/eksempler/?publisert=2025-K3&ikke_virket=ja&situasjon=A")
    assert response.status_code == 200


def test_the_list_filters_through_a_filterset_with_one_filter_per_facet():
    filters = EksempelFilter.base_filters
    facets = [spec.name for spec in EKSEMPEL_FACETS.facets]
    assert issubclass(EksempelFilter, django_filters.FilterSet)
    assert list(filters) == [*facets, "publisert", "ikke_virket", "fra", "til", "sorter"]
    assert all(isinstance(filters[name], django_filters.MultipleChoiceFilter) for name in facets)


def test_bad_values_are_dropped_one_by_one_and_the_good_ones_kept(
    employee_client, make_eksempel, make_tema
):
    svindel = make_tema(name="Svindel", slug="svindel")
    ungdom = make_tema(name="Ungdom", slug="ungdom")
    make_eksempel(tittel="Svindel 2021", tema=[svindel], aar=2021)
    make_eksempel(tittel="Ungdom 2022", tema=[ungdom], aar=2022)
    make_eksempel(tittel="Svindel 2019", tema=[svindel], aar=2019)
    response = employee_client.get(
        "/eksempler/?tema=svindel&tema=borte&tema=ungdom&fra=tjue&til=2021&sorter=rart"
    )
    # Two themes kept, the unknown one dropped; the bad «fra» goes, «til» still holds.
    assert titles(response) == {"Svindel 2021", "Svindel 2019"}
    assert response.context["sort"] == "nyeste"
    assert response.context["notes"] == [
        "Vi fant ingen tema som heter «borte», så det filteret er tatt bort.",
        "«tjue» er ikke et årstall mellom 1990 og 2100, så vi har sett bort fra det.",
    ]
    assert [label for label, _ in response.context["chips"]] == [
        "Tema: Svindel",
        "Tema: Ungdom",
        "År: 1990–2021",
    ]


def test_cards_built_once_read_each_pages_own_examples_as_the_orm_does(
    make_eksempel, make_tema, make_distrikt
):
    tema, distrikt = make_tema(name="Eldre"), make_distrikt()
    first = make_eksempel(tema=[tema], distrikter=[distrikt])
    second = make_eksempel()
    make_eksempel(status=Eksempel.Status.UTKAST, publisert=None)
    draft = Eksempel.objects.get(status=Eksempel.Status.UTKAST)

    def card(e):
        return e.pk, e.tittel, e.kort_distrikter, e.kort_tema, sorted(e.get_deferred_fields())

    orm = sorted(card(e) for e in Eksempel.objects.published().for_listing())
    assert sorted(card(e) for e in fetch_for_cards([first.pk, second.pk, draft.pk])) == orm
    (only,) = fetch_for_cards([first.pk])
    assert card(only) == card(Eksempel.objects.for_listing().get(pk=first.pk))
    assert only.kort_tema == [{"name": "Eldre"}]
