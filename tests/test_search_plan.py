"""The search plans each query by how many texts have its words: a rare word through the GIN
index's bitmap, a common one by walking an index (candidates.BITMAP_BELOW). Same hits either way.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skattekiste.sok import candidates
from skattekiste.sok.query import parse_query
from skattekiste.sok.sql import BITMAP_SETTING

pytestmark = pytest.mark.django_db


@pytest.fixture
def texts(make_eksempel, search_words):
    """Two texts about «trafikk», four about «sykkel», one about both."""
    make_eksempel(tittel="Trafikk", ingress="Trafikk ved skolen om morgenen.")
    make_eksempel(tittel="Begge", ingress="Trafikk og sykkel i sentrum.")
    for n in range(3):
        make_eksempel(tittel=f"Sykkel {n}", ingress=f"Sykkel nummer {n} ble merket.")
    search_words()


def plans_with_bitmap(text, monkeypatch, below):
    monkeypatch.setattr(candidates, "BITMAP_BELOW", below)
    with CaptureQueriesContext(connection) as captured:
        hits = candidates.search(parse_query(text)).hits
    return any(BITMAP_SETTING in q["sql"] for q in captured.captured_queries), hits


def test_a_query_knows_from_the_word_list_at_most_how_many_texts_have_its_words(texts):
    assert parse_query("trafikk").matches_at_most() == 2
    assert parse_query("sykkel").matches_at_most() == 4
    # All words: no more than the rarer one has; any word: no more than both together.
    assert parse_query("trafikk sykkel").matches_at_most() == 2
    assert parse_query("trafikk sykkel").matches_at_most(any_word=True) == 6


def test_a_word_the_content_does_not_have_gives_no_count_since_its_prefix_is_not_counted(texts):
    query = parse_query("trafik")
    assert query.concepts[0].forms[-1][-1].endswith(":*")
    assert query.matches_at_most() is None


def test_a_rare_word_is_planned_with_the_bitmap_and_a_common_one_is_not(texts, monkeypatch):
    assert plans_with_bitmap("trafikk", monkeypatch, below=3)[0]
    assert not plans_with_bitmap("sykkel", monkeypatch, below=3)[0]
    # Without a count (a prefix) the planner decides as before.
    assert not plans_with_bitmap("trafik", monkeypatch, below=10**9)[0]


def test_the_bitmap_plan_finds_the_same_hits_in_the_same_order(texts, monkeypatch):
    for text in ["trafikk", "sykkel", "trafikk sykkel", "sykkel merket"]:
        with_bitmap, bitmap_hits = plans_with_bitmap(text, monkeypatch, below=10**9)
        walking, walk_hits = plans_with_bitmap(text, monkeypatch, below=0)
        assert with_bitmap and not walking
        assert [h.title for h in bitmap_hits] == [h.title for h in walk_hits], text
        assert bitmap_hits, text
