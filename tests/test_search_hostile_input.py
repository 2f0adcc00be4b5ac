"""Any input to the search is safe: a clear answer, never a 500, never unescaped HTML."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skattekiste.sok.query import MAX_QUERY_CHARS, parse_query
from skattekiste.sok.snippets import MARK_START, MARK_STOP, highlight, unmark

pytestmark = pytest.mark.django_db

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PROBES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "</title><h1>overtatt</h1>",
]
HOSTILE = [
    "eldre & ungdom | !politi",
    "møte:* <-> prat",
    "!!!",
    "(((",
    "'",
    '"',
    "''",
    "\\",
    "' OR 1=1 --",
    "'; DROP TABLE skattekiste_eksempel; --",
    "eldre'::tsquery",
    "😀 eldre 🚓",
    "🚓🚓🚓",
    "\x00",
    "eldre\x00ungdom",
    "\x01\x02\x1b[31m",
    "\u202e\ufeff\u200b",
    "\ue000mark\ue001",
    "a" * 5000,
    "eldre " * 1000,
    "ø" * 300,
    "%00",
    "<mark>eldre</mark>",
]

# Any text a browser can send: lone surrogates cannot be encoded as UTF-8.
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)
hostile_text = st.one_of(
    any_text,
    st.sampled_from(PROBES + HOSTILE),
    st.builds(lambda a, p, b: a + p + b, any_text, st.sampled_from(PROBES + HOSTILE), any_text),
)


@pytest.fixture
def content(make_eksempel, make_innsikt, make_gruppe, search_words):
    make_gruppe(navn="Eldre", slug="eldre", synonymer=["seniorer"])
    make_eksempel(tittel="Svindel mot eldre", ingress="Eldre <b>lærte</b> om svindel.")
    make_innsikt(tittel="Ungdom vil møte politiet på nett")
    search_words()


def assert_safe_html(response):
    assert response.status_code == 200
    html = response.content.decode()
    for probe in PROBES:
        assert probe not in html
    assert "<b>lærte</b>" not in html


@pytest.mark.parametrize("q", PROBES + HOSTILE)
def test_hostile_queries_get_a_clear_page(employee_client, content, q):
    response = employee_client.get("/sok/", {"q": q})
    assert_safe_html(response)
    assert "Søk i Skattekisten" in response.content.decode()


@pytest.mark.parametrize("q", PROBES + HOSTILE)
def test_hostile_queries_get_clean_json(employee_client, content, q):
    response = employee_client.get("/api/sok/", {"q": q})
    assert response.status_code == 200
    assert b"<" not in response.content
    assert len(response.json()["query"]) <= MAX_QUERY_CHARS


@pytest.mark.parametrize(
    "params",
    [
        {"q": "eldre", "type": "'; DROP TABLE x; --"},
        {"q": "eldre", "page": "-1"},
        {"q": "eldre", "page": "9" * 40},
        {"q": "eldre", "page": "<script>"},
        {"q": ["eldre", "ungdom"]},
    ],
)
def test_hostile_type_and_page_parameters_are_ignored(employee_client, content, params):
    assert_safe_html(employee_client.get("/sok/", params))
    assert employee_client.get("/api/sok/", params).status_code == 200


def test_operators_are_words_not_commands(employee_client, content):
    # «!» would mean NOT in a tsquery; here it is just punctuation.
    response = employee_client.get("/sok/", {"q": "!eldre"})
    assert [hit.title for hit in response.context["page"].object_list][:2] == [
        "Eldre",
        "Svindel mot eldre",
    ]


def test_a_very_long_query_is_cut_and_says_so(employee_client, content):
    response = employee_client.get("/sok/", {"q": "eldre " * 1000})
    assert response.context["query"].truncated
    assert "søkte bare etter begynnelsen" in response.content.decode()


@FAST
@given(q=hostile_text)
def test_any_text_gives_a_page_without_errors_or_raw_markup(employee_client, content, q):
    assert_safe_html(employee_client.get("/sok/", {"q": q}))


@FAST
@given(q=hostile_text)
def test_any_text_gives_json_without_errors_or_raw_markup(employee_client, content, q):
    response = employee_client.get("/api/sok/", {"q": q})
    assert response.status_code == 200
    assert b"<" not in response.content


@FAST
@given(q=hostile_text)
def test_the_tsquery_built_from_any_text_is_valid(content, q):
    parsed = parse_query(q)
    for text in {parsed.tsquery(), parsed.tsquery(any_word=True), parsed.exact_tsquery()}:
        if text:
            with connection.cursor() as cursor:
                cursor.execute("SELECT %s::tsquery", [text])


@FAST
@given(text=any_text)
def test_highlighting_escapes_everything_but_our_own_marks(text):
    html = str(highlight(text))
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")
    assert unmark(highlight(text)) == text.replace(MARK_START, "").replace(MARK_STOP, "")
