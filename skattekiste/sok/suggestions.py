"""Help when a search finds nothing: «Mente du …?» and places to start."""

import functools
import operator

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db.models import Exists
from django.db.models.functions import Length

from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import Innbyggergruppe
from skattekiste.sok.models import SearchWord
from skattekiste.sok.query import ParsedQuery
from skattekiste.sok.types import TYPES

SUGGESTION_CANDIDATES = 1000
# Each check is one indexed query; past a few, the word list is too stale to help anyway.
MAX_CHECKS_PER_WORD = 3
STARTING_POINTS_SECONDS = 600


def starting_points() -> dict:
    """For an empty or useless query: popular themes and the citizen groups.

    The theme counts aggregate every published example and change slowly, so they are
    kept for STARTING_POINTS_SECONDS.
    """
    themes = cache.get_or_set(
        "sok:populaere-temaer",
        lambda: list(Eksempel.objects.published().popular_themes(limit=12)),
        STARTING_POINTS_SECONDS,
    )
    return {
        "temaer": themes,
        "grupper": sort_norwegian(
            Innbyggergruppe.objects.only("navn", "slug"), key=lambda g: g.navn
        ),
    }


def suggest(query: ParsedQuery) -> str:
    """The query with unknown words replaced by close words from the content, or ''.

    Candidates come from the word list (same first letter, similar length, the most used
    first); the edit distance is computed here, as core PostgreSQL has no levenshtein().
    The word list is rebuilt nightly, so a word is only offered while some published text
    still has it: withdrawn content never shows through «Mente du …?».
    """
    replacements = {}
    for word in [w for w in query.unknown if w.isalpha()][:3]:
        budget = 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3
        candidates = (
            SearchWord.objects.filter(word__startswith=word[0])
            .alias(length=Length("word"))
            .filter(length__range=(len(word) - budget, len(word) + budget))
            .order_by("-ndoc")
            .values_list("word", flat=True)[:SUGGESTION_CANDIDATES]
        )
        letters = set(word)
        close = []
        for order, candidate in enumerate(candidates):  # most used first: ties go to it
            if len(letters ^ set(candidate)) > 2 * budget:
                continue
            distance = levenshtein(word, candidate, budget)
            if distance <= budget:
                close.append((distance, order, candidate))
        for _, _, candidate in sorted(close)[:MAX_CHECKS_PER_WORD]:
            if _still_published(candidate):
                replacements[word] = candidate
                break
    if not replacements:
        return ""
    return " ".join(replacements.get(_bare(token), token) for token in query.text.split())


def _still_published(word: str) -> bool:
    """Does any text anyone may find still have this word? One query over every type."""
    query = SearchQuery(word, config=SEARCH_CONFIG)
    found = []
    for search_type in TYPES:
        rows = search_type.model._default_manager.filter(search_vector=query)
        if search_type.published is not None:
            rows = rows.filter(status=search_type.published)
        found.append(Exists(rows))
        found.extend(
            Exists(part._default_manager.filter(search_vector=query)) for part in search_type.parts
        )
    return (
        SearchWord.objects.filter(word=word).filter(functools.reduce(operator.or_, found)).exists()
    )


def _bare(token: str) -> str:
    return token.casefold().strip(".,;:!?«»\"'()")


def levenshtein(a: str, b: str, budget: int) -> int:
    """Edit distance, or budget + 1 as soon as it must be larger than the budget."""
    if abs(len(a) - len(b)) > budget:
        return budget + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > budget:
            return budget + 1
        previous = current
    return previous[-1] if previous[-1] <= budget else budget + 1
