"""«Hvem kan jeg snakke med?»: the contacts of published examples, each person once.

People are merged by e-mail, and by name and unit where there is no e-mail
(PERSON_KEY_SQL). Only published examples count, so the contact of a draft, a submission
under review or a declined one never shows.
"""

# SQL text here is built from constants in this module; values always go as parameters.
# ruff: noqa: S608

from dataclasses import dataclass, field

from django.db import connection

EXAMPLES_SHOWN = 3

# One person however many examples they are the contact of: by e-mail, and by name and
# unit where there is no e-mail. The chooser's people use it too.
PERSON_KEY_SQL = (
    "CASE WHEN e.kontakt_epost <> '' THEN 'e:' || lower(btrim(e.kontakt_epost)) "
    "ELSE 'n:' || lower(btrim(e.kontakt_navn)) || '|' || lower(btrim(e.kontakt_enhet)) END"
)


_FILTERS = {
    "metode": "EXISTS (SELECT 1 FROM skattekiste_eksempel_metoder x"
    " WHERE x.eksempel_id = e.id AND x.metode_id = %s)",
    "gruppe": "EXISTS (SELECT 1 FROM skattekiste_eksempel_grupper x"
    " WHERE x.eksempel_id = e.id AND x.innbyggergruppe_id = %s)",
    "distrikt": "EXISTS (SELECT 1 FROM skattekiste_eksempel_distrikter x"
    " WHERE x.eksempel_id = e.id AND x.distrikt_id = %s)",
    "tema": "EXISTS (SELECT 1 FROM skattekiste_eksempeltema x"
    " WHERE x.content_object_id = e.id AND x.tag_id = %s)",
}

# Every example a person is the contact of, for what they have worked with.
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


@dataclass
class Kontakt:
    nokkel: str
    navn: str
    rolle: str
    enhet: str
    epost: str
    antall: int
    eksempler: list = field(default_factory=list)
    ids: list = field(default_factory=list)
    metoder: list = field(default_factory=list)
    temaer: list = field(default_factory=list)
    grupper: list = field(default_factory=list)
    distrikter: list = field(default_factory=list)


def _where(chosen: dict) -> tuple[str, list]:
    parts = ["e.status = 'publisert'", "e.kontakt_navn <> ''"]
    params = []
    for name, obj in chosen.items():
        if name == "navn":
            escaped = obj.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            parts.append("e.kontakt_navn ILIKE %s")
            params.append(f"%{escaped}%")
        else:
            parts.append(_FILTERS[name])
            params.append(obj.pk)
    return " AND ".join(parts), params


class PeopleResults:
    """The merged people for Django's Paginator: an exact count, then one page."""

    def __init__(self, chosen: dict):
        self.where, self.params = _where(chosen)

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(DISTINCT {PERSON_KEY_SQL}) FROM skattekiste_eksempel e"
                f" WHERE {self.where}",
                self.params,
            )
            return cursor.fetchone()[0]

    def __len__(self):
        return self.count()

    def __getitem__(self, page: slice) -> list[Kontakt]:
        # The newest example gives the name, role and unit a person goes by now.
        sql = f"""
            SELECT nokkel,
                   (array_agg(e.kontakt_navn ORDER BY e.aar DESC, e.id DESC))[1],
                   (array_agg(e.kontakt_rolle ORDER BY e.aar DESC, e.id DESC))[1],
                   (array_agg(e.kontakt_enhet ORDER BY e.aar DESC, e.id DESC))[1],
                   (array_agg(e.kontakt_epost ORDER BY e.aar DESC, e.id DESC))[1],
                   count(*),
                   array_agg(e.id ORDER BY e.aar DESC, e.id DESC),
                   (array_agg(e.tittel ORDER BY e.aar DESC, e.id DESC))[1:{EXAMPLES_SHOWN}],
                   (array_agg(e.slug ORDER BY e.aar DESC, e.id DESC))[1:{EXAMPLES_SHOWN}]
            FROM (SELECT {PERSON_KEY_SQL} AS nokkel, e.* FROM skattekiste_eksempel e
                  WHERE {self.where}) e
            GROUP BY nokkel
            ORDER BY lower((array_agg(e.kontakt_navn ORDER BY e.aar DESC, e.id DESC))[1]), nokkel
            OFFSET %s LIMIT %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self.params, page.start, page.stop - page.start])
            people = [
                Kontakt(k, n, r, en, ep, a, list(zip(t, s, strict=True)), ids)
                for k, n, r, en, ep, a, ids, t, s in cursor.fetchall()
            ]
        _add_links(people)
        return people


def _add_links(people: list[Kontakt]) -> None:
    """What each person has worked with, for the whole page in one query."""
    ids = [pk for p in people for pk in p.ids]
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(_LINKS, [ids] * 4)
        rows = cursor.fetchall()
    by_example = {}
    for kind, pk, navn, slug, nummer in rows:
        by_example.setdefault(pk, []).append((kind, navn, slug, nummer))
    for person in people:
        found = {"metode": {}, "tema": {}, "gruppe": {}, "distrikt": {}}
        for pk in person.ids:
            for kind, navn, slug, nummer in by_example.get(pk, []):
                found[kind][slug] = (nummer, navn)
        person.metoder = [n for _, n in sorted(found["metode"].values())]
        person.temaer = sorted(n for _, n in found["tema"].values())
        person.grupper = sorted(n for _, n in found["gruppe"].values())
        person.distrikter = sorted(n for _, n in found["distrikt"].values())
