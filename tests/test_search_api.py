"""/api/sok/: the same ranked results as JSON, for the analysts' own tools."""

import pytest

pytestmark = pytest.mark.django_db

TYPES = {"eksempel", "metode", "innsikt", "kilde", "gruppe", "behov"}


def test_anonymous_caller_gets_401_in_json_not_a_login_page(client):
    response = client.get("/api/sok/", {"q": "eldre"})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "logget inn" in response.json()["error"]


def test_employee_gets_query_total_and_results_with_type_title_url_and_snippet(
    employee_client, make_eksempel, make_innsikt
):
    make_eksempel(tittel="Svindel mot eldre", ingress="Eldre lærte om svindel på telefon.")
    make_innsikt(tittel="Eldre er redde for svindel", forklaring="Mange ble lurt.")
    response = employee_client.get("/api/sok/", {"q": "svindel"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "total", "results", "tags"}
    assert data["query"] == "svindel"
    assert data["total"] == 2
    for result in data["results"]:
        assert set(result) == {"type", "title", "url", "snippet"}
        assert result["type"] in TYPES
        assert result["url"].startswith("http://testserver/")
        assert "<mark>" not in result["snippet"]
    assert {r["title"] for r in data["results"]} == {
        "Svindel mot eldre",
        "Eldre er redde for svindel",
    }


def test_editor_gets_the_same_results_as_the_page(editor_client, make_eksempel, make_gruppe):
    make_gruppe(navn="Eldre", slug="eldre", synonymer=["seniorer"])
    make_eksempel(tittel="Seniorer på nett")
    page = editor_client.get("/sok/", {"q": "hva vet vi om seniorer"})
    data = editor_client.get("/api/sok/", {"q": "hva vet vi om seniorer"}).json()
    assert [r["title"] for r in data["results"]] == [
        hit.display_title for hit in page.context["page"].object_list
    ]
    assert data["results"][0] == {
        "type": "gruppe",
        "title": "Hva vet vi om eldre?",
        "url": "http://testserver/innsikt/grupper/eldre/",
        "snippet": "",
    }


def test_an_empty_query_gives_an_empty_answer_not_an_error(employee_client):
    assert employee_client.get("/api/sok/").json() == {
        "query": "",
        "total": 0,
        "results": [],
        "tags": [],
    }


def test_markup_in_the_query_is_escaped_even_in_json(employee_client):
    response = employee_client.get("/api/sok/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert b"<script" not in response.content
    assert response.json()["query"] == "<script>alert(1)</script>"


def test_only_get_is_allowed(employee_client):
    assert employee_client.post("/api/sok/", {"q": "eldre"}).status_code == 405


def test_the_api_runs_the_same_queries_for_few_and_many_matches(
    employee_client, make_innsikt, django_assert_max_num_queries
):
    def run():
        # session, user, groups and thesaurus, stems, word list, compounds, candidates,
        # matching tags, excerpts
        with django_assert_max_num_queries(9):
            assert employee_client.get("/api/sok/", {"q": "trafikk"}).status_code == 200

    make_innsikt(tittel="Trafikk")
    run()
    for n in range(30):
        make_innsikt(tittel=f"Trafikk {n}")
    run()
