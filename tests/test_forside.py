"""The home page: counts per situation and theme, and the newest examples."""

import pytest
from django.utils import timezone

from skattekiste.bidra.workflows import publish_eksempel
from skattekiste.eksempler.models import Eksempel

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_an_empty_skattekiste_says_so(employee_client):
    content = employee_client.get("/").content.decode()
    assert "Skattekisten har nå 0 eksempler" in content
    assert "Det er ingen publiserte eksempler ennå." in content
    assert "Ingen temaer ennå." in content


def test_the_counts_match_an_exact_recount_after_a_publication(
    employee_client, make_eksempel, make_tema
):
    eldre = make_tema(name="Eldre")
    make_eksempel(situasjoner=["A", "B"], tema=[eldre])
    utkast = make_eksempel(situasjoner=["C"], tema=[eldre], status="utkast", publisert=None)
    publish_eksempel(eksempel=utkast)
    response = employee_client.get("/")
    published = Eksempel.objects.published()
    assert response.context["antall"] == published.count() == 2
    shown = {s["kode"]: s["antall"] for s in response.context["situasjoner"]}
    assert shown == {s: published.filter(situasjoner__contains=[s]).count() for s in "ABC"}
    assert [(t.name, t.antall) for t in response.context["temaer"]] == [("Eldre", 2)]
    assert 'Eldre <span class="antall">(2)</span>' in response.content.decode()


def test_the_newest_published_examples_come_first(employee_client, make_eksempel):
    now = timezone.now()
    for n in range(8):
        make_eksempel(tittel=f"Nummer {n}", publisert=now - timezone.timedelta(days=n))
    make_eksempel(tittel="Utkast", status="utkast", publisert=None)
    nyeste = employee_client.get("/").context["nyeste"]
    assert [e.tittel for e in nyeste] == [f"Nummer {n}" for n in range(6)]


def test_the_editor_sees_the_home_page_too(editor_client, make_eksempel):
    make_eksempel(tittel="Synlig for alle")
    assert "Synlig for alle" in editor_client.get("/").content.decode()


def test_the_home_page_runs_the_same_queries_for_few_and_many_examples(
    employee_client, django_assert_max_num_queries, make_eksempler
):
    queries = []
    for count in (3, 30):
        make_eksempler(count)
        # session, user, 2 permission checks, the example counts, their themes, newest + 2
        # prefetches, and the overview's figures
        with django_assert_max_num_queries(10) as captured:
            response = employee_client.get("/")
        assert response.status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]
