"""/oversikt/: every figure matches an independent ORM count, links to exactly its content,
and downloads as the same numbers; the page is for employees, the pipeline for Redaksjon."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from innsikt.models import Innsikt
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Situasjon
from skattekiste.templatetags.oversikt import distriktlenker

pytestmark = pytest.mark.django_db

URL = "/oversikt/"


@pytest.fixture
def landskap(make_eksempel, make_distrikt, make_metode, make_gruppe, make_innsikt):
    """Two districts with examples, one empty, an example in two districts and situations,
    a draft that must not count, and examples on both sides of a year boundary."""
    d1, d2, tom = (
        make_distrikt(navn="Agder"),
        make_distrikt(navn="Bergen"),
        make_distrikt(navn="Øst"),
    )
    m1, m2, m3 = make_metode(), make_metode(), make_metode()
    make_eksempel(
        distrikter=[d1, d2],
        situasjoner=["A", "B"],
        metoder=[m1],
        aar=2025,
        hva_fungerte_ikke="Få kom.",
    )
    make_eksempel(distrikter=[d1], situasjoner=["A"], metoder=[m2], aar=2025)
    make_eksempel(distrikter=[d2], situasjoner=["C"], metoder=[m2], aar=2024)
    make_eksempel(
        distrikter=[tom], situasjoner=["A"], metoder=[m3], status="utkast", publisert=None, aar=2025
    )
    hort, taus = make_gruppe(navn="Eldre"), make_gruppe(navn="Ungdom")
    make_innsikt(grupper=[hort], fra_gruppen_selv=True, styrke=3, dato=datetime.date(2025, 5, 1))
    make_innsikt(grupper=[taus], status="utkast", fra_gruppen_selv=True)
    return {"d": [d1, d2, tom], "m": [m1, m2, m3], "hort": hort, "taus": taus}


def table(response, name):
    tables = response.context["o"].__dict__.values()
    return next(t for t in tables if getattr(t, "navn", "") == name)


def list_count(client, url) -> int:
    return client.get(url).context["page"].paginator.count


def test_anonymous_visitor_is_sent_to_login(client):
    for url in (URL, "/oversikt/distrikter/noe/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/logg-inn/")


def test_employee_sees_the_overview_without_the_teams_pipeline(
    employee_client, landskap, django_assert_max_num_queries
):
    # session, user, vocabulary, cells, history, the menu's two permission reads
    with django_assert_max_num_queries(7):
        response = employee_client.get(URL, {"aar": "2025"})
    assert response.status_code == 200
    assert "pipeline" not in response.context
    assert "For redaksjonen" not in response.content.decode()


def test_editor_also_sees_the_pipeline_and_what_is_old(
    editor_client, landskap, make_innsending, make_innsikt, django_assert_max_num_queries
):
    make_innsending(innsendt=timezone.now() - datetime.timedelta(days=9))
    make_innsikt(dato=datetime.date(2015, 1, 1), tittel="Et gammelt funn")
    # as above, plus the pipeline, the oldest waiting, old sources and old insights, and the
    # menu's «Til vurdering (n)»
    with django_assert_max_num_queries(12):
        response = editor_client.get(URL, {"aar": "2025"})
    pipeline, ferskhet = response.context["pipeline"], response.context["ferskhet"]
    assert pipeline.venter == Eksempel.objects.filter(status="til_vurdering").count() == 1
    assert pipeline.eldste[0].dager == 9
    old = Innsikt.objects.published().filter(dato__year__lt=timezone.localdate().year - 3)
    assert ferskhet.innsikter == old.count() == 1
    assert "Et gammelt funn" in response.content.decode()


def test_the_page_costs_the_same_queries_for_few_and_many_examples(
    editor_client, make_eksempler, django_assert_max_num_queries
):
    make_eksempler(3)
    with django_assert_max_num_queries(15) as few:
        editor_client.get(URL, {"aar": "alle"})
    make_eksempler(30)
    with django_assert_max_num_queries(len(few)):
        editor_client.get(URL, {"aar": "alle"})


def test_each_situation_cell_matches_an_orm_count_and_its_list(employee_client, landskap):
    response = employee_client.get(URL, {"aar": "2025"})
    rows = {r.overskrift: r for r in table(response, "situasjoner").rader}
    published = Eksempel.objects.published().filter(aar=2025)
    for d in landskap["d"]:
        for i, s in enumerate(Situasjon):
            cell = rows[d.navn].celler[i]
            expected = published.filter(distrikter=d, situasjoner__contains=[s.value]).count()
            assert cell.verdi == expected
            assert list_count(employee_client, cell.url) == expected
    alle = rows["Alle distrikter"].celler
    assert alle[0].verdi == 2  # the example in two districts counts once
    assert alle[-1].verdi == published.count() == list_count(employee_client, alle[-1].url)


def test_the_empty_district_shows_white_spots_in_words(employee_client, landskap):
    response = employee_client.get(URL, {"aar": "2025"})
    tom = next(r for r in table(response, "metoder").rader if r.overskrift == "Øst")
    assert all(c.tom and c.verdi == 0 for c in tom.celler)
    assert "ingen eksempler ennå" in response.content.decode()


def test_each_method_cell_matches_an_orm_count_and_its_list(employee_client, landskap):
    response = employee_client.get(URL, {"aar": "alle"})
    for row in table(response, "metoder").rader[:-1]:
        d = next(d for d in landskap["d"] if d.navn == row.overskrift)
        for m, cell in zip(landskap["m"], row.celler, strict=True):
            expected = Eksempel.objects.published().filter(distrikter=d, metoder=m).count()
            assert cell.verdi == expected == list_count(employee_client, cell.url)


def test_the_indicators_match_orm_counts_and_the_year_before(employee_client, landskap):
    figures = {n.navn: n for n in employee_client.get(URL, {"aar": "2025"}).context["o"].nokkeltall}
    published = Eksempel.objects.published()
    assert figures["Eksempler publisert"].verdi == str(published.filter(aar=2025).count())
    assert figures["Eksempler publisert"].endring == "1 flere enn i 2024"
    assert figures["Eksempler som sier hva som ikke fungerte"].verdi == "50 % (1 av 2)"
    assert figures["Metoder i bruk"].verdi == "2 av 3"  # the draft's method does not count
    situasjon_a = figures[f"Distrikter med eksempler i {Situasjon.OPPGAVELOSNING.label}"]
    assert situasjon_a.verdi == "2 av 3"
    assert figures["Innbyggergrupper vi har hørt selv"].verdi == "1 av 2"


def test_the_thinnest_knowledge_comes_first(employee_client, landskap):
    kunnskap = employee_client.get(URL).context["o"].for_lite
    assert kunnskap[0].gruppe == landskap["taus"]  # only a draft: we know nothing
    assert kunnskap[0].mangler == ["Ingen innsikt"]
    hort = next(k for k in kunnskap if k.gruppe == landskap["hort"])
    assert hort.antall == Innsikt.objects.published().filter(grupper=landskap["hort"]).count()
    assert hort.egen_stemme and hort.sterkeste == "Bredt grunnlag" and hort.nyeste_aar == 2025


def test_every_table_downloads_as_csv_with_the_numbers_shown(employee_client, landskap):
    response = employee_client.get(URL, {"aar": "2025"})
    for name in ("situasjoner", "metoder", "kvartaler", "for-lite"):
        shown = table(response, name)
        download = employee_client.get(URL, {"aar": "2025", "csv": name})
        assert download["Content-Type"] == "text/csv; charset=utf-8"
        body = download.content.decode("utf-8")
        assert body.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
        assert rows[0] == shown.kolonner
        assert rows[1:] == [[r.overskrift, *(str(c.verdi) for c in r.celler)] for r in shown.rader]


def test_an_unknown_table_or_period_gets_a_norwegian_message_not_an_error(employee_client):
    response = employee_client.get(URL, {"csv": "finnes-ikke"})
    assert response.status_code == 200
    assert "Den tabellen finnes ikke her" in response.content.decode()
    response = employee_client.get(URL, {"aar": "1850<script>"})
    assert response.status_code == 200
    assert "Velg et år mellom 2000 og 2100" in response.content.decode()
    assert response.context["periode"].aar == timezone.localdate().year


def test_the_menu_links_to_the_overview(employee_client):
    response = employee_client.get("/")
    assert reverse("oversikt:oversikt") in response.content.decode()


def test_the_home_page_shows_this_years_figures_and_links_to_the_overview(
    employee_client, make_eksempel, make_distrikt
):
    year = timezone.localdate().year
    make_eksempel(aar=year, distrikter=[make_distrikt(), make_distrikt()])
    make_eksempel(aar=year - 1)
    tall = {n.navn: n.verdi for n in employee_client.get("/").context["tall"]}
    assert tall["Eksempler publisert"] == str(Eksempel.objects.published().filter(aar=year).count())
    assert tall["Distrikter med eksempler"] == "2"


def test_an_old_example_or_insight_says_so_and_a_new_one_does_not(
    employee_client, make_eksempel, make_innsikt
):
    year = timezone.localdate().year
    old, new = make_eksempel(aar=year - 5), make_eksempel(aar=year)
    assert "mer enn 3 år siden" in employee_client.get(old.get_absolute_url()).content.decode()
    assert "mer enn 3 år siden" not in employee_client.get(new.get_absolute_url()).content.decode()
    gammel = make_innsikt(dato=datetime.date(year - 4, 6, 1))
    text = employee_client.get(gammel.get_absolute_url()).content.decode()
    assert f"Dette er fra {year - 4}, mer enn 3 år siden" in text


def test_district_names_on_example_and_insight_pages_link_to_the_district_page(
    employee_client, make_eksempel, make_innsikt, make_distrikt
):
    distrikt = make_distrikt()
    page = reverse("oversikt:distrikt", kwargs={"slug": distrikt.slug})
    eksempel = make_eksempel(distrikter=[distrikt])
    innsikt = make_innsikt(distrikter=[distrikt])
    for obj in (eksempel, innsikt):
        assert f'href="{page}"' in employee_client.get(obj.get_absolute_url()).content.decode()


def test_the_indicator_of_what_did_not_work_links_to_a_list_with_that_number(
    employee_client, landskap
):
    # Needs the list's ikke_virket=ja (branch h-lister).
    figures = {n.navn: n for n in employee_client.get(URL, {"aar": "2025"}).context["o"].nokkeltall}
    figure = figures["Eksempler som sier hva som ikke fungerte"]
    expected = Eksempel.objects.published().filter(aar=2025).exclude(hva_fungerte_ikke="").count()
    assert "ikke_virket=ja" in figure.url and "aar=2025" in figure.url
    assert list_count(employee_client, figure.url) == expected == 1
    published = figures["Eksempler publisert"]
    assert list_count(employee_client, published.url) == int(published.verdi)


def test_each_quarter_links_to_the_examples_published_in_it(
    employee_client, make_eksempel, django_assert_max_num_queries
):
    # Needs the list's publisert=YYYY-K1..K4 (branch h-lister).
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    make_eksempel(publisert=datetime.datetime(today.year, 1, 2, tzinfo=tz), aar=today.year - 3)
    make_eksempel(publisert=datetime.datetime(today.year, 3, 31, 23, 30, tzinfo=tz))
    make_eksempel(publisert=datetime.datetime(today.year - 1, 12, 31, 23, 30, tzinfo=tz))
    make_eksempel(status="utkast", publisert=None)
    rows = table(employee_client.get(URL), "kvartaler").rader
    for rad in rows:
        kvartal, aar = int(rad.overskrift[0]), int(rad.overskrift.rsplit(" ", 1)[1])
        months = range(3 * kvartal - 2, 3 * kvartal + 1)
        expected = (
            Eksempel.objects.published()
            .filter(publisert__year=aar, publisert__month__in=months)
            .count()
        )
        cell = rad.celler[0]
        assert f"publisert={aar}-K{kvartal}" in cell.url
        assert cell.verdi == expected == list_count(employee_client, cell.url)
    assert sum(r.celler[0].verdi for r in rows) == 3


def test_each_month_in_the_pipeline_links_to_the_examples_published_in_it(
    editor_client, make_eksempel
):
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    this_month = datetime.datetime(today.year, today.month, 1, 0, 10, tzinfo=tz)
    before = this_month - datetime.timedelta(minutes=20)  # the last minutes of last month
    make_eksempel(publisert=this_month)
    make_eksempel(publisert=before)
    make_eksempel(publisert=before, distrikter=[], aar=today.year - 5)
    make_eksempel(status="utkast", publisert=None)
    make_eksempel(status="til_vurdering", publisert=None)
    response = editor_client.get(URL)
    rows = response.context["pipeline"].per_maaned.rader
    assert len(rows) == 12
    for rad in rows:
        cell = rad.celler[0]
        aar, maaned = (int(x) for x in cell.url.split("publisert=")[1].split("-"))
        expected = (
            Eksempel.objects.published()
            .filter(publisert__year=aar, publisert__month=maaned)
            .count()
        )
        assert cell.verdi == expected == list_count(editor_client, cell.url)
        assert f'href="{cell.url}"' in response.content.decode()
    assert rows[-1].celler[0].verdi == 1 and rows[-2].celler[0].verdi == 2


def test_what_we_know_too_little_about_links_to_the_insights_behind_each_number(
    employee_client, landskap
):
    for rad in table(employee_client.get(URL), "for-lite").rader:
        gruppe = next(g for g in (landskap["hort"], landskap["taus"]) if g.navn == rad.overskrift)
        assert rad.url == gruppe.get_absolute_url()
        expected = Innsikt.objects.published().filter(grupper=gruppe).count()
        assert rad.celler[0].verdi == expected == list_count(employee_client, rad.celler[0].url)


def test_the_old_insights_and_sources_link_to_exactly_those_items(
    editor_client, make_innsikt, make_kilde
):
    year = timezone.localdate().year
    for aar in (2001, year - 5, year - 5, year - 1):
        make_innsikt(dato=datetime.date(aar, 6, 1))
    make_innsikt(dato=datetime.date(2001, 6, 1), status="utkast")
    make_kilde(aar=year - 10), make_kilde(aar=year)
    response = editor_client.get(URL)
    ferskhet, o = response.context["ferskhet"], response.context["o"]
    expected = Innsikt.objects.published().filter(dato__year__lt=year - 3).count()
    assert ferskhet.innsikter == expected == 3
    assert list_count(editor_client, o.gamle_innsikter_url) == expected
    text = response.content.decode()
    assert f'href="{o.gamle_innsikter_url.replace("&", "&amp;")}"' in text
    kilder = reverse("admin:innsikt_kilde_changelist") + f"?aar__lt={year - 3}"
    assert f'href="{kilder}"' in text
    changelist = editor_client.get(kilder).context["cl"]
    assert changelist.result_count == ferskhet.kilder == 1


def test_the_pipeline_figures_link_to_the_examples_behind_them(editor_client, make_eksempel):
    make_eksempel(status="returnert", publisert=None)
    make_eksempel(status="avvist", publisert=None)
    make_eksempel(status="avvist", publisert=None)
    response = editor_client.get(URL)
    pipeline, text = response.context["pipeline"], response.content.decode()
    for status, shown in (("returnert", pipeline.returnert), ("avvist", pipeline.avvist)):
        url = reverse("admin:skattekiste_eksempel_changelist") + f"?status__exact={status}"
        assert f'href="{url}"' in text
        assert editor_client.get(url).context["cl"].result_count == shown
    assert pipeline.avvist == 2


def test_district_names_on_example_cards_link_to_the_district_page_without_extra_queries(
    employee_client, make_eksempel, make_distrikt, django_assert_max_num_queries
):
    distrikter = [make_distrikt(), make_distrikt()]
    for _ in range(3):
        make_eksempel(distrikter=distrikter)
    with django_assert_max_num_queries(15) as few:
        text = employee_client.get(reverse("eksempler:list")).content.decode()
    for d in distrikter:
        assert f'href="{reverse("oversikt:distrikt", kwargs={"slug": d.slug})}"' in text
    for _ in range(10):
        make_eksempel(distrikter=[make_distrikt()])
    with django_assert_max_num_queries(len(few)):
        employee_client.get(reverse("eksempler:list"))


def test_several_districts_are_linked_by_name_or_short_name_and_escaped(make_distrikt):
    vest = make_distrikt(navn="Vest <b>", kortnavn="V&")
    ost = make_distrikt(navn="Øst", kortnavn="Ø")
    links = [reverse("oversikt:distrikt", kwargs={"slug": d.slug}) for d in (vest, ost)]
    as_row = {"navn": ost.navn, "slug": ost.slug, "kortnavn": ost.kortnavn}

    assert distriktlenker([vest, ost]) == (
        f'<a href="{links[0]}">Vest &lt;b&gt;</a>, <a href="{links[1]}">Øst</a>'
    )
    assert distriktlenker([vest, as_row], "kort") == (
        f'<a href="{links[0]}">V&amp;</a>, <a href="{links[1]}">Ø</a>'
    )
    assert distriktlenker([]) == ""


def test_district_names_in_the_review_queue_and_on_a_submission_link_to_the_district_page(
    editor_client, make_innsending, make_distrikt
):
    distrikt = make_distrikt()
    page = reverse("oversikt:distrikt", kwargs={"slug": distrikt.slug})
    innsending = make_innsending(distrikter=[distrikt])
    for url in (reverse("bidra:vurdering"), reverse("bidra:vurder", args=[innsending.pk])):
        assert f'href="{page}"' in editor_client.get(url).content.decode()
