"""Tags whose names match the query: «Tema: Tillit hos ungdom (4)» leads to the filtered list.

The examples themselves are found by their tags through their search vector (the column
`emneord`, kept by triggers from migration 0013). This adds the tags as ways in: each with
how many published examples have it, counted up to COUNT_CAP and shown as «over 100» past
that, so a tag on 5 000 examples costs what one on 100 does.
"""

import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel, EksempelTema
from skattekiste.felles.fields import SEARCH_CONFIG
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.sok.query import ParsedQuery
from skattekiste.sok.sql import column, fetch_with_planner_settings, literal, read_cursor, table

MAX_TAGS = 6
# Counting stops here («over 100»): each counted link costs an index probe.
COUNT_CAP = 100


@dataclass(frozen=True)
class TagKind:
    """A kind of tag: its filter on /eksempler/, its table and how examples link to it."""

    key: str  # the example list's filter parameter
    label: str
    model: type
    names: tuple[str, ...]
    link: type
    link_example: str
    link_tag: str


KINDS = [
    TagKind("tema", "Tema", Tema, ("name",), EksempelTema, "content_object", "tag"),
    TagKind(
        "gruppe",
        "Innbyggergruppe",
        Innbyggergruppe,
        ("navn",),
        Eksempel.grupper.through,
        "eksempel",
        "innbyggergruppe",
    ),
    TagKind(
        "distrikt",
        "Distrikt",
        Distrikt,
        ("navn", "kortnavn"),
        Eksempel.distrikter.through,
        "eksempel",
        "distrikt",
    ),
    TagKind("metode", "Metode", Metode, ("navn",), Eksempel.metoder.through, "eksempel", "metode"),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass
class TagHit:
    kind: TagKind
    name: str
    slug: str
    count: int

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def display_count(self) -> str:
        return (
            f"over {COUNT_CAP:,}".replace(",", "\N{NO-BREAK SPACE}")
            if self.capped
            else str(self.count)
        )

    @property
    def url(self) -> str:
        return f"{reverse('eksempler:list')}?{urlencode({self.kind.key: self.slug})}"


def tag_hits(query: ParsedQuery) -> list[TagHit]:
    """Tags whose names have every concept of the query, most used first, in one query.

    The shortest names are chosen first (the closest matches), and only they are counted.
    """
    if query.useless:
        return []
    with read_cursor(Eksempel) as cursor:
        rows = fetch_with_planner_settings(cursor, _tags_sql(), {"q": query.inflected_tsquery()})
    hits = [TagHit(KINDS_BY_KEY[key], name, slug, count) for key, name, slug, count in rows]
    return sorted((hit for hit in hits if hit.count), key=lambda hit: -hit.count)


@functools.cache
def _tags_sql() -> str:
    examples = table(Eksempel)
    published = f"e.{column(Eksempel, 'status')} = {literal(Eksempel.Status.PUBLISERT)}"
    matches, counts = [], []
    for kind in KINDS:
        pk = column(kind.model, "pk")
        names = " || ' ' || ".join(f"coalesce(t.{column(kind.model, n)}, '')" for n in kind.names)
        name = column(kind.model, kind.names[0])
        matches.append(
            f"SELECT {literal(kind.key)} AS kind, t.{pk} AS pk, t.{name}::text AS name,"
            f" t.{column(kind.model, 'slug')}::text AS slug FROM {table(kind.model)} t"
            f" WHERE to_tsvector({literal(SEARCH_CONFIG)}, {names}) @@ %(q)s::tsquery"
        )
        link_example = column(kind.link, kind.link_example)
        link_tag = column(kind.link, kind.link_tag)
        counts.append(
            f"WHEN {literal(kind.key)} THEN (SELECT count(*) FROM (SELECT 1 FROM"
            f" {table(kind.link)} l JOIN {examples} e ON e.{column(Eksempel, 'pk')} ="
            f" l.{link_example} WHERE l.{link_tag} = m.pk AND {published}"
            f" LIMIT {COUNT_CAP + 1}) n)"
        )
    union = " UNION ALL ".join(f"({match})" for match in matches)
    # CASE counts each chosen tag in its own link table, and only the chosen ones.
    return (
        f"SELECT m.kind, m.name, m.slug, CASE m.kind {' '.join(counts)} END FROM ("
        f"SELECT * FROM ({union}) u ORDER BY length(u.name), u.name LIMIT {MAX_TAGS}) m"
    )
