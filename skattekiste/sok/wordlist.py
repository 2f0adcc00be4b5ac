"""The search's word list (`SearchWord`): every word of the published content, with its stem."""

from django.db import connection

from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.sok.models import SearchWord
from skattekiste.sok.sql import column, table
from skattekiste.sok.types import TYPES


def refresh_lexicon() -> int:
    """Bring SearchWord up to date with the published content; returns the number of words.

    Run after loading content (`last_innhold` and `lag_testdata` do) and regularly, for
    example nightly (`manage.py oppdater_sokeord`). A stale list only weakens compounds,
    inflections and suggestions; matching itself always uses the current vectors.
    Unchanged words keep their rows, so running it twice changes nothing.
    """
    sources = []
    for t in TYPES:
        published = t.published_sql("x")
        sources.append(f"SELECT {_text_vector(t.model)} FROM {table(t.model)} x WHERE {published}")
        sources += [f"SELECT {_text_vector(part)} FROM {table(part)} x" for part in t.parts]
    words, word, stem, ndoc = (
        table(SearchWord),
        column(SearchWord, "word"),
        column(SearchWord, "stem"),
        column(SearchWord, "ndoc"),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH fresh AS ("
            "  SELECT word, stem, ndoc FROM ("
            "    SELECT word, ndoc,"
            "    (tsvector_to_array(to_tsvector(%s::regconfig, word)))[1] AS stem"
            "    FROM ts_stat(%s) WHERE length(word) BETWEEN 2 AND 60"
            "    AND word ~ '^[[:alpha:]]+$'"
            "  ) s WHERE stem IS NOT NULL AND length(stem) <= 60"
            "), gone AS ("
            f"  DELETE FROM {words} w"
            f"  WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.word = w.{word})"
            f") INSERT INTO {words} AS w ({word}, {stem}, {ndoc})"
            " SELECT word, stem, ndoc FROM fresh"
            f" ON CONFLICT ({word})"
            f" DO UPDATE SET {stem} = EXCLUDED.{stem}, {ndoc} = EXCLUDED.{ndoc}"
            f" WHERE (w.{stem}, w.{ndoc}) IS DISTINCT FROM (EXCLUDED.{stem}, EXCLUDED.{ndoc})",
            [SEARCH_CONFIG, " UNION ALL ".join(sources)],
        )
        cursor.execute(f"SELECT count(*) FROM {words}")
        return cursor.fetchone()[0]


def _text_vector(model) -> str:
    """The words of the text in a row's search vector (alias x), unstemmed ('simple')."""
    fields = model._meta.get_field("search_vector").referenced_fields
    text = " || ' ' || ".join(
        f"coalesce(x.{column(model, f.name)}, '')" for f in sorted(fields, key=lambda f: f.column)
    )
    return f"to_tsvector('simple', {text})"
