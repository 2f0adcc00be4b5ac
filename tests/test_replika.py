"""With a read replica, GET pages read from it, writes go to the primary, and a person who
just saved something reads from the primary for a while (read your writes).

The "replica" alias here is a second connection to the test database (a test mirror), so the
tests commit for real (transaction=True) and count the queries on each connection.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skattekiste.oppsett import replika
from tests.helpers import share_form_data

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def with_replica(settings):
    settings.DATABASE_READ_REPLICA = "replica"


def _queries_per_connection(client, method, url, data=None):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = getattr(client, method)(url, data or {})
    return response, len(primary), len(replica)


def test_a_get_page_reads_from_the_replica(with_replica, employee_client, make_eksempel):
    eksempel = make_eksempel()
    response, on_primary, on_replica = _queries_per_connection(
        employee_client, "get", eksempel.get_absolute_url()
    )
    assert response.status_code == 200
    assert on_replica > 0
    assert on_primary == 0


def test_a_write_goes_to_the_primary_and_the_next_reads_follow_it(
    with_replica, employee_client, make_distrikt
):
    distrikt = make_distrikt()
    response, on_primary, on_replica = _queries_per_connection(
        employee_client,
        "post",
        reverse("bidra:ny"),
        share_form_data(distrikt),
    )
    assert response.status_code == 302
    assert on_primary > 0 and on_replica == 0
    assert replika.COOKIE in response.cookies

    # The thank-you page right after: from the primary, so the new example is surely there.
    page, on_primary, on_replica = _queries_per_connection(
        employee_client, "get", response["Location"]
    )
    assert page.status_code == 200
    assert on_primary > 0 and on_replica == 0


def test_without_a_replica_everything_uses_the_primary(employee_client, make_eksempel):
    eksempel = make_eksempel()
    response, on_primary, on_replica = _queries_per_connection(
        employee_client, "get", eksempel.get_absolute_url()
    )
    assert response.status_code == 200
    assert on_primary > 0 and on_replica == 0


def test_migrations_only_run_on_the_primary():
    router = replika.ReplicaRouter()
    assert router.allow_migrate("default", "skattekiste")
    assert not router.allow_migrate("replica", "skattekiste")


def test_the_search_reads_only_from_the_replica(with_replica, employee_client, make_eksempel):
    # Its hand-written SQL asks the router too, not only the ORM.
    make_eksempel(tittel="Dialogmøte i Stryn")
    response, on_primary, on_replica = _queries_per_connection(
        employee_client, "get", reverse("sok:sok"), {"q": "dialogmøte"}
    )
    assert response.status_code == 200
    assert [hit.title for hit in response.context["page"].object_list] == ["Dialogmøte i Stryn"]
    assert on_replica > 0
    assert on_primary == 0


def test_the_json_search_reads_only_from_the_replica(with_replica, employee_client, make_eksempel):
    make_eksempel(tittel="Dialogmøte i Stryn")
    response, on_primary, on_replica = _queries_per_connection(
        employee_client, "get", reverse("sok:api"), {"q": "dialogmøte"}
    )
    assert response.status_code == 200
    assert [hit["title"] for hit in response.json()["results"]] == ["Dialogmøte i Stryn"]
    assert on_replica > 0
    assert on_primary == 0
