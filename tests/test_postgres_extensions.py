"""The migrations give every database pg_trgm, unaccent and fuzzystrmatch, ready to use."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

EXTENSIONS = {"pg_trgm", "unaccent", "fuzzystrmatch"}


def scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_the_migrations_create_the_three_extensions():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = ANY(%s)", [[*EXTENSIONS]])
        assert {name for (name,) in cursor.fetchall()} == EXTENSIONS


def test_the_server_is_postgresql_15_or_newer():
    assert connection.pg_version >= 150000


def test_trigram_similarity_finds_politi_close_to_politiet():
    # Six shared trigrams of ten: the score a fuzzy search would rank on.
    assert scalar("SELECT similarity('politi', 'politiet')") == pytest.approx(0.6)
    assert scalar("SELECT 'politi' %% 'politiet'") is True


def test_unaccent_folds_norwegian_letters_to_plain_ones():
    assert scalar("SELECT unaccent('Tromsø')") == "Tromso"
    assert scalar("SELECT unaccent(%s)", ["Bærum Åsane"]) == "Baerum Asane"


def test_levenshtein_counts_the_edits_between_two_words():
    assert scalar("SELECT levenshtein('a', 'b')") == 1
    assert scalar("SELECT levenshtein('politi', 'poltii')") == 2
