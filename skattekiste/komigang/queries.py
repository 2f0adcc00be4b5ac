"""What the chooser shows under each card: examples, people to call, what we know.

Each is one query for all nine cards together, so the page costs the same for 10 or
20 000 examples. «The newest of a card» walks the published examples newest first
(skattekiste_eks_nyeste) and stops after a few rows per card. «The newest of a card in
a group or district» starts from that group's or district's links instead: walking the
newest examples until a rare group turns up would read most of the table.
"""

# SQL text here is built from constants in this module; values always go as parameters.
# ruff: noqa: S608

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch

from innsikt.models import Behov, Gruppefunn, Innsikt
from metoder.models import Husk, Metode, Steg
from skattekiste.folk.queries import PERSON_KEY_SQL

EXAMPLES_PER_CARD = 3
PEOPLE_PER_CARD = 3
# Rows read per card before merging people who appear on several examples.
PEOPLE_CANDIDATES = 20
FINDINGS = 3

_NEWEST = "e.aar DESC, e.publisert DESC, e.id DESC"
_COLUMNS = "e.id, e.tittel, e.slug, e.aar, e.publisert"
_PERSON_COLUMNS = (
    f"{PERSON_KEY_SQL} AS nokkel, e.kontakt_navn, e.kontakt_rolle, e.kontakt_enhet,"
    " (SELECT json_agg(json_build_object('navn', d.navn, 'slug', d.slug) ORDER BY d.navn)"
    "  FROM skattekiste_distrikt d"
    "  JOIN skattekiste_eksempel_distrikter ed ON ed.distrikt_id = d.id"
    "  WHERE ed.eksempel_id = e.id) AS distrikter, e.aar, e.publisert, e.id"
)
# The newest few of each card, in index order (skattekiste_eks_nyeste, or
# skattekiste_eks_kontakt_med for the rows with a contact person).
_NEWEST_PER_CARD = (
    "SELECT m.id AS metode_id, x.* FROM metoder_metode m CROSS JOIN LATERAL ("
    "SELECT {columns} FROM skattekiste_eksempel e WHERE e.status = 'publisert'{extra}"
    " AND EXISTS (SELECT 1 FROM skattekiste_eksempel_metoder em"
    " WHERE em.eksempel_id = e.id AND em.metode_id = m.id)"
    f" ORDER BY {_NEWEST} LIMIT {{limit}}) x"
)
# The newest few of each card among one group's or district's examples. The ranking reads
# only (id, aar, publisert), which the narrow newest-first indexes hold; the wide rows are
# read for the winners alone, by key: «= ANY(ARRAY(…))» because the planner cannot see how
# few rows «nr <= 3» leaves, and would otherwise read the whole table to join them.
_NEWEST_PER_CARD_IN = (
    "WITH w AS MATERIALIZED (SELECT * FROM (SELECT em.metode_id, e.id,"
    f" row_number() OVER (PARTITION BY em.metode_id ORDER BY {_NEWEST}) AS nr"
    " FROM {links} l JOIN skattekiste_eksempel e ON e.id = l.{eid}"
    " JOIN skattekiste_eksempel_metoder em ON em.eksempel_id = e.id"
    " WHERE l.{column} = %s AND e.status = 'publisert'{extra}) x WHERE nr <= {limit})"
    " SELECT w.metode_id, {columns} FROM skattekiste_eksempel e JOIN w ON w.id = e.id"
    " WHERE e.id = ANY(ARRAY(SELECT id FROM w))"
)
_IN_GROUP = {
    "links": "skattekiste_eksempel_grupper",
    "column": "innbyggergruppe_id",
    "eid": "eksempel_id",
}
_IN_THEME = {"links": "skattekiste_eksempeltema", "column": "tag_id", "eid": "content_object_id"}
_IN_DISTRICT = {
    "links": "skattekiste_eksempel_distrikter",
    "column": "distrikt_id",
    "eid": "eksempel_id",
}
# Which branch found an example: same group and same theme share the first place.
GRUPPE, TEMA, DISTRIKT, NYESTE = 1, 2, 3, 4


@dataclass
class ExampleLink:
    tittel: str
    slug: str
    aar: int
    samme_gruppe: bool = False
    samme_tema: bool = False
    eget_distrikt: bool = False


@dataclass
class Person:
    navn: str
    rolle: str
    enhet: str
    # {"navn", "slug"} per district, as the district link (templatetags/oversikt.py) reads it.
    distrikter: list[dict] = field(default_factory=list)
    pk: int | None = None


def cards_with_steps():
    # The search vectors are large and unused here.
    steps = Steg.objects.defer("search_vector")
    tips = Husk.objects.defer("search_vector")
    return list(
        Metode.objects.defer("search_vector").prefetch_related(
            Prefetch("steg", queryset=steps), Prefetch("husk", queryset=tips)
        )
    )


def examples_per_card(
    *, gruppe_id=None, tema_id=None, distrikt_id=None
) -> dict[int, list[ExampleLink]]:
    """Up to three published examples per card: same group or theme first, then your
    district, then the newest."""
    branches, params = [], []
    for slag, links, value in (
        (GRUPPE, _IN_GROUP, gruppe_id),
        (TEMA, _IN_THEME, tema_id),
        (DISTRIKT, _IN_DISTRICT, distrikt_id),
    ):
        if value is not None:
            sql = _NEWEST_PER_CARD_IN.format(
                columns=_COLUMNS, extra="", limit=EXAMPLES_PER_CARD, **links
            )
            branches.append(
                f"SELECT {slag} AS slag, metode_id, id, tittel, slug, aar, publisert"
                f" FROM ({sql}) b{slag}"
            )
            params.append(value)
    newest = _NEWEST_PER_CARD.format(columns=_COLUMNS, extra="", limit=EXAMPLES_PER_CARD)
    branches.append(
        f"SELECT {NYESTE} AS slag, metode_id, id, tittel, slug, aar, publisert FROM ({newest}) b"
    )
    sql = (
        "SELECT metode_id, slag, id, tittel, slug, aar FROM ("
        + " UNION ALL ".join(branches)
        + f") x ORDER BY metode_id, CASE WHEN slag = {TEMA} THEN {GRUPPE} ELSE slag END,"
        " aar DESC, publisert DESC, id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    kinds = defaultdict(set)
    for metode_id, slag, pk, *_ in rows:
        kinds[(metode_id, pk)].add(slag)
    result, seen = defaultdict(list), set()
    for metode_id, _slag, pk, tittel, slug, aar in rows:
        if (metode_id, pk) in seen or len(result[metode_id]) >= EXAMPLES_PER_CARD:
            continue
        seen.add((metode_id, pk))
        slag = kinds[(metode_id, pk)]
        result[metode_id].append(
            ExampleLink(tittel, slug, aar, GRUPPE in slag, TEMA in slag, DISTRIKT in slag)
        )
    return result


def people_per_card(*, gruppe_id=None, tema_id=None, metode_ids=None) -> dict[int, list[Person]]:
    """The contacts of published examples that used each card (with the group or the
    theme, if chosen), newest first, each person once; only the cards in `metode_ids` when
    given (a plan has one or two, and each card is a walk of its own)."""
    extra = " AND e.kontakt_navn <> ''"
    branches, params = [], []
    for links, value in ((_IN_GROUP, gruppe_id), (_IN_THEME, tema_id)):
        if value is not None:
            only = "" if metode_ids is None else " AND em.metode_id = ANY(%s)"
            branches.append(
                _NEWEST_PER_CARD_IN.format(
                    columns=_PERSON_COLUMNS, extra=extra + only, limit=PEOPLE_CANDIDATES, **links
                )
            )
            params += [value] if metode_ids is None else [value, list(metode_ids)]
    if not branches:
        # m.id refers to the card outside the walk: PostgreSQL skips the other cards' walks.
        only = "" if metode_ids is None else " AND m.id = ANY(%s)"
        branches.append(
            _NEWEST_PER_CARD.format(
                columns=_PERSON_COLUMNS, extra=extra + only, limit=PEOPLE_CANDIDATES
            )
        )
        params += [] if metode_ids is None else [list(metode_ids)]
    inner = " UNION ALL ".join(f"SELECT * FROM ({b}) b{i}" for i, b in enumerate(branches))
    sql = (
        "SELECT x.metode_id, x.nokkel, x.kontakt_navn, x.kontakt_rolle, x.kontakt_enhet,"
        " x.distrikter, p.id"
        f" FROM ({inner}) x JOIN skattekiste_person p ON p.nokkel = x.nokkel"
        " ORDER BY x.metode_id, x.aar DESC, x.publisert DESC, x.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result, seen = defaultdict(list), set()
    for metode_id, nokkel, navn, rolle, enhet, distrikter, pk in rows:
        if (metode_id, nokkel) in seen or len(result[metode_id]) >= PEOPLE_PER_CARD:
            continue
        seen.add((metode_id, nokkel))
        result[metode_id].append(Person(navn, rolle, enhet, distrikter or [], pk))
    return result


def group_findings(gruppe) -> list:
    """The group's strongest, newest published findings with the needs they are about.

    Gruppefunn holds only published insights, in the order its index walks.
    """
    top = (
        Gruppefunn.objects.filter(gruppe=gruppe)
        .order_by("-styrke", "-dato", "-innsikt")
        .values("innsikt")[:FINDINGS]
    )
    return list(
        Innsikt.objects.filter(pk__in=top)
        .order_by("-styrke", "-dato", "-id")
        .prefetch_related(Prefetch("behov", queryset=Behov.objects.order_by("tekst")))
    )


def sparring_per_card(*, gruppe_id=None) -> dict[int, list[Person]]:
    """Sparring partners who know each card, those who know the group first."""
    sql = (
        "SELECT x.metode_id, s.navn, s.rolle, s.enhet, d.navn, d.slug, s.id"
        " FROM skattekiste_sparringpartner_metoder x"
        " JOIN skattekiste_sparringpartner s ON s.id = x.sparringpartner_id"
        " LEFT JOIN skattekiste_distrikt d ON d.id = s.distrikt_id"
        " ORDER BY x.metode_id, EXISTS (SELECT 1 FROM skattekiste_sparringpartner_grupper g"
        " WHERE g.sparringpartner_id = s.id AND g.innbyggergruppe_id = %s) DESC,"
        " lower(s.navn), s.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [gruppe_id])
        rows = cursor.fetchall()
    result = defaultdict(list)
    for metode_id, navn, rolle, enhet, distrikt, slug, pk in rows:
        if len(result[metode_id]) < PEOPLE_PER_CARD:
            distrikter = [{"navn": distrikt, "slug": slug}] if distrikt else []
            result[metode_id].append(Person(navn, rolle, enhet, distrikter, pk))
    return result
