"""Help when a search finds nothing: «Mente du …?» and places to start."""

# Table and column names in the SQL come from the models; the word is a parameter.
# ruff: noqa: S608

import functools

from django.db.models import Func, IntegerField, Value

from skattekiste.eksempler.telling import popular_themes
from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.sok.models import SearchWord
from skattekiste.sok.query import ParsedQuery
from skattekiste.sok.sql import column, literal, read_cursor, table
from skattekiste.sok.types import TYPES

# Each check is one indexed query; past a few, the word list is too stale to help anyway.
MAX_CHECKS_PER_WORD = 3


def starting_points() -> dict:
    """For an empty or useless query: popular themes and the citizen groups.

    The theme counts are the example list's pair counts (as on the home page), which the
    database keeps exact on every write: one small read, not a count of every example.
    """
    return {
        "temaer": popular_themes(limit=12),
        "grupper": sort_norwegian(
            Innbyggergruppe.objects.only("navn", "slug"), key=lambda g: g.navn
        ),
    }


def suggest(query: ParsedQuery) -> str:
    """The query with unknown words replaced by close words from the content, or ''.

    Candidates come from the word list: words with enough trigrams in common (pg_trgm's
    %, from a trigram index), within a few edits (fuzzystrmatch's levenshtein_less_equal),
    the closest and then the most used first. The trigram index finds a typo in the first
    letter too («olitiet» → politiet), which the earlier filter on the first letter could
    not. The word list is rebuilt nightly, so a word is only offered while some published
    text still has it: withdrawn content never shows through «Mente du …?».
    """
    replacements = {}
    for word in [w for w in query.unknown if w.isalpha()][:3]:
        budget = 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3
        close = (
            SearchWord.objects.filter(word__trigram_similar=word)
            .annotate(distance=EditDistance("word", word, budget))
            .filter(distance__lte=budget)
            .order_by("distance", "-ndoc", "word")
            .values_list("word", flat=True)[:MAX_CHECKS_PER_WORD]
        )
        for candidate in close:
            if _still_published(candidate):
                replacements[word] = candidate
                break
    if not replacements:
        return ""
    return " ".join(replacements.get(_bare(token), token) for token in query.text.split())


class EditDistance(Func):
    """fuzzystrmatch's levenshtein_less_equal: the edit distance, or more than `budget`."""

    function = "levenshtein_less_equal"
    output_field = IntegerField()

    def __init__(self, expression, word: str, budget: int):
        super().__init__(expression, Value(word), Value(budget))


@functools.cache
def _still_published_sql() -> str:
    """One EXISTS per type and part, built once: Django compiling nine Exists() querysets
    took some 5 ms a word, a hundred times the query's own time."""
    match = "x.{vector} @@ plainto_tsquery(" + literal(SEARCH_CONFIG) + "::regconfig, %(word)s)"
    checks = []
    for search_type in TYPES:
        vector = column(search_type.model, "search_vector")
        checks.append(
            f"EXISTS (SELECT 1 FROM {table(search_type.model)} x"
            f" WHERE {search_type.published_sql('x')} AND {match.format(vector=vector)})"
        )
        checks.extend(
            f"EXISTS (SELECT 1 FROM {table(part)} x"
            f" WHERE {match.format(vector=column(part, 'search_vector'))})"
            for part in search_type.parts
        )
    return "SELECT " + " OR ".join(checks)


def _still_published(word: str) -> bool:
    """Does any text anyone may find still have this word? One query over every type."""
    with read_cursor(SearchWord) as cursor:
        cursor.execute(_still_published_sql(), {"word": word})
        return cursor.fetchone()[0]


def _bare(token: str) -> str:
    return token.casefold().strip(".,;:!?«»\"'()")
