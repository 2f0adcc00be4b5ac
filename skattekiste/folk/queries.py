"""«Hvem kan jeg snakke med?»: the contacts of published examples, each person once.

The people table (models.Person) is kept by PostgreSQL triggers, so the list, its count
and its pages read that table alone; only the filters by method, theme, group and district
look at the examples. Only published examples count, so the contact of a draft, a
submission under review or a declined one never shows.
"""

# SQL text here is built from constants in this module; values always go as parameters.
# ruff: noqa: S608

from dataclasses import dataclass, field

from django.db import connection
from django.urls import reverse

EXAMPLES_SHOWN = 3
EXAMPLES_ON_PAGE = 50

# One person however many examples they are the contact of: by e-mail, and by name and
# unit where there is no e-mail (the SQL function from migration 0038, which has an index).
PERSON_KEY_SQL = "folk_nokkel(e.kontakt_epost, e.kontakt_navn, e.kontakt_enhet)"
_PUBLISHED = "e.status = 'publisert' AND e.kontakt_navn <> ''"

# An example id list per filter rather than EXISTS: PostgreSQL then probes the examples by
# id, and computes the person key only for those. With EXISTS it read every published
# example for a common method (36 against 17 ms at 20 000 examples).
_FILTERS = {
    "metode": "e.id = ANY(ARRAY(SELECT x.eksempel_id FROM skattekiste_eksempel_metoder x"
    " WHERE x.metode_id = %s))",
    "gruppe": "e.id = ANY(ARRAY(SELECT x.eksempel_id FROM skattekiste_eksempel_grupper x"
    " WHERE x.innbyggergruppe_id = %s))",
    "distrikt": "e.id = ANY(ARRAY(SELECT x.eksempel_id FROM skattekiste_eksempel_distrikter x"
    " WHERE x.distrikt_id = %s))",
    "tema": "e.id = ANY(ARRAY(SELECT x.content_object_id FROM skattekiste_eksempeltema x"
    " WHERE x.tag_id = %s))",
}

# What the given examples are about (by id: the link tables' own indexes).
_LINKS = """
SELECT 'metode', x.eksempel_id, m.navn, m.slug, m.nummer FROM skattekiste_eksempel_metoder x
  JOIN metoder_metode m ON m.id = x.metode_id WHERE x.eksempel_id = ANY(%s)
UNION ALL
SELECT 'tema', x.content_object_id, t.name, t.slug, 0 FROM skattekiste_eksempeltema x
  JOIN skattekiste_tema t ON t.id = x.tag_id WHERE x.content_object_id = ANY(%s)
UNION ALL
SELECT 'gruppe', x.eksempel_id, g.navn, g.slug, 0 FROM skattekiste_eksempel_grupper x
  JOIN skattekiste_innbyggergruppe g ON g.id = x.innbyggergruppe_id WHERE x.eksempel_id = ANY(%s)
UNION ALL
SELECT 'distrikt', x.eksempel_id, d.navn, d.slug, 0 FROM skattekiste_eksempel_distrikter x
  JOIN skattekiste_distrikt d ON d.id = x.distrikt_id WHERE x.eksempel_id = ANY(%s)
"""

# Every published example of the given people, newest first, by the person index.
_EXAMPLES = f"""
SELECT {PERSON_KEY_SQL}, e.id, e.tittel, e.slug, e.aar FROM skattekiste_eksempel e
WHERE {_PUBLISHED} AND {PERSON_KEY_SQL} = ANY(%s) ORDER BY e.aar DESC, e.id DESC
"""


@dataclass
class Kontakt:
    pk: int
    nokkel: str
    navn: str
    rolle: str
    enhet: str
    epost: str
    antall: int
    eksempler: list = field(default_factory=list)
    metoder: list = field(default_factory=list)
    temaer: list = field(default_factory=list)
    grupper: list = field(default_factory=list)
    distrikter: list = field(default_factory=list)

    def get_absolute_url(self):
        return reverse("folk:person", kwargs={"nr": self.pk})

    # The list card names them without links: joined here, not in a template loop, which
    # cost about a tenth of /folk/'s time at 20 000 examples.
    @property
    def metodenavn(self) -> str:
        return ", ".join(navn for navn, _ in self.metoder)

    @property
    def gruppenavn(self) -> str:
        return ", ".join(navn for navn, _ in self.grupper)

    @property
    def temanavn(self) -> str:
        return ", ".join(navn for navn, _ in self.temaer)


def _contains(text: str) -> str:
    """An ILIKE pattern for names containing `text`, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(chosen: dict) -> tuple[str, list]:
    parts, params, filters = ["TRUE"], [], []
    for name, obj in chosen.items():
        if name == "navn":
            parts.append("p.navn ILIKE %s")
            params.append(_contains(obj))
        else:
            filters.append(_FILTERS[name])
            params.append(obj.pk)
    if filters:
        parts.append(
            f"p.nokkel IN (SELECT {PERSON_KEY_SQL} FROM skattekiste_eksempel e"
            f" WHERE {_PUBLISHED} AND {' AND '.join(filters)})"
        )
    return " AND ".join(parts), params


_PERSON_COLUMNS = "p.id, p.nokkel, p.navn, p.rolle, p.enhet, p.epost, p.antall"


class PeopleResults:
    """The people for Django's Paginator: an exact count, then one page.

    The matching people's ids are read once, in list order, for both: a filter by method
    or group costs its join once rather than for the count and again for the page. There
    is one person per contact, so the list stays within the number of employees."""

    def __init__(self, chosen: dict):
        self.where, self.params = _where(chosen)
        self._ids: list[int] | None = None

    def _matching_ids(self) -> list[int]:
        if self._ids is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT p.id FROM skattekiste_person p WHERE {self.where}"
                    " ORDER BY lower(p.navn), p.id",
                    self.params,
                )
                self._ids = [row[0] for row in cursor.fetchall()]
        return self._ids

    def count(self) -> int:
        return len(self._matching_ids())

    def __len__(self):
        return self.count()

    def __getitem__(self, page: slice) -> list[Kontakt]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {_PERSON_COLUMNS} FROM skattekiste_person p WHERE p.id = ANY(%s)"
                " ORDER BY lower(p.navn), p.id",
                [self._matching_ids()[page]],
            )
            people = [Kontakt(*row) for row in cursor.fetchall()]
        add_work(people, EXAMPLES_SHOWN)
        return people


def person(pk: int) -> Kontakt | None:
    """One person with their newest examples and all they have worked with."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_PERSON_COLUMNS} FROM skattekiste_person p WHERE p.id = %s", [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    found = Kontakt(*row)
    add_work([found], EXAMPLES_ON_PAGE)
    return found


def person_of_example(slug: str) -> int | None:
    """The person entry of a published example's contact, by the example's slug."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id FROM skattekiste_eksempel e JOIN skattekiste_person p"
            f" ON p.nokkel = {PERSON_KEY_SQL} WHERE e.slug = %s AND {_PUBLISHED}",
            [slug],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def add_work(people: list[Kontakt], examples: int) -> None:
    """Each person's newest examples and what they have worked with: two queries a page."""
    by_key = {p.nokkel: p for p in people}
    if not by_key:
        return
    with connection.cursor() as cursor:
        cursor.execute(_EXAMPLES, [list(by_key)])
        rows = cursor.fetchall()
        ids = [row[1] for row in rows]
        cursor.execute(_LINKS, [ids] * 4)
        links = cursor.fetchall()
    by_example = {}
    for kind, pk, navn, slug, nummer in links:
        by_example.setdefault(pk, []).append((kind, navn, slug, nummer))
    found = {k: {"metode": {}, "tema": {}, "gruppe": {}, "distrikt": {}} for k in by_key}
    for nokkel, pk, tittel, slug, aar in rows:
        person = by_key[nokkel]
        if len(person.eksempler) < examples:
            person.eksempler.append((tittel, slug, aar))
        for kind, navn, link_slug, nummer in by_example.get(pk, []):
            found[nokkel][kind][link_slug] = (nummer, navn, link_slug)
    for p in people:
        mine = found[p.nokkel]
        p.metoder = [(n, s) for _, n, s in sorted(mine["metode"].values())]
        p.temaer = sorted((n, s) for _, n, s in mine["tema"].values())
        p.grupper = sorted((n, s) for _, n, s in mine["gruppe"].values())
        p.distrikter = [
            {"navn": n, "slug": s}
            for n, s in sorted((n, s) for _, n, s in mine["distrikt"].values())
        ]


SPARRING_SHOWN = 50

_SPARRING = """
SELECT s.id, s.navn, s.rolle, s.enhet, s.kan_hjelpe_med,
  CASE WHEN d.id IS NOT NULL THEN json_build_object('navn', d.navn, 'slug', d.slug) END,
  ARRAY(SELECT m.navn FROM skattekiste_sparringpartner_metoder x
        JOIN metoder_metode m ON m.id = x.metode_id
        WHERE x.sparringpartner_id = s.id ORDER BY m.nummer),
  ARRAY(SELECT g.navn FROM skattekiste_sparringpartner_grupper x
        JOIN skattekiste_innbyggergruppe g ON g.id = x.innbyggergruppe_id
        WHERE x.sparringpartner_id = s.id ORDER BY g.navn)
FROM skattekiste_sparringpartner s LEFT JOIN skattekiste_distrikt d ON d.id = s.distrikt_id
WHERE {where} ORDER BY lower(s.navn), s.id LIMIT {limit}
"""
_SPARRING_FILTERS = {
    "metode": "EXISTS (SELECT 1 FROM skattekiste_sparringpartner_metoder x"
    " WHERE x.sparringpartner_id = s.id AND x.metode_id = %s)",
    "gruppe": "EXISTS (SELECT 1 FROM skattekiste_sparringpartner_grupper x"
    " WHERE x.sparringpartner_id = s.id AND x.innbyggergruppe_id = %s)",
    "distrikt": "s.distrikt_id = %s",
}


@dataclass
class Sparring:
    pk: int
    navn: str
    rolle: str
    enhet: str
    kan_hjelpe_med: str
    distrikt: dict | None  # {"navn", "slug"}, as the district link reads it
    metoder: list
    grupper: list


def sparring_partners(chosen: dict) -> list[Sparring] | None:
    """The sparring partners matching the filters; None when a theme is chosen (an entry
    names methods and groups, not themes)."""
    if "tema" in chosen:
        return None
    parts, params = ["TRUE"], []
    for name, obj in chosen.items():
        if name == "navn":
            parts.append("s.navn ILIKE %s")
            params.append(_contains(obj))
        else:
            parts.append(_SPARRING_FILTERS[name])
            params.append(obj.pk)
    with connection.cursor() as cursor:
        cursor.execute(_SPARRING.format(where=" AND ".join(parts), limit=SPARRING_SHOWN), params)
        return [Sparring(*row) for row in cursor.fetchall()]
