"""«Hva vet vi om <gruppe>?»: one read that answers a leader.

A group can have tens of thousands of insights, so nothing here aggregates all of them:
lists are short (LIMIT), counts come from Gruppetall (kept up to date by triggers), and
yes/no facts are EXISTS subqueries on the group's own row. The page costs the same for 10
or 50 000 insights: one query for the group and its facts, one for the findings of every
need, two for their sources and needs.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.text import sort_norwegian
from skattekiste.felles.vokabular import Innbyggergruppe

# Insight older than this is flagged as possibly out of date.
STALE_AFTER_YEARS = 3
PER_SECTION = 5
MAX_EXAMPLES = 12
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
        bredt=Exists(published.filter(styrke=Innsikt.Styrke.BREDT_GRUNNLAG)),
    )


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
    innsikter = Innsikt.objects.published().filter(grupper=gruppe)
    eksempler_qs = Eksempel.objects.published().filter(grupper=gruppe)

    candidates = _strongest_per_need(innsikter)
    seksjoner = _sections_once_each(candidates)
    shown = [i for s in seksjoner for i in s.innsikter]
    prefetch_related_objects(
        shown, Prefetch("kilder", queryset=Kilde.objects.order_by("tittel")), "behov"
    )
    eksempler = list(eksempler_qs.for_listing().newest_first()[:MAX_EXAMPLES])
    stamps = [s for s in [gruppe.sist_endret, *(e.oppdatert for e in eksempler)] if s]
    return GroupSummary(
        gruppe=gruppe,
        kort_fortalt=sorted(shown, key=_rank)[:SHORT_LINES],
        seksjoner=[s for s in seksjoner if s.finnes],
        antall_innsikter=gruppe.antall_innsikter,
        eksempler=eksempler,
        antall_eksempler=gruppe.antall_eksempler,
        metoder=_methods_used(innsikter, eksempler_qs),
        kilder=sort_norwegian(_unique(k for i in shown for k in i.kilder.all()), key=str),
        mangler=_gaps(gruppe, seksjoner, today),
        sist_oppdatert=max(stamps) if stamps else None,
    )


def _rank(innsikt):
    """Strongest first, then newest: the order of the index innsikt_innsikt_styrke_dato."""
    return (-innsikt.styrke, -innsikt.dato.toordinal(), -innsikt.pk)


def _unique(items):
    seen = {}
    for item in items:
        seen.setdefault(item.pk, item)
    return list(seen.values())


def _strongest_per_need(innsikter):
    """Per need category, the strongest and newest few insights that concern it: one query.

    A UNION ALL of one short index walk per category; an insight may come back under
    several categories.
    """
    through = Innsikt.behov.through
    parts = []
    for kategori in NEED_HEADINGS:
        if kategori == OTHER:
            concerns = ~Exists(through.objects.filter(innsikt=OuterRef("pk")))
        else:
            concerns = Exists(
                through.objects.filter(innsikt=OuterRef("pk"), behov__kategori=kategori)
            )
        # Ids first: the walk stays in the index and reads only the rows it keeps.
        ids = innsikter.filter(concerns).order_by("-styrke", "-dato", "-pk")[: PER_SECTION + 1]
        parts.append(
            Innsikt.objects.filter(pk__in=ids.values("pk")).annotate(seksjon=Value(str(kategori)))
        )
    by_need = defaultdict(list)
    for innsikt in parts[0].union(*parts[1:], all=True):
        by_need[innsikt.seksjon].append(innsikt)
    return by_need


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


def _methods_used(innsikter, eksempler_qs):
    """Methods used with the group: one EXISTS probe per method card, so nine at most."""
    in_examples = Eksempel.metoder.through.objects.filter(
        metode=OuterRef("pk"), eksempel__in=eksempler_qs.values("pk")
    )
    in_sources = Innsikt.kilder.through.objects.filter(
        kilde__metode=OuterRef("pk"), innsikt__in=innsikter.values("pk")
    )
    return list(Metode.objects.filter(Exists(in_examples) | Exists(in_sources)).order_by("nummer"))


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
