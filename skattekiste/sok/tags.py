"""Tags whose names match the query: «Tema: Tillit hos ungdom (4)» leads to the filtered list.

The examples themselves are found by their tags through their search vector (the column
`emneord`, kept by triggers from migration 0014). This adds the tags as ways in: each with
how many published examples have it, read from the example list's pair counts (the same
number the list shows for that filter, kept exact by the database on every write), so a
tag on 5 000 examples costs one indexed read, as one on 5 does.
"""

import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from metoder.models import Metode
from skattekiste.felles.fasettabell import EKSEMPLER
from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.sok.query import ParsedQuery
from skattekiste.sok.sql import column, literal, table

MAX_TAGS = 6


@dataclass(frozen=True)
class TagKind:
    """A kind of tag: its filter on /eksempler/ and its table."""

    key: str  # the example list's filter parameter, and its keys' prefix in the pair counts
    label: str
    model: type
    names: tuple[str, ...]


KINDS = [
    TagKind("tema", "Tema", Tema, ("name",)),
    TagKind("gruppe", "Innbyggergruppe", Innbyggergruppe, ("navn",)),
    TagKind("distrikt", "Distrikt", Distrikt, ("navn", "kortnavn")),
    TagKind("metode", "Metode", Metode, ("navn",)),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass
class TagHit:
    kind: TagKind
    name: str
    slug: str
    count: int

    @property
    def display_count(self) -> str:
        return f"{self.count:,}".replace(",", "\N{NO-BREAK SPACE}")

    @property
    def url(self) -> str:
        return f"{reverse('eksempler:list')}?{urlencode({self.kind.key: self.slug})}"


def tags_query(query: ParsedQuery) -> tuple[str, dict]:
    """Tags whose names have every concept of the query: the SQL and its parameters, sent
    with the search's candidates in one round trip (candidates.py).

    The shortest names are chosen first (the closest matches), and only they are shown.
    """
    return _tags_sql(), {"tags": query.inflected_tsquery()}


def tag_hits_from(rows) -> list[TagHit]:
    """The rows of tags_query as hits, most used first; tags on no published example go."""
    hits = [TagHit(KINDS_BY_KEY[key], name, slug, count) for key, name, slug, count in rows]
    return sorted((hit for hit in hits if hit.count), key=lambda hit: -hit.count)


@functools.cache
def _tags_sql() -> str:
    matches = []
    for kind in KINDS:
        pk = column(kind.model, "pk")
        names = " || ' ' || ".join(f"coalesce(t.{column(kind.model, n)}, '')" for n in kind.names)
        name = column(kind.model, kind.names[0])
        matches.append(
            f"SELECT {literal(kind.key)} AS kind, t.{pk} AS pk, t.{name}::text AS name,"
            f" t.{column(kind.model, 'slug')}::text AS slug FROM {table(kind.model)} t"
            f" WHERE to_tsvector({literal(SEARCH_CONFIG)}, {names}) @@ %(tags)s::tsquery"
        )
    union = " UNION ALL ".join(f"({match})" for match in matches)
    # The pair ('', 'tema:7') is how many published examples have theme 7: the number the
    # example list shows for ?tema=…, so the two always agree.
    return (
        f"SELECT m.kind, m.name, m.slug, coalesce((SELECT p.antall FROM {EKSEMPLER}_par p"
        f" WHERE p.a = '' AND p.b = m.kind || ':' || m.pk), 0) FROM ("
        f"SELECT * FROM ({union}) u ORDER BY length(u.name), u.name LIMIT {MAX_TAGS}) m"
    )
