"""Matching and ranking: the parsed query against the stored, GIN-indexed search vectors.

The large types rank only a bounded set of candidates (the newest title matches and the
newest matches), so a very common word costs about what a rare one does; counts stop at
BODY_CANDIDATES and are shown as «100+».
"""

import functools
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from skattekiste.sok.query import ParsedQuery
from skattekiste.sok.snippets import unmark
from skattekiste.sok.sql import (
    column,
    fetch_each_with_planner_settings,
    literal,
    read_cursor,
    table,
)
from skattekiste.sok.suggestions import suggest
from skattekiste.sok.tags import TagHit, tag_hits_from, tags_query
from skattekiste.sok.types import TYPES, TYPES_BY_KEY, SearchType

# Bounded ranking: a common word matches 100 000 rows; we rank at most these per type,
# and a type with more matches is counted as «100+».
TITLE_CANDIDATES = 50
BODY_CANDIDATES = 100
# ts_rank weights for D, C, B, A: title 1.0 > ingress 0.4 > body 0.2.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# A query that the word list says fewer texts have is planned with the GIN index's bitmap
# (sql.BITMAP_SETTING): its cost grows with the matches, so this bounds it whatever the size
# of the tables. Measured at 20 000 examples and 200 000 insights, the bitmap was twice as
# fast up to about 9 000 texts, about as fast at 13 000-16 000 and slower from 19 000.
BITMAP_BELOW = 10_000


@dataclass
class Hit:
    type: SearchType
    pk: int
    title: str
    slug: str
    score: float
    recency: object = None
    pinned: bool = False
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))  # noqa: S308

    @property
    def display_title(self) -> str:
        if self.type.key == "gruppe":
            return f"Hva vet vi om {self.title.lower()}?"
        return self.title

    @property
    def url(self) -> str:
        # Built when shown: reversing hundreds of candidates' URLs would cost milliseconds.
        return self.type.model(pk=self.pk, slug=self.slug).get_absolute_url()

    @property
    def snippet_text(self) -> str:
        return unmark(self.snippet)


@dataclass
class TypeCount:
    type: SearchType
    count: int
    capped: bool

    @property
    def display(self) -> str:
        return f"{self.count}+" if self.capped else str(self.count)


@dataclass
class SearchResult:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    counts: list[TypeCount] = field(default_factory=list)
    any_word: bool = False
    suggestion: str = ""
    # Tags whose names match: ways into the filtered example list (tags.py).
    tags: list[TagHit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)

    @property
    def capped(self) -> bool:
        return any(c.capped for c in self.counts)

    def hits_of(self, key: str | None) -> list[Hit]:
        return [h for h in self.hits if key is None or h.type.key == key]


def search(query: ParsedQuery) -> SearchResult:
    """Ranked hits of every type, a count per type and, with no hits, a suggestion."""
    result = SearchResult(query=query)
    if query.useless:
        return result
    # The matching tags come in the same round trip; they are shown only with hits that
    # have every word.
    tag_rows = _run(result, any_word=False, with_tags=True)
    if not result.hits and len(query.concepts) > 1:
        # Nothing has all the words: show what has some of them, and say so.
        _run(result, any_word=True)
    pinned = query.groups[0] if query.groups else None
    if pinned is not None:
        for hit in result.hits:
            hit.pinned = hit.type.key == "gruppe" and hit.pk == pinned.pk
        if not any(hit.pinned for hit in result.hits):
            result.hits.append(
                Hit(TYPES_BY_KEY["gruppe"], pinned.pk, pinned.navn, pinned.slug, 0, pinned=True)
            )
            for count in result.counts:
                if count.type.key == "gruppe":
                    count.count += 1
    result.hits.sort(key=_order)
    if not result.hits:
        result.suggestion = suggest(query)
    elif not result.any_word:
        result.tags = tag_hits_from(tag_rows)
    return result


def _order(hit: Hit):
    recency = hit.recency.toordinal() if hit.recency else 0
    return (not hit.pinned, -hit.score * hit.type.boost, -recency, hit.title)


def _run(result: SearchResult, *, any_word: bool, with_tags: bool = False) -> list:
    """The candidates into `result`; returns the matching tags' rows when `with_tags`."""
    params = {
        "q": result.query.tsquery(any_word=any_word),
        "e": result.query.exact_tsquery(),
        "weights": RANK_WEIGHTS,
    }
    statements = [_candidates_sql()]
    if with_tags:
        tags_sql, tags_params = tags_query(result.query)
        statements.append(tags_sql)
        params.update(tags_params)
    matches = result.query.matches_at_most(any_word=any_word)
    bitmap = matches is not None and matches < BITMAP_BELOW
    with read_cursor(TYPES[0].model) as cursor:
        rows, *tag_rows = fetch_each_with_planner_settings(
            cursor, statements, params, bitmap=bitmap
        )
    best: dict[tuple[str, int], tuple] = {}
    for row in rows:
        key = (row[0], row[1])
        if key not in best or row[4] > best[key][4]:
            best[key] = row
    hits = []
    found = dict.fromkeys(TYPES_BY_KEY, 0)
    for kind, pk, slug, title, score, recency in best.values():
        found[kind] += 1
        hits.append(Hit(TYPES_BY_KEY[kind], pk, title, slug, score, recency))
    # Fewer than BODY_CANDIDATES: the body pass held every match, so the count is exact.
    # Otherwise there are more, and we say «100+» rather than count them all.
    result.counts = [
        TypeCount(t, min(found[t.key], BODY_CANDIDATES), found[t.key] >= BODY_CANDIDATES)
        for t in TYPES
    ]
    result.hits, result.any_word = hits, any_word
    return tag_rows[0] if tag_rows else []


@functools.cache
def _candidates_sql() -> str:
    """One statement that finds, for every type, a bounded set of matches and ranks them.

    Hand-written SQL built from the models' metadata: composing the same union with the
    ORM cost about 10 ms per search, a fifth of the time budget. Parameters: %(q)s the
    tsquery, %(e)s the exact words (a rank bonus), %(weights)s the D, C, B, A weights.

    The candidates are the first TITLE_CANDIDATES title matches and the first
    BODY_CANDIDATES matches in the order the index gives them, without sorting, so only
    they are ranked however many rows match. (Sorting the matches by date first would make
    PostgreSQL fetch every match of a common word: 30–120 ms at 200 000 insights.)
    """
    rank = "ts_rank(%(weights)s::float4[], {v}, %(q)s::tsquery, 1)"
    rank += " + ts_rank(%(weights)s::float4[], {v}, %(e)s::tsquery, 1)"
    match = "{v} @@ %(q)s::tsquery"
    selects = []
    for t in TYPES:
        rows, pk, vector = table(t.model), column(t.model, "pk"), column(t.model, "search_vector")
        title, slug = column(t.model, t.title), column(t.model, "slug")
        recency = f"x.{column(t.model, t.recency)}::date" if t.recency else "NULL::date"
        score = rank.format(v=f"x.{vector}")
        condition = match.format(v=f"c.{vector}")
        for part in t.parts:
            part_rows, link = table(part), t.part_link(part)
            part_match = match.format(v=f"s.{column(part, 'search_vector')}")
            part_rank = rank.format(v=f"s.{column(part, 'search_vector')}")
            condition += (
                f" OR EXISTS (SELECT 1 FROM {part_rows} s WHERE s.{link} = c.{pk} AND {part_match})"
            )
            # A match in a step or a tip counts half as much as one on the card itself.
            score += (
                f" + COALESCE((SELECT max({part_rank}) FROM {part_rows} s"
                f" WHERE s.{link} = x.{pk} AND {part_match}), 0) / 2"
            )
        published = t.published_sql("c")
        pool = (
            f"(SELECT c.{pk} FROM {rows} c WHERE {published} AND ({condition})"
            f" LIMIT {BODY_CANDIDATES})"
        )
        if t.title_vector:
            title_match = match.format(v=f"c.{column(t.model, 'search_title')}")
            pool = (
                f"(SELECT c.{pk} FROM {rows} c WHERE {published}"
                f" AND {title_match} LIMIT {TITLE_CANDIDATES})"
                f" UNION {pool}"
            )
        # A join on the pool's ids, not «IN (pool)»: the planner otherwise may walk every
        # row of a small table (all sources) to find the hundred it needs.
        selects.append(
            f"SELECT {literal(t.key)}, x.{pk}, x.{slug}, x.{title}::text, ({score})::float8,"
            f" {recency} FROM ({pool}) p JOIN {rows} x ON x.{pk} = p.{pk}"
        )
    return " UNION ALL ".join(f"({select})" for select in selects)
