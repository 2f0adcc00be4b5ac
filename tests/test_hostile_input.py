"""Hostile input on the filter pages and the login form: no 500, no raw HTML, no partial write.

Hypothesis draws the input; the examples per test are kept low so the suite stays fast.
"""

from urllib.parse import urlencode, urlsplit

import pytest
from axes.models import AccessAttempt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innsikt.filters import INNSIKT_FACETS
from skattekiste.eksempler.filters import EKSEMPEL_FACETS
from tests.helpers import row_counts

pytestmark = pytest.mark.django_db

# Every list takes these besides its facets: the year range, the order and the page.
LIST_PARAMETERS = ["fra", "til", "sorter", "page"]

# The sessions and login records that a login attempt may write.
LOGIN_RECORDS = {"sessions", "axes"}

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Markup that must only ever come back escaped.
PROBES = [
    '<script>alert("skattekiste")</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "<svg/onload=alert(1)>",
    "</title><h1>overtatt</h1>",
]
NASTY = [
    "\x00",
    "%00",
    "' OR 1=1 --",
    "9" * 40,
    "-1",
    "1e9",
    "NaN",
    "../../etc/passwd",
    "ø" * 300,
    "\u202e\u0000\ufeff",
    "https://angriper.example/",
    "//angriper.example",
]

# Any text the browser can send: lone surrogates cannot be encoded as UTF-8, so no browser can.
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=120)
hostile_text = st.one_of(
    any_text,
    st.sampled_from(PROBES + NASTY),
    st.builds(lambda a, p, b: a + p + b, any_text, st.sampled_from(PROBES), any_text),
)


def assert_no_raw_markup(content: str, values):
    for value in values:
        for probe in PROBES:
            if probe in value:
                assert probe not in content, f"{probe!r} came back unescaped"


def query_strategy(names, valid_values):
    """Pairs of (parameter, value): known and unknown names, valid and hostile values."""
    name = st.one_of(st.sampled_from(names), any_text)
    value = st.one_of(hostile_text, st.sampled_from(valid_values))
    return st.lists(st.tuples(name, value), max_size=5)


@pytest.fixture
def some_content(make_eksempel, make_innsikt, make_tema, make_gruppe, make_metode, make_behov):
    tema, gruppe, metode, behov = make_tema(), make_gruppe(), make_metode(), make_behov()
    eksempel = make_eksempel(tema=[tema], grupper=[gruppe], metoder=[metode])
    make_innsikt(grupper=[gruppe], behov=[behov], eksempler=[eksempel])
    return [tema.slug, gruppe.slug, metode.slug, behov.slug, "A", "2022", "1", "2"]


def row_filter_names(facet_list):
    return [row_filter.name for row_filter in facet_list.row_filters]


@pytest.mark.parametrize(
    ("url", "facet_list"), [("/eksempler/", EKSEMPEL_FACETS), ("/innsikt/", INNSIKT_FACETS)]
)
@FAST
@given(data=st.data())
def test_filter_pages_survive_any_query_string(
    employee_client, some_content, url, facet_list, data
):
    names = [
        *(spec.name for spec in facet_list.facets),
        *row_filter_names(facet_list),
        *LIST_PARAMETERS,
    ]
    pairs = data.draw(query_strategy(names, some_content), label="query")
    before = row_counts()

    response = employee_client.get(f"{url}?{urlencode(pairs)}")

    assert response.status_code == 200
    assert_no_raw_markup(response.content.decode(), [value for _, value in pairs])
    assert row_counts() == before


@pytest.mark.parametrize(
    ("url", "facet_list"), [("/eksempler/", EKSEMPEL_FACETS), ("/innsikt/", INNSIKT_FACETS)]
)
def test_every_filter_parameter_takes_each_known_nasty_value(employee_client, url, facet_list):
    # The drawn examples above may miss these; here every parameter gets each one at once.
    names = [
        *(spec.name for spec in facet_list.facets),
        *row_filter_names(facet_list),
        *LIST_PARAMETERS,
    ]
    for value in PROBES + NASTY:
        response = employee_client.get(f"{url}?{urlencode(dict.fromkeys(names, value))}")
        assert response.status_code == 200, value
        assert_no_raw_markup(response.content.decode(), [value])


@FAST
@given(
    username=st.one_of(hostile_text, st.just("ansatt")),
    password=st.one_of(hostile_text, st.just("pw")),
    next_url=st.one_of(hostile_text, st.just("/eksempler/")),
)
def test_the_login_form_survives_any_input(client, employee, username, password, next_url):
    client.logout()
    AccessAttempt.objects.all().delete()  # every example starts below the lockout limit
    employee.refresh_from_db()
    last_login = employee.last_login
    before = row_counts(skip_apps=LOGIN_RECORDS)

    response = client.post(
        "/logg-inn/", {"username": username, "password": password, "next": next_url}
    )

    assert response.status_code in (200, 302)
    assert_no_raw_markup(response.content.decode(), [username, password, next_url])
    employee.refresh_from_db()
    logged_in = client.session.get("_auth_user_id") == str(employee.pk)
    if response.status_code == 302:
        # All or nothing: a session for the right person, and never a redirect off-site.
        assert logged_in and employee.last_login != last_login
        target = urlsplit(response["Location"])
        assert not target.scheme and not target.netloc
    else:
        assert not logged_in and employee.last_login == last_login
    assert row_counts(skip_apps=LOGIN_RECORDS) == before
