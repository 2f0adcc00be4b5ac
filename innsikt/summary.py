"""«Hva vet vi om <gruppe>?»: one read that answers a leader.

A group can have tens of thousands of insights, so nothing here aggregates all of them:
lists are short (LIMIT), counts come from Gruppetall (kept up to date by triggers), and
yes/no facts are EXISTS subqueries on the group's own row. The page costs the same for 10
or 50 000 insights: one query for the group and its facts, one for the findings of every
need, two for their sources and needs.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from innsikt.models import Behov, Gruppefunn, Gruppekilde, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.fasettabell import EKSEMPLER
from skattekiste.felles.forhandsbygd import PrebuiltQuery
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import Innbyggergruppe

# Insight older than this is flagged as possibly out of date.
STALE_AFTER_YEARS = 3
# Short enough to read (and print) at a glance; each list links to all of them.
PER_SECTION = 3
MAX_EXAMPLES = 6
# «Kort fortalt»: this many of the strongest, newest findings.
SHORT_LINES = 3
OTHER = "annet"

# One voice in the headings: the group in the third person, as in «Hva er viktig for dem?».
# The report's own first-person wording stays on the needs themselves.
NEED_HEADINGS = {
    Behov.Kategori.MOTT: "Hvordan de blir møtt",
    Behov.Kategori.TILGJENGELIG: "At politiet er tilgjengelig",
    Behov.Kategori.FORSTAELIG: "At det er forståelig og forutsigbart",
    Behov.Kategori.LOST: "Å få løst behovet sitt",
    OTHER: "Annet vi vet",
}

# A group nothing has been linked to yet has no Gruppetall row.
_COUNTS = {
    f"antall_{name}": Coalesce(F(f"tall__{name}"), 0)
    for name in ("innsikter", "eksempler", "kilder")
}


def groups_with_counts():
    """Every citizen group with how many insights, examples and sources we have.

    Exact counts, read from Gruppetall: one query however many insights there are.
    """
    return sort_norwegian(Innbyggergruppe.objects.annotate(**_COUNTS), key=lambda g: g.navn)


def groups_with_facts():
    """Groups with their counts and what the «Dette mangler vi» box needs, in one query."""
    published = Innsikt.objects.published().filter(grupper=OuterRef("pk")).order_by()
    return Innbyggergruppe.objects.annotate(
        **_COUNTS,
        nyeste=Subquery(published.order_by("-dato").values("dato")[:1]),
        sist_endret=Subquery(published.order_by("-oppdatert").values("oppdatert")[:1]),
        egen_stemme=Exists(published.filter(fra_gruppen_selv=True)),
        # Gruppefunn's index starts (gruppe, styrke): one probe.
        bredt=Exists(
            Gruppefunn.objects.filter(gruppe=OuterRef("pk"), styrke=Innsikt.Styrke.BREDT_GRUNNLAG)
        ),
    )


# The page's two ORM queries, built once (felles/forhandsbygd.py): building them took the ORM
# longer than PostgreSQL took to run them. The group's examples are its newest published
# ones, read in the example facet table's newest-first order (its «gruppe:<id>» key).
_GROUP_BY_SLUG = PrebuiltQuery(
    groups_with_facts,
    rows=f"SELECT id FROM {Innbyggergruppe._meta.db_table} WHERE slug = %s",  # noqa: S608
)
_NEWEST_EXAMPLES = PrebuiltQuery(
    lambda: Eksempel.objects.published().for_listing(),
    rows=f"""SELECT id FROM {EKSEMPLER} WHERE publisert AND verdier @> ARRAY[%s]
        ORDER BY aar DESC, dato DESC, id DESC LIMIT {MAX_EXAMPLES}""",  # noqa: S608
)


def group_with_facts(slug):
    """The group with groups_with_facts()'s counts and facts, or None."""
    found = _GROUP_BY_SLUG(slug)
    return found[0] if found else None


def _newest_examples(gruppe):
    found = _NEWEST_EXAMPLES(f"gruppe:{gruppe.pk}")
    return sorted(found, key=lambda e: (e.aar, e.publisert, e.pk), reverse=True)


@dataclass
class NeedSection:
    kategori: str
    label: str
    innsikter: list = field(default_factory=list)
    # Whether the group has any finding about this need, shown here or under another need.
    finnes: bool = False
    flere: bool = False


@dataclass
class GroupSummary:
    gruppe: Innbyggergruppe
    kort_fortalt: list
    seksjoner: list[NeedSection]
    antall_innsikter: int
    eksempler: list
    antall_eksempler: int
    metoder: list
    kilder: list
    mangler: list[str]
    sist_oppdatert: datetime.datetime | None


def build_group_summary(*, gruppe: Innbyggergruppe, today: datetime.date | None = None):
    """Everything we know about one group, in a fixed number of short queries."""
    today = today or timezone.localdate()
    if not hasattr(gruppe, "egen_stemme"):
        gruppe = groups_with_facts().get(pk=gruppe.pk)

    candidates = _strongest_per_need(gruppe)
    seksjoner = _sections_once_each(candidates)
    shown = [i for s in seksjoner for i in s.innsikter]
    eksempler = _newest_examples(gruppe)
    stamps = [s for s in [gruppe.sist_endret, *(e.oppdatert for e in eksempler)] if s]
    return GroupSummary(
        gruppe=gruppe,
        kort_fortalt=sorted(shown, key=_rank)[:SHORT_LINES],
        seksjoner=[s for s in seksjoner if s.finnes],
        antall_innsikter=gruppe.antall_innsikter,
        eksempler=eksempler,
        antall_eksempler=gruppe.antall_eksempler,
        metoder=_methods_used(gruppe),
        kilder=sort_norwegian(_unique(k for i in shown for k in i.card_sources), key=str),
        mangler=_gaps(gruppe, seksjoner, today),
        sist_oppdatert=max(stamps) if stamps else None,
    )


def _rank(innsikt):
    """Strongest first, then newest: the order Gruppefunn's index gives (innsikt/tall.py)."""
    return (-innsikt.styrke, -innsikt.dato.toordinal(), -innsikt.pk)


def _unique(items):
    seen = {}
    for item in items:
        seen.setdefault(item.pk, item)
    return list(seen.values())


def _strongest_per_need(gruppe):
    """Per need category, the strongest and newest few insights that concern it: one query.

    One short walk per category of the group's own rows in Gruppefunn (index
    innsikt_gruppefunn_rekkefolge), a LATERAL join over the four categories and one more
    for insights with no need. Each walk reads about as many rows as it shows divided by
    how common the need is, however large the group. Written as SQL because the ORM took
    longer to build it than PostgreSQL took to run it; LATERAL so the walk is planned once.
    An insight may come back under several categories.
    """
    by_need = defaultdict(list)
    for innsikt in Innsikt.objects.raw(_strongest_sql(), [gruppe.pk, gruppe.pk]):
        # Plain lists from the row's JSON, not fake prefetches: a related manager per
        # insight and list cost more Python than the page's SQL. The card reads
        # card_sources (Kilde objects made from kort_kilder) and kort_behov (tekst).
        innsikt.kort_kilder = _rows(innsikt.kilder_json)
        innsikt.kort_behov = _rows(innsikt.behov_json)
        for seksjon in innsikt.seksjoner:
            by_need[seksjon].append(innsikt)
    return by_need


def _rows(value):
    return json.loads(value) if isinstance(value, str) else value


def _json_list(table, links, fk, order, *fields):
    pairs = ", ".join(f"'{f}', x.{f}" for f in fields)
    return f"""(SELECT coalesce(json_agg(json_build_object({pairs}) ORDER BY {order}), '[]')
        FROM {links} l JOIN {table} x ON x.id = l.{fk} WHERE l.innsikt_id = i.id)"""  # noqa: S608


def _strongest_sql():
    q = connection.ops.quote_name
    innsikt, funn, behov_links, behov, kilde_links, kilde = (
        q(model._meta.db_table)
        for model in (
            Innsikt,
            Gruppefunn,
            Innsikt.behov.through,
            Behov,
            Innsikt.kilder.through,
            Kilde,
        )
    )
    kilder = _json_list(
        kilde,
        kilde_links,
        "kilde_id",
        "x.tittel, x.id",
        "id",
        "tittel",
        "type",
        "periode",
        "antall",
        "antall_betyr",
        "antall_mer_enn",
    )
    behov_json = _json_list(
        behov, behov_links, "behov_id", "x.rekkefolge", "id", "kategori", "tekst", "rekkefolge"
    )
    categories = ", ".join(f"('{kategori}')" for kategori in NEED_HEADINGS if kategori != OTHER)
    walk = f"""
        SELECT f.innsikt_id FROM {funn} f
        WHERE f.gruppe_id = %s AND {{need}}
        ORDER BY f.styrke DESC, f.dato DESC, f.innsikt_id DESC
        LIMIT {PER_SECTION + 1}
    """  # noqa: S608
    has_need = f"""EXISTS (SELECT 1 FROM {behov_links} l JOIN {behov} b ON b.id = l.behov_id
                           WHERE l.innsikt_id = f.innsikt_id AND b.kategori = k.kategori)"""  # noqa: S608
    no_need = f"NOT EXISTS (SELECT 1 FROM {behov_links} l WHERE l.innsikt_id = f.innsikt_id)"  # noqa: S608
    return f"""
        SELECT i.*, array_agg(u.seksjon) AS seksjoner,
            {kilder} AS kilder_json, {behov_json} AS behov_json
        FROM (
            SELECT w.innsikt_id, k.kategori AS seksjon
            FROM (VALUES {categories}) AS k (kategori)
            CROSS JOIN LATERAL ({walk.format(need=has_need)}) AS w
            UNION ALL
            SELECT w.innsikt_id, '{OTHER}' FROM ({walk.format(need=no_need)}) AS w
        ) AS u
        JOIN {innsikt} i ON i.id = u.innsikt_id
        GROUP BY i.id
    """  # noqa: S608 - table names from the models, constants from the code


def _sections_once_each(by_need):
    """Each finding once, under the first of its needs; its card names all of them."""
    sections, placed = [], {}
    for kategori, heading in NEED_HEADINGS.items():
        found = sorted(by_need[kategori], key=_rank)
        own = [placed.setdefault(i.pk, i) for i in found if i.pk not in placed][:PER_SECTION]
        sections.append(
            NeedSection(
                kategori=kategori,
                label=heading,
                innsikter=own,
                finnes=bool(found),
                flere=len(found) > len(own),
            )
        )
    return sections


def _methods_used(gruppe):
    """Methods used with the group: in its published examples, or behind its sources.

    The sources side reads Gruppekilde, the group's (source, count) pairs, not the links.
    SQL for the same reason as _strongest_sql: the ORM's EXISTS took longer to build.
    """
    q = connection.ops.quote_name
    metode, eksempel, eksempel_metoder, eksempel_grupper, gruppekilde, kilde = (
        q(model._meta.db_table)
        for model in (
            Metode,
            Eksempel,
            Eksempel.metoder.through,
            Eksempel.grupper.through,
            Gruppekilde,
            Kilde,
        )
    )
    sql = f"""
        SELECT m.* FROM {metode} m
        WHERE EXISTS (
            SELECT 1 FROM {eksempel_metoder} em
            JOIN {eksempel_grupper} eg ON eg.eksempel_id = em.eksempel_id
            JOIN {eksempel} e ON e.id = em.eksempel_id
            WHERE em.metode_id = m.id AND eg.innbyggergruppe_id = %s
              AND e.status = '{Eksempel.Status.PUBLISERT}'
        ) OR EXISTS (
            SELECT 1 FROM {gruppekilde} gk JOIN {kilde} k ON k.id = gk.kilde_id
            WHERE gk.gruppe_id = %s AND gk.innsikter > 0 AND k.metode_id = m.id
        )
        ORDER BY m.nummer
    """  # noqa: S608 - table names from the models, constants from the code
    return list(Metode.objects.raw(sql, [gruppe.pk, gruppe.pk]))


def _gaps(gruppe, seksjoner, today):
    gaps = []
    if not gruppe.antall_innsikter:
        gaps.append("Vi har ingen innsikt om denne gruppen ennå.")
    else:
        if not gruppe.egen_stemme:
            gaps.append("Ingen av funnene kommer direkte fra folk i gruppen selv.")
        if not gruppe.bredt:
            gaps.append(
                "Ingen av funnene bygger på mange svar eller data. Det vi har, er enkelte "
                "historier, samtaler, møter eller observasjoner."
            )
        newest = gruppe.nyeste
        if newest and newest < today.replace(year=today.year - STALE_AFTER_YEARS):
            gaps.append(
                f"Det nyeste funnet er fra {newest:%Y}. Vi vet ingenting som er nyere enn "
                f"{STALE_AFTER_YEARS} år."
            )
        missing = [s.label.lower() for s in seksjoner if s.kategori != OTHER and not s.finnes]
        if missing:
            gaps.append("Vi har ingen funn om dette for gruppen: " + "; ".join(missing) + ".")
    if not gruppe.antall_eksempler:
        gaps.append("Skattekisten har ingen eksempler der politiet har involvert gruppen.")
    return gaps
